import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, DbOrTx } from '../db/client.js';
import { people } from '../auth/schema.js';
import { translator } from '../i18n/index.js';
import { enqueue, enqueueBatch, mailItem, PermanentJobError, defineJob } from '../outbox/outbox.js';
import { formatDate, stockholmParts, stockholmTime } from '../time.js';
import { absoluteUrl, mailLang, subjectLine } from './notify.js';
import { notifications } from './schema.js';

/*
 * The daily digest: at 07:00 Europe/Stockholm every day, each person's notifications that
 * wait for the digest (delivery 'digest', not yet digested) from the last day become one
 * e-mail, and are marked digested. One outbox row per date (dedupeKey), so the digest of a
 * date is scheduled once however many processes start; each run schedules the next date
 * first, and every start of the app makes sure the coming run is scheduled.
 */

export const DIGEST_JOB = 'inbox.dailyDigest';
const DIGEST_HOUR = 7;
/** Notifications listed in one digest mail; the rest are counted. */
const DIGEST_MAX_ITEMS = 50;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const digestPayload = z.object({ date: isoDate });

/** The Stockholm calendar date of an instant, as YYYY-MM-DD. */
export function stockholmDate(d: Date): string {
  const p = stockholmParts(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A calendar date plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 07:00 in Stockholm on a date (daylight saving included). */
export function digestTime(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return stockholmTime(y, m, d, DIGEST_HOUR, 0);
}

export function digestDedupeKey(date: string): string {
  return `${DIGEST_JOB}:${date}`;
}

/** Puts the digest of one date in the outbox (ignored when that date's row exists). */
export async function enqueueDigest(db: DbOrTx, date: string): Promise<boolean> {
  const row = await enqueue(db, { kind: DIGEST_JOB, payload: { date }, runAt: digestTime(date), dedupeKey: digestDedupeKey(date) });
  return row !== undefined;
}

/**
 * Makes sure the daily digest is scheduled (call at start-up; safe to call any number of
 * times, from any number of processes): today's run (at once when 07:00 has passed and it
 * never ran, e.g. the app was down), and tomorrow's once today's time has passed.
 */
export async function scheduleDailyDigest(db: DbOrTx, now: Date = new Date()): Promise<void> {
  const today = stockholmDate(now);
  await enqueueDigest(db, today);
  if (now.getTime() >= digestTime(today).getTime()) await enqueueDigest(db, addDays(today, 1));
}

interface DigestSummary {
  /** Mails put in the outbox. */
  mails: number;
  /** Notifications marked digested (including those of people who get no mail). */
  notifications: number;
}

/**
 * The digest of one date: the notifications waiting for a digest created from 07:00 the day
 * before until `now`, one mail per person, all in one transaction that also marks them
 * digested. Running it again sends nothing more.
 */
export async function runDailyDigest(database: Pick<Database, 'db'>, options: { date: string; now?: Date; publicUrl: string }): Promise<DigestSummary> {
  const now = options.now ?? new Date();
  const since = digestTime(addDays(options.date, -1));
  return database.db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: notifications.id,
        personId: notifications.personId,
        title: notifications.title,
        body: notifications.body,
        link: notifications.link,
        name: people.name,
        email: people.email,
        language: people.language,
        status: people.status,
      })
      .from(notifications)
      .innerJoin(people, eq(people.id, notifications.personId))
      .where(and(eq(notifications.delivery, 'digest'), isNull(notifications.digestedAt), gte(notifications.createdAt, since), lte(notifications.createdAt, now)))
      .orderBy(asc(notifications.personId), asc(notifications.createdAt), asc(notifications.id))
      .for('update', { of: notifications, skipLocked: true });
    if (due.length === 0) return { mails: 0, notifications: 0 };

    const byPerson = new Map<string, typeof due>();
    for (const row of due) {
      const list = byPerson.get(row.personId);
      if (list) list.push(row);
      else byPerson.set(row.personId, [row]);
    }
    const mails = [];
    for (const rows of byPerson.values()) {
      const person = rows[0]!;
      if (!person.email || person.status !== 'active') continue;
      const t = translator(mailLang(person.language));
      const url = (link: string) => absoluteUrl(link, options.publicUrl);
      const listed = rows.slice(0, DIGEST_MAX_ITEMS).map((r) => [`• ${r.title}`, ...(r.body ? [indent(r.body)] : []), `  ${url(r.link)}`].join('\n'));
      const text = [
        t('inbox.digest.greeting', { name: person.name }),
        t('inbox.digest.intro', { count: rows.length }),
        ...listed,
        ...(rows.length > DIGEST_MAX_ITEMS ? [t('inbox.digest.more', { count: rows.length - DIGEST_MAX_ITEMS })] : []),
        t('inbox.digest.inbox', { url: url('/inbox') }),
        `-- \n${t('inbox.digest.footer', { url: url('/inbox/preferences') })}`,
      ].join('\n\n');
      mails.push(
        mailItem({
          to: [person.email],
          subject: subjectLine(t('inbox.digest.subject', { date: formatDate(digestTime(options.date)) })),
          text,
        }),
      );
    }
    if (mails.length) await enqueueBatch(tx, mails);
    await tx
      .update(notifications)
      .set({ digestedAt: now })
      .where(
        inArray(
          notifications.id,
          due.map((r) => r.id),
        ),
      );
    return { mails: mails.length, notifications: due.length };
  });
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

export const digestJob = defineJob(DIGEST_JOB, async (job, ctx) => {
  const parsed = digestPayload.safeParse(job.payload);
  if (!parsed.success) throw new PermanentJobError(`Invalid digest payload: ${parsed.error.message}`);
  const { date } = parsed.data;
  // The next run first, so that a failing digest does not end the daily chain.
  await enqueueDigest(ctx.database.db, addDays(date, 1));
  const summary = await runDailyDigest(ctx.database, { date, publicUrl: ctx.config.PUBLIC_URL });
  ctx.logger.info({ date, ...summary }, 'daily digest');
});
