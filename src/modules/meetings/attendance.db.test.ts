import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { fixtureSeat } from '../structure/samples.js';
import { meetingsTestKit } from './test-kit.js';
import { addGuest, addItem, createMeeting, recordAttendance, reportAbsence } from './commands/index.js';
import { meetingRoster } from './queries/index.js';
import { attendanceStatistics } from './queries/index.js';
import { absenceReports, attendance, meetings } from './schema.js';
import { dayFromNow, fixtureMeeting } from './samples.js';
import './index.js';

const db = useTestDatabase();
const kit = meetingsTestKit(db);

async function setup(substitutesAllowed: boolean) {
  const s = await kit.body({ substitutesAllowed });
  const meeting = await kit.run(s.secretary.actor, createMeeting, { bodyId: s.body.id, date: dayFromNow(15), startTime: '13:00', endTime: '16:00', format: 'digital' });
  return { ...s, meeting };
}

const rowOf = async (meetingId: string, personId: string) =>
  (
    await db.current.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.meetingId, meetingId), eq(attendance.personId, personId)))
  )[0];

describe('absence in advance', () => {
  it('calls in the member’s substitute where the body allows substitutes, with the member’s views on the items', async () => {
    const { meeting, member, substitute, secretary, seat } = await setup(true);
    const item = await kit.run(secretary.actor, addItem, { meetingId: meeting.id, title: 'Ny överenskommelse' });
    const result = await kit.run(member.actor, reportAbsence, { meetingId: meeting.id, views: 'Jag stöder förslaget.', itemViews: [{ itemId: item.id, views: 'Tillstyrker.' }] });
    expect(result.substitutePersonId).toBe(substitute.person.id);
    expect(await rowOf(meeting.id, member.person.id)).toMatchObject({ status: 'excused', seatId: seat.id, viewsInAdvance: 'Jag stöder förslaget.\n\nTillstyrker.' });
    const sub = await rowOf(meeting.id, substitute.person.id);
    expect(sub).toMatchObject({ status: 'expected', substituteForPersonId: member.person.id, seatId: seat.id });
    expect(sub!.calledAt).not.toBeNull();
    const inbox = await kit.inbox(substitute.person.id);
    expect(inbox.map((n) => n.kind)).toEqual(['meetings.substituteCalled']);
    expect(inbox[0]!.body).toContain(member.person.name);
    const [report] = await db.current.db.select().from(absenceReports).where(eq(absenceReports.meetingId, meeting.id));
    expect(report).toMatchObject({ personId: member.person.id, substitutePersonId: substitute.person.id, itemViews: [{ itemId: item.id, views: 'Tillstyrker.' }] });

    // Reporting again updates the views, and calls no one twice.
    await kit.run(member.actor, reportAbsence, { meetingId: meeting.id, views: 'Ändrade synpunkter.' });
    expect((await kit.inbox(substitute.person.id)).length).toBe(2);
    expect(await db.current.db.select().from(absenceReports).where(eq(absenceReports.meetingId, meeting.id))).toHaveLength(1);

    // The roster lists the substitute in the member's place.
    const roster = await meetingRoster(db.current.db, meeting);
    const s = roster.seats.find((x) => x.seatId === seat.id)!;
    expect(s.holders.map((h) => [h.personId, h.attendance?.status])).toEqual([[member.person.id, 'excused']]);
    expect(s.substitutes.map((h) => [h.personId, h.attendance?.status, h.substituteForPersonId])).toEqual([[substitute.person.id, 'expected', member.person.id]]);
  });

  it('calls no substitute where the body does not allow substitutes (SAMLA)', async () => {
    const { meeting, member, substitute } = await setup(false);
    const result = await kit.run(member.actor, reportAbsence, { meetingId: meeting.id, views: 'Synpunkter i förväg.' });
    expect(result.substitutePersonId).toBeNull();
    expect(await rowOf(meeting.id, member.person.id)).toMatchObject({ status: 'excused' });
    expect(await rowOf(meeting.id, substitute.person.id)).toBeUndefined();
    expect(await kit.inbox(substitute.person.id)).toEqual([]);
  });

  it('refuses absence after the meeting has started, and from people without a role', async () => {
    const { meeting, member, body } = await setup(true);
    expect((await kit.refusal(member.actor, reportAbsence, { meetingId: meeting.id }, new Date(meeting.startsAt.getTime() + 60_000))).message).toContain('redan börjat');
    const reader = await kit.person(body, 'reader');
    expect((await kit.refusal(reader.actor, reportAbsence, { meetingId: meeting.id })).status).toBe(403);
  });
});

