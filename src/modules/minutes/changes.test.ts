import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.js';
import { changesBetween } from './changes.js';
import type { MinutesSnapshot } from './snapshot.js';

/* The list of changes of a correction compares content canonically. */

function snapshot(present: object[], notes = 'Diskussion.'): MinutesSnapshot {
  return {
    format: 'samverka-minutes/2',
    kind: 'protocol',
    meeting: { id: 'm1', title: 'Möte', date: '2026-03-02', endDate: null, startTime: '13:00', endTime: '16:00', place: 'Örebro', format: 'physical' },
    body: { id: 'b1', name: 'Gruppen', shortName: null, isPublic: false },
    structure: 'Strukturen',
    chair: 'Ingmar Ordförandesson',
    adjusters: ['Ann Justerare'],
    noteTakers: ['Sara Sekreterare'],
    preamble: null,
    present,
    absent: [{ name: 'Bo Borta', organisation: 'Kommunen', excused: true }],
    items: [{ id: 'i1', number: '1', title: 'Mötets öppnande', notes, proposal: ['godkänna dagordningen'], actions: [] }],
    evaluation: null,
    nextMeetings: null,
  } as unknown as MinutesSnapshot;
}

describe('changes between locked versions', () => {
  it('lists no change for the same content with its keys in another order (as read back from the canonical JSON)', () => {
    const built = snapshot([{ name: 'Ann Justerare', organisation: 'Region Örebro län', substituteFor: null, guest: false, adjunct: false }]);
    const stored = JSON.parse(canonicalJson(built)) as MinutesSnapshot;
    expect(Object.keys(stored.present[0]!)).not.toEqual(Object.keys(built.present[0]!));
    expect(changesBetween(stored, built)).toEqual([]);
    // Reordered keys inside an attendee, written by hand, are no change either.
    const reordered = snapshot([{ adjunct: false, guest: false, substituteFor: null, organisation: 'Region Örebro län', name: 'Ann Justerare' }]);
    expect(changesBetween(built, reordered)).toEqual([]);
  });

  it('lists a real change of attendance readably (names, not JSON) and a changed item field', () => {
    const before = snapshot([{ name: 'Ann Justerare', organisation: 'Region Örebro län', substituteFor: null, guest: false, adjunct: false }]);
    const after = snapshot(
      [
        { organisation: 'Region Örebro län', name: 'Ann Justerare', substituteFor: null, guest: false, adjunct: false },
        { organisation: 'Kommunen', name: 'Cia Gäst', substituteFor: null, guest: true, adjunct: false },
      ],
      'Diskussion och beslut.',
    );
    const changes = changesBetween(JSON.parse(canonicalJson(before)) as MinutesSnapshot, after);
    expect(changes.map((c) => `${c.where}|${c.field}`)).toEqual(['Mötet|Närvarande', '1. Mötets öppnande|Anteckningar']);
    const present = changes[0]!;
    expect(present.before).toBe('Ann Justerare, Region Örebro län');
    expect(present.after).toBe('Ann Justerare, Region Örebro län\nCia Gäst, Kommunen, guest');
    expect(present.after).not.toContain('{');
  });

  it('shows a change the readable text would hide as stored, and covers fields it has no label for', () => {
    const before = snapshot([{ name: 'Ann', organisation: 'R', digital: false }]);
    const after = snapshot([{ name: 'Ann', organisation: 'R', digital: true }]);
    expect(changesBetween(before, after)[0]).toMatchObject({ field: 'Närvarande', before: 'Ann, R', after: 'Ann, R, digital' });
    const withNew = { ...after, somethingNew: 'x' } as unknown as MinutesSnapshot;
    expect(changesBetween(after, withNew)).toEqual([{ where: 'Mötet', field: 'somethingNew', before: null, after: 'x' }]);
  });
});
