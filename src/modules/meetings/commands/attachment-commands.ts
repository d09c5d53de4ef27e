import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { notFound } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { renderPdf } from '../../../platform/documents/index.js';
import { meetingFor } from '../access.js';
import { checkAttachmentTexts, storeAttachments } from '../attachments.js';
import { attachmentInput, optionalUuid } from '../inputs.js';
import { attachments } from '../schema.js';
import { fixtureItem, sampleMeeting } from '../samples.js';
import { itemOfMeeting } from './items.js';

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

const removeAttachmentInput = z.object({ attachmentId: z.uuid() });

/** meetings.removeAttachment */
export const removeAttachment = defineCommand({
  name: 'meetings.removeAttachment',
  input: removeAttachmentInput,
  async run(ctx, input) {
    const [row] = await ctx.tx
      .select({ id: attachments.id, meetingId: attachments.meetingId, filename: attachments.filename, itemId: attachments.itemId, submissionId: attachments.submissionId, size: attachments.size })
      .from(attachments)
      .where(eq(attachments.id, input.attachmentId));
    if (!row) notFound('meetings.refusal.attachmentNotFound');
    await meetingFor(ctx, row.meetingId, 'meetings.manage');
    await ctx.tx.delete(attachments).where(eq(attachments.id, row.id));
    await ctx.audit({ objectType: 'meeting_attachment', objectId: row.id, before: row });
    return { removed: true };
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    const a = one(
      await db
        .insert(attachments)
        .values({ meetingId: meeting.id, filename: 'gammal.txt', contentType: 'text/plain', size: 3, data: Buffer.from('abc') })
        .returning(),
    );
    return { actor, input: { attachmentId: a.id } };
  },
});
