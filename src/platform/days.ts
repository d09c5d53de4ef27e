import { stockholmDay } from './time.js';

/**
 * Calendar days, the one home of day arithmetic for every module.
 * Days as 'YYYY-MM-DD' strings in Europe/Stockholm. Such strings compare correctly with
 * < and >, so no parsing is needed to order them.
 */
export type Day = string;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Today in Stockholm at the given instant (the calendar day of `now` there). */
export function today(now: Date = new Date()): Day {
  return stockholmDay(now);
}

function parts(day: Day): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number);
  return [y!, m!, d!];
}

function fromUtc(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isValidDay(day: string): boolean {
  if (!DAY_PATTERN.test(day)) return false;
  const [y, m, d] = parts(day);
  return fromUtc(Date.UTC(y, m - 1, d)) === day;
}

export function addDays(day: Day, n: number): Day {
  const [y, m, d] = parts(day);
  return fromUtc(Date.UTC(y, m - 1, d + n));
}

/** Adds whole months; the day is clamped to the month's length (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: Day, n: number): Day {
  const [y, m, d] = parts(day);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last)));
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: Day, to: Day): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  let months = (ty - fy) * 12 + (tm - fm);
  if (months > 0 && td < fd) months -= 1;
  if (months < 0 && td > fd) months += 1;
  return months;
}

export const minDay = (a: Day, b: Day): Day => (a < b ? a : b);
export const maxDay = (a: Day, b: Day): Day => (a > b ? a : b);

/** Whether two periods overlap (end null = open). */
export function overlaps(aStart: Day, aEnd: Day | null, bStart: Day, bEnd: Day | null): boolean {
  return (aEnd === null || aEnd >= bStart) && (bEnd === null || bEnd >= aStart);
}
