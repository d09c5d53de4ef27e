import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { notFound } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { meetingFor } from './common.js';
import { attachments } from '../schema.js';
import { sampleMeeting } from '../samples.js';

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
