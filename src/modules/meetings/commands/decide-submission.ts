import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { notFound, refuse } from '../../../platform/refusals.js';
import { and, eq } from 'drizzle-orm';
import { defineCommand } from '../../../platform/commands.js';
import { z } from 'zod';
import type { CommandContext } from '../../../platform/commands.js';
import { people } from '../../../platform/auth/schema.js';
import { meetingFor, type LoadedMeeting } from '../access.js';
import { afterPublishedChange, insertItem } from '../agenda.js';
import { optionalMinutes } from '../inputs.js';
import { agendaItems, attachments, itemSubmissions, type ItemSubmission } from '../schema.js';
import { proposalRef, SUBMISSION_SOURCE } from '../sources.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { KIND, meetingLabel, notifyPeople } from '../notices.js';
import { fixtureItem, fixtureSubmission, sampleMeeting } from '../samples.js';

/** Loads a submission still waiting for a decision, with its meeting (the actor must manage it). */
async function openSubmission(ctx: CommandContext, submissionId: string): Promise<{ submission: ItemSubmission; loaded: LoadedMeeting }> {
  const [submission] = await ctx.tx.select().from(itemSubmissions).where(eq(itemSubmissions.id, submissionId)).for('update');
  if (!submission) notFound('meetings.refusal.submissionNotFound');
  const loaded = await meetingFor(ctx, submission.meetingId, 'meetings.manage');
  if (submission.status !== 'proposed') refuse('submissionId', 'meetings.refusal.submissionDecided');
  if (loaded.meeting.status === 'cancelled') refuse('submissionId', 'meetings.refusal.cancelled');
  return { submission, loaded };
}

async function decide(ctx: CommandContext, submission: ItemSubmission, values: Partial<ItemSubmission>) {
  const row = one(
    await ctx.tx
      .update(itemSubmissions)
      .set({ ...values, decidedBy: actorId(ctx.actor), decidedAt: ctx.now })
      .where(eq(itemSubmissions.id, submission.id))
      .returning(),
  );
  await ctx.audit({ objectType: 'item_submission', objectId: submission.id, before: submission, after: row });
  return row;
}

async function tellSubmitter(ctx: CommandContext, loaded: LoadedMeeting, submission: ItemSubmission, reply: string | null, kind: 'declined' | 'merged') {
  const [person] = await ctx.tx.select({ personId: people.id, language: people.language }).from(people).where(eq(people.id, submission.submittedBy));
  if (!person) return;
  await notifyPeople(
    ctx.tx,
    [person],
    KIND.submissionDeclined,
    (t, lang) => ({
      title: t(kind === 'declined' ? 'meetings.notice.declined.title' : 'meetings.notice.merged.title', { title: submission.title, meeting: meetingLabel(loaded.meeting, lang) }),
      body: reply ?? undefined,
    }),
    `/meetings/${loaded.meeting.id}`,
    { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: loaded.meeting.id },
  );
}

const acceptSubmissionInput = z.object({
  submissionId: z.uuid(),
  section: optionalFreeText({ max: 100 }),
  durationMinutes: optionalMinutes,
});

/** meetings.acceptSubmission: the submitted item goes on the agenda (before the closing items). */
export const acceptSubmission = defineCommand({
  name: 'meetings.acceptSubmission',
  input: acceptSubmissionInput,
  async run(ctx, input) {
    const { submission, loaded } = await openSubmission(ctx, input.submissionId);
    const item = await insertItem(ctx, loaded.meeting, {
      title: submission.title,
      description: submission.description,
      kind: submission.kind,
      section: input.section ?? null,
      presenterPersonId: submission.presenterPersonId,
      presenterName: submission.presenterName,
      durationMinutes: input.durationMinutes ?? submission.wishedMinutes,
      source: 'submission',
      sourceRef: proposalRef(SUBMISSION_SOURCE, submission.id),
    });
    await ctx.audit({ operation: 'meetings.addItem', objectType: 'agenda_item', objectId: item.id, after: item });
    await ctx.tx
      .update(attachments)
      .set({ itemId: item.id })
      .where(and(eq(attachments.submissionId, submission.id)));
    await decide(ctx, submission, { status: 'accepted', mergedIntoItemId: item.id });
    await afterPublishedChange(ctx, loaded, ['agenda']);
    return item;
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    const s = await fixtureSubmission(db, meeting, actor.kind === 'person' ? actor.personId : '');
    return { actor, input: { submissionId: s.id, section: 'Beslut', durationMinutes: 25 } };
  },
});

const mergeSubmissionInput = z.object({
  submissionId: z.uuid(),
  itemId: z.uuid(),
  reply: optionalFreeText({ max: 2000 }),
});

/** meetings.mergeSubmission: the submitted item is handled under an item already on the agenda. */
export const mergeSubmission = defineCommand({
  name: 'meetings.mergeSubmission',
  input: mergeSubmissionInput,
  async run(ctx, input) {
    const { submission, loaded } = await openSubmission(ctx, input.submissionId);
    const [item] = await ctx.tx
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.id, input.itemId), eq(agendaItems.meetingId, loaded.meeting.id)));
    if (!item) refuse('itemId', 'meetings.refusal.chooseItem');
    await ctx.tx.update(attachments).set({ itemId: item.id }).where(eq(attachments.submissionId, submission.id));
    const row = await decide(ctx, submission, { status: 'merged', mergedIntoItemId: item.id, reply: input.reply ?? null });
    await tellSubmitter(ctx, loaded, submission, input.reply ?? null, 'merged');
    return row;
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    const s = await fixtureSubmission(db, meeting, actor.kind === 'person' ? actor.personId : '');
    const item = await fixtureItem(db, meeting, 1, { title: 'Utskrivningsprocessen' });
    return { actor, input: { submissionId: s.id, itemId: item.id, reply: 'Tas upp under punkten om utskrivningsprocessen.' } };
  },
});

const declineSubmissionInput = z.object({
  submissionId: z.uuid(),
  reply: freeText({ min: 1, max: 2000 }),
});

/** meetings.declineSubmission: the submitted item is not taken up; the submitter gets the reply. */
export const declineSubmission = defineCommand({
  name: 'meetings.declineSubmission',
  input: declineSubmissionInput,
  labels: (t) => ({ reply: t('meetings.builder.declineReply') }),
  async run(ctx, input) {
    const { submission, loaded } = await openSubmission(ctx, input.submissionId);
    const row = await decide(ctx, submission, { status: 'declined', reply: input.reply });
    await tellSubmitter(ctx, loaded, submission, input.reply, 'declined');
    return row;
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    const s = await fixtureSubmission(db, meeting, actor.kind === 'person' ? actor.personId : '');
    return { actor, input: { submissionId: s.id, reply: 'Frågan hör hemma i den operativa gruppen; vi skickar den vidare dit.' } };
  },
});
