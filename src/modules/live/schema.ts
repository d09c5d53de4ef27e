import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { agendaItems, meetings } from '../meetings/schema.js';

/**
 * A meeting in progress: which agenda item is being handled and since when (set by the
 * secretary with live.setCurrentItem), and the time each item actually took.
 */

export const meetingLive = pgTable('meeting_live', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  /** Null before the first item and after the last (the meeting is paused or over). */
  currentItemId: uuid('current_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
  itemStartedAt: timestamp('item_started_at', { withTimezone: true }),
  /** When the first item was taken up. */
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').references(() => people.id),
});

/** One stretch of time spent on an item (an item taken up twice has two). */
export const meetingItemTimes = pgTable(
  'meeting_item_times',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('meeting_item_times_meeting_idx').on(t.meetingId, t.startedAt)],
);

export type MeetingLive = typeof meetingLive.$inferSelect;
export type MeetingItemTime = typeof meetingItemTimes.$inferSelect;
