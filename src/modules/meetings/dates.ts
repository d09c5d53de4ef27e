import { stockholmDay, stockholmParts, stockholmTime } from '../../platform/time.js';

/**
 * The meeting's three agenda dates (shared/domain README, "Meetings"): the call opens with
 * the draft agenda, submissions close, the agenda is published. Each is the end of a day
 * (23:59 Europe/Stockholm) N days before the day the meeting starts, N set per body.
 */

interface AgendaDaySettings {
  callOpensDays: number;
  submissionDeadlineDays: number;
  agendaPublishDays: number;
}

interface AgendaDates {
  callOpensOn: Date;
  submissionDeadline: Date;
  agendaPublishOn: Date;
}

function shiftDay(day: string, days: number): [number, number, number] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return [shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate()];
}

/** 23:59:59.999 in Stockholm on the day `days` days before the Stockholm day of `at`. */
export function endOfDayBefore(at: Date, days: number): Date {
  const [y, m, d] = shiftDay(stockholmDay(at), -days);
  // 23:59 is never skipped or repeated by a daylight-saving change (those happen at 02–03).
  return new Date(stockholmTime(y, m, d, 23, 59).getTime() + 59_999);
}

/** A wall-clock time in Stockholm on the same day as `at`. */
export function sameDayAt(at: Date, hour: number, minute = 0): Date {
  const p = stockholmParts(at);
  return stockholmTime(p.year, p.month, p.day, hour, minute);
}

export function agendaDates(startsAt: Date, settings: AgendaDaySettings): AgendaDates {
  return {
    callOpensOn: endOfDayBefore(startsAt, settings.callOpensDays),
    submissionDeadline: endOfDayBefore(startsAt, settings.submissionDeadlineDays),
    agendaPublishOn: endOfDayBefore(startsAt, settings.agendaPublishDays),
  };
}

/** The morning hour at which notices about a date are sent. */
export const NOTICE_HOUR = 8;
