import type { MeetingFormat } from './schema.js';

/**
 * Reads a year plan typed one meeting per line, the way secretaries write it:
 *   2026-02-12 09:00-12:00 Region Örebro län, Eklundavägen 2, rum 101
 *   2026-03-05 13:00–16:00 Digitalt via Teams https://teams.example/abc
 *   2026-10-14 09:00 - 2026-10-15 15:00 Konferensgården, Lindesberg
 * Date, start time, end time (or end date and time), then an optional place. A segment of
 * the place that starts with "rum", "sal" or "lokal" is the room; a web address is the
 * link; "digitalt", "Teams" or "Zoom" without an address means a digital meeting.
 */

interface PlannedLine {
  date: string;
  startTime: string;
  endDate?: string | undefined;
  endTime: string;
  format: MeetingFormat;
  address?: string | undefined;
  room?: string | undefined;
  link?: string | undefined;
}

interface LineError {
  line: number;
  text: string;
  reason: 'format' | 'date' | 'time' | 'order';
}

const LINE = /^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}[:.]\d{2})\s*(?:-|–|—|till)\s*(?:(\d{4}-\d{2}-\d{2})\s+)?(\d{1,2}[:.]\d{2})(?:\s*[,;]?\s+(.*))?$/i;
const URL_PATTERN = /\bhttps?:\/\/\S+/i;
const ROOM_PATTERN = /^(rum|sal|lokal|konferensrum|room)\b/i;
const DIGITAL_PATTERN = /\b(digitalt?|teams|zoom|skype|webex|distans)\b/i;

function validDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function clock(text: string): string | undefined {
  const [h, m] = text.replace('.', ':').split(':').map(Number) as [number, number];
  if (!(h >= 0 && h <= 23 && m >= 0 && m <= 59)) return undefined;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The place part of a line: address, room, link and the format they imply. */
function parsePlace(text: string | undefined, fallback: MeetingFormat = 'physical'): Pick<PlannedLine, 'format' | 'address' | 'room' | 'link'> {
  let rest = (text ?? '').trim();
  const link = URL_PATTERN.exec(rest)?.[0];
  if (link) rest = rest.replace(link, '').trim();
  const segments = rest
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const roomSegment = segments.find((s) => ROOM_PATTERN.test(s));
  const addressSegments = segments.filter((s) => s !== roomSegment);
  const digitalWords = DIGITAL_PATTERN.test(rest);
  const onlyDigitalWords = digitalWords && addressSegments.every((s) => DIGITAL_PATTERN.test(s));
  let address = addressSegments.join(', ') || undefined;
  let format: MeetingFormat = fallback;
  if (onlyDigitalWords || (link && !address)) {
    format = 'digital';
  } else if (link || digitalWords) {
    format = address ? 'hybrid' : 'digital';
  } else if (address || roomSegment) {
    format = fallback === 'digital' ? 'hybrid' : fallback;
  }
  if (format === 'digital' && onlyDigitalWords) address = addressSegments.join(', ') || undefined;
  return { format, address, room: roomSegment, link };
}

/** Every non-empty line as a planned meeting, or the lines that could not be read. */
export function parsePlanLines(text: string, fallback: MeetingFormat = 'physical'): { meetings: PlannedLine[]; errors: LineError[] } {
  const meetings: PlannedLine[] = [];
  const errors: LineError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = LINE.exec(line);
    if (!m) return errors.push({ line: i + 1, text: line, reason: 'format' });
    const [, date, start, endDate, end, place] = m as unknown as [string, string, string, string | undefined, string, string | undefined];
    if (!validDay(date) || (endDate && !validDay(endDate))) return errors.push({ line: i + 1, text: line, reason: 'date' });
    const startTime = clock(start);
    const endTime = clock(end);
    if (!startTime || !endTime) return errors.push({ line: i + 1, text: line, reason: 'time' });
    const startKey = `${date} ${startTime}`;
    const endKey = `${endDate ?? date} ${endTime}`;
    if (endKey <= startKey) return errors.push({ line: i + 1, text: line, reason: 'order' });
    meetings.push({ date, startTime, endDate: endDate && endDate !== date ? endDate : undefined, endTime, ...parsePlace(place, fallback) });
    return undefined;
  });
  return { meetings, errors };
}
