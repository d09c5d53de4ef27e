import { and, eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { checkbox, attendanceStatus, optionalUuid } from '../inputs.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { meetingFor } from './common.js';
import { assertOpenForRecording } from '../policy.js';
import { attendance } from '../schema.js';
import { people } from '../../../platform/auth/schema.js';
import { fixtureMeeting } from '../samples.js';
import { sampleSetup } from '../../structure/index.js';

const addGuestInput = z.object({
  meetingId: z.uuid(),
  /** A person in Samverka, or the name of a guest who is not. */
  personId: optionalUuid,
  guestName: optionalFreeText({ max: 200 }),
  organisationLabel: optionalFreeText({ max: 200 }),
  adjunct: checkbox.default(false),
  status: attendanceStatus.default('expected'),
});

/** meetings.addGuest: a guest or an adjunct for this meeting only, on the attendance list. */
export const addGuest = defineCommand({
  name: 'meetings.addGuest',
  input: addGuestInput,
  labels: (t) => ({ guestName: t('meetings.attendance.guestName'), organisationLabel: t('meetings.attendance.organisation') }),
  async run(ctx, input) {
    const { meeting } = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    assertOpenForRecording(meeting, ctx.now);
    if (!input.personId && !input.guestName) refuse('guestName', 'meetings.refusal.guestName');
    if (input.personId) {
      const [person] = await ctx.tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId));
      if (!person) refuse('personId', 'meetings.refusal.personNotFound');
      const [exists] = await ctx.tx
        .select({ id: attendance.id })
        .from(attendance)
        .where(and(eq(attendance.meetingId, meeting.id), eq(attendance.personId, input.personId)));
      if (exists) refuse('personId', 'meetings.refusal.alreadyOnRoster');
    }
    const row = one(
      await ctx.tx
        .insert(attendance)
        .values({
          meetingId: meeting.id,
          personId: input.personId ?? null,
          guestName: input.personId ? null : (input.guestName ?? null),
          organisationLabel: input.organisationLabel ?? null,
          guest: !input.adjunct,
          adjunct: input.adjunct,
          status: input.status,
          updatedAt: ctx.now,
        })
        .returning(),
    );
    await ctx.audit({ objectType: 'attendance', objectId: row.id, after: row });
    return row;
  },
  async sample(sc) {
    const { db, body, actor } = await sampleSetup(sc);
    // The roll call opens once the meeting has started: a meeting that began an hour ago.
    const meeting = await fixtureMeeting(db, body, -1 / 24, { status: 'called' });
    return { actor, input: { meetingId: meeting.id, guestName: 'Gunlög Smittskyddsläkare', organisationLabel: 'Smittskydd, Region Örebro län', status: 'present' as const } };
  },
});
