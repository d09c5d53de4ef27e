import { addDays, type Day } from '../days.js';

/*
 * Dates for the demo data: relative to the day the demo is seeded, on working days, so that
 * meetings fall on weekdays and what people did happened in office hours. Pure functions of
 * the seed's `now`, so that a seed is the same for the same day.
 */

/** The ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
export function isoWeekday(day: Day): number {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export const isWeekend = (day: Day): boolean => isoWeekday(day) >= 6;

/** The day nearest `day` that is the given weekday (1 Monday … 7 Sunday): at most three days away. */
export function nearestWeekday(day: Day, weekday: number): Day {
  let diff = weekday - isoWeekday(day);
  if (diff > 3) diff -= 7;
  if (diff < -3) diff += 7;
  return addDays(day, diff);
}

/** A working day: a Saturday moves back to the Friday, a Sunday on to the Monday. */
export function workingDay(day: Day): Day {
  const w = isoWeekday(day);
  return w === 6 ? addDays(day, -1) : w === 7 ? addDays(day, 1) : day;
}

/** The first working day on or after `day`. */
export function workingDayFrom(day: Day): Day {
  const w = isoWeekday(day);
  return w === 6 ? addDays(day, 2) : w === 7 ? addDays(day, 1) : day;
}
