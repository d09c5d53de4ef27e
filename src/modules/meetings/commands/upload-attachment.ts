import { one } from '../../../platform/db/rows.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { renderPdf } from '../../../platform/documents/index.js';
import { meetingFor } from './common.js';
import { checkAttachmentTexts, storeAttachments } from '../attachments.js';
import { attachmentInput, optionalUuid } from '../inputs.js';
import { fixtureItem, sampleMeeting } from '../samples.js';
import { itemOfMeeting } from './common.js';

const uploadAttachmentInput = z.object({
  meetingId: z.uuid(),
  itemId: optionalUuid,
  file: attachmentInput,
});

/** meetings.uploadAttachment: a document for the meeting or one of its items (stored in the database). */
export const uploadAttachment = defineCommand({
  name: 'meetings.uploadAttachment',
  input: uploadAttachmentInput,
  prepare: (input) => checkAttachmentTexts([input.file], 'file'),
  async run(ctx, input) {
    const { meeting } = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    if (input.itemId) await itemOfMeeting(ctx, meeting.id, input.itemId);
    return one(await storeAttachments(ctx, meeting.id, [input.file], { itemId: input.itemId ?? null }, 'file'));
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    const item = await fixtureItem(db, meeting, 1);
    const pdf = await renderPdf({ title: 'Presentation', lang: 'sv-SE', blocks: [{ type: 'paragraph', text: 'Läget i samverkan, vecka 45.' }] });
    return { actor, input: { meetingId: meeting.id, itemId: item.id, file: { filename: 'presentation.pdf', content: pdf.toString('base64') } } };
  },
});
