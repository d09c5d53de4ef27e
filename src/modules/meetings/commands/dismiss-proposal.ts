import { actorId } from '../../../platform/auth/actor.js';
import { refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText } from '../../../platform/pin.js';
import { meetingFor } from './common.js';
import { dismissedProposals } from '../schema.js';
import { agendaSource, SUBMISSION_SOURCE, TEMPLATE_SOURCE } from '../sources.js';
import { sampleMeeting } from '../samples.js';
import { proposalKey } from './common.js';

const dismissProposalInput = z.object({
  meetingId: z.uuid(),
  sourceId: freeText({ min: 1, max: 50 }),
  key: proposalKey,
});

/** meetings.dismissProposal: a proposal is set aside for this meeting (a submission is declined instead, with a reply). */
export const dismissProposal = defineCommand({
  name: 'meetings.dismissProposal',
  input: dismissProposalInput,
  async run(ctx, input) {
    const loaded = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    if (input.sourceId === SUBMISSION_SOURCE) refuse('key', 'meetings.refusal.declineSubmission');
    if (!agendaSource(input.sourceId)) refuse('sourceId', 'meetings.refusal.noSource');
    const [row] = await ctx.tx
      .insert(dismissedProposals)
      .values({ meetingId: loaded.meeting.id, sourceId: input.sourceId, key: input.key, dismissedBy: actorId(ctx.actor), dismissedAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    await ctx.audit({ objectType: 'meeting', objectId: loaded.meeting.id, after: { dismissed: { sourceId: input.sourceId, key: input.key } } });
    return { dismissed: !!row };
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMeeting(sc);
    return { actor, input: { meetingId: meeting.id, sourceId: TEMPLATE_SOURCE, key: 'end-default-5' } };
  },
});
