import { describe, expect, it } from 'vitest';
import { insertionPosition, timedAgenda } from './agenda.js';
import { stockholmInstant } from '../../platform/time.js';
import { formatTime } from '../../platform/time.js';

describe('the timed agenda', () => {
  it('gives each item its clock times from the meeting start, numbers them, and honours a pinned start', () => {
    const start = stockholmInstant('2020-11-13', '13:00');
    const items = [
      { position: 1, number: null, durationMinutes: 5, fixedStartAt: null },
      { position: 2, number: null, durationMinutes: null, fixedStartAt: null },
      { position: 3, number: '4 a', durationMinutes: 45, fixedStartAt: null },
      { position: 4, number: null, durationMinutes: 30, fixedStartAt: stockholmInstant('2020-11-13', '14:30') },
    ];
    const timed = timedAgenda(start, items);
    expect(timed.items.map((t) => [t.number, formatTime(t.start), formatTime(t.end)])).toEqual([
      ['1', '13:00', '13:05'],
      ['2', '13:05', '13:05'],
      ['4 a', '13:05', '13:50'],
      ['4', '14:30', '15:00'],
    ]);
    expect(formatTime(timed.ends)).toBe('15:00');
  });

  it('puts opening items first, closing items last and others before the closing ones', () => {
    const open = { source: 'template' as const, sourceRef: 'template:start-default-1' };
    const close = { source: 'template' as const, sourceRef: 'template:end-default-4' };
    const other = { source: 'submission' as const, sourceRef: 'submissions:x' };
    const agenda = [open, open, other, close, close];
    expect(insertionPosition(agenda, 'start')).toBe(3);
    expect(insertionPosition(agenda, 'end')).toBe(6);
    expect(insertionPosition(agenda)).toBe(4);
    expect(insertionPosition([open, open, close])).toBe(3);
    expect(insertionPosition([open])).toBe(2);
    expect(insertionPosition([])).toBe(1);
  });
});
