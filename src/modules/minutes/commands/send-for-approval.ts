import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { refuse } from '../../../platform/refusals.js';
import { addDays, today } from '../../../platform/days.js';
import { fixturePerson } from '../../structure/index.js';
import { endOfDayBefore, meetingLabel } from '../../meetings/index.js';
import { currentRound } from '../queries/index.js';
import { minutesFor } from './common.js';
import { optionalDay } from '../inputs.js';
import { KIND, notifyPersons, scheduleApprovalReminder } from '../notices.js';
import { minutesLink } from '../links.js';
import { sampleMinutes } from '../samples.js';
import { approvals, minutes as minutesTable } from '../schema.js';
import { bumpMinutes, reconcileAll } from './common.js';
import { minutesContradictions, refuseContradictions } from '../consistency.js';

/** Days the approvers have by default (justering within two weeks). */
export const DEFAULT_APPROVAL_DAYS = 14;

export const sendForApprovalInput = z.object({ meetingId: z.uuid(), deadline: optionalDay });

/**
 * minutes.sendForApproval: a protocol goes for approval (justering) to the chair and the
 * adjusters appointed at the meeting, with a deadline (default 14 days) and a reminder
 * before it. Decisions are numbered now at the latest. Refused (409) while the protocol
 * contradicts the attendance (an absent chair, adjuster or note taker: consistency.ts).
 */
export const sendForApproval = defineCommand({
  name: 'minutes.sendForApproval',
  input: sendForApprovalInput,
  labels: (t) => ({ deadline: t('minutes.approval.deadline') }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    if (m.kind !== 'protocol') refuse('meetingId', 'minutes.refusal.notesNotApproved');
    if (m.status !== 'draft') refuse('meetingId', m.status === 'in_approval' ? 'minutes.refusal.alreadyInApproval' : 'minutes.refusal.protocolLocked');
    const approverIds = [...new Set([m.chairPersonId, ...m.adjusterIds].filter((id): id is string => !!id))];
    if (!approverIds.length) refuse('meetingId', 'minutes.refusal.needsApprovers');
    refuseContradictions(await minutesContradictions(ctx.tx, loaded.meeting, m));
    const todayDay = today(ctx.now);
    const deadlineDay = input.deadline ?? addDays(todayDay, DEFAULT_APPROVAL_DAYS);
    if (deadlineDay < todayDay) refuse('deadline', 'minutes.refusal.deadlinePassed');
    const deadline = endOfDayBefore(new Date(`${deadlineDay}T12:00:00Z`), 0);
    await reconcileAll(ctx, loaded);
    const round = currentRound(m);
    await ctx.tx.delete(approvals).where(and(eq(approvals.minutesId, m.id), eq(approvals.round, round)));
    await ctx.tx
      .insert(approvals)
      .values(approverIds.map((personId) => ({ minutesId: m.id, round, personId, role: personId === m.chairPersonId ? ('chair' as const) : ('adjuster' as const), deadline, createdAt: ctx.now })));
    const row = await bumpMinutes(ctx, m.id, { status: 'in_approval', approvalDeadline: deadline, approvalStartedAt: ctx.now });
    await ctx.audit({ objectType: 'minutes', objectId: m.id, before: m, after: { ...row, approverIds } });
    await notifyPersons(
      ctx.tx,
      approverIds,
      KIND.approvalRequested,
      (t, lang) => ({ title: t('minutes.notice.approvalRequested', { meeting: meetingLabel(loaded.meeting, lang), deadline: deadlineDay }) }),
      minutesLink(loaded.meeting.id),
      { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: m.id },
    );
    await scheduleApprovalReminder(ctx.tx, m.id, round, deadlineDay, ctx.now);
    return row;
  },
  async sample(sc) {
    const { actor, meeting, db, minutes } = await sampleMinutes(sc, { kind: 'protocol' });
    const chair = await fixturePerson(db, 'Ingmar Ordförandesson');
    await db.update(minutesTable).set({ chairPersonId: chair.id }).where(eq(minutesTable.id, minutes.id));
    return { actor, input: { meetingId: meeting.id } };
  },
});
