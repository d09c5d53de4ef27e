import { check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { bodies } from '../structure/schema.js';

/**
 * Subscribable calendar feeds (iCalendar over a secret URL, /calendar/<token>.ics): one
 * person's meetings in every body and structure they belong to, or one body's meetings.
 * The URL is shown once; only the token's SHA-256 is stored. A feed is revoked, never
 * deleted, and answers only while its owner may still see the meetings.
 */

export const calendarFeedScope = pgEnum('calendar_feed_scope', ['person', 'body']);
export const calendarFeedScopes = calendarFeedScope.enumValues;
export type CalendarFeedScope = (typeof calendarFeedScopes)[number];

export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** Who created the feed; its meetings are those this person may see. */
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    scope: calendarFeedScope('scope').notNull(),
    /** The body of a 'body' feed. */
    bodyId: uuid('body_id').references(() => bodies.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, to tell feeds apart. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash),
    index('calendar_feeds_person_idx').on(t.personId),
    check('calendar_feeds_scope_ck', sql`(${t.scope} = 'body') = (${t.bodyId} is not null)`),
  ],
);

export type CalendarFeed = typeof calendarFeeds.$inferSelect;
