import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { reusable } from '../db/reusable.js';
import { people, sessions, type Person } from './schema.js';
import { newToken, sha256 } from './tokens.js';

/** How long a session lives: without a request (idle) and at most after the login (absolute). */
interface SessionLifetime {
  idleMs: number;
  maxMs: number;
}

/** The defaults of SESSION_IDLE_MINUTES and SESSION_MAX_HOURS. */
const DEFAULT_SESSION_LIFETIME: SessionLifetime = { idleMs: 30 * 60 * 1000, maxMs: 12 * 3600 * 1000 };

export function sessionLifetime(config: { SESSION_IDLE_MINUTES: number; SESSION_MAX_HOURS: number }): SessionLifetime {
  return { idleMs: config.SESSION_IDLE_MINUTES * 60 * 1000, maxMs: config.SESSION_MAX_HOURS * 3600 * 1000 };
}

/** lastSeenAt is written at most this often, so that a page view rarely writes. */
const TOUCH_EVERY_MS = 60 * 1000;

export async function createSession(
  tx: DbOrTx,
  personId: string,
  meta: { userAgent?: string | undefined; ip?: string | undefined; method?: string },
  now = new Date(),
  lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME,
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = sha256(token);
  await tx.insert(sessions).values({
    id,
    personId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + lifetime.maxMs),
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    ip: meta.ip ?? null,
    method: meta.method ?? 'password',
  });
  return { token, id };
}

const sessionLookup = reusable((db) =>
  db
    .select({ session: sessions, person: people })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now'))))
    .limit(1)
    .prepare('auth_session_lookup'),
);

/**
 * The person behind a session cookie, when the session is live: not revoked, not past its
 * expiry, used within the idle time and younger than the absolute lifetime (both as
 * configured now, also for sessions made under other settings). Touches lastSeenAt at most
 * once a minute.
 */
export async function lookupSession(db: DbOrTx, token: string, now = new Date(), lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME): Promise<{ sessionId: string; person: Person } | undefined> {
  const id = sha256(token);
  const rows = await sessionLookup(db).execute({ id, now });
  const row = rows[0];
  if (!row) return undefined;
  if (row.person.status !== 'active') return undefined;
  const idle = now.getTime() - row.session.lastSeenAt.getTime();
  if (idle > lifetime.idleMs) return undefined;
  if (now.getTime() - row.session.createdAt.getTime() > lifetime.maxMs) return undefined;
  if (idle > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { sessionId: id, person: row.person };
}

/**
 * Marks a session as in use without a request: a page that stays open on a live stream (the
 * live view of a meeting) is activity, and its follower is not logged out for being idle.
 * Only a live session is touched.
 */
export async function touchSession(db: DbOrTx, sessionId: string, now = new Date()): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
}
