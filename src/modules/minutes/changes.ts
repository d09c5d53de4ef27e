import { canonicalJson } from './canonical.js';
import type { MinutesSnapshot, SnapshotItem } from './snapshot.js';
import type { VersionChange } from './schema.js';

/*
 * The visible list of changes between two locked versions: the meeting's facts, header fields,
 * attendance, and per item (matched by id) every field that differs, added and removed items.
 * Values are compared canonically (canonical.ts): the same content with its keys in another
 * order (a version read back from its canonical JSON against one just built) is no change.
 * Every field of the content is compared, also one added to the snapshot later (named by its
 * key until it gets a label here).
 */

/** A value as a reader sees it in the list of changes (an object as its values, not as JSON). */
function shown(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(shown).join('; ');
  if (typeof v === 'object') {
    // Name and organisation first, then the other values in key order, then the flags that are set.
    const canonical = JSON.parse(canonicalJson(v)) as Record<string, unknown>;
    const first = ['name', 'title', 'organisation'].filter((k) => k in canonical);
    const rest = Object.keys(canonical).filter((k) => !first.includes(k));
    const values = [...first, ...rest].filter((k) => typeof canonical[k] !== 'boolean').map((k) => shown(canonical[k]));
    const flags = rest.filter((k) => canonical[k] === true);
    return [...values, ...flags].filter(Boolean).join(', ');
  }
  return String(v);
}

const isEmpty = (v: unknown) => v === null || v === undefined || (Array.isArray(v) && v.length === 0) || v === '';

/** The text of a value in the list: one line per element of a list; null for nothing. */
function text(v: unknown): string | null {
  if (isEmpty(v)) return null;
  if (Array.isArray(v)) return v.map((x) => shown(x)).join('\n');
  return shown(v);
}

/** The change of one field, or null when the two values are the same content. */
export function fieldChange(where: string, field: string, a: unknown, b: unknown): VersionChange | null {
  const x = isEmpty(a) ? null : canonicalJson(a);
  const y = isEmpty(b) ? null : canonicalJson(b);
  if (x === y) return null;
  let before = text(a);
  let after = text(b);
  // Content that differs only where the readable text does not show it: shown as it is stored.
  if (before === after) {
    before = x;
    after = y;
  }
  return { where, field, before, after };
}

const MEETING_LABELS: Record<string, string> = {
  title: 'Rubrik',
  date: 'Datum',
  endDate: 'Slutdatum',
  startTime: 'Starttid',
  endTime: 'Sluttid',
  timesKnown: 'Tider kända',
  place: 'Plats',
  format: 'Mötesform',
  jointBodies: 'Gemensamt möte med',
};

const HEADER_LABELS: Record<string, string> = {
  chair: 'Ordförande',
  chairInPlaceOf: 'Ordförande i ställe för',
  viceChair: 'Vice ordförande',
  adjusters: 'Justerare',
  noteTakers: 'Vid anteckningarna',
  preamble: 'Inledande text',
  present: 'Närvarande',
  vacant: 'Vakanta platser',
  absent: 'Frånvarande',
  evaluation: 'Utvärdering',
  nextMeetings: 'Kommande möten',
};

/** Parts of the content that are no field of the minutes (or are listed by item). */
const NOT_COMPARED = new Set(['format', 'kind', 'items', 'meeting', 'body', 'structure']);

const ITEM_LABELS: Record<string, string> = {
  number: 'Nummer',
  parentId: 'Underpunkt till',
  title: 'Rubrik',
  section: 'Avsnitt',
  description: 'Beskrivning',
  presenter: 'Föredragande',
  presenters: 'Föredragande',
  notes: 'Anteckningar',
  questions: 'Frågor och kommentarer',
  proposal: 'Förslag till beslut',
  outcome: 'Utfall',
  decisionNumber: 'Beslutsnummer',
  decisionText: 'Beslut',
  condition: 'Villkor',
  internal: 'Intern',
  case: 'Ärende',
  caseTransition: 'Steg i ärendet',
  viewsInAdvance: 'Synpunkter före mötet',
  attachments: 'Bilagor',
  actions: 'Åtgärder',
};

const itemWhere = (i: SnapshotItem) => `${i.number}. ${i.title}`;

/** The keys of two objects, labelled ones first in their order, then the others in code point order. */
function keysOf(labels: Record<string, string>, a: object, b: object, skip: ReadonlySet<string>): string[] {
  const all = new Set([...Object.keys(a), ...Object.keys(b)]);
  const known = Object.keys(labels).filter((k) => all.has(k));
  const other = [...all].filter((k) => !(k in labels) && !skip.has(k)).sort();
  return [...known, ...other];
}

export function changesBetween(before: MinutesSnapshot, after: MinutesSnapshot): VersionChange[] {
  const out: VersionChange[] = [];
  const push = (where: string, field: string, a: unknown, b: unknown) => {
    const change = fieldChange(where, field, a, b);
    if (change) out.push(change);
  };
  const bm = (before.meeting ?? {}) as unknown as Record<string, unknown>;
  const am = (after.meeting ?? {}) as unknown as Record<string, unknown>;
  for (const k of keysOf(MEETING_LABELS, bm, am, new Set(['id']))) push('Mötet', MEETING_LABELS[k] ?? k, bm[k], am[k]);
  const bh = before as unknown as Record<string, unknown>;
  const ah = after as unknown as Record<string, unknown>;
  for (const k of keysOf(HEADER_LABELS, bh, ah, NOT_COMPARED)) push('Mötet', HEADER_LABELS[k] ?? k, bh[k], ah[k]);
  const old = new Map(before.items.map((i) => [i.id, i]));
  const now = new Set(after.items.map((i) => i.id));
  for (const item of after.items) {
    const prev = old.get(item.id);
    if (!prev) {
      out.push({ where: itemWhere(item), field: 'Punkt', before: null, after: 'Tillagd' });
      continue;
    }
    const p = prev as unknown as Record<string, unknown>;
    const i = item as unknown as Record<string, unknown>;
    for (const k of keysOf(ITEM_LABELS, p, i, new Set(['id']))) push(itemWhere(item), ITEM_LABELS[k] ?? k, p[k], i[k]);
  }
  for (const item of before.items) if (!now.has(item.id)) out.push({ where: itemWhere(item), field: 'Punkt', before: 'Fanns', after: null });
  return out;
}
