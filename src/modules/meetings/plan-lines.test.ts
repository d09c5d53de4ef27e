import { describe, expect, it } from 'vitest';
import { parsePlanLines } from './plan-lines.js';

describe('reading a year plan typed one meeting per line', () => {
  it('reads date, times, address and room', () => {
    const { meetings, errors } = parsePlanLines('2026-02-12 09:00-12:00 Region Örebro län, Eklundavägen 2, rum 101');
    expect(errors).toEqual([]);
    expect(meetings).toEqual([
      { date: '2026-02-12', startTime: '09:00', endDate: undefined, endTime: '12:00', format: 'physical', address: 'Region Örebro län, Eklundavägen 2', room: 'rum 101', link: undefined },
    ]);
  });

  it('reads digital, hybrid and multi-day meetings, and skips empty lines and comments', () => {
    const { meetings, errors } = parsePlanLines(
      [
        '# VT',
        '2026-03-05 13:00–16:00 Digitalt via Teams https://teams.example.org/abc',
        '',
        '2026-04-16 9.00 - 12.00 Eklundavägen 2 https://meet.example.org/x',
        '2026-10-14 09:00 - 2026-10-15 15:00 Konferensgården, Lindesberg',
        '2026-11-12 13:00-16:00',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(meetings.map((m) => m.format)).toEqual(['digital', 'hybrid', 'physical', 'physical']);
    expect(meetings[0]!.link).toBe('https://teams.example.org/abc');
    expect(meetings[1]!.startTime).toBe('09:00');
    expect(meetings[2]!.endDate).toBe('2026-10-15');
    expect(meetings[3]!.address).toBeUndefined();
  });

  it('reports the lines it cannot read, by number', () => {
    const { meetings, errors } = parsePlanLines('2026-02-30 09:00-12:00 X\nden 12 mars\n2026-03-12 25:00-26:00\n2026-03-12 12:00-09:00');
    expect(meetings).toEqual([]);
    expect(errors.map((e) => [e.line, e.reason])).toEqual([
      [1, 'date'],
      [2, 'format'],
      [3, 'time'],
      [4, 'order'],
    ]);
  });
});
