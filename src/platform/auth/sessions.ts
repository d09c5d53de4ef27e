import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { reusable } from '../db/reusable.js';
import { people, sessions, type Person } from './schema.js';
import { newToken, sha256 } from './tokens.js';

export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600 * 1000;
export const SESSION_IDLE_MS = 12 * 3600 * 1000;

export async function createSession(
  tx: DbOrTx,
  personId: string,
  meta: { userAgent?: string | undefined; ip?: string | undefined; method?: string },
  now = new Date(),
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = sha256(token);
  await tx.insert(sessions).values({
    id,
    personId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
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

/** The person behind a session cookie, when the session is live. Touches lastSeenAt now and then. */
export async function lookupSession(db: DbOrTx, token: string, now = new Date()): Promise<{ sessionId: string; person: Person } | undefined> {
  const id = sha256(token);
  const rows = await sessionLookup(db).execute({ id, now });
  const row = rows[0];
  if (!row) return undefined;
  if (row.person.status !== 'active') return undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() > SESSION_IDLE_MS) return undefined;
  if (now.getTime() - row.session.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { sessionId: id, person: row.person };
}
