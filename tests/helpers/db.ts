import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { openPostgres, wrapPglite, type Database } from '../../src/platform/db/client.js';
import { seedDemo } from '../../src/platform/demo/seed.js';
import { composeApp } from '../../src/modules.js';
import { adminUrl, databaseUrl, testDbKind } from './db-env.js';
import { testConfig } from './app.js';
import { TEST_DEMO_PASSWORD, TEST_DEMO_PUBLIC_URL } from './demo-password.js';

export interface TestDatabaseOptions {
  /**
   * Start from the demo data, seeded once per run into a template beside the migrated one
   * (every demo account's password is TEST_DEMO_PASSWORD). Tests of the seeding itself seed
   * their own database.
   */
  demo?: boolean;
}

/** The demo, as every test that starts from it gets it (seeding takes 15–60 s, so it is done once per run). */
async function seedTemplate(database: Database): Promise<void> {
  await seedDemo(database, testConfig({ PUBLIC_URL: TEST_DEMO_PUBLIC_URL }), { registry: composeApp(), password: TEST_DEMO_PASSWORD });
}

/** Waits out another worker making the same template; ten minutes covers a slow, loaded machine. */
const MAKE_TIMEOUT_MS = 600_000;

/**
 * The PGlite demo template: made by the first worker that needs it (a lock directory keeps
 * the others waiting), written under a temporary name and renamed, so that a reader never
 * sees half a file. It lives beside the migrated template and goes with it at the run's end.
 */
async function pgliteDemoTemplate(plain: string): Promise<string> {
  const file = join(dirname(plain), 'template-demo.tar');
  const lock = `${file}.lock`;
  const until = Date.now() + MAKE_TIMEOUT_MS;
  while (!existsSync(file)) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > until) throw new Error(`Waited too long for the demo template ${file} (remove ${lock} if no test run is making it)`);
      await sleep(250);
      continue;
    }
    try {
      if (existsSync(file)) break;
      const client = await PGlite.create({ loadDataDir: blobOf(plain), extensions: { pg_trgm, unaccent } });
      const database = wrapPglite(client);
      try {
        await seedTemplate(database);
        const dump = await client.dumpDataDir('none');
        writeFileSync(`${file}.tmp`, new Uint8Array(await dump.arrayBuffer()));
        renameSync(`${file}.tmp`, file);
      } finally {
        await database.close();
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return file;
}

/** The PostgreSQL demo template, made once under an advisory lock (the global teardown drops it). */
async function postgresDemoTemplate(plain: string): Promise<string> {
  const name = `${plain}_demo`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`select pg_advisory_lock(hashtext($1))`, [name]);
    const found = await admin.query(`select 1 from pg_database where datname = $1`, [name]);
    if (found.rowCount === 0) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${building}" TEMPLATE "${plain}"`);
      const database = await openPostgres(databaseUrl(building), 2);
      try {
        await seedTemplate(database);
      } finally {
        await database.close();
      }
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
    }
    await admin.query(`select pg_advisory_unlock(hashtext($1))`, [name]);
  } finally {
    await admin.end();
  }
  return name;
}

const blobs = new Map<string, Blob>();
function blobOf(file: string): Blob {
  let blob = blobs.get(file);
  if (!blob) blobs.set(file, (blob = new Blob([new Uint8Array(readFileSync(file))])));
  return blob;
}

/** A fresh, migrated database of its own: in-memory PGlite, or a new PostgreSQL database; with the demo when asked. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<Database & { dispose(): Promise<void> }> {
  if (testDbKind() === 'postgres') {
    const template = options.demo ? await postgresDemoTemplate(inject('postgresTemplate')) : inject('postgresTemplate');
    const name = `samverka_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
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
  const plain = inject('pgliteTemplate');
  const file = options.demo ? await pgliteDemoTemplate(plain) : plain;
  const client = await PGlite.create({ loadDataDir: blobOf(file), extensions: { pg_trgm, unaccent } });
  const database = wrapPglite(client);
  return Object.assign(database, { dispose: () => database.close() });
}

/** One database for the whole test file, opened before and closed after its tests. */
export function useTestDatabase(options: TestDatabaseOptions = {}): { readonly current: Database } {
  const holder: { current: Database & { dispose(): Promise<void> } } = { current: undefined as never };
  beforeAll(
    async () => {
      holder.current = await createTestDatabase(options);
    },
    options.demo ? MAKE_TIMEOUT_MS + 60_000 : 60_000,
  );
  afterAll(async () => {
    await holder.current?.dispose();
  });
  return holder;
}
