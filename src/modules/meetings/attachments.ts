import { actorId } from '../../platform/auth/actor.js';
import { one } from '../../platform/db/rows.js';
import { refuse } from '../../platform/refusals.js';
import type { CommandContext } from '../../platform/commands.js';
import { checkUploadText, UPLOAD_TEXT_LIMITS, type UploadKind } from '../../platform/upload-text/index.js';
import { attachments, attachmentTypes, MAX_ATTACHMENT_BYTES, type Attachment } from './schema.js';

/*
 * Attachments are stored in the database (size-limited) so that every app process sees
 * them. Only common office, image and text types are accepted, and the content must match
 * the file's extension.
 */

type AttachmentExtension = keyof typeof attachmentTypes;

export const ACCEPT_ATTRIBUTE = Object.keys(attachmentTypes)
  .map((e) => `.${e}`)
  .join(',');

function startsWith(data: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => data[i] === b);
}

/** True when the bytes look like the type the extension claims. */
function contentMatches(ext: AttachmentExtension, data: Buffer): boolean {
  switch (ext) {
    case 'pdf':
      return startsWith(data, [0x25, 0x50, 0x44, 0x46]);
    case 'png':
      return startsWith(data, [0x89, 0x50, 0x4e, 0x47]);
    case 'jpg':
    case 'jpeg':
      return startsWith(data, [0xff, 0xd8, 0xff]);
    case 'docx':
    case 'xlsx':
    case 'pptx':
      return startsWith(data, [0x50, 0x4b, 0x03, 0x04]);
    case 'txt':
    case 'csv':
      return !data.subarray(0, 8192).includes(0);
  }
}

/** The content type of an accepted file, or a refusal naming the file. */
function checkAttachment(filename: string, data: Buffer, field = 'attachments'): string {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const name = filename;
  if (!(ext in attachmentTypes)) refuse(field, 'meetings.attachments.fileType', { name });
  if (data.length === 0) refuse(field, 'meetings.attachments.empty', { name });
  if (data.length > MAX_ATTACHMENT_BYTES) refuse(field, 'meetings.attachments.tooLarge', { name, mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 });
  if (!contentMatches(ext as AttachmentExtension, data)) refuse(field, 'meetings.attachments.contentMismatch', { name, ext });
  return attachmentTypes[ext as AttachmentExtension];
}

const KIND: Record<AttachmentExtension, UploadKind> = { pdf: 'pdf', docx: 'docx', xlsx: 'xlsx', pptx: 'pptx', txt: 'txt', csv: 'csv', png: 'image', jpg: 'image', jpeg: 'image' };

/**
 * Refuses files that may not be stored, before the transaction (reading a PDF's text is
 * CPU work): first as checkAttachment does, then by their text, which must be readable and
 * hold nothing that looks like a personal identity number (the matched text is shown, in
 * the reader's language). Call it from a command's `prepare`.
 */
export async function checkAttachmentTexts(files: readonly { filename: string; content: string }[], field = 'attachments'): Promise<void> {
  for (const file of files) {
    const data = Buffer.from(file.content, 'base64');
    const name = safeFilename(file.filename);
    checkAttachment(name, data, field);
    const ext = name.toLowerCase().split('.').pop() as AttachmentExtension;
    const check = await checkUploadText(KIND[ext], data);
    if (check.ok) continue;
    if (check.reason === 'identityNumber') refuse(field, 'meetings.attachments.identityNumber', { name, matches: check.found.map((f) => `”${f.match}”`).join(', ') });
    if (check.reason === 'tooLarge') refuse(field, 'meetings.attachments.tooLargeToCheck', { name, pages: UPLOAD_TEXT_LIMITS.maxPages });
    if (check.reason === 'timeout') refuse(field, 'meetings.attachments.checkTimedOut', { name });
    refuse(field, 'meetings.attachments.unreadable', { name });
  }
}

/** A safe file name for storage and download (no paths, no control characters). */
function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'fil';
  return base.replace(/[\u0000-\u001f\u007f"]/g, '').slice(0, 200) || 'fil';
}

export async function storeAttachments(
  ctx: CommandContext,
  meetingId: string,
  files: readonly { filename: string; content: string }[],
  link: { itemId?: string | null; submissionId?: string | null },
  field = 'attachments',
): Promise<Omit<Attachment, 'data'>[]> {
  const out: Omit<Attachment, 'data'>[] = [];
  for (const file of files) {
    const data = Buffer.from(file.content, 'base64');
    const filename = safeFilename(file.filename);
    const contentType = checkAttachment(filename, data, field);
    const row = one(
      await ctx.tx
        .insert(attachments)
        .values({ meetingId, itemId: link.itemId ?? null, submissionId: link.submissionId ?? null, filename, contentType, size: data.length, data, uploadedBy: actorId(ctx.actor), createdAt: ctx.now })
        .returning({
          id: attachments.id,
          meetingId: attachments.meetingId,
          itemId: attachments.itemId,
          submissionId: attachments.submissionId,
          filename: attachments.filename,
          contentType: attachments.contentType,
          size: attachments.size,
          uploadedBy: attachments.uploadedBy,
          createdAt: attachments.createdAt,
        }),
    );
    await ctx.audit({ operation: 'meetings.uploadAttachment', objectType: 'meeting_attachment', objectId: row.id, after: row });
    out.push(row);
  }
  return out;
}
