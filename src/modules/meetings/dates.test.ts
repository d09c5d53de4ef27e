import { describe, expect, it } from 'vitest';
import { agendaDates, endOfDayBefore } from './dates.js';
import { stockholmDay, stockholmInstant } from '../../platform/time.js';
import { formatDateTime } from '../../platform/time.js';

const defaults = { callOpensDays: 14, submissionDeadlineDays: 7, agendaPublishDays: 5 };

describe('the three agenda dates: 23:59 Europe/Stockholm, N days before the meeting', () => {
  it('ends each date at 23:59 Stockholm time with the default 14/7/5 days', () => {
    const dates = agendaDates(stockholmInstant('2026-02-12', '09:00'), defaults);
    expect(formatDateTime(dates.callOpensOn)).toBe('2026-01-29 23:59');
    expect(formatDateTime(dates.submissionDeadline)).toBe('2026-02-05 23:59');
    expect(formatDateTime(dates.agendaPublishOn)).toBe('2026-02-07 23:59');
    // Winter: UTC+1, and the whole last minute counts.
    expect(dates.submissionDeadline.toISOString()).toBe('2026-02-05T22:59:59.999Z');
  });

  it('uses the right offset on each side of the spring change (29 March 2026)', () => {
    const dates = agendaDates(stockholmInstant('2026-04-02', '13:00'), defaults);
    expect(dates.callOpensOn.toISOString()).toBe('2026-03-19T22:59:59.999Z'); // CET
    expect(dates.submissionDeadline.toISOString()).toBe('2026-03-26T22:59:59.999Z'); // CET
    expect(dates.agendaPublishOn.toISOString()).toBe('2026-03-28T22:59:59.999Z'); // CET, the day before the change
    // The day of the change itself is in summer time at 23:59.
    expect(endOfDayBefore(stockholmInstant('2026-04-05', '09:00'), 7).toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(formatDateTime(endOfDayBefore(stockholmInstant('2026-04-05', '09:00'), 7))).toBe('2026-03-29 23:59');
  });

  it('uses the right offset on each side of the autumn change (25 October 2026)', () => {
    const dates = agendaDates(stockholmInstant('2026-10-30', '09:00'), defaults);
    expect(dates.callOpensOn.toISOString()).toBe('2026-10-16T21:59:59.999Z'); // CEST
    expect(dates.submissionDeadline.toISOString()).toBe('2026-10-23T21:59:59.999Z'); // CEST
    expect(dates.agendaPublishOn.toISOString()).toBe('2026-10-25T22:59:59.999Z'); // CET, the day of the change
    for (const d of Object.values(dates)) expect(formatDateTime(d).slice(11)).toBe('23:59');
  });

  it('counts from the Stockholm day of the meeting, not the UTC day', () => {
    // 00:30 on 10 June in Stockholm is still 9 June in UTC.
    const startsAt = stockholmInstant('2026-06-10', '00:30');
    expect(startsAt.toISOString()).toBe('2026-06-09T22:30:00.000Z');
    expect(stockholmDay(startsAt)).toBe('2026-06-10');
    expect(formatDateTime(endOfDayBefore(startsAt, 7))).toBe('2026-06-03 23:59');
  });

  it('follows the body’s own numbers of days', () => {
    const dates = agendaDates(stockholmInstant('2026-09-15', '10:00'), { callOpensDays: 21, submissionDeadlineDays: 10, agendaPublishDays: 3 });
    expect(formatDateTime(dates.callOpensOn)).toBe('2026-08-25 23:59');
    expect(formatDateTime(dates.submissionDeadline)).toBe('2026-09-05 23:59');
    expect(formatDateTime(dates.agendaPublishOn)).toBe('2026-09-12 23:59');
  });
});