describe('roll call and statistics', () => {
  it('records attendance per seat, lists vacant seats, adjuncts and guests, and marks the meeting held', async () => {
    const { body, member, substitute, secretary, seat } = await setup(true);
    const vacant = await fixtureSeat(db.current.db, body.id, { function: 'Habilitering och hälsa' });
    const adjunct = await kit.person(body, 'adjunct', 'Lina Adjungerad');
    const meeting = await fixtureMeeting(db.current.db, body, -0.01, { status: 'called' });
    const roster = await meetingRoster(db.current.db, meeting);
    expect(roster.seats.find((s) => s.seatId === vacant.id)!.vacant).toBe(true);
    expect(roster.seats.find((s) => s.seatId === seat.id)!.vacant).toBe(false);
    expect(roster.others.map((o) => o.personId).sort()).toEqual([secretary.person.id, adjunct.person.id].sort());

    await kit.run(secretary.actor, addGuest, { meetingId: meeting.id, guestName: 'Gunlög Smittskydd', organisationLabel: 'Smittskydd', status: 'present' });
    // A guest named by an id that is no person is refused (422), not a database error.
    const noPerson = await kit.refusal(secretary.actor, addGuest, { meetingId: meeting.id, personId: body.id });
    expect(noPerson.status).toBe(422);
    expect(noPerson.message).toContain('Personen finns inte.');
    // A substitute may attend alongside the member.
    await kit.run(secretary.actor, recordAttendance, {
      meetingId: meeting.id,
      entries: [
        { personId: member.person.id, status: 'present' },
        { personId: substitute.person.id, status: 'present' },
        { personId: adjunct.person.id, status: 'absent' },
        { personId: secretary.person.id, status: 'present' },
      ],
    });
    expect(await rowOf(meeting.id, substitute.person.id)).toMatchObject({ status: 'present', substituteForPersonId: null });
    expect(await rowOf(meeting.id, member.person.id)).toMatchObject({ status: 'present', seatId: seat.id, organisationLabel: expect.any(String) });
    expect(await rowOf(meeting.id, adjunct.person.id)).toMatchObject({ status: 'absent', adjunct: true });
    const [m] = await db.current.db.select().from(meetings).where(eq(meetings.id, meeting.id));
    expect(m!.status).toBe('held');

    const stranger = await kit.body();
    expect((await kit.refusal(secretary.actor, recordAttendance, { meetingId: meeting.id, entries: [{ personId: stranger.member.person.id, status: 'present' }] })).message).toContain('närvarolista');
    expect((await kit.refusal(member.actor, recordAttendance, { meetingId: meeting.id, entries: [{ personId: member.person.id, status: 'present' }] })).status).toBe(403);
  });

  it('counts attendance per person and per organisation over a period', async () => {
    const { body, member, secretary } = await setup(true);
    const first = await fixtureMeeting(db.current.db, body, -60, { status: 'held' });
    const second = await fixtureMeeting(db.current.db, body, -30, { status: 'held' });
    const third = await fixtureMeeting(db.current.db, body, -10, { status: 'cancelled' });
    for (const [m, status] of [
      [first, 'present'],
      [second, 'excused'],
      [third, 'present'],
    ] as const) {
      await kit
        .run(secretary.actor, recordAttendance, {
          meetingId: m.id,
          entries: [
            { personId: member.person.id, status, organisationLabel: 'Region Test' },
            { personId: secretary.person.id, status: 'present', organisationLabel: 'Region Test' },
          ],
        })
        .catch(() => undefined);
    }
    const stats = await attendanceStatistics(db.current.db, body.id, new Date(Date.now() - 90 * 24 * 3600_000), new Date());
    expect(stats.meetings).toBe(2);
    const mine = stats.people.find((p) => p.key === member.person.id)!;
    expect(mine).toMatchObject({ present: 1, excused: 1, absent: 0, meetings: 2 });
    expect(stats.organisations.find((o) => o.label === 'Region Test')).toMatchObject({ present: 3, excused: 1 });
  });
});
