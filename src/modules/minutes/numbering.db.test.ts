import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { minutesWorld, run, type MinutesWorld } from '../../../tests/helpers/minutes.js';
import { stockholmInstant } from '../../platform/time.js';
import { fixtureItem, fixtureMeeting } from '../meetings/samples.js';
import { attendance, type Meeting } from '../meetings/schema.js';
import './index.js';
import { finaliseMinutes, saveItem, startMinutes } from './commands/index.js';
import { contentVersion, decisionById, itemsOf, listDecisions } from './queries/index.js';
import { decisionLabel, minutesNumbers } from './numbering.js';
import { decisions, minutes, type MinuteItem } from './schema.js';

/*
 * § numbering: where a body numbers its protocols by paragraph, the items carry § numbers
 * running per body and calendar year, provisional in a draft and stored when the minutes are
 * locked; a decision's number is its §, everywhere its label is shown. Bodies without the
 * setting keep "SAMS 2025:12" and the agenda's numbers (1, 2, 2.1).
 */

const db = useTestDatabase();

/** A held meeting of the body on a day, with everyone present and items (a title under "Parent/Child" is a sub-item). */
async function meetingOn(w: MinutesWorld, day: string, titles: string[]): Promise<Meeting> {
  const d = db.current.db;
  const meeting = await fixtureMeeting(d, w.body, -1, { status: 'held', startsAt: stockholmInstant(day, '09:00'), endsAt: stockholmInstant(day, '12:00') });
  const ids = new Map<string, string>();
  const positions = new Map<string, number>();
  for (const title of titles) {
    const [parentTitle, own] = title.includes('/') ? title.split('/') : [null, title];
    const parentId = parentTitle ? ids.get(parentTitle)! : null;
    const position = (positions.get(parentId ?? '') ?? 0) + 1;
    positions.set(parentId ?? '', position);
    const item = await fixtureItem(d, meeting, position, { title: own!, parentId, kind: 'decision' });
    ids.set(own!, item.id);
  }
  for (const p of [w.secretary, w.chair, w.adjuster, w.member]) {
    await d.insert(attendance).values({ meetingId: meeting.id, personId: p.person.id, membershipId: p.membership.id, status: 'present', organisationLabel: 'Region Örebro län' });
  }
  return meeting;
}

async function start(w: MinutesWorld, meeting: Meeting) {
  const m = await run(db.current, w.secretary.actor, startMinutes, { meetingId: meeting.id });
  return m;
}

async function shown(w: MinutesWorld, meeting: Meeting): Promise<string[]> {
  const [m] = await db.current.db.select().from(minutes).where(eq(minutes.meetingId, meeting.id));
  const items = await itemsOf(db.current.db, m!.id);
  const numbers = await minutesNumbers(db.current.db, { body: w.body, meeting, minutes: m!, items });
  return items.map((i) => `${numbers.get(i.id)} ${i.title}`);
}

async function item(meeting: Meeting, title: string): Promise<MinuteItem> {
  const [m] = await db.current.db.select().from(minutes).where(eq(minutes.meetingId, meeting.id));
  return (await itemsOf(db.current.db, m!.id)).find((i) => i.title === title)!;
}

async function decide(w: MinutesWorld, meeting: Meeting, title: string) {
  const i = await item(meeting, title);
  return (await run(db.current, w.secretary.actor, saveItem, { itemId: i.id, version: i.version, outcome: 'approved', proposal: ['godkänna förslaget'] })).decision!;
}

async function finalise(w: MinutesWorld, meeting: Meeting) {
  const [m] = await db.current.db.select().from(minutes).where(eq(minutes.meetingId, meeting.id));
  await run(db.current, w.secretary.actor, finaliseMinutes, { meetingId: meeting.id, version: await contentVersion(db.current.db, m!) });
}

