/**
 * A small document model for the documents Samverka produces (agendas now, minutes and
 * annual reports later): a title, label–value rows under it, and a flow of headings,
 * paragraphs, lists and tables. One model is rendered to PDF (pdf.ts) and DOCX (docx.ts),
 * so both formats always say the same thing.
 */

export type DocumentLang = 'sv-SE' | 'en-GB';

export interface MetadataRow {
  label: string;
  value: string;
}

export interface TableColumn {
  header: string;
  /** Relative width (the columns' widths are shared out in proportion); 1 unless given. */
  width?: number;
  align?: 'left' | 'right';
}

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; style?: 'normal' | 'muted' }
  | { type: 'list'; ordered?: boolean; items: string[] }
  | { type: 'table'; caption?: string; columns: TableColumn[]; rows: string[][] };

export interface DocumentModel {
  /** The document's title: the first heading, and the PDF/DOCX title metadata. */
  title: string;
  lang: DocumentLang;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** When the document was produced (metadata); now unless given. */
  createdAt?: Date;
  /** Rows shown under the title (body, date, time, place…). */
  metadata?: MetadataRow[];
  blocks: Block[];
  /** Text at the foot of every page, before the page number. */
  footer?: string;
  /** The page number text, e.g. (1, 3) → "Sida 1 av 3". */
  pageLabel?: (page: number, pages: number) => string;
}

const MONTHS =
  'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|january|february|march|may|june|july|august|october|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec';
const WEEKDAYS = 'måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const TIME = '\\d{1,2}[:.]\\d{2}';
const TIMES = `(?:kl\\.? )?${TIME}(?: ?[–-] ?${TIME})?`;
const DAY = `(?:(?:${WEEKDAYS}),? )?(?:den )?\\d{1,2} (?:${MONTHS})\\.?(?: \\d{4})?|\\d{4}-\\d{2}-\\d{2}`;
/** A date with its time (or range) after it; a time range; "kl. 13.00"; "§ 14". */
const UNBREAKABLE = new RegExp(`(?<![\\p{L}\\d])(?:(?:${DAY})(?:,? ${TIMES})?|${TIME} ?[–-] ?${TIME}|kl\\.? ${TIME}|§ \\d+)(?![\\p{L}\\d])`, 'giu');

/**
 * The parts of a text that a line must not break inside: dates ("fredag 13 november 2026",
 * "2026-11-13 14:30"), times and time ranges ("13:00 – 16:00", "kl. 13.00") and paragraph
 * numbers ("§ 14"), as [start, end) offsets. The PDF wraps lines only at spaces outside them;
 * the DOCX writes their spaces and hyphens as non-breaking ones.
 */
export function unbreakableSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(UNBREAKABLE)) if (/[ \-–]/.test(m[0])) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

export const PDF_CONTENT_TYPE = 'application/pdf';
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file name safe in a Content-Disposition header: letters (å, ä, ö kept as a–o), digits, dashes. */
export function fileSlug(text: string, max = 60): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'dokument';
}

/** Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
