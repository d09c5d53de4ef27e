import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { openPostgres, wrapPglite, type Database } from '../../src/platform/db/client.js';
import { adminUrl, databaseUrl, testDbKind } from './db-env.js';

let templateBlob: Blob | undefined;

/** A fresh, migrated database of its own: in-memory PGlite, or a new PostgreSQL database. */
export async function createTestDatabase(): Promise<Database & { dispose(): Promise<void> }> {
  if (testDbKind() === 'postgres') {
    const name = `samverka_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('postgresTemplate')}"`);
    await admin.end();
    const database = await openPostgres(databaseUrl(name), 5);
    return Object.assign(database, {
      async dispose() {
        await database.close();
        const c = new pg.Client({ connectionString: adminUrl() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    });
  }
  templateBlob ??= new Blob([new Uint8Array(readFileSync(inject('pgliteTemplate')))]);
  const client = await PGlite.create({ loadDataDir: templateBlob, extensions: { pg_trgm, unaccent } });
  const database = wrapPglite(client);
  return Object.assign(database, { dispose: () => database.close() });
}

/** One database for the whole test file, opened before and closed after its tests. */
export function useTestDatabase(): { readonly current: Database } {
  const holder: { current: Database & { dispose(): Promise<void> } } = { current: undefined as never };
  beforeAll(async () => {
    holder.current = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await holder.current?.dispose();
  });
  return holder;
}
