import { and, count, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { AppError } from '../../http/errors.js';
import { anonymous } from '../actor.js';
import { verifyPassword, hashPassword } from '../password.js';
import { loginFailures, people } from '../schema.js';
import { createSession } from '../sessions.js';
import type { Database } from '../../db/client.js';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per account and per address within the window before 429. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const ADDRESS_FAILURE_LIMIT = 20;

export class ThrottledError extends AppError {
  constructor() {
    super(429, 'too-many-attempts', 'För många misslyckade inloggningsförsök. Vänta 15 minuter och försök igen, eller återställ ditt lösenord.');
  }
}

export class BadCredentialsError extends AppError {
  constructor() {
    super(401, 'bad-credentials', 'Fel e-postadress eller lösenord.');
  }
}

async function failures(database: Database, key: string, now: Date): Promise<number> {
  const rows = await database.db
    .select({ n: count() })
    .from(loginFailures)
    .where(and(eq(loginFailures.key, key), gt(loginFailures.at, new Date(now.getTime() - LOGIN_WINDOW_MS))));
  return rows[0]?.n ?? 0;
}

/** Refuses with 429 when an account or an address has failed too often. */
export async function checkThrottle(database: Database, keys: { email?: string; ip?: string }, now = new Date()): Promise<void> {
  if (keys.email && (await failures(database, `account:${keys.email}`, now)) >= ACCOUNT_FAILURE_LIMIT) throw new ThrottledError();
  if (keys.ip && (await failures(database, `ip:${keys.ip}`, now)) >= ADDRESS_FAILURE_LIMIT) throw new ThrottledError();
}

export async function recordFailure(database: Database, keys: { email?: string; ip?: string }): Promise<void> {
  const rows = [];
  if (keys.email) rows.push({ key: `account:${keys.email}` });
  if (keys.ip) rows.push({ key: `ip:${keys.ip}` });
  if (rows.length) await database.db.insert(loginFailures).values(rows);
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
    await checkThrottle(database, { email: input.email, ip: input.ip });
    const found = await database.db.select().from(people).where(eq(people.email, input.email)).limit(1);
    const person = found[0];
    const ok = await verifyPassword(person?.passwordHash, input.password);
    if (!person || !ok || person.status !== 'active') {
      await recordFailure(database, { email: input.email, ip: input.ip });
      throw new BadCredentialsError();
    }
    return person.id;
  },
  async run(ctx, input, prepared) {
    const personId = prepared as string;
    const session = await createSession(ctx.tx, personId, { ip: input.ip, userAgent: input.userAgent }, ctx.now);
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