describe('§ numbering', () => {
  it('numbers items by § per body and year: provisional in a draft, stored when locked, continued by the next meeting and begun again in a new year; a decision is numbered by its §', async () => {
    const w = await minutesWorld(db.current, { paragraphNumbering: true, minutesKind: 'notes', shortName: 'SAMS' });
    const november = await meetingOn(w, '2025-11-12', ['Öppnande', 'Budget', 'Budget/Primärvården', 'Avslutning']);
    const december = await meetingOn(w, '2025-12-10', ['Öppnande', 'Uppföljning']);
    const january = await meetingOn(w, '2026-01-14', ['Öppnande', 'Plan']);

    await start(w, november);
    expect(await shown(w, november)).toEqual(['§ 1 Öppnande', '§ 2 Budget', '§ 3 Primärvården', '§ 4 Avslutning']);
    const sub = await decide(w, november, 'Primärvården');
    expect(sub.number).toBe(3);
    expect(decisionLabel(w.body, sub)).toBe('§ 3');

    // A second draft of the same year, before the first is locked, also begins after the last locked §.
    await start(w, december);
    expect(await shown(w, december)).toEqual(['§ 1 Öppnande', '§ 2 Uppföljning']);
    const early = await decide(w, december, 'Uppföljning');
    expect(early.number).toBe(2);

    await finalise(w, november);
    const locked = await itemsOf(db.current.db, (await item(november, 'Öppnande')).minutesId);
    expect(locked.map((i) => i.paragraph)).toEqual([1, 2, 3, 4]);
    expect(await shown(w, november)).toEqual(['§ 1 Öppnande', '§ 2 Budget', '§ 3 Primärvården', '§ 4 Avslutning']);
    expect((await db.current.db.select().from(decisions).where(eq(decisions.id, sub.id)))[0]!.number).toBe(3);

    // The December draft now continues after § 4; its decision follows its § when it is saved and when it is locked.
    expect(await shown(w, december)).toEqual(['§ 5 Öppnande', '§ 6 Uppföljning']);
    await finalise(w, december);
    expect((await itemsOf(db.current.db, (await item(december, 'Öppnande')).minutesId)).map((i) => i.paragraph)).toEqual([5, 6]);
    const [dec] = await db.current.db.select().from(decisions).where(eq(decisions.id, early.id));
    expect(dec!.number).toBe(6);

    // The register, the decision page and the API show the § as the decision's number.
    const row = await decisionById(db.current.db, early.id);
    expect(row!.label).toBe('§ 6');
    expect(row!.itemNumber).toBe('§ 6');
    const listed = await listDecisions(db.current.db, { bodyIds: [w.body.id] });
    expect(listed.items.map((d) => d.label).sort()).toEqual(['§ 3', '§ 6']);

    // A new year begins at § 1.
    await start(w, january);
    expect(await shown(w, january)).toEqual(['§ 1 Öppnande', '§ 2 Plan']);
    const plan = await decide(w, january, 'Plan');
    expect([plan.year, plan.number]).toEqual([2026, 2]);
    await finalise(w, january);
    expect((await itemsOf(db.current.db, (await item(january, 'Plan')).minutesId)).map((i) => i.paragraph)).toEqual([1, 2]);
  });

  it('moves a draft decision out of the way when another meeting locks the same §', async () => {
    const w = await minutesWorld(db.current, { paragraphNumbering: true, minutesKind: 'notes' });
    const first = await meetingOn(w, '2025-03-05', ['Ett', 'Två']);
    const second = await meetingOn(w, '2025-04-02', ['Första', 'Andra']);
    await start(w, first);
    await start(w, second);
    // Both drafts' second items are provisionally § 2; the later save takes number 2 and the other decision moves aside.
    const a = await decide(w, first, 'Två');
    const b = await decide(w, second, 'Andra');
    expect(a.number).toBe(2);
    expect(b.number).toBe(2);
    expect((await db.current.db.select().from(decisions).where(eq(decisions.id, a.id)))[0]!.number).toBe(3);
    const numbers = (await db.current.db.select().from(decisions).where(eq(decisions.bodyId, w.body.id))).map((d) => d.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    // The second meeting locks first: its § 1–2 are taken, the first meeting's decision moves and gets § 4 when locked.
    await finalise(w, second);
    expect((await db.current.db.select().from(decisions).where(eq(decisions.id, b.id)))[0]!.number).toBe(2);
    await finalise(w, first);
    expect((await db.current.db.select().from(decisions).where(eq(decisions.id, a.id)))[0]!.number).toBe(4);
    expect(await shown(w, first)).toEqual(['§ 3 Ett', '§ 4 Två']);
  });

  it('keeps "SAMS 2025:1" and the agenda numbers for a body without § numbering', async () => {
    const w = await minutesWorld(db.current, { minutesKind: 'notes', shortName: 'SAMS' });
    const meeting = await meetingOn(w, '2025-05-07', ['Öppnande', 'Budget', 'Budget/Primärvården']);
    await start(w, meeting);
    expect(await shown(w, meeting)).toEqual(['1 Öppnande', '2 Budget', '2.1 Primärvården']);
    const d = await decide(w, meeting, 'Primärvården');
    expect(decisionLabel(w.body, d)).toBe('SAMS 2025:1');
    await finalise(w, meeting);
    expect((await itemsOf(db.current.db, (await item(meeting, 'Budget')).minutesId)).map((i) => i.paragraph)).toEqual([null, null, null]);
    expect((await decisionById(db.current.db, d.id))!.label).toBe('SAMS 2025:1');
  });
});
