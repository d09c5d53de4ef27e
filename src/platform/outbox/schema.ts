import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * pending: waiting for its runAt; processing: claimed by a worker (lockedBy, lockedAt);
 * done: finished (mail sent or kept); dead: gave up after maxAttempts, or a permanent error.
 */
export const outboxStatus = pgEnum('outbox_status', ['pending', 'processing', 'done', 'dead']);

/**
 * The durable outbox: e-mail and background jobs, written in the same transaction as the
 * business change that causes them, and claimed by workers with FOR UPDATE SKIP LOCKED.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** 'mail', or the name of a registered job. */
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull().default({}),
    status: outboxStatus('status').notNull().default('pending'),
    /** Tries started so far (counted when claimed). */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    /** Not before: a scheduled job's time, or the next try after a failure. */
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** Rows enqueued together (one notice to many lists) share one batch id and one createdAt. */
    batchId: uuid('batch_id'),
    /** Makes scheduled jobs idempotent: a second enqueue with the same key is ignored. */
    dedupeKey: text('dedupe_key').unique('outbox_dedupe_key_unique'),
  },
  (t) => [index('outbox_status_run_at_idx').on(t.status, t.runAt), index('outbox_batch_idx').on(t.batchId)],
);

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxStatus = OutboxRow['status'];

/** smtp: handed to the SMTP server; kept: no SMTP configured, only stored here. */
export const mailTransport = pgEnum('mail_transport', ['smtp', 'kept']);

/** Every mail as sent, or as kept when no SMTP server is configured; read by administrators. */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    outboxId: uuid('outbox_id')
      .unique('mail_messages_outbox_unique')
      .references(() => outbox.id, { onDelete: 'set null' }),
    from: text('from_address').notNull(),
    to: text('to_addresses').array().notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    /** An iCalendar object (RFC 5545), sent as a text/calendar alternative. */
    icalendar: text('icalendar'),
    transport: mailTransport('transport').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the SMTP server accepted it; null when kept. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    messageId: text('message_id'),
  },
  (t) => [index('mail_messages_created_idx').on(t.createdAt, t.id)],
);

export type MailMessage = typeof mailMessages.$inferSelect;
