import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { afterPublishedChange, insertItem } from '../agenda.js';
import { optionalMinutes } from '../inputs.js';
import { attachments } from '../schema.js';
import { proposalRef, submissionPresenters, SUBMISSION_SOURCE } from '../sources.js';
import { people } from '../../../platform/auth/schema.js';
import { fixtureSubmission, sampleMeeting } from '../samples.js';
import { decide, openSubmission, resolvePresenters } from './common.js';

const acceptSubmissionInput = z.object({
  submissionId: z.uuid(),
  section: optionalFreeText({ max: 100 }),
  durationMinutes: optionalMinutes,
});

/** meetings.acceptSubmission: the submitted item goes on the agenda (before the closing items); a presenter left empty is the submitter. */
export const acceptSubmission = defineCommand({
  name: 'meetings.acceptSubmission',
  input: acceptSubmissionInput,
  async run(ctx, input) {
    const { submission, loaded } = await openSubmission(ctx, input.submissionId);
    const [submitter] = await ctx.tx.select({ name: people.name }).from(people).where(eq(people.id, submission.submittedBy));
    // A presenter left empty means the submitter presents the item.
    const presenters = await resolvePresenters(
      ctx.tx,
      submissionPresenters(submission, submitter?.name ?? '').map((p) => ({ personId: p.personId ?? undefined, name: p.name || undefined })),
    );
    const item = await insertItem(ctx, loaded.meeting, {
      title: submission.title,
      description: submission.description,
      kind: submission.kind,
      section: input.section ?? null,
      presenters,
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
