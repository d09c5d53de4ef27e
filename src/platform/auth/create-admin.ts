import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Database } from '../db/client.js';
import { execute } from '../commands.js';
import { systemActor } from './actor.js';
import { createPerson } from './commands/people.js';
import { people } from './schema.js';
import { ConflictError } from '../http/errors.js';
import { translator } from '../i18n/index.js';

/**
 * Creates an administrator account (the CLI `npm run admin:create`). Without a password one
 * is generated and returned so that it can be shown once.
 */
export async function createAdministrator(
  database: Database,
  config: Config,
  input: { email: string; name: string; password?: string | undefined },
): Promise<{ id: string; email: string; password: string; generated: boolean }> {
  const email = input.email.trim().toLowerCase();
  const existing = await database.db.select({ id: people.id }).from(people).where(eq(people.email, email)).limit(1);
  // In English for the command line; the key tells it in any reader's language.
  if (existing.length) throw new ConflictError(translator('en')('auth.refused.emailTaken', { email }), 'email-taken', { key: 'auth.refused.emailTaken', params: { email } });
  const generated = !input.password;
  const password = input.password ?? `adm-${randomBytes(12).toString('base64url')}`;
  const person = await execute({ database, config }, systemActor('cli'), createPerson, { name: input.name, email, password, isAdmin: true });
  return { id: person.id, email, password, generated };
}
