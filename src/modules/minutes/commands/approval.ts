import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../platform/auth/authorize.js';
import { people } from '../../../platform/auth/schema.js';
import { defineCommand, type CommandContext } from '../../../platform/commands.js';
import { freeText } from '../../../platform/pin.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { formatDate } from '../../../platform/time.js';
import { addDays, today, fixturePerson } from '../../structure/index.js';
import { endOfDayBefore, loadMeeting, meetingRecipients, meetingLabel } from '../../meetings/index.js';
import { approvalsOf, checkVersion, contentVersion, currentRound, minutesOf, minutesFor, type LoadedMinutes } from '../access.js';
import { optionalDay, version } from '../inputs.js';
import { KIND, minutesLink, notifyPersons, scheduleApprovalReminder } from '../notices.js';
import { sampleMinutes } from '../samples.js';
import { approvals, minuteItems, minutes as minutesTable, type Approval, type VersionApprover } from '../schema.js';
import { actorPersonId, bumpMinutes, lockVersion, reconcileAll, refuse } from './common.js';

/** Days the approvers have by default (justering within two weeks). */
export const DEFAULT_APPROVAL_DAYS = 14;

export const sendForApprovalInput = z.object({ meetingId: z.uuid(), deadline: optionalDay });

/**
 * minutes.sendForApproval: a protocol goes for approval (justering) to the chair and the
 * adjusters appointed at the meeting, with a deadline (default 14 days) and a reminder
 * before it. Decisions are numbered now at the latest.
 */
