import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.js';
import { renderPage } from '../../platform/http/render.js';
import { readForm, runCommand, tryCommand } from '../../platform/http/forms.js';
import { setFlash } from '../../platform/http/flash.js';
import type { FieldError } from '../../platform/http/errors.js';
import { requireLogin } from '../../platform/auth/middleware.js';
import { ActionButtonForm, CsrfInput } from '../../platform/views/components.js';
import { ErrorSummary, Field, SelectField } from '../../platform/views/fields.js';
import { formatDateTime } from '../../platform/time.js';
import { bodiesOfPerson } from '../structure/index.js';
import { createFeed, revokeFeed } from './commands/index.js';
import { feedByToken, feedsOf, webcalUrl } from './feeds.js';

/**
 * /calendar: a person's subscribable calendar links (create, revoke); the new link is
 * shown once. /calendar/<token>.ics: the feed itself, for calendar apps (no login: the
 * secret token is the key).
 */

interface PageExtra {
  errors?: FieldError[];
  values?: Record<string, string>;
  created?: { url: string; name: string };
  status?: number;
}

async function calendarPage(c: Context<AppEnv>, extra: PageExtra = {}) {
  const t = c.get('t');
  const actor = c.get('actor');
  if (actor.kind !== 'person') throw new Error('unreachable');
  const db = c.get('deps').database.db;
  const [feeds, memberOf] = await Promise.all([feedsOf(db, actor.personId), bodiesOfPerson(db, actor.personId)]);
  const bodyOptions = [...new Map(memberOf.map((b) => [b.bodyId, `${b.bodyName} (${b.structureName})`])).entries()];
  const csrf = c.get('csrfToken');
  // The choice of meetings is one field ("what"), sent as a scope and a body.
  const errors = (extra.errors ?? []).map((e) => (e.field === 'bodyId' || e.field === 'scope' ? { ...e, field: 'what' } : e));
  const values = extra.values ?? {};
  const choice = values.what ?? 'person';
  return renderPage(
    c,
    { title: t('calendar.title'), status: extra.status, breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('calendar.title') }] },
    <>
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.intro')}</p>
      {extra.created ? (
        <div class="flash flash-success" role="status">
          <p>{t('calendar.newUrl')}</p>
          <p>
            <code id="new-calendar-url">{extra.created.url}</code>
          </p>
          <p>
            <a href={webcalUrl(extra.created.url)}>{t('calendar.subscribe')}</a>
          </p>
        </div>
      ) : null}
      <section aria-labelledby="feeds-heading">
        <h2 id="feeds-heading">{t('calendar.feeds')}</h2>
        {feeds.length === 0 ? (
          <p>{t('calendar.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('calendar.name')}</th>
                  <th scope="col">{t('calendar.scope')}</th>
                  <th scope="col">{t('calendar.created')}</th>
                  <th scope="col">{t('calendar.lastUsed')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('calendar.revoke')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {feeds.map(({ feed, bodyName }) => (
                  <tr>
                    <td>
                      {feed.name} <code>{feed.prefix}…</code>
                    </td>
                    <td>{feed.scope === 'body' ? t('calendar.scope.body', { body: bodyName ?? '' }) : t('calendar.scope.person')}</td>
                    <td>{formatDateTime(feed.createdAt)}</td>
                    <td>{feed.lastUsedAt ? formatDateTime(feed.lastUsedAt) : t('calendar.never')}</td>
                    <td>
                      <ActionButtonForm csrf={csrf} action="/calendar/feeds/revoke" values={{ feedId: feed.id }} label={t('calendar.revoke')} accessibleName={`${t('calendar.revoke')} ${feed.name}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="create-heading">
        <h2 id="create-heading">{t('calendar.createTitle')}</h2>
        {bodyOptions.length === 0 ? <p>{t('calendar.noBodies')}</p> : null}
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action="/calendar/feeds" novalidate>
          <CsrfInput token={csrf} />
          <SelectField
            t={t}
            name="what"
            label={t('calendar.what')}
            value={choice}
            errors={errors}
            options={[{ value: 'person', label: t('calendar.scope.person') }, ...bodyOptions.map(([id, label]) => ({ value: id, label: t('calendar.scope.body', { body: label }) }))]}
          />
          <Field t={t} name="name" label={t('calendar.name')} hint={t('calendar.nameHint')} value={values.name} errors={errors} maxlength={100} />
          <button type="submit" class="button">
            {t('calendar.create')}
          </button>
        </form>
      </section>
    </>,
  );
}

export function calendarPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/calendar', requireLogin);
  app.use('/calendar/feeds', requireLogin);
  app.use('/calendar/feeds/*', requireLogin);

  app.get('/calendar', (c) => calendarPage(c));

  app.post('/calendar/feeds', async (c) => {
    const values = await readForm(c);
    const what = values.what ?? 'person';
    const input = what === 'person' ? { scope: 'person', name: values.name } : { scope: 'body', bodyId: what, name: values.name };
    const result = await tryCommand(c, createFeed, input);
    if (!result.ok) return calendarPage(c, { errors: result.errors, values, status: result.status });
    return calendarPage(c, { created: { url: result.value.url, name: result.value.name } });
  });

  app.post('/calendar/feeds/revoke', async (c) => {
    const values = await readForm(c);
    await runCommand(c, revokeFeed, { feedId: values.feedId ?? '' });
    setFlash(c, { kind: 'success', message: c.get('t')('calendar.revoked') });
    return c.redirect('/calendar', 303);
  });

  // The feed: the token is the whole authority, so nothing here depends on a session.
  app.get('/calendar/:file{[A-Za-z0-9_-]{10,200}\\.ics}', async (c) => {
    const token = c.req.param('file').slice(0, -'.ics'.length);
    const { database, config } = c.get('deps');
    const found = await feedByToken(database.db, token, { publicUrl: config.PUBLIC_URL });
    if (!found) return c.text('Not found', 404, { 'cache-control': 'no-store' });
    return c.body(found.ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="samverka.ics"',
      'cache-control': 'private, max-age=300',
    });
  });

  return app;
}
