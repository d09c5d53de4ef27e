import { bodyRoles, type BodyRole } from '../../../platform/auth/roles.js';

/** The columns of the seats-and-members CSV, with the header names accepted for each. */
export const CSV_COLUMNS = {
  seat: ['plats', 'seat'],
  represents: ['företräder', 'foretrader', 'represents'],
  contactSurface: ['kontaktyta', 'contact surface'],
  name: ['namn', 'name'],
  email: ['e-post', 'epost', 'e-postadress', 'email', 'e-mail'],
  role: ['roll', 'role'],
  from: ['från', 'fran', 'från och med', 'from', 'start'],
  to: ['till', 'till och med', 'to', 'end'],
  reason: ['skäl', 'skal', 'reason'],
} as const;

export type CsvColumn = keyof typeof CSV_COLUMNS;

/** The header written on export (Swedish). */
export const CSV_HEADER = ['Plats', 'Företräder', 'Kontaktyta', 'Namn', 'E-post', 'Roll', 'Från', 'Till', 'Skäl'];

/** Maps header cells to columns; unknown headers are reported. */
export function mapHeader(cells: string[]): { index: Partial<Record<CsvColumn, number>>; unknown: string[] } {
  const index: Partial<Record<CsvColumn, number>> = {};
  const unknown: string[] = [];
  cells.forEach((raw, i) => {
    const h = raw.trim().toLowerCase();
    if (!h) return;
    const col = (Object.keys(CSV_COLUMNS) as CsvColumn[]).find((c) => (CSV_COLUMNS[c] as readonly string[]).includes(h));
    if (col) index[col] = i;
    else unknown.push(raw.trim());
  });
  return { index, unknown };
}

/** A role as written in a spreadsheet: "Ledamot", "Vice ordförande", or the code. */
export function parseRole(text: string): BodyRole | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!t) return undefined;
  const code = t.replace(/[ -]/g, '_');
  if ((bodyRoles as readonly string[]).includes(code)) return code as BodyRole;
  const byName = bodyRoles.find((r) => roleName(r).toLowerCase() === t);
  if (byName) return byName;
  const synonyms: Record<string, BodyRole> = {
    representant: 'member',
    ordf: 'chair',
    'vice ordf': 'vice_chair',
    sammanställande: 'secretary',
    samordnare: 'process_leader',
    ersättare: 'substitute',
    adjungerade: 'adjunct',
  };
  return synonyms[t];
}

/** Dates as spreadsheets write them: 2025-01-31 (a time after it is ignored), or 2025-1-31. */
export function parseCsvDay(text: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(text.trim());
  if (!m) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** The Swedish role names, as the CSV import's Roll column takes them (the catalog has the page texts). */
const ROLE_NAMES: Record<BodyRole, string> = {
  chair: 'Ordförande',
  vice_chair: 'Vice ordförande',
  secretary: 'Sekreterare',
  process_leader: 'Processledare',
  convenor: 'Sammankallande',
  member: 'Ledamot',
  substitute: 'Ersättare',
  adjunct: 'Adjungerad',
  expert: 'Sakkunnig',
  reader: 'Läsare',
};

function roleName(role: BodyRole): string {
  return ROLE_NAMES[role];
}
