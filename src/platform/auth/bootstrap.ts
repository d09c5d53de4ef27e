import { eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Database } from '../db/client.js';
import { execute } from '../commands.js';
import { systemActor } from './actor.js';
import { createPerson } from './commands/people.js';
import { people } from './schema.js';

/** Creates the first administrator from ADMIN_EMAIL/ADMIN_PASSWORD when there is no administrator yet. */
export async function ensureFirstAdmin(database: Database, config: Config): Promise<string | undefined> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return undefined;
  const admins = await database.db.select({ id: people.id }).from(people).where(eq(people.isAdmin, true)).limit(1);
  if (admins.length) return undefined;
  const person = await execute({ database, config }, systemActor('bootstrap'), createPerson, {
    name: config.ADMIN_NAME,
    email: config.ADMIN_EMAIL,
    password: config.ADMIN_PASSWORD,
    isAdmin: true,
  });
  return person.email ?? undefined;
}
