import { and, count, eq, gt, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { AppError } from '../../http/errors.js';
import { translator } from '../../i18n/index.js';
import { anonymous } from '../actor.js';
import { verifyPassword, hashPassword } from '../password.js';
import { loginFailures, people } from '../schema.js';
import { createSession, sessionLifetime } from '../sessions.js';
import type { Database } from '../../db/client.js';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per account and per address within the window before 429. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 20;

export class ThrottledError extends AppError {
  constructor() {
    super(429, 'too-many-attempts', translator('sv')('auth.refused.tooManyAttempts'), [], { key: 'auth.refused.tooManyAttempts' });
  }
}

export class BadCredentialsError extends AppError {
  constructor() {
    super(401, 'bad-credentials', translator('sv')('auth.refused.badCredentials'), [], { key: 'auth.refused.badCredentials' });
  }
}

type ThrottleKeys = { email?: string | undefined; ip?: string | undefined };

/** An attempt counted against the limits; released when it turned out not to be a failure. */
export interface Attempt {
  release(): Promise<void>;
}

/**
 * Counts an attempt before the password is checked, so that parallel attempts cannot slip
 * past the limits: the attempt is recorded first, then every attempt in the window is
 * counted (the own one included). Each attempt that got through was counted by all later
 * ones, so at most the limit get through; a refused attempt is taken back and answers 429.
 */
export async function reserveAttempt(database: Database, keys: ThrottleKeys, now = new Date()): Promise<Attempt> {
  const limits = new Map<string, number>();
  if (keys.email) limits.set(`account:${keys.email}`, ACCOUNT_FAILURE_LIMIT);
  if (keys.ip) limits.set(`ip:${keys.ip}`, ADDRESS_FAILURE_LIMIT);
  if (limits.size === 0) return { release: async () => {} };
  const db = database.db;
  const rows = await db
    .insert(loginFailures)
    .values([...limits.keys()].map((key) => ({ key, at: now })))
    .returning({ id: loginFailures.id });
  const release = async () => {
    await db.delete(loginFailures).where(
      inArray(
        loginFailures.id,
        rows.map((r) => r.id),
      ),
    );
  };
  const counts = await db
    .select({ key: loginFailures.key, n: count() })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, [...limits.keys()]), gt(loginFailures.at, new Date(now.getTime() - LOGIN_WINDOW_MS))))
    .groupBy(loginFailures.key);
  if (counts.some((c) => c.n > (limits.get(c.key) ?? Infinity))) {
    await release();
    throw new ThrottledError();
  }
  return { release };
}

export const loginInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(1000),
  ip: z.string().max(100).optional(),
  userAgent: z.string().max(300).optional(),
});

/** identity.login: checks the password (outside the transaction) and opens a new session. */
export const login = defineCommand({
  name: 'identity.login',
  input: loginInput,
  labels: (t) => ({ email: t('auth.email'), password: t('auth.password') }),
  async prepare(input, { database }) {
    // Counted as a failure unless the password proves right.
    const attempt = await reserveAttempt(database, { email: input.email, ip: input.ip });
    const found = await database.db.select().from(people).where(eq(people.email, input.email)).limit(1);
    const person = found[0];
    const ok = await verifyPassword(person?.passwordHash, input.password);
    if (!person || !ok || person.status !== 'active') throw new BadCredentialsError();
    await attempt.release();
    return person.id;
  },
  async run(ctx, input, prepared) {
    const personId = prepared as string;
    const session = await createSession(ctx.tx, personId, { ip: input.ip, userAgent: input.userAgent }, ctx.now, sessionLifetime(ctx.config));
    await ctx.tx.update(people).set({ lastLoginAt: ctx.now }).where(eq(people.id, personId));
    await ctx.audit({ objectType: 'person', objectId: personId, after: { session: session.id.slice(0, 12), ip: input.ip ?? null } });
    return { token: session.token, personId };
  },
  async sample({ database, unique }) {
    const email = `${unique('login')}@example.se`;
    await database.db.insert(people).values({ name: 'Test Person', sortKey: 'test person', email, passwordHash: await hashPassword('rätt-lösenord-123') });
    return { actor: anonymous, input: { email, password: 'rätt-lösenord-123' } };
  },
});
