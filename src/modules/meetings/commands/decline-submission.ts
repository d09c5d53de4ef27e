import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText } from '../../../platform/pin.js';
import { fixtureSubmission, sampleMeeting } from '../samples.js';
import { decide, openSubmission, tellSubmitter } from './common.js';

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
