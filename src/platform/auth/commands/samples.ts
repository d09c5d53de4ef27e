import type { SampleContext } from '../../commands.js';
import type { Actor } from '../actor.js';
import { people } from '../schema.js';
import { hashPassword } from '../password.js';
import { sortKey } from '../../sortkey.js';
import { one } from '../../db/rows.js';

export const SAMPLE_PASSWORD = 'gammalt-lösenord-1';

/** A person with a password, for command samples. */
export async function samplePerson(sc: SampleContext, options: { admin?: boolean } = {}): Promise<{ actor: Actor; personId: string; email: string }> {
  const email = `${sc.unique('person')}@example.se`;
  const name = `Provperson ${sc.unique('p')}`;
  const row = one(
    await sc.database.db
      .insert(people)
      .values({ name, sortKey: sortKey(name), email, passwordHash: await hashPassword(SAMPLE_PASSWORD), isAdmin: options.admin ?? false })
      .returning(),
  );
  return { actor: { kind: 'person', personId: row.id, name, isAdmin: options.admin ?? false, via: 'session' }, personId: row.id, email };
}
