import { stockholmDay } from '../../platform/time.js';
import type { MeetingFormat, MeetingStatus } from './schema.js';

/**
 * Meeting-frequency compliance: a body's rule (at least/at most N meetings per year or per
 * termin, M physical a year, J joint meetings with its sub-bodies a year) against the
 * meetings it has held and planned. Pure: the caller passes the meetings and the clock.
 */

export interface FrequencyRule {
  meetingsMin: number | null;
  meetingsMax: number | null;
  meetingsPer: 'year' | 'termin';
  physicalMeetingsMinPerYear: number | null;
  jointMeetingsWithSubBodiesPerYear: number | null;
}

export interface MeetingFact {
  startsAt: Date;
  status: MeetingStatus;
  format: MeetingFormat;
  isJoint: boolean;
}

export type CheckKey = 'termin' | 'year' | 'physical' | 'joint';

/**
 * ok: the minimum is already reached (and the maximum kept);
 * onTrack: not yet reached, but the planned meetings will reach it;
 * atRisk: the planned meetings cannot reach it: plan more (a warning in time);
 * missed: the period is over and the minimum was not reached;
 * over: more meetings held or planned than the maximum.
 */
export type CheckState = 'ok' | 'onTrack' | 'atRisk' | 'missed' | 'over' | 'info';

/** A check that is warned about: not enough meetings, or too many. */
type FrequencyWarning = FrequencyCheck & { state: 'atRisk' | 'missed' | 'over' };

export interface FrequencyCheck {
  key: CheckKey;
  /** 'VT 2026', 'HT 2026' or '2026'. */
  period: string;
  from: string;
  to: string;
  /** Meetings that have taken place (started before now, not cancelled). */
  held: number;
  /** Meetings still to come (not cancelled). */
  planned: number;
  min: number | null;
  max: number | null;
  state: CheckState;
}

interface FrequencyReport {
  checks: FrequencyCheck[];
  /** The checks that need attention (atRisk, missed, over). */
  warnings: FrequencyWarning[];
}

const counts = (m: MeetingFact) => m.status !== 'cancelled';
const isPhysical = (m: MeetingFact) => m.format === 'physical' || m.format === 'hybrid';

function terminBounds(day: string): { period: string; from: string; to: string } {
  const year = day.slice(0, 4);
  return Number(day.slice(5, 7)) <= 6 ? { period: `VT ${year}`, from: `${year}-01-01`, to: `${year}-06-30` } : { period: `HT ${year}`, from: `${year}-07-01`, to: `${year}-12-31` };
}

function check(key: CheckKey, bounds: { period: string; from: string; to: string }, meetings: MeetingFact[], now: Date, min: number | null, max: number | null): FrequencyCheck {
  const inPeriod = meetings.filter((m) => {
    const day = stockholmDay(m.startsAt);
    return counts(m) && day >= bounds.from && day <= bounds.to;
  });
  const held = inPeriod.filter((m) => m.startsAt.getTime() <= now.getTime()).length;
  const planned = inPeriod.length - held;
  const over = stockholmDay(now) > bounds.to;
  let state: CheckState;
  if (min === null && max === null) state = 'info';
  else if (max !== null && held + planned > max) state = 'over';
  else if (min === null || held >= min) state = 'ok';
  else if (over) state = 'missed';
  else if (held + planned >= min) state = 'onTrack';
  else state = 'atRisk';
  return { key, ...bounds, held, planned, min, max, state };
}

/** The checks for the termin and the year that contain `at` (today unless given). */
export function evaluateFrequency(rule: FrequencyRule, meetings: MeetingFact[], now: Date, at: Date = now): FrequencyReport {
  const day = stockholmDay(at);
  const year = day.slice(0, 4);
  const yearBounds = { period: year, from: `${year}-01-01`, to: `${year}-12-31` };
  const perTermin = rule.meetingsPer === 'termin';
  const checks: FrequencyCheck[] = [
    check('termin', terminBounds(day), meetings, now, perTermin ? rule.meetingsMin : null, perTermin ? rule.meetingsMax : null),
    check('year', yearBounds, meetings, now, perTermin ? null : rule.meetingsMin, perTermin ? null : rule.meetingsMax),
  ];
  if (rule.physicalMeetingsMinPerYear) {
    checks.push(check('physical', yearBounds, meetings.filter(isPhysical), now, rule.physicalMeetingsMinPerYear, null));
  }
  if (rule.jointMeetingsWithSubBodiesPerYear) {
    checks.push(
      check(
        'joint',
        yearBounds,
        meetings.filter((m) => m.isJoint),
        now,
        rule.jointMeetingsWithSubBodiesPerYear,
        null,
      ),
    );
  }
  return { checks, warnings: checks.filter((c): c is FrequencyWarning => c.state === 'atRisk' || c.state === 'missed' || c.state === 'over') };
}
