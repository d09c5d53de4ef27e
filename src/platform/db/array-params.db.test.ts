import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/helpers/db.js';
import { testDbKind } from '../../../tests/helpers/db-env.js';
import { openPglite, type Database } from './client.js';

/*
 * An array bound as a parameter works on both drivers for every type, also for the enum
 * types that the migrations create. On PGlite the database is migrated by the process that
 * queries it, as on the app's first start (the test template is migrated elsewhere, which
 * would hide it): PGlite reads the array types when it opens.
 */

let database: Database;

beforeAll(async () => {
  if (testDbKind() === 'postgres') database = await createTestDatabase();
  else {
    database = await openPglite(undefined);
    await database.migrate();
  }
}, 240_000);

afterAll(async () => {
  await database?.close();
});

describe(`array parameters (${testDbKind()})`, () => {
  it('bind for every enum type of the schema (drizzle hands the driver the same values)', async () => {
    const enums = await database.query<{ name: string; labels: string[] }>(
      `select t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
       from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
       where n.nspname = 'public' group by t.typname order by t.typname`,
    );
    expect(enums.length).toBeGreaterThan(5);
    for (const { name, labels } of enums) {
      const last = labels[labels.length - 1]!;
      const raw = await database.query<{ ok: boolean }>(`select $1::"${name}" = any($2) as ok`, [last, labels]);
      expect(raw[0]!.ok, name).toBe(true);
    }
  });
});
