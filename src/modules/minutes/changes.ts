import type { MinutesSnapshot, SnapshotItem } from './snapshot.js';
import type { VersionChange } from './schema.js';

/*
 * The visible list of changes between two locked versions: header fields, attendance, and
 * per item (matched by id) every field that differs, added and removed items.
 */

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\n') : null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

const HEADER_FIELDS: { key: keyof MinutesSnapshot; label: string }[] = [
  { key: 'chair', label: 'Ordförande' },
  { key: 'adjusters', label: 'Justerare' },
  { key: 'noteTakers', label: 'Vid anteckningarna' },
  { key: 'preamble', label: 'Inledande text' },
  { key: 'evaluation', label: 'Utvärdering' },
  { key: 'nextMeetings', label: 'Kommande möten' },
];

const ITEM_FIELDS: { key: keyof SnapshotItem; label: string }[] = [
  { key: 'number', label: 'Nummer' },
  { key: 'title', label: 'Rubrik' },
  { key: 'presenter', label: 'Föredragande' },
  { key: 'notes', label: 'Anteckningar' },
  { key: 'questions', label: 'Frågor och kommentarer' },
  { key: 'proposal', label: 'Förslag till beslut' },
  { key: 'outcome', label: 'Utfall' },
  { key: 'decisionNumber', label: 'Beslutsnummer' },
  { key: 'decisionText', label: 'Beslut' },
  { key: 'condition', label: 'Villkor' },
  { key: 'internal', label: 'Intern' },
  { key: 'actions', label: 'Åtgärder' },
];

const itemWhere = (i: SnapshotItem) => `${i.number}. ${i.title}`;

export function changesBetween(before: MinutesSnapshot, after: MinutesSnapshot): VersionChange[] {
  const out: VersionChange[] = [];
  const push = (where: string, field: string, a: unknown, b: unknown) => {
    const x = text(a);
    const y = text(b);
    if (x !== y) out.push({ where, field, before: x, after: y });
  };
  for (const f of HEADER_FIELDS) push('Mötet', f.label, before[f.key], after[f.key]);
  push('Mötet', 'Närvarande', before.present, after.present);
  push('Mötet', 'Frånvarande', before.absent, after.absent);
  const old = new Map(before.items.map((i) => [i.id, i]));
  const now = new Set(after.items.map((i) => i.id));
  for (const item of after.items) {
    const prev = old.get(item.id);
    if (!prev) {
      out.push({ where: itemWhere(item), field: 'Punkt', before: null, after: 'Tillagd' });
      continue;
    }
    for (const f of ITEM_FIELDS) push(itemWhere(item), f.label, prev[f.key], item[f.key]);
  }
  for (const item of before.items) if (!now.has(item.id)) out.push({ where: itemWhere(item), field: 'Punkt', before: 'Fanns', after: null });
  return out;
}
