import { PGlite, types, type QueryOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lockFolder, type FolderLock } from './lock.js';
import { dropTemplate, holdsNoDatabase, readTemplate, saveTemplate, TEMPLATE_FOLDER, templateKey } from './template.js';
import { PreparingClient } from './prepared.js';
import { isDatabaseUnavailable } from './unavailable.js';

/**
 * Both drivers expose the same query builder; we type them as the node-postgres one. No
 * schema is handed to drizzle: the code builds its queries from the tables it imports and
 * never uses the relational `db.query` API, so the platform needs no list of the modules'
 * tables (that list, for drizzle-kit, is src/schema.ts on the composition side).
 */
export type Db = NodePgDatabase;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

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

interface OpenOptions {
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
  } catch (err) {
    // no migrations table yet counts as none applied; an unreachable database is not that
    if (isDatabaseUnavailable(err)) throw err;
    return 0;
  }
}

export async function openPglite(dataDir: string | undefined, options: { noLock?: boolean; templates?: string } = {}): Promise<Database> {
  let lock: FolderLock | undefined;
  if (dataDir && !options.noLock) lock = lockFolder(dataDir);
  const extensions = { pg_trgm, unaccent };
  const key = templateKey(Object.keys(extensions));
  const templates = options.templates ?? TEMPLATE_FOLDER;
  // A new folder starts from the migrated template when there is one (src/platform/db/template.ts).
  const fresh = dataDir !== undefined && holdsNoDatabase(dataDir);
  let client: PGlite;
  let fromTemplate = false;
  try {
    const template = fresh ? readTemplate(templates, key) : undefined;
    if (template) {
      try {
        client = await PGlite.create({ dataDir, extensions, loadDataDir: template });
        fromTemplate = true;
      } catch {
        dropTemplate(templates, key);
        emptyFolder(dataDir!, lock);
        client = await PGlite.create({ dataDir, extensions });
      }
    } else client = await PGlite.create({ dataDir, extensions });
  } catch (err) {
    lock?.release();
    throw err;
  }
  // The template was made in a folder that held its maker's lock file; this process holds the lock.
  if (fromTemplate) lock?.renew();
  return wrapPglite(client, lock, fresh && !fromTemplate ? () => saveTemplate(client, templates, key) : undefined);
}

/** Removes what a failed unpacking left in a new folder, keeping the lock file. */
function emptyFolder(dataDir: string, lock: FolderLock | undefined): void {
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    if (resolve(path) !== lock?.path) rmSync(path, { recursive: true, force: true });
  }
}

type Parser = (value: string, typeId?: number) => unknown;

/**
 * The types drizzle reads as text (it parses dates, times and intervals itself), each with
 * its array type. Drizzle hands PGlite these parsers with every query, and PGlite then copies
 * its whole table of about 400 parsers to merge them: a third of a simple query's time. Set
 * once on the client instead, and drizzle's queries pass none.
 */
const DRIVER_TEXT_TYPES: [scalar: number, array: number][] = [
  [types.DATE, 1182],
  [types.TIMESTAMP, 1115],
  [types.TIMESTAMPTZ, 1185],
  [types.INTERVAL, 1187],
  [types.NUMERIC, 1231],
];

/** Makes the client read drizzle's text types as text; returns PGlite's own parsers for them, for raw queries. */
function keepDriverParsers(client: PGlite): Record<number, Parser> {
  const own: Record<number, Parser> = {};
  for (const [scalar, array] of DRIVER_TEXT_TYPES) {
    const parser = client.parsers[scalar] as Parser | undefined;
    if (parser && parser !== asText) {
      own[scalar] = parser;
      own[array] = (value) => types.arrayParser(value, parser, array);
    }
    client.parsers[array] = asText;
    if (scalar !== types.NUMERIC) client.parsers[scalar] = asText;
  }
  return own;
}

const asText = (value: string) => value;

/** The client as drizzle sees it: its queries keep their row mode but no longer carry parsers. */
function withoutQueryParsers<C extends Pick<PGlite, 'query'>>(client: C): C {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') {
        return (text: string, params?: unknown[], options?: QueryOptions) => target.query(text, params, options?.parsers ? { ...options, parsers: undefined } : options);
      }
      if (prop === 'transaction') {
        return (run: (tx: C) => Promise<unknown>) => (target as unknown as PGlite).transaction((tx) => run(withoutQueryParsers(tx as unknown as C)));
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Wraps an open PGlite instance (the app's, or a test's in-memory copy). */
export function wrapPglite(client: PGlite, lock?: FolderLock, afterFirstMigration?: () => Promise<unknown>): Database {
  const rawParsers = keepDriverParsers(client);
  const db = drizzlePglite(withoutQueryParsers(client)) as unknown as Db;
  const query: Database['query'] = async <T>(text: string, params?: unknown[]) => (await client.query(text, params, { parsers: rawParsers })).rows as T[];
  const hooks = closeHooks();
  return {
    kind: 'pglite',
    onClose: hooks.onClose,
    db,
    pglite: client,
    query,
    async migrate() {
      await migratePglite(db as never, { migrationsFolder });
      // PGlite learns the array types when it opens: an array bound to a type the
      // migrations just created (an enum's array) would be sent as "a,b", a malformed array
      // literal. Reading them again makes every array parameter work as it does on pg.
      await client.refreshArrayTypes();
      keepDriverParsers(client);
      const keep = afterFirstMigration;
      afterFirstMigration = undefined;
      await keep?.();
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

/** How long a request waits for a connection (a new one, or a free one of the pool) before it fails as "database unavailable". */
const CONNECTION_TIMEOUT_MS = 5_000;

/**
 * The pool's client. node-postgres emits 'error' on a client whose connection dies (the
 * server restarts, the network drops); the pool listens only while the client is idle, and
 * an 'error' nobody listens to ends the process. The holder still learns of it: the query
 * in flight fails, and so does every later one on this client.
 */
class ResilientClient extends PreparingClient {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

/**
 * A pool whose checked-out clients give their slot back as soon as their connection dies.
 * Drizzle checks a client out for each transaction and releases it in a `finally` that
 * starts only after BEGIN succeeded: a connection lost during BEGIN would hold its slot
 * for ever, and a few of those block every request after the database is back. The holder's
 * own release afterwards is then a no-op.
 */
class ReleasingPool extends pg.Pool {
  override connect(...args: unknown[]): never {
    if (args.length) return (super.connect as (...a: unknown[]) => never)(...args);
    return super.connect().then(releaseWhenLost) as never;
  }
}

function releaseWhenLost(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const onError = (err: Error) => client.release(err);
  client.release = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('error', onError);
    release(err);
  };
  client.on('error', onError);
  return client;
}

export async function openPostgres(url: string, poolSize = 10, options: { connectionTimeoutMs?: number } = {}): Promise<Database> {
  const pool = new ReleasingPool({
    connectionString: url,
    max: poolSize,
    Client: ResilientClient,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS,
    keepAlive: true,
  });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it */
  });
  const db = drizzlePg(pool);
  const query: Database['query'] = async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[];
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
