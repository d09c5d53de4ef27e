import { and, eq, max, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { stockholmDay } from '../../platform/time.js';
import { itemNumbers, treeOrder, type NumberedItem } from '../meetings/index.js';
import { meetings, type Meeting } from '../meetings/schema.js';
import type { Body } from '../structure/schema.js';
import { minuteItems, type Decision, type Minutes } from './schema.js';

/*
 * The numbers of minutes items and decisions. Items are numbered as on the agenda (1, 2, 2.1,
 * 2.5.1: meetings/numbering.ts), or, where the body numbers its protocols by paragraph, with §
 * numbers running per body and calendar year (the first item of the year's first locked
 * minutes is § 1): stored in minute_items.paragraph when the minutes are locked, shown as
 * provisional numbers after the last locked § while in draft. A decision of such a body is
 * numbered by its §.
 */

type LabelBody = Pick<Body, 'name' | 'shortName'> & Partial<Pick<Body, 'paragraphNumbering'>>;

/** "§ 14" where the body numbers by paragraph, else "SAMS 2026:12": the body's short name (else its name), the year and the running number. */
export function decisionLabel(body: LabelBody, d: Pick<Decision, 'year' | 'number'>): string {
  if (body.paragraphNumbering) return paragraphLabel(d.number);
  return `${body.shortName?.trim() || body.name} ${d.year}:${d.number}`;
}

/** "§ 14". */
export const paragraphLabel = (n: number) => `§ ${n}`;

/** A minutes item as numbering needs it. */
export type NumberedMinuteItem = NumberedItem & Pick<typeof minuteItems.$inferSelect, 'paragraph'>;

/** The calendar year (Europe/Stockholm) a meeting belongs to for § numbering. */
export const paragraphYear = (meeting: Pick<Meeting, 'startsAt'>) => Number(stockholmDay(meeting.startsAt).slice(0, 4));

/** The last § locked in a body's minutes of a year (0 before the first). */
export async function lastParagraph(db: DbOrTx, bodyId: string, year: number): Promise<number> {
  const [row] = await db
    .select({ n: max(minuteItems.paragraph) })
    .from(minuteItems)
    .innerJoin(meetings, eq(meetings.id, minuteItems.meetingId))
    .where(and(eq(meetings.bodyId, bodyId), sql`extract(year from ${meetings.startsAt} at time zone 'Europe/Stockholm') = ${year}`));
  return row?.n ?? 0;
}

/**
 * The shown number of every item of one minutes, by item id (pure: see `minutesNumbers` for
 * the reading). `paragraphs` null: as on the agenda (`itemNumbers`). Otherwise every item in
 * tree order shows "§ N": its stored § when it has one, else (when `provisional`, i.e. the
 * minutes are not locked) the next after `last`; in locked minutes an item without a stored
 * § keeps its agenda number.
 */
export function minuteItemNumbers(items: readonly NumberedMinuteItem[], paragraphs: { last: number; provisional: boolean } | null): Map<string, string> {
  if (paragraphs?.provisional) return new Map([...provisionalParagraphs(items, paragraphs.last)].map(([id, n]) => [id, paragraphLabel(n)]));
  const plain = itemNumbers(items);
  if (!items.some((i) => i.paragraph !== null)) return plain;
  return new Map(treeOrder(items).map((item) => [item.id, item.paragraph !== null ? paragraphLabel(item.paragraph) : plain.get(item.id)!]));
}

/** The § each item of draft minutes would get now (stored ones kept), by item id; in tree order. */
export function provisionalParagraphs(items: readonly NumberedMinuteItem[], last: number): Map<string, number> {
  const out = new Map<string, number>();
  let next = last;
  for (const item of treeOrder(items)) out.set(item.id, item.paragraph ?? ++next);
  return out;
}

const locked = (m: Pick<Minutes, 'status'>) => m.status === 'approved' || m.status === 'final';

/**
 * The shown number of every item of a meeting's minutes, by item id: "2", "2.1", "2.5.1", or
 * "§ 14" where the body numbers by paragraph (provisional while the minutes are a draft).
 * The one function the minutes page, the documents and the API number items with.
 */
export async function minutesNumbers(
  db: DbOrTx,
  context: { body: Pick<Body, 'id' | 'paragraphNumbering'>; meeting: Pick<Meeting, 'startsAt'>; minutes: Pick<Minutes, 'status'>; items: readonly NumberedMinuteItem[] },
): Promise<Map<string, string>> {
  const { body, meeting, minutes, items } = context;
  if (!body.paragraphNumbering) return minuteItemNumbers(items, null);
  const provisional = !locked(minutes);
  const last = provisional ? await lastParagraph(db, body.id, paragraphYear(meeting)) : 0;
  return minuteItemNumbers(items, { last, provisional });
}
