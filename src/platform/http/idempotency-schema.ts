import { customType, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * Requests already received under an idempotency key (a form's hidden `_idem` field or the
 * API's `Idempotency-Key` header), per person: a repeated request is answered with the first
 * one's result instead of being carried out again. Kept for a day.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    personId: text('person_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** Null while the first request is still being carried out. */
    status: integer('status'),
    location: text('location'),
    contentType: text('content_type'),
    body: bytea('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.personId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
