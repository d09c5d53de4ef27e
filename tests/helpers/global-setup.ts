import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/platform/db/client.js';
import { adminUrl, databaseUrl, testDbKind } from './db-env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/**
 * Migrates one template database per run: a PGlite data-directory dump that each test
 * file loads into its own in-memory instance, or a PostgreSQL template database. The demo
 * template beside it is made by the first test that needs it (tests/helpers/db.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'samverka-test-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];

  if (testDbKind() === 'postgres') {
    const name = `samverka_tpl_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const database = await openPostgres(databaseUrl(name), 2);
    await database.migrate();
    await database.close();
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      // The demo template (tests/helpers/db.ts makes it from this one when a test first needs it).
      await c.query(`DROP DATABASE IF EXISTS "${name}_demo" WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    });
  } else {
    const database = await openPglite(undefined);
    await database.migrate();
    const dump = await database.pglite!.dumpDataDir('none');
    const file = join(dir, 'template.tar');
    writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
    await database.close();
    project.provide('pgliteTemplate', file);
    project.provide('postgresTemplate', '');
  }

  return async () => {
    for (const c of cleanups.reverse()) await c();
  };
}
