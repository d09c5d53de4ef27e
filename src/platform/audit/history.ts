import { and, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import type { Lang, Translate } from '../i18n/index.js';
import { extensionPoint, installed } from '../registry.js';
import { addDays } from '../days.js';
import { formatTime, stockholmDay, stockholmInstant } from '../time.js';
import { pageOf, type Paged } from '../http/paging.js';
import { auditLog, type AuditRow } from './schema.js';
import { UUID } from './audit.js';
import { fallbackWords, fieldLabelOf, objectLabelOf, operationLabelOf, TECHNICAL_FIELDS, valueLabelOf } from './labels.js';

/*
 * Readable history: the audit rows of an object and of the objects under it (a body's
 * memberships, seats, meetings, cases …), filtered by who, what and when, told in the
 * reader's language with the changed fields by their labels and their values formatted.
 */

/** Which audit rows belong to an object's history besides its own: a manifest's contribution. */
export interface AuditScope {
  /** The kind of object whose history holds these rows ('body', 'meeting', 'case', 'minutes'). */
  parent: string;
  /** The audit rows' object type. */
  objectType: string;
  /** A SELECT of the object ids (as text, as the trail stores them) of this type under the parent. */
  ids: (parentId: string) => SQL;
}
export const AUDIT_SCOPES = extensionPoint<AuditScope>('platform.auditScopes');

/** Names for ids in the trail (people, bodies, meetings …): a manifest's contribution; one query per page. */
export interface AuditNames {
  /** The names of those of the ids this resolver knows (ids are uuids). */
  names: (db: DbOrTx, ids: string[], lang: Lang) => Promise<{ id: string; name: string }[]>;
}
export const AUDIT_NAMES = extensionPoint<AuditNames>('platform.auditNames');

const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** The filters of a history page and of the API: who, what (kind of object, command), when (from–to), the page. */
export const historyFilterQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  actor: blank(z.uuid()).describe('Only changes made by this person'),
  type: blank(
    z
      .string()
      .max(60)
      .regex(/^[a-z_]+$/),
  ).describe('Only changes of this kind of object (membership, meeting, case …)'),
  operation: blank(
    z
      .string()
      .max(100)
      .regex(/^[a-zA-Z]+\.[a-zA-Z]+$/),
  ).describe('Only changes made by this command (e.g. structure.addMember)'),
  from: blank(z.iso.date()).describe('Only changes on or after this day (YYYY-MM-DD, Stockholm)'),
  to: blank(z.iso.date()).describe('Only changes on or before this day (YYYY-MM-DD, Stockholm)'),
});
export type HistoryFilter = z.output<typeof historyFilterQuery>;

export const HISTORY_PAGE_SIZE = 50;

/**
 * The rows of an object's history: its own and those of the scopes under its kind. A body's
 * history also holds every row kept with its body (audit_log.body_id), so that an object
 * removed since (a seat, a membership) still shows there.
 */
function scopeOf(parent: string, parentId: string): SQL {
  const scopes = installed()
    .all(AUDIT_SCOPES)
    .filter((s) => s.parent === parent);
  const own = and(eq(auditLog.objectType, parent), eq(auditLog.objectId, parentId))!;
  const kept = parent === 'body' && UUID.test(parentId) ? eq(auditLog.bodyId, parentId) : undefined;
  return or(own, kept, ...scopes.map((s) => and(eq(auditLog.objectType, s.objectType), sql`${auditLog.objectId} in (${s.ids(parentId)})`)))!;
}

function filtered(parent: string, parentId: string, f: Partial<HistoryFilter>): SQL {
  return and(
    scopeOf(parent, parentId),
    f.actor ? eq(auditLog.actorId, f.actor) : undefined,
    f.type ? eq(auditLog.objectType, f.type) : undefined,
    f.operation ? eq(auditLog.operation, f.operation) : undefined,
    f.from ? gte(auditLog.at, stockholmInstant(f.from, '00:00')) : undefined,
    f.to ? lt(auditLog.at, stockholmInstant(addDays(f.to, 1), '00:00')) : undefined,
  )!;
}

/** One page of an object's history, newest first. */
export async function historyPage(db: DbOrTx, parent: string, parentId: string, f: Partial<HistoryFilter>, pageSize = HISTORY_PAGE_SIZE): Promise<Paged<AuditRow>> {
  const page = f.page ?? 1;
  const where = filtered(parent, parentId, f);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return pageOf(rows, page, totals[0]?.n ?? 0, pageSize);
}

