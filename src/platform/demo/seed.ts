import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { configSchema, type Config } from '../../config.js';
import type { Database, Db } from '../db/client.js';
import { systemMeta } from '../db/meta-schema.js';
import { execute } from '../commands.js';
import { systemActor } from '../auth/actor.js';
import { createPerson } from '../auth/commands/people.js';
import { hashPassword } from '../auth/password.js';
import { DEMO_STEPS, type DemoStep } from '../modules.js';
import { install, type Registry } from '../registry.js';
import { demoAccounts } from './accounts.js';

const MARKER = 'demo_seeded_at';

export async function isDemoSeeded(database: Database): Promise<boolean> {
  const rows = await database.db.select().from(systemMeta).where(eq(systemMeta.key, MARKER));
  return rows.length > 0;
}

/** A readable random password for the demo accounts of this installation. */
function demoPassword(): string {
  return `demo-${randomBytes(6).toString('base64url')}`;
}

/** The platform's demo step: one account per role of the domain's role list, and an administrator. */
export const demoAccountsStep: DemoStep = {
  name: 'accounts',
  async run({ database, config, password }) {
    const actor = systemActor('demo-seed');
    // Every demo account has the same password: hashed once (argon2 is slow on purpose), not
    // once per account. The command is otherwise the same: validated, run and audited.
    const hash = await hashPassword(password);
    const create = { ...createPerson, prepare: async () => hash };
    for (const a of demoAccounts) {
      await execute({ database, config }, actor, create, { name: a.name, email: a.email, title: a.title, password, isAdmin: a.role === 'admin' });
    }
    return `${demoAccounts.length} demo accounts`;
  },
};

interface SeedOptions {
  /** The registry whose modules' demo steps run (the composition root's). */
  registry: Registry;
  password?: string;
  now?: Date;
}

/**
 * The database as the demo steps see it: every query and every command runs in the seed's one
 * transaction. `execute` is unchanged (validation, `prepare`, the audit rows and the check
 * that the command audited); the transaction it opens is the seed's own (not a savepoint:
 * hundreds of subtransactions slow PostgreSQL down, and a refused command fails the whole
 * seed anyway). Saves a BEGIN/COMMIT per command (~400, 1–2 ms each on PGlite) and leaves
 * no half demo when a start stops half-way (the next start seeds again).
 */
function inTransaction(database: Database, tx: Db): Database {
  const flat = Object.create(tx) as Db;
  Object.defineProperty(flat, 'transaction', { value: <T>(work: (t: Db) => Promise<T>) => work(flat) });
  return {
    ...database,
    db: flat,
    query: () => Promise.reject(new Error('The demo seed runs in one transaction: use database.db, not the raw driver')),
  };
}

/**
 * Demo data: real public bodies, invented people. Each module seeds its own part (its
 * manifest's `demo` steps, in manifest order, after the configuration is read). Runs once
 * per database, all of it in one transaction (a start stopped half-way leaves no half demo);
 * the demo accounts' password is returned (and printed at start) only then.
 */
export async function seedDemo(database: Database, config: Config = configSchema.parse({}), options: SeedOptions): Promise<{ seeded: boolean; lines: string[]; password?: string }> {
  if (await isDemoSeeded(database)) return { seeded: false, lines: [] };
  // The steps' commands read the same registry: it is the process's (install refuses another).
  install(options.registry);
  const password = options.password ?? demoPassword();
  const now = options.now ?? new Date();
  const parts: string[] = [];
  await database.db.transaction(async (tx) => {
    const seeding = inTransaction(database, tx as unknown as Db);
    for (const step of options.registry.all(DEMO_STEPS)) {
      const part = await step.run({ database: seeding, config, password, now });
      if (part) parts.push(part);
    }
    await tx.insert(systemMeta).values({ key: MARKER, value: new Date().toISOString() });
  });
  const lines = [`Demo data: ${parts.join(', ')}.`, `Demo accounts (password for all: ${password}):`, ...demoAccounts.map((a) => `  ${a.email.padEnd(30)} ${a.role}`)];
  return { seeded: true, lines, password };
}
