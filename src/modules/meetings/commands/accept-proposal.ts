import { refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText } from '../../../platform/pin.js';
import { meetingFor, resolvePresenters } from './common.js';
import { afterPublishedChange, insertItem } from '../agenda.js';
import { optionalMinutes } from '../inputs.js';
import { agendaSource, openProposals, proposalRef, SUBMISSION_SOURCE, TEMPLATE_SOURCE } from '../sources.js';
import { sampleMeeting } from '../samples.js';
import { acceptSubmission } from './accept-submission.js';
import { proposalKey } from './common.js';

const acceptProposalInput = z.object({
  meetingId: z.uuid(),
  sourceId: freeText({ min: 1, max: 50 }),
  key: proposalKey,
  durationMinutes: optionalMinutes,
});

/** meetings.acceptProposal: a proposal from one of the agenda sources goes on the agenda. */
export const acceptProposal = defineCommand({
  name: 'meetings.acceptProposal',
  input: acceptProposalInput,
  async run(ctx, input) {
    const loaded = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    if (loaded.meeting.status === 'cancelled') refuse('meetingId', 'meetings.refusal.cancelled');
    if (input.sourceId === SUBMISSION_SOURCE) {
      return acceptSubmission.run(ctx, { submissionId: input.key, durationMinutes: input.durationMinutes }, undefined);
    }
    const source = agendaSource(input.sourceId);
    if (!source) refuse('sourceId', 'meetings.refusal.noSource');
    const open = await openProposals({ tx: ctx.tx, meeting: loaded.meeting, body: loaded.body, lang: 'sv' });
    const proposal = open.find((o) => o.source.id === source.id)?.proposals.find((p) => p.key === input.key);
    if (!proposal) refuse('key', 'meetings.refusal.proposalGone');
    const item = await insertItem(
      ctx,
      loaded.meeting,
      {
        title: proposal.title,
        description: proposal.description ?? null,
        kind: proposal.kind,
        section: proposal.section ?? null,
        presenters:
          proposal.presenters ??
          (await resolvePresenters(
            ctx.tx,
            proposal.presenterPersonId || proposal.presenterName?.trim() ? [{ personId: proposal.presenterPersonId ?? undefined, name: proposal.presenterName?.trim() || undefined }] : [],
          )),
        durationMinutes: input.durationMinutes ?? proposal.durationMinutes ?? null,
        source: proposal.source,
        sourceRef: proposalRef(source.id, proposal.key),
        caseId: proposal.caseId ?? null,
        internal: proposal.internal ?? false,
      },
      proposal.placement,
    );
    await ctx.audit({ objectType: 'agenda_item', objectId: item.id, after: item });
    await afterPublishedChange(ctx, loaded, ['agenda']);
    return item;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMeeting(sc);
    return { actor, input: { meetingId: meeting.id, sourceId: TEMPLATE_SOURCE, key: 'start-default-1' } };
  },
});
