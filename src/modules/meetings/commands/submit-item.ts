import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { ConflictError } from '../../../platform/http/errors.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { actorPersonId, hasStarted, meetingFor } from '../access.js';
import { checkAttachmentTexts, storeAttachments } from '../attachments.js';
import { attachmentInput, itemKind, optionalMinutes, optionalUuid } from '../inputs.js';
import { deadlineLabel } from '../notices.js';
import { itemSubmissions } from '../schema.js';
import { sampleMeeting } from '../samples.js';
import { refuse } from './common.js';

export const submitItemInput = z.object({
  meetingId: z.uuid(),
  title: freeText({ min: 1, max: 300 }),
  description: optionalFreeText({ max: 10_000 }),
  kind: itemKind.default('information'),
  presenterPersonId: optionalUuid,
  presenterName: optionalFreeText({ max: 200 }),
  wishedMinutes: optionalMinutes,
  attachments: z.array(attachmentInput).max(10).default([]),
});

/** The refusal after the submission deadline, in Swedish. */
export function deadlinePassedMessage(deadline: Date): string {
  return `Sista dag för att skicka in punkter var ${deadlineLabel(deadline, 'sv')}. Kontakta sekreteraren om punkten inte kan vänta till nästa möte.`;
}

/**
 * meetings.submitItem: a member (or a substitute, where the body allows substitutes) sends
 * in an item for the agenda, until the submission deadline.
 */
export const submitItem = defineCommand({
  name: 'meetings.submitItem',
  input: submitItemInput,
  labels: () => ({ title: 'Rubrik', description: 'Beskrivning', wishedMinutes: 'Önskad tid i minuter', presenterName: 'Föredragande' }),
  prepare: (input, { t }) => checkAttachmentTexts(input.attachments, t),
  async run(ctx, input) {
    const { meeting } = await meetingFor(ctx, input.meetingId, 'meetings.submit');
    if (meeting.status === 'cancelled') refuse('meetingId', 'Mötet är inställt.');
    if (meeting.registeredAfterwards || meeting.status === 'held' || hasStarted(meeting, ctx.now)) refuse('meetingId', 'Mötet har redan ägt rum.');
    if (meeting.submissionDeadline && ctx.now.getTime() > meeting.submissionDeadline.getTime()) {
      throw new ConflictError(deadlinePassedMessage(meeting.submissionDeadline), 'deadline-passed');
    }
    const [row] = await ctx.tx
      .insert(itemSubmissions)
      .values({
        meetingId: meeting.id,
        submittedBy: actorPersonId(ctx)!,
        title: input.title,
        description: input.description ?? null,
        kind: input.kind,
        presenterPersonId: input.presenterPersonId ?? null,
        presenterName: input.presenterName ?? null,
        wishedMinutes: input.wishedMinutes ?? null,
        createdAt: ctx.now,
      })
      .returning();
    await ctx.audit({ objectType: 'item_submission', objectId: row!.id, after: row });
    const files = await storeAttachments(ctx, meeting.id, input.attachments, { submissionId: row!.id });
    return { ...row!, attachments: files };
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMeeting(sc);
    return {
      actor,
      input: {
        meetingId: meeting.id,
        title: 'Rutin för samordnad individuell plan',
        description: 'Förslag att se över rutinen efter höstens avvikelser.',
        kind: 'decision' as const,
        presenterName: 'Elin Åberg',
        wishedMinutes: 20,
        attachments: [{ filename: 'underlag.txt', content: Buffer.from('Underlag för punkten').toString('base64') }],
      },
    };
  },
});
