import { messages, type Lang } from '../i18n/index.js';
import { extensionPoint, installed, isInstalled, type Registry } from '../registry.js';
import { NOTIFICATION_KINDS } from '../inbox/kinds.js';

/*
 * The audit trail's words: what each command did ("Lade till ledamot"), what each changed
 * field is called ("Startdatum"), what each kind of object is ("Uppdrag") and the names of
 * stored values ("member" → "Ledamot"). Each module contributes its own set (a manifest's
 * contribution to AUDIT_LABELS), in Swedish and English side by side; the platform's set
 * holds its own commands and the fields many modules share. tests/audit-labels.db.test.ts
 * fails when a registered command, a field of its input or a field it writes to the trail
 * has no label in one of the languages.
 */

/** One language's labels of a module. */
export interface AuditLabelSet {
  /** A command's label by its full name, e.g. `'structure.addMember': 'Lade till ledamot'`. */
  operations: Record<string, string>;
  /** A field's label by its key in the command's input or in the audit row. */
  fields: Record<string, string>;
  /** A kind of object's name, by the audit row's object type. */
  objects?: Record<string, string>;
  /** Names of stored values: field → value → text (roles, states). */
  values?: Record<string, Record<string, string>>;
}

export interface AuditLabels {
  /** The module whose commands these are (the first part of a command's name; `platform` for the platform's own). */
  module: string;
  sv: AuditLabelSet;
  en: AuditLabelSet;
}

export const AUDIT_LABELS = extensionPoint<AuditLabels>('platform.auditLabels');

/** Defines a module's labels (no side effect: its manifest contributes them). */
export function defineAuditLabels(labels: AuditLabels): AuditLabels {
  return labels;
}

/** The platform's own commands are named after their part (identity, inbox). */
const PLATFORM_PARTS = new Set(['identity', 'inbox', 'platform']);

/** Fields that are never shown as a change: ids, versions and bookkeeping. */
export const TECHNICAL_FIELDS: ReadonlySet<string> = new Set(['id', 'version', 'createdAt', 'updatedAt', 'searchText', 'sortKey', 'uid', 'sequence', 'passwordHash', 'tokenHash']);

interface Index {
  byModule: Map<string, AuditLabels>;
  all: readonly AuditLabels[];
}

const indexes = new WeakMap<Registry, { count: number; index: Index }>();

function index(): Index {
  if (!isInstalled()) return { byModule: new Map(), all: [] };
  const registry = installed();
  const all = registry.all(AUDIT_LABELS);
  let entry = indexes.get(registry);
  if (!entry || entry.count !== all.length) {
    entry = { count: all.length, index: { byModule: new Map(all.map((l) => [l.module, l])), all } };
    indexes.set(registry, entry);
  }
  return entry.index;
}

/** The module a command belongs to, by its name. */
export function moduleOf(operation: string): string {
  const part = operation.split('.')[0] ?? '';
  return PLATFORM_PARTS.has(part) ? 'platform' : part;
}

/** The sets to look in for a command's words: its module's and the platform's first, then every other module's. */
function setsOf(operation: string, lang: Lang): { first: AuditLabelSet[]; rest: AuditLabelSet[] } {
  const { byModule, all } = index();
  const first = [byModule.get(moduleOf(operation)), byModule.get('platform')].filter((l): l is AuditLabels => !!l);
  return { first: first.map((l) => l[lang]), rest: all.filter((l) => !first.includes(l)).map((l) => l[lang]) };
}

function setsFor(operation: string, lang: Lang): AuditLabelSet[] {
  const { first, rest } = setsOf(operation, lang);
  return [...first, ...rest];
}

/** A command's label, or undefined when none is written. */
export function operationLabelOf(lang: Lang, operation: string): string | undefined {
  for (const set of setsFor(operation, lang)) {
    const label = set.operations[operation];
    if (label) return label;
  }
  return undefined;
}

/**
 * A field's label in the context of a command, or undefined when none is written: the
 * command's module's audit labels, the platform's, the forms' field labels (`<module>.field.<name>`,
 * `field.<name>` in the message catalogs), then any other module's audit labels.
 */
export function fieldLabelOf(lang: Lang, operation: string, field: string): string | undefined {
  const { first, rest } = setsOf(operation, lang);
  for (const set of first) {
    const label = set.fields[field];
    if (label) return label;
  }
  const table = messages()[lang];
  const form = table[`${moduleOf(operation)}.field.${field}`] ?? table[`field.${field}`];
  if (form) return form;
  for (const set of rest) {
    const label = set.fields[field];
    if (label) return label;
  }
  // A person's notification preferences are stored by notification kind.
  return isInstalled() ? installed().find(NOTIFICATION_KINDS, (k) => k.kind, field)?.label[lang] : undefined;
}

/** The name of a kind of object, or undefined. */
export function objectLabelOf(lang: Lang, objectType: string): string | undefined {
  for (const l of index().all) {
    const label = l[lang].objects?.[objectType];
    if (label) return label;
  }
  return undefined;
}

/** The name of a stored value of a field (a role, a state), or undefined. */
export function valueLabelOf(lang: Lang, operation: string, field: string, value: string): string | undefined {
  if (!/^[a-z][a-z_]*$/.test(value)) return undefined;
  for (const set of setsFor(operation, lang)) {
    const label = set.values?.[field]?.[value];
    if (label) return label;
  }
  // The modules' own words for a stored value: `<module>.<field>.<value>` (structure.role.member, cases.state.raised …).
  const table = messages()[lang];
  const modules = [moduleOf(operation), ...index().all.map((l) => l.module)];
  for (const m of modules) {
    const label = table[`${m}.${field}.${value}`];
    if (label) return label;
  }
  return undefined;
}

/** Readable words for a key without a label (shown only while a label is missing; the label test fails then). */
export function fallbackWords(key: string): string {
  const words = key
    .replace(/^[a-z]+\./, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every object type some module names, with its label (for the "what" filter). */
export function objectTypes(lang: Lang): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const l of index().all) for (const [k, v] of Object.entries(l[lang].objects ?? {})) if (!seen.has(k)) seen.set(k, v);
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, lang));
}
