import { findIdentityNumbers, type IdentityNumberMatch } from '../pin.js';
import { decodeText } from './decode.js';
import { officeText } from './office.js';
import { pdfText } from './pdf.js';
import { ZipError } from './zip.js';

/*
 * The text of an uploaded file, for the identity-number guard: Samverka holds no patient
 * data, in free text or in attachments. Plain text and CSV are decoded as the CSV import
 * does; Word, Excel and PowerPoint files are unzipped and their XML stripped; PDFs are read
 * with pdfjs in a worker thread. Images carry no text we can read (no OCR).
 *
 * The work is bounded: at most UPLOAD_TEXT_LIMITS.maxPages pages and maxChars characters
 * of text, inflated XML up to maxInflatedBytes, and timeoutMs for a PDF. A file past a
 * bound, or whose text cannot be read (encrypted or broken), is refused by the caller:
 * what cannot be checked is not stored.
 */

export const UPLOAD_TEXT_LIMITS = {
  maxPages: 1000,
  maxChars: 5_000_000,
  maxInflatedBytes: 60 * 1024 * 1024,
  maxEntries: 2000,
  timeoutMs: 30_000,
};

export type UploadKind = 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'txt' | 'csv' | 'image';

type UploadText = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'tooLarge' | 'timeout' };

type UploadCheck = { ok: true } | { ok: false; reason: 'identityNumber'; found: IdentityNumberMatch[] } | { ok: false; reason: 'unreadable' | 'tooLarge' | 'timeout' };

/** The readable text of a file of a known kind (images: none). */
export async function uploadText(kind: UploadKind, data: Buffer, limits = UPLOAD_TEXT_LIMITS): Promise<UploadText> {
  switch (kind) {
    case 'image':
      return { ok: true, text: '' };
    case 'txt':
    case 'csv':
      return { ok: true, text: decodeText(data).text };
    case 'pdf':
      return pdfText(data, limits);
    case 'docx':
    case 'xlsx':
    case 'pptx':
      try {
        const text = officeText(kind, data, { maxTotalBytes: limits.maxInflatedBytes, maxEntries: limits.maxEntries });
        return text.length > limits.maxChars ? { ok: false, reason: 'tooLarge' } : { ok: true, text };
      } catch (err) {
        if (err instanceof ZipError) return { ok: false, reason: err.reason };
        throw err;
      }
  }
}

/** Whether an uploaded file may be stored: readable, and without anything that looks like a personal identity number. */
export async function checkUploadText(kind: UploadKind, data: Buffer, limits = UPLOAD_TEXT_LIMITS): Promise<UploadCheck> {
  const read = await uploadText(kind, data, limits);
  if (!read.ok) return read;
  const found = findIdentityNumbers(read.text);
  return found.length ? { ok: false, reason: 'identityNumber', found } : { ok: true };
}
