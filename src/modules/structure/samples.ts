import type { SampleContext } from '../../platform/commands.js';
import { one } from '../../platform/db/rows.js';
import type { Db } from '../../platform/db/client.js';
import { people } from '../../platform/auth/schema.js';
import { sortKey } from '../../platform/sortkey.js';
import { bodies, memberships, principals, seats, structurePrincipals, structures, type Body, type PrincipalKind } from './schema.js';

/*
 * Small fixtures written straight to the database, for command samples and tests: a
 * structure with a region and a municipality, a top body, seats and people.
 */

let counter = 0;
const uniq = (p: string) => `${p}-${Date.now().toString(36)}-${++counter}`;

export async function fixturePrincipal(db: Db, kind: PrincipalKind, name = uniq(kind === 'region' ? 'Region' : 'Kommun')) {
  const row = one(
    await db
      .insert(principals)
      .values({ name, kind, sortKey: sortKey(name) })
      .returning(),
  );
  return row;
}

export async function fixtureStructure(db: Db) {
  const region = await fixturePrincipal(db, 'region');
  const municipality = await fixturePrincipal(db, 'municipality');
  const slug = uniq('struktur').toLowerCase();
  const structure = one(
    await db
      .insert(structures)
      .values({ slug, name: `Struktur ${slug}`, sortKey: sortKey(`Struktur ${slug}`) })
      .returning(),
  );
  await db.insert(structurePrincipals).values([
    { structureId: structure.id, principalId: region.id },
    { structureId: structure.id, principalId: municipality.id },
  ]);
  return { structure: structure, region, municipality };
}

export async function fixtureBody(db: Db, structureId: string, values: Partial<typeof bodies.$inferInsert> = {}): Promise<Body> {
  const name = values.name ?? uniq('Grupp');
  const row = one(
    await db
      .insert(bodies)
      .values({ structureId, slug: uniq('grupp').toLowerCase(), name, sortKey: sortKey(name), level: 'strategic', kind: 'standing_group', activeFrom: '2020-01-01', ...values })
      .returning(),
  );
  return row;
}

export async function fixtureSeat(db: Db, bodyId: string, values: Partial<typeof seats.$inferInsert> = {}) {
  const fn = values.function ?? uniq('Plats');
  const row = one(
    await db
      .insert(seats)
      .values({ bodyId, function: fn, sortKey: sortKey(fn), representation: 'function', createdOn: '2020-01-01', ...values })
      .returning(),
  );
  return row;
}

export async function fixturePerson(db: Db, name = uniq('Person'), email: string | null = `${uniq('p')}@example.se`) {
  const row = one(
    await db
      .insert(people)
      .values({ name, sortKey: sortKey(name), email })
      .returning(),
  );
  return row;
}

export async function fixtureMembership(db: Db, values: typeof memberships.$inferInsert) {
  const row = one(await db.insert(memberships).values(values).returning());
  return row;
}

/** A structure with a top body and a region seat, and an administrator, for samples. */
export async function sampleSetup(sc: SampleContext) {
  const db = sc.database.db;
  const actor = await sc.admin();
  const s = await fixtureStructure(db);
  const body = await fixtureBody(db, s.structure.id);
  const seat = await fixtureSeat(db, body.id, { representation: 'principal', principalId: s.region.id, principalKind: 'region' });
  return { actor, db, ...s, body, seat };
}
