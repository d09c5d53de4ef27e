import { and, asc, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
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

export function redact(value: unknown): unknown {
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

/** Appends one row to the audit trail, in the caller's transaction. */
export async function writeAudit(tx: DbOrTx, actor: Actor, entry: AuditEntry, requestId?: string): Promise<void> {
  await tx.insert(auditLog).values({
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