export const sendForApproval = defineCommand({
  name: 'minutes.sendForApproval',
  input: sendForApprovalInput,
  labels: () => ({ deadline: 'Sista dag för justering' }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    if (m.kind !== 'protocol') refuse('meetingId', 'Minnesanteckningar justeras inte; sekreteraren fastställer dem.');
    if (m.status !== 'draft') refuse('meetingId', m.status === 'in_approval' ? 'Protokollet är redan på justering.' : 'Protokollet är låst. Starta en rättelse först.');
    const approverIds = [...new Set([m.chairPersonId, ...m.adjusterIds].filter((id): id is string => !!id))];
    if (!approverIds.length) refuse('meetingId', 'Välj ordförande och justerare innan protokollet skickas på justering.');
    const todayDay = today(ctx.now);
    const deadlineDay = input.deadline ?? addDays(todayDay, DEFAULT_APPROVAL_DAYS);
    if (deadlineDay < todayDay) refuse('deadline', 'Sista dag för justering kan inte ha passerat.');
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

/** Loads the minutes for an approver of the running round (locks them). */
async function forApprover(ctx: CommandContext, meetingId: string): Promise<{ loaded: LoadedMinutes; approval: Approval; round: Approval[] }> {
  const meeting = await loadMeeting(ctx.tx, ctx.actor, meetingId, ctx.now, true);
  const m = await minutesOf(ctx.tx, meetingId, true);
  if (!m) throw new NotFoundError('Mötet har inga anteckningar ännu.');
  const round = m.status === 'in_approval' ? await approvalsOf(ctx.tx, m.id, currentRound(m)) : [];
  const approval = round.find((a) => a.personId === actorPersonId(ctx));
  authorize(ctx.actor, 'minutes.approve', { isApprover: !!approval });
  return { loaded: { ...meeting, minutes: m }, approval: approval!, round };
}

export const approveInput = z.object({ meetingId: z.uuid(), version });

/**
 * minutes.approve: an approver approves the version they read. When every approver of the
 * round has approved the current version, it is locked: its canonical JSON and SHA-256
 * with the approvers and timestamps, and the minutes are sent out.
 */
export const approveMinutes = defineCommand({
  name: 'minutes.approve',
  input: approveInput,
  async run(ctx, input) {
    const { loaded, approval, round } = await forApprover(ctx, input.meetingId);
    const cv = await contentVersion(ctx.tx, loaded.minutes);
    checkVersion(cv, input.version, loaded.minutes, 'Protokollet');
    const [row] = await ctx.tx.update(approvals).set({ approvedAt: ctx.now, approvedVersion: cv }).where(eq(approvals.id, approval.id)).returning();
    await ctx.audit({ objectType: 'minutes', objectId: loaded.minutes.id, before: approval, after: row });
    const after = round.map((a) => (a.id === row!.id ? row! : a));
    if (after.every((a) => a.approvedVersion === cv)) {
      const names = await ctx.tx
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(
          inArray(
            people.id,
            after.map((a) => a.personId),
          ),
        );
      const approvers: VersionApprover[] = after.map((a) => ({ personId: a.personId, name: names.find((n) => n.id === a.personId)?.name ?? '', role: a.role, at: a.approvedAt!.toISOString() }));
      const version = await lockVersion(ctx, loaded, 'approved', approvers);
      return { approval: row!, locked: version };
    }
    return { approval: row!, locked: null };
  },
  async sample(sc) {
    const { actor, meeting, minutes, db } = await sampleMinutes(sc, { status: 'in_approval' });
    const items = await db.select().from(minuteItems).where(eq(minuteItems.minutesId, minutes.id));
    await db.insert(approvals).values({ minutesId: minutes.id, round: 1, personId: actor.kind === 'person' ? actor.personId : '', role: 'chair', deadline: new Date(Date.now() + 14 * 864e5) });
    return { actor, input: { meetingId: meeting.id, version: minutes.version + items.reduce((s, i) => s + i.version, 0) } };
  },
});

export const commentInput = z.object({ meetingId: z.uuid(), comment: freeText({ min: 1, max: 5000 }) });

/** minutes.comment: an approver comments instead of (or before) approving; the secretary is told. */
export const commentMinutes = defineCommand({
  name: 'minutes.comment',
  input: commentInput,
  labels: () => ({ comment: 'Kommentar' }),
  async run(ctx, input) {
    const { loaded, approval } = await forApprover(ctx, input.meetingId);
    const stamp = `${formatDate(ctx.now)} ${ctx.actor.kind === 'person' ? ctx.actor.name : ''}`.trim();
    const comment = [approval.comment, `${stamp}: ${input.comment}`].filter(Boolean).join('\n\n');
    const [row] = await ctx.tx.update(approvals).set({ comment, commentedAt: ctx.now }).where(eq(approvals.id, approval.id)).returning();
    await ctx.audit({ objectType: 'minutes', objectId: loaded.minutes.id, before: approval, after: row });
    const managers = await meetingRecipients(ctx.tx, loaded.meeting, { managersOnly: true, jointBodyIds: loaded.jointBodyIds });
    const who = ctx.actor.kind === 'person' ? ctx.actor.name : '';
    await notifyPersons(
      ctx.tx,
      managers.map((r) => r.personId).filter((id) => id !== actorPersonId(ctx)),
      KIND.approvalComment,
      (t, lang) => ({ title: t('minutes.notice.approvalComment', { who, meeting: meetingLabel(loaded.meeting, lang) }), body: input.comment }),
      minutesLink(loaded.meeting.id),
      { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: loaded.minutes.id },
    );
    return row!;
  },
  async sample(sc) {
    const { actor, meeting, minutes, db } = await sampleMinutes(sc, { status: 'in_approval' });
    await db.insert(approvals).values({ minutesId: minutes.id, round: 1, personId: actor.kind === 'person' ? actor.personId : '', role: 'adjuster', deadline: new Date(Date.now() + 14 * 864e5) });
    return { actor, input: { meetingId: meeting.id, comment: 'Under punkt 5 ska det stå två från kommun och två från region.' } };
  },
});

export const finaliseInput = z.object({ meetingId: z.uuid(), version });

/** minutes.finalise: the secretary finalises meeting notes (minnesanteckningar): the version is locked and sent out. */
export const finaliseMinutes = defineCommand({
  name: 'minutes.finalise',
  input: finaliseInput,
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    if (m.kind !== 'notes') refuse('meetingId', 'Ett protokoll justeras av ordföranden och justerarna; skicka det på justering.');
    if (m.status !== 'draft') refuse('meetingId', 'Anteckningarna är redan fastställda. Starta en rättelse för en ny version.');
    checkVersion(await contentVersion(ctx.tx, m), input.version, m, 'Anteckningarna');
    const who = ctx.actor.kind === 'person' ? { personId: ctx.actor.personId, name: ctx.actor.name } : { personId: '', name: 'Samverka' };
    const version = await lockVersion(ctx, loaded, 'final', [{ ...who, role: 'secretary', at: ctx.now.toISOString() }]);
    await ctx.audit({ objectType: 'minutes', objectId: m.id, after: { version: version.number, sha256: version.sha256 } });
    return version;
  },
  async sample(sc) {
    const { actor, meeting, minutes, items } = await sampleMinutes(sc, { kind: 'notes' });
    return { actor, input: { meetingId: meeting.id, version: minutes.version + items.reduce((s, i) => s + i.version, 0) } };
  },
});

export const startCorrectionInput = z.object({ meetingId: z.uuid(), reason: freeText({ min: 1, max: 2000 }) });

/**
 * minutes.startCorrection: locked minutes are corrected as a new version. The locked
 * version stays as it is (and stays published); the draft that follows is approved or
 * finalised again and gets a visible list of changes.
 */
export const startCorrection = defineCommand({
  name: 'minutes.startCorrection',
  input: startCorrectionInput,
  labels: () => ({ reason: 'Skäl till rättelsen' }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    const m = loaded.minutes;
    if (m.status !== 'approved' && m.status !== 'final') refuse('meetingId', 'Bara justerade eller fastställda anteckningar rättas; de andra kan redigeras direkt.');
    const row = await bumpMinutes(ctx, m.id, { status: 'draft', correctionReason: input.reason });
    await ctx.audit({ objectType: 'minutes', objectId: m.id, before: m, after: row });
    return row;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMinutes(sc, { status: 'approved', lockedVersion: 1 });
    return { actor, input: { meetingId: meeting.id, reason: 'Fel namn på justeraren under punkt 1.' } };
  },
});
