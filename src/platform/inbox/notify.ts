import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { people } from '../auth/schema.js';
import { isLang, translator, type Lang } from '../i18n/index.js';
import { enqueueBatch, mailItem } from '../outbox/outbox.js';
import { safeLocalPath } from '../http/redirect.js';
import { kindLabel, notificationKind } from './kinds.js';
import { notificationPreferences, notifications, type Delivery } from './schema.js';

export { defineNotificationKind, registerNotificationKind } from './kinds.js';

interface NotifyInput {
  /** Who gets it (duplicates are ignored). */
  personIds: readonly string[];
  /** A kind declared in a module manifest (notificationKinds). */
  kind: string;
  title: string;
  body?: string | null | undefined;
  /** Relative URL of the object, e.g. `/meetings/123`. */
  link: string;
  objectType?: string | null | undefined;
  objectId?: string | null | undefined;
}

interface NotifyOptions {
  /** The instant of the notification (a command's ctx.now); the database's now() otherwise. */
  now?: Date | undefined;
  /** Base of the links in e-mail: the configuration's PUBLIC_URL (ctx.config.PUBLIC_URL in a command). */
  publicUrl: string;
  /**
   * People who already got this event in another e-mail (such as a calendar invitation):
   * their notification is kept in the inbox only (delivery 'off'), neither mailed nor digested.
   */
  mailedElsewhere?: ReadonlySet<string> | undefined;
}

interface NotifyResult {
  notifications: { id: string; personId: string; delivery: Delivery }[];
  /** How many immediate e-mails were put in the outbox. */
  emailed: number;
}

/** An absolute URL for a relative link, on the configured (or given) public URL. */
export function absoluteUrl(link: string, publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${link}`;
}

/** True for a local path (the rule of safeLocalPath), with no white space either. */
export function isRelativeLink(link: string): boolean {
  return safeLocalPath(link) === link && !/[\s\u007f]/.test(link);
}

/** A mail subject: one line, not too long. */
export function subjectLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function mailLang(language: string | null | undefined): Lang {
  return isLang(language) ? language : 'sv';
}

/**
 * Puts a notification in the inbox of each person, inside the caller's business
 * transaction. Each person's preference for the kind (the kind's default when they have not
 * chosen) decides the e-mail: 'immediate' puts one in the outbox now, 'digest' leaves it
 * for the daily digest, 'off' sends none. The notification is in the inbox in every case.
 * People without an e-mail address, or who have left, get no e-mail.
 */
export async function notify(tx: DbOrTx, input: NotifyInput, options: NotifyOptions): Promise<NotifyResult> {
  const kind = notificationKind(input.kind);
  if (!kind) throw new Error(`Unknown notification kind "${input.kind}": declare it in a module manifest's notificationKinds`);
  if (!isRelativeLink(input.link)) throw new Error(`A notification link must be a local path starting with "/", got "${input.link}"`);
  const title = input.title.trim();
  if (!title) throw new Error('A notification needs a title');
  const body = input.body?.trim() || null;
  const personIds = [...new Set(input.personIds)];
  if (personIds.length === 0) return { notifications: [], emailed: 0 };

  const chosen = await tx
    .select({ personId: notificationPreferences.personId, delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.kind, kind.kind), inArray(notificationPreferences.personId, personIds)));
  const preference = new Map(chosen.map((p) => [p.personId, p.delivery]));
  const recipients = await tx.select({ id: people.id, name: people.name, email: people.email, language: people.language, status: people.status }).from(people).where(inArray(people.id, personIds));
  const byId = new Map(recipients.map((r) => [r.id, r]));
  const mailable = (personId: string) => {
    const person = byId.get(personId);
    return person?.email && person.status === 'active' ? person : undefined;
  };
  const deliveryOf = (personId: string): Delivery => (options.mailedElsewhere?.has(personId) ? 'off' : (preference.get(personId) ?? kind.defaultDelivery));

  const now = options.now;
  const rows = await tx
    .insert(notifications)
    .values(
      personIds.map((personId) => {
        const delivery = deliveryOf(personId);
        const mailNow = delivery === 'immediate' && mailable(personId) !== undefined;
        return {
          personId,
          kind: kind.kind,
          title,
          body,
          link: input.link,
          objectType: input.objectType ?? null,
          objectId: input.objectId ?? null,
          delivery,
          ...(now ? { createdAt: now } : {}),
          emailedAt: mailNow ? (now ?? new Date()) : null,
        };
      }),
    )
    .returning({ id: notifications.id, personId: notifications.personId, delivery: notifications.delivery, emailedAt: notifications.emailedAt });

  const mails = rows.flatMap((row) => {
    const person = row.emailedAt ? mailable(row.personId) : undefined;
    if (!person?.email) return [];
    const lang = mailLang(person.language);
    const t = translator(lang);
    const text = [
      title,
      body ?? '',
      t('inbox.mail.open', { url: absoluteUrl(input.link, options.publicUrl) }),
      `-- \n${t('inbox.mail.footer', { kind: kindLabel(kind.kind, lang), url: absoluteUrl('/inbox/preferences', options.publicUrl) })}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    return [mailItem({ to: [person.email], subject: subjectLine(title), text })];
  });
  if (mails.length) await enqueueBatch(tx, mails);

  return { notifications: rows.map(({ id, personId, delivery }) => ({ id, personId, delivery })), emailed: mails.length };
}
