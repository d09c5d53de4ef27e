import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import type { NavItem } from '../views/layout.js';
import { CsrfInput } from '../views/components.js';
import { InboxLink } from '../inbox/views.js';
import { extensionPoint, installed } from '../registry.js';
import { csrfToken } from './middleware.js';

/**
 * The signed-in person's own pages in the header, after "Mitt konto" (the calendar links,
 * the person's actions …): a module contributes a hook through its manifest's
 * `contributions`.
 */
export type PersonMenuHook = (c: Context<AppEnv>) => NavItem[];
export const PERSON_MENU = extensionPoint<PersonMenuHook>('platform.personMenu');

/** The header's account area: log in, or the person's inbox, account, own pages and log out. */
export function AccountMenu(props: { c: Context<AppEnv> }) {
  const c = props.c;
  const t = c.get('t');
  const actor = c.get('actor');
  if (!actor || actor.kind !== 'person') {
    const url = new URL(c.req.url);
    const next = url.pathname === '/login' ? '/' : url.pathname + url.search;
    return <a href={`/login?next=${encodeURIComponent(next)}`}>{t('auth.login')}</a>;
  }
  const path = new URL(c.req.url).pathname;
  const item = (href: string, label: string) => (
    <a href={href} aria-current={href === path ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <span class="account-name">{t('auth.signedInAs', { name: actor.name })}</span>
      <InboxLink c={c} />
      {item('/account', t('auth.account'))}
      {installed()
        .all(PERSON_MENU)
        .flatMap((hook) => hook(c))
        .map((i) => item(i.href, i.label))}
      {actor.isAdmin ? item('/admin', t('admin.title')) : null}
      <form method="post" action="/logout" class="inline-form">
        <CsrfInput token={csrfToken(c)} />
        <button type="submit" class="linklike">
          {t('auth.logout')}
        </button>
      </form>
    </>
  );
}
