import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { can } from '../../platform/auth/authorize.js';
import { people } from '../../platform/auth/schema.js';
import { sha256 } from '../../platform/auth/tokens.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { rolesOf } from '../structure/index.js';
import { bodies } from '../structure/schema.js';
import { calendarFeeds, type CalendarFeed } from './schema.js';
import { meetingsCalendar } from './ical.js';
import { meetingUrl } from './invitations.js';
import { bodyIdsOfPerson, meetingsOfBodies } from './queries.js';

/** Feed tokens start with this, so that a leaked one is recognisable. */
export const FEED_TOKEN_PREFIX = 'cal_';
/** lastUsedAt is written at most this often (calendar apps poll every few minutes). */
const LAST_USED_RESOLUTION_MS = 3600_000;

export function feedUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/calendar/${token}.ics`;
}

export function webcalUrl(httpUrl: string): string {
  return httpUrl.replace(/^https?:/, 'webcal:');
}

interface FeedAnswer {
  feed: CalendarFeed;
  ics: string;
}

/**
 * The iCalendar text of the feed with this token, or undefined when there is none: the
 * token is unknown or revoked, its owner has left, or (a body's feed) the owner may no
 * longer see the body's meetings.
 */
export async function feedByToken(db: DbOrTx, token: string, options: { publicUrl: string; now?: Date }): Promise<FeedAnswer | undefined> {
  if (!token.startsWith(FEED_TOKEN_PREFIX) || token.length > 200) return undefined;
  const now = options.now ?? new Date();
  const [row] = await db
    .select({ feed: calendarFeeds, person: people })
    .from(calendarFeeds)
    .innerJoin(people, eq(people.id, calendarFeeds.personId))
    .where(and(eq(calendarFeeds.tokenHash, sha256(token)), isNull(calendarFeeds.revokedAt)));
  if (!row || row.person.status !== 'active') return undefined;
  const owner: Actor = { kind: 'person', personId: row.person.id, name: row.person.name, isAdmin: row.person.isAdmin, via: 'token' };
  let bodyIds: string[];
  if (row.feed.scope === 'body') {
    const [body] = await db.select().from(bodies).where(eq(bodies.id, row.feed.bodyId!));
    if (!body) return undefined;
    const roles = await rolesOf(db, owner, body.id);
    if (!can(owner, 'meetings.view', { body, roles })) return undefined;
    bodyIds = [body.id];
  } else {
    bodyIds = await bodyIdsOfPerson(db, row.person.id);
  }
  const list = await meetingsOfBodies(db, bodyIds, now);
  const ics = meetingsCalendar(
    list.map((meeting) => ({ meeting, options: { url: meetingUrl(options.publicUrl, meeting.id), description: meetingUrl(options.publicUrl, meeting.id) } })),
    { name: row.feed.name, now },
  );
  if (!row.feed.lastUsedAt || now.getTime() - row.feed.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db
      .update(calendarFeeds)
      .set({ lastUsedAt: now })
      .where(and(eq(calendarFeeds.id, row.feed.id), or(isNull(calendarFeeds.lastUsedAt), lt(calendarFeeds.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)))));
  }
  return { feed: row.feed, ics };
}
