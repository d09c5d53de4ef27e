import { eq, sql } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { attendanceStatus } from '../inputs.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { assertOpenForRecording, hasStarted } from '../policy.js';
import { meetingFor } from './common.js';
import { meetingRoster, rosterPeople } from '../queries/index.js';
import { attendance, meetings } from '../schema.js';
import { fixtureMeeting, personWithRole } from '../samples.js';
import { sampleSetup, fixtureSeat } from '../../structure/index.js';

const recordAttendanceInput = z.object({
  meetingId: z.uuid(),
  entries: z
    .array(
      z.object({
        personId: z.uuid(),
        status: attendanceStatus,
        /** Whom a substitute stands in for; null: alongside the member; left out: the member when the member is not present. */
        substituteForPersonId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().nullable().optional()),
        viewsInAdvance: optionalFreeText({ max: 5000 }),
        organisationLabel: optionalFreeText({ max: 200 }),
        /** Took part digitally; left out: as recorded before. */
        digital: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(500),
});

/**
 * meetings.recordAttendance: the roll call. Per person on the attendance list: present,
 * absent or excused, whether they took part digitally, views given in advance, and for a substitute whom they stand in for
 * (a substitute may attend alongside the member). A meeting that has started and has
 * someone present counts as held.
 */
export const recordAttendance = defineCommand({
  name: 'meetings.recordAttendance',
  input: recordAttendanceInput,
  async run(ctx, input) {
    const loaded = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    const { meeting } = loaded;
    if (meeting.status === 'cancelled') refuse('meetingId', 'meetings.refusal.cancelled');
    assertOpenForRecording(meeting, ctx.now);
    const roster = await meetingRoster(ctx.tx, meeting, loaded.jointBodyIds);
    const known = new Map(
      rosterPeople(roster)
        .filter((e) => e.personId)
        .map((e) => [e.personId!, e]),
    );
    const statusOf = (personId: string) => input.entries.find((e) => e.personId === personId)?.status ?? known.get(personId)?.attendance?.status;
    const written = [];
    for (const [i, e] of input.entries.entries()) {
      const on = known.get(e.personId);
      if (!on) refuse(`entries.${i}.personId`, 'meetings.refusal.notOnRoster');
      if (e.substituteForPersonId && !known.has(e.substituteForPersonId)) refuse(`entries.${i}.substituteForPersonId`, 'meetings.refusal.substitutedNotOnRoster');
      if (e.substituteForPersonId === e.personId) refuse(`entries.${i}.substituteForPersonId`, 'meetings.refusal.substituteSelf');
      const values = {
        status: e.status,
        membershipId: on.membershipId,
        seatId: on.seatId,
        substituteForPersonId:
          e.substituteForPersonId !== undefined
            ? e.substituteForPersonId
            : on.role === 'substitute' && on.substituteForPersonId && statusOf(on.substituteForPersonId) !== 'present'
              ? on.substituteForPersonId
              : null,
        viewsInAdvance: e.viewsInAdvance ?? on.attendance?.viewsInAdvance ?? null,
        organisationLabel: e.organisationLabel ?? on.organisationLabel ?? null,
        adjunct: on.role === 'adjunct' || (on.attendance?.adjunct ?? false),
        guest: on.attendance?.guest ?? false,
        digital: e.digital ?? on.attendance?.digital ?? false,
        updatedAt: ctx.now,
      };
      const row = one(
        await ctx.tx
          .insert(attendance)
          .values({ meetingId: meeting.id, personId: e.personId, ...values })
          .onConflictDoUpdate({ target: [attendance.meetingId, attendance.personId], set: values })
          .returning(),
      );
      written.push(row);
    }
    await ctx.audit({
      objectType: 'meeting',
      objectId: meeting.id,
      after: { attendance: written.map((w) => ({ personId: w.personId, status: w.status, substituteForPersonId: w.substituteForPersonId, digital: w.digital })) },
    });
    if (hasStarted(meeting, ctx.now) && meeting.status !== 'held' && written.some((w) => w.status === 'present')) {
      await ctx.tx
        .update(meetings)
        .set({ status: 'held', updatedAt: ctx.now, version: sql`${meetings.version} + 1` })
        .where(eq(meetings.id, meeting.id));
    }
    return written;
  },
  async sample(sc) {
    const { db, body, actor } = await sampleSetup(sc);
    const seat = await fixtureSeat(db, body.id, { function: 'Närsjukvårdsområde väster' });
    const member = await personWithRole(db, body, 'member', { seatId: seat.id });
    const meeting = await fixtureMeeting(db, body, -1, { status: 'called' });
    return {
      actor,
      input: { meetingId: meeting.id, entries: [{ personId: member.person.id, status: 'present' as const, organisationLabel: 'Närsjukvårdsområde väster', viewsInAdvance: 'Inga' }] },
    };
  },
});
