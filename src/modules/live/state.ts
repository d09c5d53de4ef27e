import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { formatTime } from '../../platform/time.js';
import { agendaOf, timedAgenda, type AgendaVisibility } from '../meetings/index.js';
import { meetings, type Meeting } from '../meetings/schema.js';
import { meetingItemTimes, meetingLive } from './schema.js';

/**
 * The state of a meeting in progress, as the live page and its event stream show it:
 * the agenda with planned clock times, the current item and since when, and the time each
 * item has taken so far (finished stretches; the running one is counted by the client
 * from `itemStartedAt`).
 */

export interface LiveItem {
  id: string;
  number: string;
  title: string;
  section: string | null;
  presenter: string | null;
  plannedMinutes: number | null;
  /** Planned start and end, "HH:MM" in Stockholm. */
  plannedStart: string;
  plannedEnd: string;
  /** Seconds spent on the item in finished stretches. */
  usedSeconds: number;
  /** Marked internal: shown only to those with a role on the body itself (see `agendaVisibility`). */
  internal: boolean;
}

export interface LiveState {
  meetingId: string;
  title: string;
  status: Meeting['status'];
  currentItemId: string | null;
  /** ISO instant the current item was taken up. */
  itemStartedAt: string | null;
  /** ISO instant the first item was taken up; null before the meeting has started. */
  startedAt: string | null;
  items: LiveItem[];
  /** The server's clock when the state was read (the client corrects its own by it). */
  serverTime: string;
}

export const liveTopic = (meetingId: string) => `meeting:${meetingId}`;

export async function loadLiveState(db: DbOrTx, meetingId: string, now = new Date()): Promise<LiveState | undefined> {
  const [meeting] = await db.select({ id: meetings.id, title: meetings.title, status: meetings.status, startsAt: meetings.startsAt }).from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) return undefined;
  const [items, [live], used] = await Promise.all([
    agendaOf(db, meetingId),
    db.select().from(meetingLive).where(eq(meetingLive.meetingId, meetingId)),
    db
      .select({ itemId: meetingItemTimes.itemId, seconds: sql<number>`sum(extract(epoch from (${meetingItemTimes.endedAt} - ${meetingItemTimes.startedAt})))::float8` })
      .from(meetingItemTimes)
      .where(and(eq(meetingItemTimes.meetingId, meetingId), isNotNull(meetingItemTimes.endedAt)))
      .groupBy(meetingItemTimes.itemId)
      .orderBy(asc(meetingItemTimes.itemId)),
  ]);
  const usedByItem = new Map(used.map((u) => [u.itemId, Math.round(Number(u.seconds))]));
  return {
    meetingId: meeting.id,
    title: meeting.title,
    status: meeting.status,
    currentItemId: live?.currentItemId ?? null,
    itemStartedAt: live?.currentItemId && live.itemStartedAt ? live.itemStartedAt.toISOString() : null,
    startedAt: live?.startedAt.toISOString() ?? null,
    items: timedAgenda(meeting.startsAt, items).items.map(({ item, number, start, end }) => ({
      id: item.id,
      number,
      title: item.title,
      section: item.section,
      presenter: (item.presenters ?? []).map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name)).join(', ') || null,
      plannedMinutes: item.durationMinutes,
      plannedStart: formatTime(start),
      plannedEnd: formatTime(end),
      usedSeconds: usedByItem.get(item.id) ?? 0,
      internal: item.internal,
    })),
    serverTime: now.toISOString(),
  };
}

/**
 * The state as one reader may see it (the agenda rule of `agendaVisibility`): internal items
 * left out for those without a role on the body, everything left out before the call opens.
 * Items keep their numbers and planned times; a hidden current item shows as none.
 */
export function stateFor(state: LiveState, sees: AgendaVisibility): LiveState {
  if (sees.open && sees.internal) return state;
  const items = sees.open ? state.items.filter((i) => !i.internal) : [];
  const currentShown = items.some((i) => i.id === state.currentItemId);
  return { ...state, items, currentItemId: currentShown ? state.currentItemId : null, itemStartedAt: currentShown ? state.itemStartedAt : null };
}

/** Seconds spent on an item up to `now`, the running stretch included. */
export function secondsUsed(state: LiveState, item: LiveItem, now = new Date()): number {
  const running = state.currentItemId === item.id && state.itemStartedAt ? Math.max(0, (now.getTime() - Date.parse(state.itemStartedAt)) / 1000) : 0;
  return Math.floor(item.usedSeconds + running);
}

/** "12:05" (minutes and seconds) or "1:02:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
