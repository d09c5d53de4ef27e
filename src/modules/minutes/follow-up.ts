import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { today } from '../../platform/days.js';
import { notFound } from '../../platform/refusals.js';
import { rolesOf, type BodyWarningSource } from '../structure/index.js';
import { bodies, structures } from '../structure/schema.js';
import { UUID } from '../meetings/index.js';
import { approverRoles, minutesStatuses } from './schema.js';
import { followUpOf, lateMinutesByBody, MINUTES_DUE_DAYS, overdueApprovalsByBody } from './queries/follow-up.js';

/*
 * The secretary's follow-up of a body (GET /bodies/:id/follow-up and its API): what is still
 * open after the meetings. Visible to the body's chair, vice chair, secretary and process
 * leader, and administrators (policy 'minutes.followUp'); 404 for an unknown body.
 */

const DAY = 24 * 3600_000;

export const followUpOut = z.object({
  body: z.object({ id: z.uuid(), name: z.string(), structureName: z.string(), structureSlug: z.string() }),
  minutesDueDays: z.number().int().describe('Minutes not locked this many days after the meeting ended are late'),
  actions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      dueOn: z.string().nullable(),
      overdue: z.boolean(),
      ownerPersonId: z.uuid().nullable(),
      ownerName: z.string().nullable(),
      meetingId: z.uuid(),
      meetingTitle: z.string(),
      meetingStartsAt: z.string(),
      link: z.string(),
    }),
  ),
  approvals: z.array(
    z.object({
      minutesId: z.uuid(),
      meetingId: z.uuid(),
      meetingTitle: z.string(),
      meetingStartsAt: z.string(),
      personId: z.uuid(),
      personName: z.string(),
      role: z.enum(approverRoles),
      deadline: z.string(),
      overdue: z.boolean(),
      link: z.string(),
    }),
  ),
  submissions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      submittedAt: z.string(),
      submittedByName: z.string(),
      meetingId: z.uuid(),
      meetingTitle: z.string(),
      meetingStartsAt: z.string(),
      link: z.string(),
    }),
  ),
  meetingsWithoutMinutes: z.array(
    z.object({
      meetingId: z.uuid(),
      title: z.string(),
      startsAt: z.string(),
      minutesStatus: z.enum(minutesStatuses).nullable().describe('null: the minutes are not started'),
      late: z.boolean().describe(`Ended more than the minutesDueDays ago`),
      link: z.string(),
    }),
  ),
});
export type FollowUp = z.infer<typeof followUpOut>;

/** The body's follow-up for the actor: 404 for an unknown body, 403 for anyone but its managers and administrators. */
export async function loadFollowUp(db: DbOrTx, actor: Actor, bodyId: string, now = new Date()): Promise<FollowUp> {
  if (!UUID.test(bodyId)) notFound('minutes.refusal.bodyNotFound');
  const [row] = await db
    .select({ body: bodies, structureName: structures.name, structureSlug: structures.slug })
    .from(bodies)
    .innerJoin(structures, eq(structures.id, bodies.structureId))
    .where(eq(bodies.id, bodyId));
  if (!row) notFound('minutes.refusal.bodyNotFound');
  const roles = await rolesOf(db, actor, row.body.id, today(now));
  authorize(actor, 'minutes.followUp', { body: row.body, roles });
  const data = await followUpOf(db, row.body.id, now);
  const day = today(now);
  return {
    body: { id: row.body.id, name: row.body.name, structureName: row.structureName, structureSlug: row.structureSlug },
    minutesDueDays: MINUTES_DUE_DAYS,
    actions: data.actions.map((a) => ({
      id: a.id,
      title: a.title,
      dueOn: a.dueOn,
      overdue: !!a.dueOn && a.dueOn < day,
      ownerPersonId: a.ownerPersonId,
      ownerName: a.ownerName,
      meetingId: a.meetingId,
      meetingTitle: a.meetingTitle,
      meetingStartsAt: a.meetingStartsAt.toISOString(),
      link: `/meetings/${a.meetingId}/minutes`,
    })),
    approvals: data.approvals.map((a) => ({
      minutesId: a.minutesId,
      meetingId: a.meetingId,
      meetingTitle: a.meetingTitle,
      meetingStartsAt: a.meetingStartsAt.toISOString(),
      personId: a.personId,
      personName: a.personName,
      role: a.role,
      deadline: a.deadline.toISOString(),
      overdue: a.deadline.getTime() < now.getTime(),
      link: `/meetings/${a.meetingId}/minutes`,
    })),
    submissions: data.submissions.map((s) => ({
      id: s.id,
      title: s.title,
      submittedAt: s.submittedAt.toISOString(),
      submittedByName: s.submittedByName,
      meetingId: s.meetingId,
      meetingTitle: s.meetingTitle,
      meetingStartsAt: s.meetingStartsAt.toISOString(),
      link: `/meetings/${s.meetingId}/agenda`,
    })),
    meetingsWithoutMinutes: data.withoutMinutes.map((m) => ({
      meetingId: m.meetingId,
      title: m.title,
      startsAt: m.startsAt.toISOString(),
      minutesStatus: m.minutesStatus,
      late: m.endsAt.getTime() < now.getTime() - MINUTES_DUE_DAYS * DAY,
      link: `/meetings/${m.meetingId}/minutes`,
    })),
  };
}

/** For "Grupper du leder": minutes not locked MINUTES_DUE_DAYS after the meeting, and approval rounds past their deadline (two queries for all the bodies). */
export const minutesWarnings: BodyWarningSource = async ({ db, bodies: led, now, t }) => {
  const ids = led.map((b) => b.id);
  const [late, overdue] = await Promise.all([lateMinutesByBody(db, ids, now), overdueApprovalsByBody(db, ids, now)]);
  return led.flatMap((b) => {
    const out = [];
    const n = late.get(b.id) ?? 0;
    if (n > 0) out.push({ bodyId: b.id, kind: 'minutes.late', text: t('minutes.followUpPage.warning.late', { count: n, days: MINUTES_DUE_DAYS }), link: `/bodies/${b.id}/follow-up` });
    const o = overdue.get(b.id) ?? 0;
    if (o > 0) out.push({ bodyId: b.id, kind: 'minutes.approvalsOverdue', text: t('minutes.followUpPage.warning.approvals', { count: o }), link: `/bodies/${b.id}/follow-up` });
    return out;
  });
};
