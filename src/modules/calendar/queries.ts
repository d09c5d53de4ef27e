import { and, asc, desc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { today } from '../../platform/days.js';
import { bodies, memberships } from '../structure/schema.js';
import { meetingBodies, meetings } from '../meetings/schema.js';
import { calendarFeeds } from './schema.js';

/** A feed holds meetings from this long ago… */
const FEED_PAST_DAYS = 180;
/** …and at most this many. */
const FEED_LIMIT = 1000;

/** A person's calendar links that are not revoked, newest first, with the body's name (a body's feed). */
export async function feedsOf(db: DbOrTx, personId: string) {
  return db
    .select({ feed: calendarFeeds, bodyName: bodies.name })
    .from(calendarFeeds)
    .leftJoin(bodies, eq(bodies.id, calendarFeeds.bodyId))
    .where(and(eq(calendarFeeds.personId, personId), isNull(calendarFeeds.revokedAt)))
    .orderBy(desc(calendarFeeds.createdAt));
}

/** The bodies a person sits in today (any role), for a personal feed. */
export async function bodyIdsOfPerson(db: DbOrTx, personId: string): Promise<string[]> {
  const day = today();
  const rows = await db
    .selectDistinct({ bodyId: memberships.bodyId })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), sql`${memberships.startOn} <= ${day}`, or(isNull(memberships.endOn), gte(memberships.endOn, day))));
  return rows.map((r) => r.bodyId);
}

/** Meetings hosted by, or held jointly with, any of the bodies: from FEED_PAST_DAYS ago on. */
export async function meetingsOfBodies(db: DbOrTx, bodyIds: string[], now: Date) {
  if (bodyIds.length === 0) return [];
  const from = new Date(now.getTime() - FEED_PAST_DAYS * 24 * 3600_000);
  const joint = db.select({ id: meetingBodies.meetingId }).from(meetingBodies).where(inArray(meetingBodies.bodyId, bodyIds));
  return db
    .select()
    .from(meetings)
    .where(and(gte(meetings.endsAt, from), or(inArray(meetings.bodyId, bodyIds), inArray(meetings.id, joint))))
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(FEED_LIMIT);
}
