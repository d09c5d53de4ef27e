import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client.js';
import { execute } from '../../src/platform/commands.js';
import { systemActor, type Actor } from '../../src/platform/auth/actor.js';
import { createPerson } from '../../src/platform/auth/commands/people.js';
import { people } from '../../src/platform/auth/schema.js';
import { outbox } from '../../src/platform/outbox/schema.js';
import type { MailContent } from '../../src/platform/outbox/mail-payload.js';
import { testConfig } from './app.js';

let n = 0;

export interface TestPerson {
  id: string;
  name: string;
  email: string;
  password: string;
  actor: Actor;
}

/** A person (an account when `login` is set: hashing a password takes a moment). */
export async function inboxPerson(database: Database, options: { login?: boolean; language?: 'sv' | 'en'; name?: string } = {}): Promise<TestPerson> {
  n++;
  const email = `inkorg-${n}-${Date.now().toString(36)}@example.org`;
  const name = options.name ?? `Testperson ${n}`;
  const password = 'ett-bra-lösenord-1';
  const row = await execute({ database, config: testConfig() }, systemActor('test'), createPerson, {
    name,
    email,
    ...(options.login ? { password } : {}),
  });
  if (options.language) await database.db.update(people).set({ language: options.language }).where(eq(people.id, row.id));
  return { id: row.id, name, email, password, actor: { kind: 'person', personId: row.id, name, isAdmin: false, via: 'session' } };
}

/** Mail in the outbox addressed to one address, oldest first. */
export async function mailsTo(database: Database, email: string): Promise<MailContent[]> {
  const rows = await database.db.select().from(outbox).where(eq(outbox.kind, 'mail')).orderBy(outbox.createdAt);
  return rows.map((r) => r.payload as MailContent).filter((m) => m.to.includes(email));
}
