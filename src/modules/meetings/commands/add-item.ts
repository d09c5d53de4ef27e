import { z } from 'zod';
import { refuse } from '../../../platform/refusals.js';
import { defineCommand } from '../../../platform/commands.js';
import { meetingFor } from './common.js';
import { afterPublishedChange, insertItem } from '../agenda.js';
import { checkAttachmentTexts, storeAttachments } from '../attachments.js';
import { attachmentInput, itemFields } from '../inputs.js';
import { sampleMeeting } from '../samples.js';
import { presenterOf } from './common.js';

const addItemInput = z.object({
  meetingId: z.uuid(),
  ...itemFields,
  placement: z.enum(['start', 'end']).optional(),
  attachments: z.array(attachmentInput).max(10).default([]),
});

/** meetings.addItem: the secretary puts an item on the agenda (also after the submission deadline). */
export const addItem = defineCommand({
  name: 'meetings.addItem',
  input: addItemInput,
  labels: (t) => ({
    title: t('meetings.item.title'),
    description: t('meetings.item.description'),
    durationMinutes: t('meetings.item.duration'),
    section: t('meetings.item.section'),
    presenterName: t('meetings.item.presenter'),
  }),
  prepare: (input) => checkAttachmentTexts(input.attachments),
  async run(ctx, input) {
    const loaded = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    if (loaded.meeting.status === 'cancelled') refuse('meetingId', 'meetings.refusal.cancelled');
    const item = await insertItem(
      ctx,
      loaded.meeting,
      {
        title: input.title,
        description: input.description ?? null,
        kind: input.kind,
        section: input.section ?? null,
        number: input.number ?? null,
        ...(await presenterOf(ctx, input)),
        durationMinutes: input.durationMinutes ?? null,
        internal: input.internal,
        source: 'secretary',
      },
      input.placement,
    );
    await ctx.audit({ objectType: 'agenda_item', objectId: item.id, after: item });
    await storeAttachments(ctx, loaded.meeting.id, input.attachments, { itemId: item.id });
    await afterPublishedChange(ctx, loaded, ['agenda']);
    return item;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMeeting(sc);
    return {
      actor,
      input: {
        meetingId: meeting.id,
        title: 'Covidläget i länet',
        description: 'Smittskydd informerar om läget.',
        kind: 'information' as const,
        section: 'Information och dialog',
        number: '4',
        presenterName: 'Johanna från Smittskydd',
        durationMinutes: 30,
        attachments: [{ filename: 'lagesbild.csv', content: Buffer.from('vecka;fall\n45;120\n').toString('base64') }],
      },
    };
  },
});
