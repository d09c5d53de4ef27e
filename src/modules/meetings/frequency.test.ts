import { describe, expect, it } from 'vitest';
import { evaluateFrequency, type FrequencyRule, type MeetingFact } from './frequency.js';
import { stockholmInstant } from '../../platform/time.js';

const at = (day: string, format: MeetingFact['format'] = 'digital', status: MeetingFact['status'] = 'planned', isJoint = false): MeetingFact => ({
  startsAt: stockholmInstant(day, '09:00'),
  status,
  format,
  isJoint,
});

// SAMS: at least two strategic meetings per termin, one a year physical.
const sams: FrequencyRule = { meetingsMin: 2, meetingsMax: null, meetingsPer: 'termin', physicalMeetingsMinPerYear: 1, jointMeetingsWithSubBodiesPerYear: null };
// SSÖ: 3–4 a year plus one joint meeting with the OSÖ groups.
const sso: FrequencyRule = { meetingsMin: 3, meetingsMax: 4, meetingsPer: 'year', physicalMeetingsMinPerYear: null, jointMeetingsWithSubBodiesPerYear: 1 };

describe('meeting frequency against the body’s rule', () => {
  it('counts held and planned meetings in the termin and the year ("1 av minst 2 denna termin; 0 av 1 fysiska i år")', () => {
    const now = stockholmInstant('2026-03-01', '12:00');
    const report = evaluateFrequency(sams, [at('2026-02-10'), at('2026-05-20'), at('2026-09-10', 'physical')], now);
    const termin = report.checks.find((c) => c.key === 'termin')!;
    expect(termin).toMatchObject({ period: 'VT 2026', held: 1, planned: 1, min: 2, state: 'onTrack' });
    const physical = report.checks.find((c) => c.key === 'physical')!;
    expect(physical).toMatchObject({ period: '2026', held: 0, planned: 1, min: 1, state: 'onTrack' });
    expect(report.warnings).toEqual([]);
  });

  it('warns in time when the planned meetings cannot reach the minimum', () => {
    const now = stockholmInstant('2026-03-01', '12:00');
    const report = evaluateFrequency(sams, [at('2026-02-10'), at('2026-04-10', 'digital', 'cancelled')], now);
    expect(report.warnings.map((w) => [w.key, w.state])).toEqual([
      ['termin', 'atRisk'],
      ['physical', 'atRisk'],
    ]);
  });

  it('marks a minimum that was not reached once the period is over, and a maximum that is passed', () => {
    const report = evaluateFrequency(sso, [at('2025-03-01'), at('2025-06-01')], stockholmInstant('2025-12-31', '23:00'), stockholmInstant('2025-06-15', '12:00'));
    expect(report.checks.find((c) => c.key === 'year')!.state).toBe('atRisk');
    const after = evaluateFrequency(sso, [at('2025-03-01'), at('2025-06-01')], stockholmInstant('2026-01-02', '12:00'), stockholmInstant('2025-06-15', '12:00'));
    expect(after.checks.find((c) => c.key === 'year')!.state).toBe('missed');
    const many = evaluateFrequency(
      sso,
      ['01', '03', '05', '07', '09'].map((m) => at(`2026-${m}-10`)),
      stockholmInstant('2026-01-01', '12:00'),
    );
    expect(many.checks.find((c) => c.key === 'year')!.state).toBe('over');
  });

  it('counts joint meetings with the sub-bodies and treats hybrid meetings as physical', () => {
    const now = stockholmInstant('2026-12-01', '12:00');
    const report = evaluateFrequency({ ...sso, physicalMeetingsMinPerYear: 1 }, [at('2026-02-01', 'hybrid', 'held', true), at('2026-05-01'), at('2026-10-01')], now);
    expect(report.checks.find((c) => c.key === 'joint')!).toMatchObject({ held: 1, state: 'ok' });
    expect(report.checks.find((c) => c.key === 'physical')!).toMatchObject({ held: 1, state: 'ok' });
    expect(report.checks.find((c) => c.key === 'year')!).toMatchObject({ held: 3, state: 'ok' });
  });

  it('has no warnings for a body without a rule', () => {
    const none: FrequencyRule = { meetingsMin: null, meetingsMax: null, meetingsPer: 'year', physicalMeetingsMinPerYear: null, jointMeetingsWithSubBodiesPerYear: null };
    const report = evaluateFrequency(none, [], new Date());
    expect(report.warnings).toEqual([]);
    expect(report.checks.every((c) => c.state === 'info')).toBe(true);
  });
});
