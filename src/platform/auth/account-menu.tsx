import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { CsrfInput } from '../views/components.js';
import { InboxLink } from '../inbox/views.js';
import { csrfToken } from './middleware.js';

/** The header's account area: log in, or the person's name, account and log out. */
export function AccountMenu(props: { c: Context<AppEnv> }) {
  const c = props.c;
  const t = c.get('t');
  const actor = c.get('actor');
  if (!actor || actor.kind !== 'person') {
    const url = new URL(c.req.url);
    const next = url.pathname === '/login' ? '/' : url.pathname + url.search;
    return <a href={`/login?next=${encodeURIComponent(next)}`}>{t('auth.login')}</a>;
  }
  return (
    <>
      <InboxLink c={c} />
      <a href="/account">{actor.name}</a>
      {actor.isAdmin ? <a href="/admin">{t('admin.title')}</a> : null}
      <form method="post" action="/logout" class="inline-form">
        <CsrfInput token={csrfToken(c)} />
        <button type="submit" class="linklike">
          {t('auth.logout')}
        </button>
      </form>
    </>
  );
}
