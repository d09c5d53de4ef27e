import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { readForm, runCommand, tryCommand } from '../http/forms.js';
import { setFlash } from '../http/flash.js';
import { pageQuery } from '../http/paging.js';
import { parseOrThrow } from '../http/validation.js';
import type { FieldError } from '../http/errors.js';
import type { MessageKey } from '../i18n/index.js';
import { CsrfInput, Pager } from '../views/components.js';
import { ErrorSummary } from '../views/fields.js';
import { requireLogin, csrfToken } from '../auth/middleware.js';
import { formatDateTime } from '../time.js';
import { kindLabel } from './kinds.js';
import { effectivePreferences, listNotifications, unreadCount } from './queries.js';
import { DELIVERIES, type Delivery } from './schema.js';
import { markNotificationRead } from './commands/mark-read.js';
import { markAllNotificationsRead } from './commands/mark-all-read.js';
import { setNotificationPreferences } from './commands/set-preferences.js';
import { unreadText } from './views.js';

const PREF_FIELD = 'preferences.';

const DELIVERY_LABEL: Record<Delivery, MessageKey> = {
  immediate: 'inbox.delivery.immediate',
  digest: 'inbox.delivery.digest',
  off: 'inbox.delivery.off',
};

function personId(c: Context<AppEnv>): string {
  const actor = c.get('actor');
  if (actor.kind !== 'person') throw new Error('unreachable: behind requireLogin');
  return actor.personId;
}

const inboxHref = (page: number) => (page > 1 ? `/inbox?page=${page}` : '/inbox');

async function inboxPage(c: Context<AppEnv>) {
  const t = c.get('t');
  const lang = c.get('lang');
  const db = c.get('deps').database.db;
  const me = personId(c);
  const { page } = parseOrThrow(pageQuery, c.req.query(), t);
  const [list, unread] = [await listNotifications(db, me, page), await unreadCount(db, me)];
  const csrf = csrfToken(c);
  return renderPage(
    c,
    { title: t('inbox.title'), breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('inbox.title') }] },
    <>
      <h1>{t('inbox.title')}</h1>
      <p>{t('inbox.intro')}</p>
      <p>
        <strong>{unreadText(t, unread)}</strong>
      </p>
      <p>
        <a href="/inbox/preferences">{t('inbox.preferencesLink')}</a>
      </p>
      {unread > 0 ? (
        <form method="post" action="/inbox/read-all">
          <CsrfInput token={csrf} />
          <button type="submit" class="button button-secondary">
            {t('inbox.markAllRead')}
          </button>
        </form>
      ) : null}
      {list.items.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <ol class="inbox-list" aria-label={t('inbox.listLabel')}>
          {list.items.map((n) => (
            <li class={n.readAt ? 'inbox-item' : 'inbox-item inbox-unread'}>
              <h2 class="inbox-title">
                {n.readAt ? null : <span class="badge">{t('inbox.unread')}: </span>}
                <a href={n.link}>{n.title}</a>
              </h2>
              <p class="muted">
                {kindLabel(n.kind, lang)} · {t('inbox.received')} <time datetime={n.createdAt.toISOString()}>{formatDateTime(n.createdAt)}</time>
              </p>
              {n.body ? <p class="inbox-body">{n.body}</p> : null}
              {n.readAt ? null : (
                <form method="post" action={`/inbox/${n.id}/read`}>
                  <CsrfInput token={csrf} />
                  <input type="hidden" name="page" value={String(list.page)} />
                  <button type="submit" class="button button-secondary">
                    {t('inbox.markRead')}
                    <span class="visually-hidden">: {n.title}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
      <Pager t={t} page={list.page} pages={list.pages} href={inboxHref} />
    </>,
  );
}

async function preferencesPage(c: Context<AppEnv>, extra: { errors?: FieldError[]; values?: Record<string, string>; status?: number } = {}) {
  const t = c.get('t');
  const prefs = await effectivePreferences(c.get('deps').database.db, personId(c), c.get('lang'));
  const errors = extra.errors ?? [];
  return renderPage(
    c,
    {
      title: t('inbox.preferences.title'),
      status: extra.status,
      breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: '/inbox', label: t('inbox.title') }, { label: t('inbox.preferences.title') }],
    },
    <>
      <h1>{t('inbox.preferences.title')}</h1>
      <p>{t('inbox.preferences.intro')}</p>
      <p>{t('inbox.preferences.explain')}</p>
      <ErrorSummary t={t} errors={errors} />
      {prefs.length === 0 ? (
        <p>{t('inbox.preferences.none')}</p>
      ) : (
        <form method="post" action="/inbox/preferences">
          <CsrfInput token={csrfToken(c)} />
          {prefs.map((p, i) => {
            const field = `${PREF_FIELD}${p.kind}`;
            const error = errors.find((e) => e.field === field);
            const selected = extra.values?.[field] ?? p.delivery;
            return (
              <fieldset class={error ? 'field-error' : undefined} aria-describedby={error ? `pref-${i}-error` : undefined}>
                <legend>{p.label}</legend>
                {error ? (
                  <p class="error-message" id={`pref-${i}-error`}>
                    {error.message}
                  </p>
                ) : null}
                {DELIVERIES.map((d, j) => {
                  const id = j === 0 ? `field-${field}` : `pref-${i}-${d}`;
                  return (
                    <div class="radio">
                      <input type="radio" id={id} name={field} value={d} checked={selected === d} />
                      <label for={id}>{t(DELIVERY_LABEL[d])}</label>
                    </div>
                  );
                })}
              </fieldset>
            );
          })}
          <button type="submit" class="button">
            {t('form.save')}
          </button>
        </form>
      )}
    </>,
  );
}

export function inboxPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/inbox', requireLogin);
  app.use('/inbox/*', requireLogin);

  app.get('/inbox', (c) => inboxPage(c));

  app.post('/inbox/read-all', async (c) => {
    await runCommand(c, markAllNotificationsRead, {});
    setFlash(c, { kind: 'success', message: c.get('t')('inbox.markedAllRead') });
    return c.redirect('/inbox', 303);
  });

  app.post('/inbox/:id/read', async (c) => {
    const values = await readForm(c);
    await runCommand(c, markNotificationRead, { notificationId: c.req.param('id') });
    const page = Number(values.page);
    setFlash(c, { kind: 'success', message: c.get('t')('inbox.markedRead') });
    return c.redirect(inboxHref(Number.isInteger(page) && page > 0 ? page : 1), 303);
  });

  app.get('/inbox/preferences', (c) => preferencesPage(c));

  app.post('/inbox/preferences', async (c) => {
    const values = await readForm(c);
    const preferences: Record<string, string> = {};
    for (const [name, value] of Object.entries(values)) if (name.startsWith(PREF_FIELD)) preferences[name.slice(PREF_FIELD.length)] = value;
    const result = await tryCommand(c, setNotificationPreferences, { preferences });
    if (!result.ok) return preferencesPage(c, { errors: result.errors, values, status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('inbox.preferences.saved') });
    return c.redirect('/inbox/preferences', 303);
  });

  return app;
}
