import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import type { Translate } from '../i18n/index.js';
import { formatDate, formatDateTime, stockholmParts } from '../time.js';
import { unreadCount } from './queries.js';
import type { WaitingItem } from './waiting.js';

/** The header link to the inbox with the number of unread notifications: "Inkorg (3)". */
export async function InboxLink(props: { c: Context<AppEnv> }) {
  const c = props.c;
  const actor = c.get('actor');
  if (actor?.kind !== 'person') return null;
  const t = c.get('t');
  const n = await unreadCount(c.get('deps').database.db, actor.personId);
  return (
    <a href="/inbox">
      {t('inbox.title')} ({n}
      <span class="visually-hidden"> {t('inbox.headerLinkUnread')}</span>)
    </a>
  );
}

export function unreadText(t: Translate, n: number): string {
  return t('inbox.unreadCount', { count: n });
}

/** A due date: the date alone at midnight, with the time otherwise. */
function formatDue(d: Date): string {
  const p = stockholmParts(d);
  return p.hour === 0 && p.minute === 0 ? formatDate(d) : formatDateTime(d);
}

/** "Väntar på dig" on the home page: the waiting items and the unread count. */
export function WaitingSection(props: { t: Translate; items: WaitingItem[]; unread: number; now: Date }) {
  const { t, items, unread, now } = props;
  return (
    <section aria-labelledby="home-waiting" class="waiting">
      <h2 id="home-waiting">{t('inbox.waiting.title')}</h2>
      {items.length === 0 ? (
        <p>{t('inbox.waiting.empty')}</p>
      ) : (
        <ul class="waiting-list" aria-label={t('inbox.waiting.listLabel')}>
          {items.map((item) => (
            <li>
              <a href={item.link}>{item.title}</a>
              {item.due ? (
                <>
                  {' '}
                  <span class="muted">
                    – <time datetime={item.due.toISOString()}>{t('inbox.waiting.due', { date: formatDue(item.due) })}</time>
                  </span>
                  {item.due.getTime() < now.getTime() ? (
                    <>
                      {' '}
                      <strong class="overdue">{t('inbox.waiting.overdue')}</strong>
                    </>
                  ) : null}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        {unreadText(t, unread)} <a href="/inbox">{t('inbox.waiting.toInbox')}</a>
      </p>
    </section>
  );
}
