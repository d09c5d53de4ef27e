import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { conflict, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { hasStarted } from '../policy.js';
import { meetingFor } from './common.js';
import { checkAttachmentTexts, storeAttachments } from '../attachments.js';
import { attachmentInput, itemKind, optionalMinutes, optionalUuid } from '../inputs.js';
import { deadlineLabel } from '../notices.js';
import { itemSubmissions } from '../schema.js';
import { sampleMeeting } from '../samples.js';

const submitItemInput = z.object({
  meetingId: z.uuid(),
  title: freeText({ min: 1, max: 300 }),
  description: optionalFreeText({ max: 10_000 }),
  kind: itemKind.default('information'),
  presenterPersonId: optionalUuid,
  presenterName: optionalFreeText({ max: 200 }),
  wishedMinutes: optionalMinutes,
  attachments: z.array(attachmentInput).max(10).default([]),
});

/**
 * meetings.submitItem: a member (or a substitute, where the body allows substitutes) sends
 * in an item for the agenda, until the submission deadline.
 */
export const submitItem = defineCommand({
  name: 'meetings.submitItem',
  input: submitItemInput,
  labels: (t) => ({ title: t('meetings.item.title'), description: t('meetings.item.description'), wishedMinutes: t('meetings.submit.wishedMinutes'), presenterName: t('meetings.item.presenter') }),
  prepare: (input) => checkAttachmentTexts(input.attachments),
  async run(ctx, input) {
    const { meeting } = await meetingFor(ctx, input.meetingId, 'meetings.submit');
    if (meeting.status === 'cancelled') refuse('meetingId', 'meetings.refusal.cancelled');
    if (meeting.registeredAfterwards || meeting.status === 'held' || hasStarted(meeting, ctx.now)) refuse('meetingId', 'meetings.refusal.alreadyTookPlace');
    if (meeting.submissionDeadline && ctx.now.getTime() > meeting.submissionDeadline.getTime()) {
      conflict('meetings.refusal.deadlinePassed', { deadline: { sv: deadlineLabel(meeting.submissionDeadline, 'sv'), en: deadlineLabel(meeting.submissionDeadline, 'en') } }, 'deadline-passed');
    }
    const row = one(
      await ctx.tx
        .insert(itemSubmissions)
        .values({
          meetingId: meeting.id,
          submittedBy: actorId(ctx.actor)!,
          title: input.title,
          description: input.description ?? null,
          kind: input.kind,
          presenterPersonId: input.presenterPersonId ?? null,
          presenterName: input.presenterName ?? null,
          wishedMinutes: input.wishedMinutes ?? null,
          createdAt: ctx.now,
        })
        .returning(),
    );
    await ctx.audit({ objectType: 'item_submission', objectId: row.id, after: row });
    const files = await storeAttachments(ctx, meeting.id, input.attachments, { submissionId: row.id });
    return { ...row, attachments: files };
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