/** Who changed something in an object's history, and with which commands: the choices of the filter form. */
export async function historyChoices(db: DbOrTx, parent: string, parentId: string, lang: Lang) {
  const where = scopeOf(parent, parentId);
  const [actors, operations, types] = await Promise.all([
    db
      .select({ id: auditLog.actorId, name: sql<string>`max(${auditLog.actorLabel})` })
      .from(auditLog)
      .where(and(where, sql`${auditLog.actorId} is not null`))
      .groupBy(auditLog.actorId)
      .limit(500),
    db.selectDistinct({ operation: auditLog.operation }).from(auditLog).where(where).limit(500),
    db.selectDistinct({ type: auditLog.objectType }).from(auditLog).where(where).limit(100),
  ]);
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, lang);
  return {
    actors: actors
      .filter((a): a is { id: string; name: string } => a.id !== null)
      .map((a) => ({ value: a.id, label: a.name }))
      .sort(byLabel),
    operations: operations.map((o) => ({ value: o.operation, label: operationLabelOf(lang, o.operation) ?? fallbackWords(o.operation) })).sort(byLabel),
    types: types.map((o) => ({ value: o.type, label: objectLabelOf(lang, o.type) ?? fallbackWords(o.type) })).sort(byLabel),
  };
}
export type HistoryChoices = Awaited<ReturnType<typeof historyChoices>>;

/** One changed field, told for a reader. */
export interface HistoryChange {
  /** The field's key in the trail. */
  field: string;
  label: string;
  /** The value before and after, readable (null: none). */
  before: string | null;
  after: string | null;
  rawBefore: unknown;
  rawAfter: unknown;
}

/** One audit row, told for a reader. */
export interface HistoryEntry {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  operation: string;
  operationLabel: string;
  objectType: string;
  objectLabel: string;
  objectId: string;
  /** The object's name where it could be found (a person's, a meeting's …). */
  objectName: string | null;
  changes: HistoryChange[];
}

type Record_ = Record<string, unknown>;
const isRecord = (v: unknown): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const CLOCK = /^\d{2}:\d{2}(:\d{2})?$/;
const LONG = 140;

const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const shown = (key: string, v: unknown) => !TECHNICAL_FIELDS.has(key) && v !== '[redacted]';

/** The fields an audit row changed: every differing field of an update, the set fields of a creation, the fields of a removal. */
export function changedFields(before: unknown, after: unknown): { field: string; before: unknown; after: unknown }[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (empty(before) && empty(after)) return [];
    return [{ field: 'value', before, after }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => shown(k, a[k] ?? b[k]) && !same(a[k], b[k]) && !(empty(a[k]) && empty(b[k])) && !(a[k] === false && !(k in b) && isRecord(after) && !isRecord(before)))
    .map((k) => ({ field: k, before: b[k] ?? null, after: a[k] ?? null }));
}

const dayFormats = new Map<Lang, Intl.DateTimeFormat>();
function formatDay(day: string, lang: Lang): string {
  let f = dayFormats.get(lang);
  if (!f) dayFormats.set(lang, (f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(`${day}T00:00:00Z`));
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > LONG ? `${flat.slice(0, LONG - 1).trimEnd()}…` : flat;
}

interface Telling {
  lang: Lang;
  t: Translate;
  operation: string;
  names: Map<string, string>;
}

/** A value for a reader: dates and times formatted, ids by name, long texts shortened, lists joined; never JSON. */
function tell(v: unknown, field: string, ctx: Telling, depth = 0): string | null {
  if (empty(v)) return null;
  if (typeof v === 'boolean') return ctx.t(v ? 'admin.audit.yes' : 'admin.audit.no');
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') {
    const label = valueLabelOf(ctx.lang, ctx.operation, field, v);
    if (label) return label;
    if (UUID.test(v)) return ctx.names.get(v.toLowerCase()) ?? ctx.t('admin.audit.unknownId', { id: v.slice(0, 8) });
    if (DAY.test(v)) return formatDay(v, ctx.lang);
    if (INSTANT.test(v)) {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? shorten(v) : `${formatDay(stockholmDay(d), ctx.lang)} ${formatTime(d)}`;
    }
    if (CLOCK.test(v)) return v.slice(0, 5);
    return shorten(v);
  }
  if (Array.isArray(v)) {
    if (v.every((x) => !isRecord(x) && !Array.isArray(x))) {
      const items = v.map((x) => tell(x, field, ctx, depth + 1)).filter((x): x is string => x !== null);
      const first = items.slice(0, 10).join(', ');
      return shorten(items.length > 10 ? `${first} ${ctx.t('admin.audit.andMore', { count: items.length - 10 })}` : first);
    }
    return ctx.t('admin.audit.items', { count: v.length });
  }
  if (isRecord(v)) {
    if (depth > 0) return ctx.t('admin.audit.items', { count: Object.keys(v).length });
    const parts = Object.entries(v)
      .filter(([k, x]) => shown(k, x) && !empty(x))
      .map(([k, x]) => {
        const label = fieldLabelOf(ctx.lang, ctx.operation, k);
        const value = tell(x, k, ctx, depth + 1);
        return label && value !== null ? `${label}: ${value}` : null;
      })
      .filter((x): x is string => x !== null);
    return parts.length ? shorten(parts.join('; ')) : ctx.t('admin.audit.items', { count: Object.keys(v).length });
  }
  return null;
}

