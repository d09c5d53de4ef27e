import { and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rowsAsSelect } from '../db/insert-many.js';
import { actorId, actorLabel, type Actor } from '../auth/actor.js';
import { auditLog, type AuditRow } from './schema.js';

export interface AuditEntry {
  operation: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
}

/** Values that are never written to the audit trail. */
const SECRET_KEYS = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'currentPassword', 'newPassword']);

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = SECRET_KEYS.has(k) ? '[redacted]' : redact(v);
    return out;
  }
  return value;
}

/** A uuid as the trail stores ids (as text). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The body an audited object belongs to: the body itself, or the `bodyId` of the row after
 * (or before) the change. Kept on the row so that a body's history still shows an object
 * after it was removed.
 */
export function bodyOfEntry(entry: AuditEntry): string | null {
  if (entry.objectType === 'body') return UUID.test(entry.objectId) ? entry.objectId : null;
  for (const side of [entry.after, entry.before]) {
    const id = side && typeof side === 'object' ? (side as { bodyId?: unknown }).bodyId : undefined;
    if (typeof id === 'string' && UUID.test(id)) return id;
  }
  return null;
}

/**
 * Appends one row to the audit trail, in the caller's transaction. `at` is the command's own
 * time when it was given one (the demo plays its stories on their days); else the database's.
 */
export async function writeAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry, requestId?: string, at?: Date): Promise<void> {
  await tx.insert(auditLog).values({
    ...(at ? { at } : {}),
    bodyId: bodyOfEntry(entry),
    actorId: actorId(actor),
    actorLabel: actorLabel(actor),
    operation: entry.operation,
    objectType: entry.objectType,
    objectId: entry.objectId,
    before: redact(entry.before ?? null),
    after: redact(entry.after ?? null),
    requestId: requestId ?? null,
  });
}

/**
 * Inserts many new objects and their audit rows ("after" = the stored row, keys as in the
 * code, secrets left out) in one statement: for bulk work such as a CSV import, where one
 * row at a time would hold the database for long.
 */
export async function insertAudited<T extends PgTable>(
  tx: DbOrTx,
  actor: Actor,
  table: T,
  rows: Partial<T['$inferInsert']>[],
  audit: { operation: string; objectType: string; requestId?: string | undefined },
): Promise<void> {
  if (rows.length === 0) return;
  const { names, select } = rowsAsSelect(table, rows);
  const shown = Object.entries(getTableColumns(table)).filter(([key]) => !SECRET_KEYS.has(key));
  const after = sql.join(
    shown.map(([key, column]) => sql`${key}::text, ins.${sql.identifier(column.name)}`),
    sql`, `,
  );
  // The body of each row, as writeAudit keeps it (bodyOfEntry): the row's own body_id column where the table has one.
  const bodyColumn = shown.find(([key]) => key === 'bodyId')?.[1];
  const body = bodyColumn ? sql`ins.${sql.identifier(bodyColumn.name)}` : sql`null::uuid`;
  await tx.execute(sql`
    with ins as (insert into ${table} (${names}) ${select} returning *)
    insert into ${auditLog} (actor_id, actor_label, operation, object_type, object_id, after, request_id, body_id)
    select ${actorId(actor)}::uuid, ${actorLabel(actor)}, ${audit.operation}, ${audit.objectType}, ins.id::text, jsonb_build_object(${after}), ${audit.requestId ?? null}, ${body} from ins`);
}

/** The history of one object, oldest first. */
export async function historyOf(db: DbOrTx, objectType: string, objectId: string): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectType, objectType), eq(auditLog.objectId, objectId)))
    .orderBy(asc(auditLog.id));
}

export async function recentAudit(db: DbOrTx, limit = 50, offset = 0): Promise<AuditRow[]> {
  return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).offset(offset);
}
