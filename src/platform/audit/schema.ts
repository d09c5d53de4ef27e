import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail: one row per change, written in the same transaction as the change.
 * Append-only: a database trigger refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    operation: text('operation').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** The body the changed object belongs to, kept so that a body's history still shows objects since removed. */
    bodyId: uuid('body_id'),
  },
  (t) => [index('audit_object_idx').on(t.objectType, t.objectId, t.id), index('audit_actor_idx').on(t.actorId, t.id), index('audit_body_idx').on(t.bodyId, t.id)],
);

export type AuditRow = typeof auditLog.$inferSelect;
