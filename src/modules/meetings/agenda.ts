import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import { one } from '../../platform/db/rows.js';
import type { CommandContext } from '../../platform/commands.js';
import { agendaOf, hookContext, type LoadedMeeting } from './queries/index.js';
import { itemNumbers, treeOrder } from './numbering.js';
import { runMeetingHooks, type MeetingChange } from './hooks.js';
import { agendaItems, meetings, type AgendaItem, type Meeting } from './schema.js';

/** Bumps the version (and the updated time) of a meeting row. */
const bumpVersion = { version: sql`${meetings.version} + 1` };

/** One item of the timed agenda (tidsatt agenda). */
export interface TimedItem<I> {
  item: I;
  /** The item's number as shown (numbering.ts): its own label when free, else from its place in the tree. */
  number: string;
  start: Date;
  end: Date;
}

type ClockItem = Pick<AgendaItem, 'position' | 'number' | 'durationMinutes' | 'fixedStartAt'> & Partial<Pick<AgendaItem, 'id' | 'parentId'>>;

/**
 * Clock times of the agenda: each item starts when the one before ends (or at its pinned
 * start), from the meeting's start; items without a duration take no time.
 */
export function timedAgenda<I extends ClockItem>(startsAt: Date, items: readonly I[]): { items: TimedItem<I>[]; ends: Date } {
  let clock = startsAt.getTime();
  const out: TimedItem<I>[] = [];
  const keyed = items.map((item, i) => ({ item, id: item.id ?? `#${i}`, parentId: item.parentId ?? null, position: item.position, number: item.number }));
  const numbers = itemNumbers(keyed);
  treeOrder(keyed).forEach(({ item, id }) => {
    if (item.fixedStartAt) clock = item.fixedStartAt.getTime();
    const start = new Date(clock);
    clock += (item.durationMinutes ?? 0) * 60_000;
    out.push({ item, number: numbers.get(id)!, start, end: new Date(clock) });
  });
  return { items: out, ends: new Date(clock) };
}

/** A closing item of the template (its proposal key starts with "end-"). */
function isClosingItem(item: Pick<AgendaItem, 'source' | 'sourceRef'>): boolean {
  return item.source === 'template' && /^[^:]+:end-/.test(item.sourceRef ?? '');
}

/** An opening item: from the template, and not a closing one. */
function isOpeningItem(item: Pick<AgendaItem, 'source' | 'sourceRef'>): boolean {
  return item.source === 'template' && !isClosingItem(item);
}

/**
 * Where a new item goes. 'start': after the leading run of opening items; 'end': last;
 * otherwise before the trailing run of closing items (Övriga frågor, evaluation).
 */
export function insertionPosition(items: readonly Pick<AgendaItem, 'source' | 'sourceRef'>[], placement?: 'start' | 'end'): number {
  if (placement === 'end') return items.length + 1;
  if (placement === 'start') {
    let i = 0;
    while (i < items.length && isOpeningItem(items[i]!)) i++;
    return i + 1;
  }
  let j = items.length;
  while (j > 0 && isClosingItem(items[j - 1]!)) j--;
  return j + 1;
}

/**
 * Inserts an item at a position among its siblings (the main items, or the sub-items of
 * `values.parentId`, where it goes last unless placed first), moving the later ones down one.
 */
export async function insertItem(ctx: CommandContext, meeting: Meeting, values: Omit<typeof agendaItems.$inferInsert, 'meetingId' | 'position'>, placement?: 'start' | 'end'): Promise<AgendaItem> {
  const parentId = values.parentId ?? null;
  const siblings = (await agendaOf(ctx.tx, meeting.id)).filter((i) => i.parentId === parentId);
  const position = parentId ? (placement === 'start' ? 1 : siblings.length + 1) : insertionPosition(siblings, placement);
  await ctx.tx
    .update(agendaItems)
    .set({ position: sql`${agendaItems.position} + 1` })
    .where(and(eq(agendaItems.meetingId, meeting.id), parentId ? eq(agendaItems.parentId, parentId) : isNull(agendaItems.parentId), gte(agendaItems.position, position)));
  const row = one(
    await ctx.tx
      .insert(agendaItems)
      .values({
        ...values,
        meetingId: meeting.id,
        position,
        changedAfterPublishAt: meeting.agendaPublishedAt ? ctx.now : null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning(),
  );
  return row;
}

/** Positions 1..n in the current order within every group of siblings (after a removal). */
export async function compactPositions(ctx: CommandContext, meetingId: string): Promise<void> {
  const items = await agendaOf(ctx.tx, meetingId);
  const next = new Map<string | null, number>();
  for (const item of items) {
    const position = (next.get(item.parentId) ?? 0) + 1;
    next.set(item.parentId, position);
    if (item.position !== position) await ctx.tx.update(agendaItems).set({ position }).where(eq(agendaItems.id, item.id));
  }
}

/**
 * After a change to a meeting whose agenda is published: the meeting is marked changed,
 * its iCalendar SEQUENCE is bumped and the onMeetingChanged hooks run. Does nothing to a
 * meeting that is not published. Returns the meeting as stored.
 */
export async function afterPublishedChange(
  ctx: CommandContext,
  loaded: Pick<LoadedMeeting, 'meeting' | 'body' | 'jointBodyIds'>,
  changes: MeetingChange[],
  before?: Meeting,
  /** Filled with the people the hooks e-mailed (see MeetingHookContext.mailed). */
  mailed: Set<string> = new Set(),
): Promise<Meeting> {
  const current = loaded.meeting;
  if (!current.agendaPublishedAt || current.status !== 'called') return current;
  const meeting = one(
    await ctx.tx
      .update(meetings)
      .set({ sequence: sql`${meetings.sequence} + 1`, changedAfterPublishAt: ctx.now, updatedAt: ctx.now, ...bumpVersion })
      .where(eq(meetings.id, current.id))
      .returning(),
  );
  await runMeetingHooks('meetingChanged', await hookContext(ctx, { ...loaded, meeting: meeting }, { changes, before: before ?? current, mailed }));
  return meeting;
}