/** Every uuid a value holds (for the names). */
function uuidsIn(v: unknown, into: Set<string>, depth = 0): void {
  if (typeof v === 'string') {
    if (UUID.test(v)) into.add(v.toLowerCase());
  } else if (Array.isArray(v)) {
    if (depth < 2) for (const x of v) uuidsIn(x, into, depth + 1);
  } else if (isRecord(v) && depth < 2) {
    for (const x of Object.values(v)) uuidsIn(x, into, depth + 1);
  }
}

/** Names of ids, from every module's resolver (one query each). */
export async function namesOf(db: DbOrTx, ids: Iterable<string>, lang: Lang): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  const names = new Map<string, string>();
  if (!list.length) return names;
  const found = await Promise.all(
    installed()
      .all(AUDIT_NAMES)
      .map((r) => r.names(db, list, lang)),
  );
  for (const rows of found) for (const r of rows) if (!names.has(r.id.toLowerCase())) names.set(r.id.toLowerCase(), r.name);
  return names;
}

/** Audit rows told for a reader: labels in their language, values readable, ids by name. */
export async function describeHistory(db: DbOrTx, rows: readonly AuditRow[], lang: Lang, t: Translate): Promise<HistoryEntry[]> {
  const raw = rows.map((r) => ({ row: r, changes: changedFields(r.before, r.after) }));
  const ids = new Set<string>();
  for (const { row, changes } of raw) {
    for (const part of row.objectId.split(':')) uuidsIn(part, ids);
    for (const ch of changes) {
      uuidsIn(ch.before, ids);
      uuidsIn(ch.after, ids);
    }
  }
  const names = await namesOf(db, ids, lang);
  return raw.map(({ row, changes }) => {
    const ctx: Telling = { lang, t, operation: row.operation, names };
    const objectName = row.objectId
      .split(':')
      .map((p) => names.get(p.toLowerCase()))
      .filter((n): n is string => !!n)
      .join(', ');
    return {
      id: row.id,
      at: row.at,
      actorId: row.actorId,
      actorName: row.actorLabel,
      operation: row.operation,
      operationLabel: operationLabelOf(lang, row.operation) ?? fallbackWords(row.operation),
      objectType: row.objectType,
      objectLabel: objectLabelOf(lang, row.objectType) ?? fallbackWords(row.objectType),
      objectId: row.objectId,
      objectName: objectName || null,
      changes: changes.map((ch) => ({
        field: ch.field,
        label: fieldLabelOf(lang, row.operation, ch.field) ?? fallbackWords(ch.field),
        before: tell(ch.before, ch.field, ctx),
        after: tell(ch.after, ch.field, ctx),
        rawBefore: ch.before,
        rawAfter: ch.after,
      })),
    };
  });
}

/** The query string of a filter (for the pager's links), without the page. */
export function filterQueryString(f: Partial<HistoryFilter>, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ['actor', 'type', 'operation', 'from', 'to'] as const) {
    const v = f[key];
    if (v) params.set(key, v);
  }
  if (page && page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** One history entry in the API: the labels in the request's language and the raw keys and values. */
export const historyEntryOut = z.object({
  id: z.number().int(),
  at: z.string().describe('When (ISO 8601)'),
  actor: z.object({ id: z.uuid().nullable(), name: z.string() }),
  operation: z.string().describe("The command's name, e.g. structure.addMember"),
  operationLabel: z.string().describe('What was done, in the language of the request'),
  objectType: z.string(),
  objectLabel: z.string(),
  objectId: z.string(),
  objectName: z.string().nullable(),
  changes: z.array(
    z.object({
      field: z.string().describe("The field's key"),
      label: z.string().describe("The field's label, in the language of the request"),
      before: z.string().nullable().describe('The value before, readable (null: none)'),
      after: z.string().nullable().describe('The value after, readable (null: none or removed)'),
      rawBefore: z.unknown(),
      rawAfter: z.unknown(),
    }),
  ),
});

export function historyEntryJson(e: HistoryEntry): z.output<typeof historyEntryOut> {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: { id: e.actorId, name: e.actorName },
    operation: e.operation,
    operationLabel: e.operationLabel,
    objectType: e.objectType,
    objectLabel: e.objectLabel,
    objectId: e.objectId,
    objectName: e.objectName,
    changes: e.changes,
  };
}
