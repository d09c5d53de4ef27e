/*
 * CSV as Swedish spreadsheets write it: semicolon (Excel with Swedish settings) or comma
 * (or tab) separated, UTF-8 with or without a byte order mark, or Windows-1252 (older
 * Excel "CSV"). Quoted fields may hold separators, quotes ("") and line breaks.
 */

/** Decodes a file's bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 (one decoder with uploaded attachments). */
export { decodeText as decodeCsv } from '../../../platform/upload-text/decode.js';

export interface CsvRecord {
  /** The file's line number where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/** The separator of the header line: the most frequent of ; , and tab outside quotes. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[','] > counts[';'] ? ',' : ';';
}

/** Parses CSV text into records with their starting line numbers; blank lines are skipped. */
export function parseCsv(input: string, delimiter = detectDelimiter(input.replace(/^\uFEFF/, ''))): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endCell = () => {
    cells.push(cell);
    cell = '';
  };
  const endRecord = () => {
    endCell();
    if (touched || cells.some((c) => c.trim() !== '')) records.push({ line: start, cells: cells.map(unguard) });
    cells = [];
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      cell = '';
      quoted = true;
      touched = true;
    } else if (ch === delimiter) {
      endCell();
      touched = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) endRecord();
  return records.map((r) => ({ ...r, cells: r.cells.map((c) => c.trim()) }));
}

/** Cells that a spreadsheet would run as formulas are written with a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

function guard(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function unguard(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Writes rows as semicolon-separated UTF-8 with a BOM, the way Swedish Excel opens it. */
export function writeCsv(rows: (string | null | undefined)[][]): string {
  const quote = (v: string | null | undefined) => {
    const s = guard(v ?? '');
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${rows.map((r) => r.map(quote).join(';')).join('\r\n')}\r\n`;
}
