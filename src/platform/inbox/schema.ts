import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { people } from '../auth/schema.js';

/** How a person wants to hear about a kind of notification besides the inbox. */
export const notificationDelivery = pgEnum('notification_delivery', ['immediate', 'digest', 'off']);
export const DELIVERIES = notificationDelivery.enumValues;
export type Delivery = (typeof DELIVERIES)[number];

/**
 * The in-app inbox: one row per person and event. `delivery` records what was decided when
 * the notification was made (from the person's preference for its kind): 'immediate' rows
 * were mailed at once (emailedAt), 'digest' rows wait for the daily digest (digestedAt),
 * 'off' rows are only shown in the inbox.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** A registered notification kind, e.g. 'system.message', 'agenda.deadline'. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** Relative URL of the object the notification is about (starts with one '/'). */
    link: text('link').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    delivery: notificationDelivery('delivery').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** When the immediate e-mail was put in the outbox. */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    /** When the notification went into (or was handled by) a daily digest. */
    digestedAt: timestamp('digested_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_person_read_created_idx').on(t.personId, t.readAt, t.createdAt),
    index('notifications_person_created_idx').on(t.personId, t.createdAt),
    index('notifications_digest_due_idx')
      .on(t.createdAt)
      .where(sql`delivery = 'digest' and digested_at is null`),
  ],
);

export type Notification = typeof notifications.$inferSelect;

/** A person's choice per kind; a kind without a row uses the kind's default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    delivery: notificationDelivery('delivery').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind] })],
);

export type NotificationPreference = typeof notificationPreferences.$inferSelect;
