import { and, eq } from 'drizzle-orm';
import { refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { agendaItems, attachments } from '../schema.js';
import { fixtureItem, fixtureSubmission, sampleMeeting } from '../samples.js';
import { decide, openSubmission, tellSubmitter } from './common.js';

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
