import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as schema from './schema.js';
import { lockFolder, type FolderLock } from './lock.js';
import { PreparingClient } from './prepared.js';

export type Schema = typeof schema;
/** Both drivers expose the same query builder; we type them as the node-postgres one. */
export type Db = NodePgDatabase<Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs one SQL statement with parameters on the raw driver. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  migrate(): Promise<void>;
  /** True when every committed migration has been applied. */
  migrationsApplied(): Promise<boolean>;
  ping(): Promise<boolean>;
  /** Runs every hook given to onClose (e.g. the event bus releasing its LISTEN client), then closes. */
  close(): Promise<void>;
  /** Registers work to finish before the database closes; hooks run once, newest first. */
  onClose(hook: () => Promise<void> | void): void;
  /** PostgreSQL only: the pool, for LISTEN/NOTIFY. */
  readonly pool?: pg.Pool;
  /** PGlite only: the instance. */
  readonly pglite?: PGlite;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Skip the folder lock (only for tools that open a copy of a folder, never the app). */
  noLock?: boolean;
  poolSize?: number;
}

/** The onClose/close pair both drivers share: hooks run once, newest first, before closing. */
function closeHooks() {
  const hooks: (() => Promise<void> | void)[] = [];
  return {
    onClose(hook: () => Promise<void> | void) {
      hooks.push(hook);
    },
    async run() {
      while (hooks.length) await hooks.pop()!();
    },
  };
}

function expectedMigrationCount(): number {
  const journal = join(migrationsFolder, 'meta', '_journal.json');
  if (!existsSync(journal)) return 0;
  return (JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] }).entries.length;
}

async function appliedCount(query: Database['query']): Promise<number> {
  try {
    const rows = await query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    return rows[0]?.n ?? 0;
  } catch {
    return 0;
  }
}

export async function openPglite(dataDir: string | undefined, options: { noLock?: boolean } = {}): Promise<Database> {
  let lock: FolderLock | undefined;
  if (dataDir && !options.noLock) lock = lockFolder(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir, extensions: { pg_trgm, unaccent } });
  } catch (err) {
    lock?.release();
    throw err;
  }
  return wrapPglite(client, lock);
}

/** Wraps an open PGlite instance (the app's, or a test's in-memory copy). */
export function wrapPglite(client: PGlite, lock?: FolderLock): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const query: Database['query'] = async <T>(text: string, params?: unknown[]) =>
    (await client.query(text, params)).rows as T[];
  const hooks = closeHooks();
  return {
    kind: 'pglite',
    onClose: hooks.onClose,
    db,
    pglite: client,
    query,
    async migrate() {
      await migratePglite(db as never, { migrationsFolder });
    },
    async migrationsApplied() {
      return (await appliedCount(query)) >= expectedMigrationCount();
    },
    async ping() {
      await client.query('select 1');
      return true;
    },
    async close() {
      try {
        await hooks.run();
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: PreparingClient });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it */
  });
  const db = drizzlePg(pool, { schema });
  const query: Database['query'] = async <T>(text: string, params?: unknown[]) =>
    (await pool.query(text, params)).rows as T[];
  const hooks = closeHooks();
  return {
    kind: 'postgres',
    onClose: hooks.onClose,
    db,
    pool,
    query,
    async migrate() {
      await migratePg(db, { migrationsFolder });
    },
    async migrationsApplied() {
      return (await appliedCount(query)) >= expectedMigrationCount();
    },
    async ping() {
      await db.execute(sql`select 1`);
      return true;
    },
    async close() {
      await hooks.run();
      await pool.end();
    },
  };
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize);
  return openPglite(options.dataDir, { noLock: options.noLock });
}
