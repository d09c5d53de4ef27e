import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatLongDate, formatTime, stockholmTime } from './time.js';

describe('Stockholm time', () => {
  it('formats in Swedish with the Stockholm offset (winter, UTC+1)', () => {
    const d = new Date('2026-11-23T13:30:00Z');
    expect(formatDate(d)).toBe('2026-11-23');
    expect(formatTime(d)).toBe('14:30');
    expect(formatDateTime(d)).toBe('2026-11-23 14:30');
    expect(formatLongDate(d)).toBe('måndag 23 november 2026');
    expect(formatLongDate(d, 'en')).toMatch(/^Monday,? 23 November 2026$/);
  });
  it('uses summer time (UTC+2) in summer', () => {
    expect(formatTime(new Date('2026-06-10T07:00:00Z'))).toBe('09:00');
  });
  it('builds instants from wall-clock times across daylight-saving changes', () => {
    expect(stockholmTime(2026, 3, 28, 9, 0).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(stockholmTime(2026, 3, 30, 9, 0).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(stockholmTime(2026, 10, 24, 23, 59).toISOString()).toBe('2026-10-24T21:59:00.000Z');
    expect(stockholmTime(2026, 10, 26, 23, 59).toISOString()).toBe('2026-10-26T22:59:00.000Z');
  });
});
