import { z } from 'zod';
import { refuse } from '../../../platform/refusals.js';
import { defineCommand } from '../../../platform/commands.js';
import { meetingFor } from './common.js';
import { afterPublishedChange, insertItem } from '../agenda.js';
import { checkAttachmentTexts, storeAttachments } from '../attachments.js';
import { attachmentInput, itemFields, optionalUuid } from '../inputs.js';
import { sampleMeeting } from '../samples.js';
import { parentOnAgenda, presenterOf, refuseTakenNumber } from './common.js';

const addItemInput = z.object({
  meetingId: z.uuid(),
  ...itemFields,
  /** Makes the item a sub-item of this item of the same meeting (2.1 under 2). */
  parentId: optionalUuid,
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
    presenters: t('meetings.item.presenter'),
    number: t('meetings.item.number'),
    parentId: t('meetings.item.parent'),
  }),
  prepare: (input) => checkAttachmentTexts(input.attachments),
  async run(ctx, input) {
    const loaded = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    if (loaded.meeting.status === 'cancelled') refuse('meetingId', 'meetings.refusal.cancelled');
    const parent = await parentOnAgenda(ctx, loaded.meeting.id, input.parentId);
    await refuseTakenNumber(ctx, loaded.meeting.id, { number: input.number });
    const item = await insertItem(
      ctx,
      loaded.meeting,
      {
        parentId: parent?.id ?? null,
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
        title: 'Covid-19 i regionen',
        description: 'Smittskydd informerar om läget.',
        kind: 'information' as const,
        section: 'Information och dialog',
        number: '4',
        presenters: [{ name: 'Johanna Lind', organisation: 'Smittskydd' }],
        durationMinutes: 30,
        attachments: [{ filename: 'lagesbild.csv', content: Buffer.from('vecka;fall\n45;120\n').toString('base64') }],
      },
    };
  },
});
