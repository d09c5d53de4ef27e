import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { meetingsTestKit } from './test-kit.js';
import { acceptSubmission, addItem, createMeeting, recordAttendance, submitItem, updateItem } from './commands/index.js';
import { agendaItems, attendance } from './schema.js';
import { presentersFromForm } from './inputs.js';
import { dayFromNow, fixtureMeeting } from './samples.js';
import './index.js';

/*
 * Presenters of agenda items (several: people in the register and named externals with
 * their organisation), the submitter presenting their own submission, and whether an
 * attendee took part digitally.
 */

const db = useTestDatabase();
const kit = meetingsTestKit(db);

async function setup() {
  const s = await kit.body({});
  const meeting = await kit.run(s.secretary.actor, createMeeting, { bodyId: s.body.id, date: dayFromNow(30), startTime: '13:00', endTime: '16:00', format: 'digital' });
  return { ...s, meeting };
}

describe('presenters of agenda items', () => {
  it('stores several presenters: a person from the register (named from it) and an external with the organisation, and refuses an unknown person', async () => {
    const { meeting, secretary, member } = await setup();
    const item = await kit.run(secretary.actor, addItem, {
      meetingId: meeting.id,
      title: 'Läget i smittskyddet',
      presenters: [{ personId: member.person.id }, { name: 'Johanna Lind', organisation: 'Smittskydd Värmland' }, { name: '', organisation: '' }],
    });
    expect(item.presenters).toEqual([
      { personId: member.person.id, name: member.person.name, organisation: null },
      { personId: null, name: 'Johanna Lind', organisation: 'Smittskydd Värmland' },
    ]);
    // The retired columns are not written any more.
    expect(item.presenterName).toBeNull();
    expect(item.presenterPersonId).toBeNull();
    await expect(kit.run(secretary.actor, updateItem, { itemId: item.id, title: 'Läget i smittskyddet', presenters: [{ personId: '00000000-0000-4000-8000-000000000001' }] })).rejects.toMatchObject({
      fieldErrors: [{ field: 'presenters.0.personId' }],
    });
    await expect(kit.run(secretary.actor, updateItem, { itemId: item.id, title: 'Läget i smittskyddet', presenters: [{ organisation: 'Bara en organisation' }] })).rejects.toMatchObject({
      fieldErrors: [{ field: 'presenters.0.name' }],
    });
    const updated = await kit.run(secretary.actor, updateItem, { itemId: item.id, title: 'Läget i smittskyddet', presenters: [{ name: 'Per Ek', organisation: 'Länsstyrelsen' }] });
    expect(updated.presenters).toEqual([{ personId: null, name: 'Per Ek', organisation: 'Länsstyrelsen' }]);
  });

  it('reads the presenter rows of a form in order, without the empty ones', () => {
    expect(presentersFromForm({ 'presenters.1.name': 'Per Ek', 'presenters.1.organisation': 'Länsstyrelsen', 'presenters.0.personId': 'p-1', 'presenters.0.name': '', title: 'x' })).toEqual([
      { personId: 'p-1', name: '', organisation: '' },
      { personId: '', name: 'Per Ek', organisation: 'Länsstyrelsen' },
    ]);
  });

  it('gives an accepted submission whose presenter was left empty its submitter as presenter, and keeps a named one', async () => {
    const { body, secretary, member } = await setup();
    const meeting = await fixtureMeeting(db.current.db, body, 20);
    const own = await kit.run(member.actor, submitItem, { meetingId: meeting.id, title: 'Min egen punkt' });
    const named = await kit.run(member.actor, submitItem, { meetingId: meeting.id, title: 'Någon annans punkt', presenterName: 'Karin Berg' });
    const ownItem = await kit.run(secretary.actor, acceptSubmission, { submissionId: (own as { id: string }).id });
    const namedItem = await kit.run(secretary.actor, acceptSubmission, { submissionId: (named as { id: string }).id });
    expect(ownItem.presenters).toEqual([{ personId: member.person.id, name: member.person.name, organisation: null }]);
    expect(namedItem.presenters).toEqual([{ personId: null, name: 'Karin Berg', organisation: null }]);
    const [row] = await db.current.db.select().from(agendaItems).where(eq(agendaItems.id, ownItem.id));
    expect(row!.presenters[0]!.name).toBe(member.person.name);
  });
});

describe('taking part digitally', () => {
  it('records for each attendee whether they took part digitally, and keeps it when the roll call leaves it out', async () => {
    const { body, secretary, member } = await setup();
    const meeting = await fixtureMeeting(db.current.db, body, -1, { status: 'called', format: 'hybrid' });
    await kit.run(secretary.actor, recordAttendance, { meetingId: meeting.id, entries: [{ personId: member.person.id, status: 'present', digital: true }] });
    const read = async () =>
      (
        await db.current.db
          .select()
          .from(attendance)
          .where(and(eq(attendance.meetingId, meeting.id), eq(attendance.personId, member.person.id)))
      )[0]!;
    expect((await read()).digital).toBe(true);
    await kit.run(secretary.actor, recordAttendance, { meetingId: meeting.id, entries: [{ personId: member.person.id, status: 'present' }] });
    expect((await read()).digital).toBe(true);
    await kit.run(secretary.actor, recordAttendance, { meetingId: meeting.id, entries: [{ personId: member.person.id, status: 'present', digital: false }] });
    expect((await read()).digital).toBe(false);
  });
});
