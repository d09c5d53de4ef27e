import { Hono, type MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { NotFoundError } from '../http/errors.js';
import { pageQuery } from '../http/paging.js';
import { renderPage } from '../http/render.js';
import { parseOrThrow } from '../http/validation.js';
import type { MessageKey, Translate } from '../i18n/index.js';
import { formatDateTime } from '../time.js';
import { Pager } from '../views/components.js';
import { MAIL_KIND } from './mail-payload.js';
import { getMail, listMail, listOpenOutbox } from './queries.js';
import type { OutboxStatus } from './schema.js';

const SHOWN_RECIPIENTS = 2;

const STATUS_LABEL: Record<OutboxStatus, MessageKey> = {
  pending: 'outbox.status.pending',
  processing: 'outbox.status.processing',
  done: 'outbox.status.done',
  dead: 'outbox.status.dead',
};

function recipients(t: Translate, to: string[]): string {
  const shown = to.slice(0, SHOWN_RECIPIENTS).join(', ');
  return to.length > SHOWN_RECIPIENTS ? `${shown} ${t('mailLog.more', { count: to.length - SHOWN_RECIPIENTS })}` : shown;
}

/** Preformatted text in a scrollable region that keyboard users can reach. */
function Preformatted(props: { label: string; children: Child }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex={0}>
      <pre>{props.children}</pre>
    </div>
  );
}

/**
 * Administrator pages for outgoing mail (/admin/mail, /admin/mail/:id) and the outbox
 * queue (/admin/outbox). Every route is behind `guard` when one is given.
 */
export function outboxAdminPages(guard?: MiddlewareHandler<AppEnv>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  if (guard) {
    for (const path of ['/admin/mail', '/admin/mail/*', '/admin/outbox', '/admin/outbox/*']) app.use(path, guard);
  }

  app.get('/admin/mail', async (c) => {
    const t = c.get('t');
    const { page } = parseOrThrow(pageQuery, c.req.query(), c.get('t'));
    const deps = c.get('deps');
    const list = await listMail(deps.database.db, page);
    return renderPage(
      c,
      { title: t('mailLog.list.title'), breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('mailLog.list.title') }] },
      <>
        <h1>{t('mailLog.list.title')}</h1>
        <p>{t('mailLog.list.intro')}</p>
        {deps.config.SMTP_URL ? null : <p class="flash">{t('mailLog.list.keptNotice')}</p>}
        {list.items.length === 0 ? (
          <p>{t('mailLog.list.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{t('mailLog.list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mailLog.created')}</th>
                  <th scope="col">{t('mailLog.subject')}</th>
                  <th scope="col">{t('mailLog.to')}</th>
                  <th scope="col">{t('mailLog.transport')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((m) => (
                  <tr>
                    <td>
                      <time datetime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt)}</time>
                    </td>
                    <td>
                      <a href={`/admin/mail/${m.id}`}>{m.subject}</a>
                    </td>
                    <td>{recipients(t, m.to)}</td>
                    <td>{t(`mailLog.transport.${m.transport}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager t={t} page={list.page} pages={list.pages} href={(p) => `/admin/mail?page=${p}`} />
      </>,
    );
  });

  app.get('/admin/mail/:id', async (c) => {
    const t = c.get('t');
    const id = z.uuid().safeParse(c.req.param('id'));
    const mail = id.success ? await getMail(c.get('deps').database.db, id.data) : undefined;
    if (!mail) throw new NotFoundError();
    return renderPage(
      c,
      {
        title: mail.subject,
        breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: '/admin/mail', label: t('mailLog.list.title') }, { label: mail.subject }],
      },
      <>
        <h1>{mail.subject}</h1>
        <div class="table-wrap">
          <table>
            <caption>{t('mailLog.details')}</caption>
            <tbody>
              <tr>
                <th scope="row">{t('mailLog.from')}</th>
                <td>{mail.from}</td>
              </tr>
              <tr>
                <th scope="row">{t('mailLog.to')}</th>
                <td>{mail.to.join(', ')}</td>
              </tr>
              <tr>
                <th scope="row">{t('mailLog.created')}</th>
                <td>
                  <time datetime={mail.createdAt.toISOString()}>{formatDateTime(mail.createdAt)}</time>
                </td>
              </tr>
              <tr>
                <th scope="row">{t('mailLog.transport')}</th>
                <td>{t(`mailLog.transport.${mail.transport}`)}</td>
              </tr>
              <tr>
                <th scope="row">{t('mailLog.sentAt')}</th>
                <td>{mail.sentAt ? <time datetime={mail.sentAt.toISOString()}>{formatDateTime(mail.sentAt)}</time> : t('mailLog.notSent')}</td>
              </tr>
              {mail.messageId ? (
                <tr>
                  <th scope="row">{t('mailLog.messageId')}</th>
                  <td>{mail.messageId}</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <h2>{t('mailLog.text')}</h2>
        <Preformatted label={t('mailLog.text')}>{mail.text}</Preformatted>
        {mail.html ? (
          <details>
            <summary>{t('mailLog.html')}</summary>
            <Preformatted label={t('mailLog.html')}>{mail.html}</Preformatted>
          </details>
        ) : null}
        {mail.icalendar ? (
          <details>
            <summary>{t('mailLog.icalendar')}</summary>
            <Preformatted label={t('mailLog.icalendar')}>{mail.icalendar}</Preformatted>
          </details>
        ) : null}
        <p>
          <a href="/admin/mail">{t('mailLog.back')}</a>
        </p>
      </>,
    );
  });

  app.get('/admin/outbox', async (c) => {
    const t = c.get('t');
    const { page } = parseOrThrow(pageQuery, c.req.query(), c.get('t'));
    const list = await listOpenOutbox(c.get('deps').database.db, page);
    return renderPage(
      c,
      { title: t('outbox.title'), breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('outbox.title') }] },
      <>
        <h1>{t('outbox.title')}</h1>
        <p>{t('outbox.intro')}</p>
        {list.items.length === 0 ? (
          <p>{t('outbox.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{t('outbox.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('outbox.createdAt')}</th>
                  <th scope="col">{t('outbox.kind')}</th>
                  <th scope="col">{t('outbox.status')}</th>
                  <th scope="col">{t('outbox.attempts')}</th>
                  <th scope="col">{t('outbox.runAt')}</th>
                  <th scope="col">{t('outbox.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((row) => (
                  <tr>
                    <td>
                      <time datetime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt)}</time>
                    </td>
                    <td>{row.kind === MAIL_KIND ? t('outbox.kind.mail') : row.kind}</td>
                    <td>{t(STATUS_LABEL[row.status])}</td>
                    <td>{t('outbox.attemptsOf', { attempts: row.attempts, max: row.maxAttempts })}</td>
                    <td>{row.status === 'pending' ? <time datetime={row.runAt.toISOString()}>{formatDateTime(row.runAt)}</time> : '–'}</td>
                    <td>{row.lastError ?? t('outbox.noError')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager t={t} page={list.page} pages={list.pages} href={(p) => `/admin/outbox?page=${p}`} />
      </>,
    );
  });

  return app;
}

/** Mounts the outbox administrator pages on `app`, every route behind `guard`. */
export function mountOutboxAdmin(app: Hono<AppEnv>, guard: MiddlewareHandler<AppEnv>): void {
  app.route('/', outboxAdminPages(guard));
}
