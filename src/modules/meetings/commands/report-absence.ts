import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { refuse } from '../../../platform/refusals.js';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { hasStarted } from '../policy.js';
import { meetingFor } from './common.js';
import { absencePlan } from '../queries/absence.js';
import { KIND, meetingLabel, notifyPeople } from '../notices.js';
import { absenceReports, agendaItems, attendance } from '../schema.js';
import { fixtureItem, fixtureMeeting, personWithRole } from '../samples.js';
import { sampleSetup } from '../../structure/index.js';

const reportAbsenceInput = z.object({
  meetingId: z.uuid(),
  /** Views on the meeting as a whole. */
  views: optionalFreeText({ max: 5000 }),
  /** Views on single items. */
  itemViews: z
    .array(z.object({ itemId: z.uuid(), views: freeText({ min: 1, max: 5000 }) }))
    .max(100)
    .default([]),
});

/**
 * meetings.reportAbsence: a member tells in advance that they cannot attend, with views on
 * the items. Where the member's seat has a substitute (and the body allows substitutes), the
 * substitute is called in (notified) and listed as attending in their place. The body's
 * secretary is told either way, the first time the absence is reported (see absencePlan).
 */
export const reportAbsence = defineCommand({
  name: 'meetings.reportAbsence',
  input: reportAbsenceInput,
  labels: (t) => ({ views: t('meetings.absence.views') }),
  async run(ctx, input) {
    const loaded = await meetingFor(ctx, input.meetingId, 'meetings.reportAbsence');
    const { meeting } = loaded;
    if (meeting.status === 'cancelled') refuse('meetingId', 'meetings.refusal.cancelled');
    if (hasStarted(meeting, ctx.now)) refuse('meetingId', 'meetings.refusal.started');
    const personId = actorId(ctx.actor)!;
    if (input.itemViews.length) {
      const ids = input.itemViews.map((v) => v.itemId);
      const found = await ctx.tx
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, meeting.id), inArray(agendaItems.id, ids)));
      if (found.length !== new Set(ids).size) refuse('itemViews', 'meetings.refusal.viewsItem');
    }
    const { seatHolding, substitute, informed } = await absencePlan(ctx.tx, loaded, personId);
    const [earlier] = await ctx.tx
      .select({ id: absenceReports.id })
      .from(absenceReports)
      .where(and(eq(absenceReports.meetingId, meeting.id), eq(absenceReports.personId, personId)));

    const reportValues = { views: input.views ?? null, itemViews: input.itemViews, substitutePersonId: substitute?.personId ?? null, createdAt: ctx.now };
    const report = one(
      await ctx.tx
        .insert(absenceReports)
        .values({ meetingId: meeting.id, personId, ...reportValues })
        .onConflictDoUpdate({ target: [absenceReports.meetingId, absenceReports.personId], set: reportValues })
        .returning(),
    );
    const viewsText = [input.views, ...input.itemViews.map((v) => v.views)].filter(Boolean).join('\n\n') || null;
    const own = {
      status: 'excused' as const,
      viewsInAdvance: viewsText,
      membershipId: seatHolding?.id ?? null,
      seatId: seatHolding?.seatId ?? null,
      updatedAt: ctx.now,
    };
    await ctx.tx
      .insert(attendance)
      .values({ meetingId: meeting.id, personId, ...own })
      .onConflictDoUpdate({ target: [attendance.meetingId, attendance.personId], set: own });
    await ctx.audit({ objectType: 'absence_report', objectId: report.id, after: report });

    if (substitute) {
      const sub = {
        status: 'expected' as const,
        membershipId: substitute.membershipId,
        seatId: seatHolding?.seatId ?? null,
        substituteForPersonId: personId,
        calledAt: ctx.now,
        updatedAt: ctx.now,
      };
      const row = one(
        await ctx.tx
          .insert(attendance)
          .values({ meetingId: meeting.id, personId: substitute.personId, ...sub })
          .onConflictDoUpdate({ target: [attendance.meetingId, attendance.personId], set: sub })
          .returning(),
      );
      await ctx.audit({ operation: 'meetings.callSubstitute', objectType: 'attendance', objectId: row.id, after: row });
      const absentName = ctx.actor.kind === 'person' ? ctx.actor.name : '';
      await notifyPeople(
        ctx.tx,
        [substitute],
        KIND.substituteCalled,
        (t, lang) => ({
          title: t('meetings.notice.substitute.title', { meeting: meetingLabel(meeting, lang) }),
          body: t('meetings.notice.substitute.body', { member: absentName }),
        }),
        `/meetings/${meeting.id}`,
        { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: meeting.id },
      );
    }
    // The secretary learns of the absence once, when it is first reported.
    if (!earlier && informed.length) {
      const absentName = ctx.actor.kind === 'person' ? ctx.actor.name : '';
      await notifyPeople(
        ctx.tx,
        informed,
        KIND.absenceReported,
        (t, lang) => ({
          title: t('meetings.notice.absence.title', { member: absentName, meeting: meetingLabel(meeting, lang) }),
          body: [
            substitute ? t('meetings.notice.absence.substitute', { substitute: substitute.name }) : t('meetings.notice.absence.noSubstitute', { member: absentName }),
            viewsText ? t('meetings.notice.absence.views') : '',
          ]
            .filter(Boolean)
            .join(' '),
        }),
        `/meetings/${meeting.id}`,
        { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: meeting.id },
      );
    }
    return {
      report,
      substitutePersonId: substitute?.personId ?? null,
      substitute: substitute ? { personId: substitute.personId, name: substitute.name } : null,
      informed: informed.map(({ personId: id, name }) => ({ personId: id, name })),
    };
  },
  async sample(sc) {
    const { db, body } = await sampleSetup(sc);
    const member = await personWithRole(db, body, 'member');
    const meeting = await fixtureMeeting(db, body, 20);
    const item = await fixtureItem(db, meeting, 1, { title: 'Ny överenskommelse om kunskapsstyrning' });
    return {
      actor: member.actor,
      input: { meetingId: meeting.id, views: 'Jag stöder förslagen men vill att kommunerna får mer tid.', itemViews: [{ itemId: item.id, views: 'Tillstyrker förslaget till beslut.' }] },
    };
  },
});
