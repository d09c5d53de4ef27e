import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { problem } from './problem.js';
import { renderPage } from './render.js';
import { anonymous } from '../auth/actor.js';
import { RETRY_AFTER_SECONDS } from '../db/unavailable.js';

/**
 * The answer while the database cannot be reached: 503 with Retry-After, as problem
 * details in the API and as a page otherwise. The page is drawn for an anonymous visitor,
 * as the header of a signed-in person reads the database (the inbox count).
 */
export async function databaseUnavailable(c: Context<AppEnv>, api: boolean): Promise<Response> {
  const res = api
    ? problem(c, 503, 'database-unavailable', 'Service Unavailable', `The database cannot be reached right now. Try again in ${RETRY_AFTER_SECONDS} seconds (Retry-After).`)
    : await unavailablePage(c);
  res.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
  return res;
}

function unavailablePage(c: Context<AppEnv>): Promise<Response> {
  const t = c.get('t');
  const here = new URL(c.req.url);
  // a link can repeat a read, not a form that was sent
  const retryable = c.req.method === 'GET' || c.req.method === 'HEAD';
  c.set('actor', anonymous);
  return renderPage(
    c,
    { title: t('error.unavailable.title'), status: 503 },
    <>
      <h1>{t('error.unavailable.title')}</h1>
      <p>{t('error.unavailable.detail')}</p>
      <p>{retryable ? <a href={here.pathname + here.search}>{t('error.unavailable.retry')}</a> : <a href="/">{t('error.backHome')}</a>}</p>
    </>,
  );
}
