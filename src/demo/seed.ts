import { eq } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { configSchema, type Config } from '../config.js';
import type { Database } from '../platform/db/client.js';
import { systemMeta } from '../platform/db/meta-schema.js';
import { principals } from '../modules/structure/schema.js';
import { sortKey } from '../platform/sortkey.js';
import { execute } from '../platform/commands.js';
import { systemActor } from '../platform/auth/actor.js';
import { createPerson } from '../platform/auth/commands/people.js';
import { demoPrincipals } from './principals.js';
import { demoAccounts } from './people.js';
import { seedStructures } from './structures.js';
import { seedMeetings } from './meetings.js';
import { seedMinutes } from './minutes.js';
import { seedCases } from './cases.js';

const MARKER = 'demo_seeded_at';

export async function isDemoSeeded(database: Database): Promise<boolean> {
  const rows = await database.db.select().from(systemMeta).where(eq(systemMeta.key, MARKER));
  return rows.length > 0;
}

/** A readable random password for the demo accounts of this installation. */
function demoPassword(): string {
  return `demo-${randomBytes(6).toString('base64url')}`;
}

/**
 * Demo data: real public bodies, invented people. Runs once per database; the demo
 * accounts' password is returned (and printed at start) only on that first run.
 */
export async function seedDemo(database: Database, config: Config = configSchema.parse({}), options: { password?: string } = {}): Promise<{ seeded: boolean; lines: string[]; password?: string }> {
  if (await isDemoSeeded(database)) return { seeded: false, lines: [] };
  const password = options.password ?? demoPassword();
  const actor = systemActor('demo-seed');
  await database.db.transaction(async (tx) => {
    await tx.insert(principals).values(demoPrincipals.map((p) => ({ ...p, sortKey: sortKey(p.name) })));
  });
  for (const a of demoAccounts) {
    await execute({ database, config }, actor, createPerson, { name: a.name, email: a.email, title: a.title, password, isAdmin: a.role === 'admin' });
  }
  // Meetings come after the structures: they are planned for the bodies the demo accounts sit in.
  const structures = await seedStructures(database, config);
  const demoMeetings = await seedMeetings(database, config);
  const demoMinutes = await seedMinutes(database, config);
  const demoCases = await seedCases(database, config);
  // The cases demo holds meetings of its own (SAMS's year, the Samordningsgrupp's last meeting): they get minutes too.
  demoMinutes.minutes += (await seedMinutes(database, config)).minutes;
  await database.db.insert(systemMeta).values({ key: MARKER, value: new Date().toISOString() });
  const lines = [
    `Demo data: ${demoPrincipals.length} principals, ${demoAccounts.length} demo accounts, ${structures.structures} collaboration structures with ${structures.bodies} bodies and ${structures.memberships} memberships, ${demoMeetings.meetings} meetings, minutes of ${demoMinutes.minutes} held meetings, ${demoCases.cases} cases.`,
    `Demo accounts (password for all: ${password}):`,
    ...demoAccounts.map((a) => `  ${a.email.padEnd(30)} ${a.role}`),
  ];
  return { seeded: true, lines, password };
}
