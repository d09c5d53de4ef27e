import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText } from '../../../platform/pin.js';
import { today } from '../../../platform/days.js';
import { meetings } from '../../meetings/schema.js';
import { caseFor } from '../policy.js';
import { id, optionalDay, optionalId, trafficLightInput } from '../inputs.js';
import { refuse } from '../../../platform/refusals.js';
import { reportDues, reportingStates } from '../reports.js';
import { activities, caseDirectives, caseStatusReports } from '../schema.js';
import { applyTransition } from './transition.js';
import { caseWorld, fixtureCase, fixtureMeetingOf } from '../samples.js';
import { caseLabels } from './common.js';

/**
 * cases.recordStatusReport: the working group's convenor reports status at one of the
 * body's meetings (or for a report date of the directive). The first report starts the
 * work (assignment issued → in progress); the report's traffic light becomes the case's
 * line in the activity plan.
 */
export const recordStatusReport = defineCommand({
  name: 'cases.recordStatusReport',
  input: z.object({
    caseId: id,
    meetingId: optionalId,
    dueOn: optionalDay,
    status: trafficLightInput.exclude(['not_started']),
    text: freeText({ min: 1, max: 10_000 }),
  }),
  labels: caseLabels,
  async run(ctx, input) {
    let { kase, body } = await caseFor(ctx, input.caseId, 'cases.report');
    if (!reportingStates.includes(kase.state)) refuse('caseId', 'cases.refusal.reportNotNow');
    const [directive] = await ctx.tx
      .select()
      .from(caseDirectives)
      .where(and(eq(caseDirectives.caseId, kase.id), eq(caseDirectives.status, 'issued')));
    if (!directive) refuse('caseId', 'cases.refusal.directiveNotIssued');
    if (input.meetingId) {
      const [m] = await ctx.tx.select().from(meetings).where(eq(meetings.id, input.meetingId));
      if (!m || m.bodyId !== kase.bodyId) refuse('meetingId', 'cases.refusal.reportMeetingOtherBody', { body: body.name });
      if (m.status === 'cancelled') refuse('meetingId', 'cases.refusal.meetingCancelled');
      const [dup] = await ctx.tx
        .select({ id: caseStatusReports.id })
        .from(caseStatusReports)
        .where(and(eq(caseStatusReports.caseId, kase.id), eq(caseStatusReports.meetingId, m.id)));
      if (dup) refuse('meetingId', 'cases.refusal.reportExists');
    }
    let dueOn = input.dueOn ?? null;
    if (dueOn && !directive.reportDates.includes(dueOn)) refuse('dueOn', 'cases.refusal.noSuchReportDate', { day: dueOn });
    if (!input.meetingId && !dueOn) {
      // A report between meetings answers the earliest open report date, if there is one.
      const open = (await reportDues(ctx.tx, [kase], ctx.now)).find((d) => !d.done && !d.meetingId);
      dueOn = open?.dueOn ?? null;
    }
    if (kase.state === 'assigned') kase = (await applyTransition(ctx, kase, body, 'startWork', { meetingId: input.meetingId, note: 'Första statusrapporten' })).kase;
    const row = one(
      await ctx.tx
        .insert(caseStatusReports)
        .values({
          caseId: kase.id,
          meetingId: input.meetingId ?? null,
          dueOn,
          reportedOn: today(ctx.now),
          status: input.status,
          text: input.text,
          reportedBy: actorId(ctx.actor),
          createdAt: ctx.now,
        })
        .returning(),
    );
    await ctx.audit({ objectType: 'case_status_report', objectId: row.id, after: row });
    const lines = await ctx.tx.select().from(activities).where(eq(activities.caseId, kase.id));
    for (const line of lines) {
      if (line.status === input.status || line.status === 'done') continue;
      const updated = one(
        await ctx.tx
          .update(activities)
          .set({ status: input.status, waiting: false, updatedAt: ctx.now, version: line.version + 1 })
          .where(eq(activities.id, line.id))
          .returning(),
      );
      await ctx.audit({ objectType: 'activity', objectId: line.id, before: line, after: updated });
    }
    return row;
  },
  async sample(sc) {
    const db = sc.database.db;
    const world = await caseWorld(db);
    const kase = await fixtureCase(db, world, 'in_progress');
    const meeting = await fixtureMeetingOf(db, world.body, -1);
    return { actor: world.members[0]!.actor, input: { caseId: kase.id, meetingId: meeting.id, status: 'green' as const, text: 'Kunskapsunderlaget är sammanställt; rutinen skrivs nu.' } };
  },
});
