import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { afterPublishedChange, insertItem } from '../agenda.js';
import { optionalMinutes } from '../inputs.js';
import { attachments } from '../schema.js';
import { proposalRef, SUBMISSION_SOURCE } from '../sources.js';
import { fixtureSubmission, sampleMeeting } from '../samples.js';
import { decide, openSubmission } from './common.js';

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
