// A pooled PostgreSQL connection that dies while a transaction holds it (the server
// restarts, the network drops) must fail that transaction as "database unavailable",
// must not end the process (node-postgres emits 'error' on the client), and must give its
// pool slot back, so that the pool works again as soon as the database is back.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testDbKind } from '../../../tests/helpers/db-env.js';
import { startTcpProxy, type TcpProxy } from '../../../tests/helpers/tcp-proxy.js';
import { openPostgres, type Database } from './client.js';
import { isDatabaseUnavailable } from './unavailable.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(testDbKind() !== 'postgres')('a PostgreSQL connection lost while in use', () => {
  const db = useTestDatabase();
  let url: URL;
  let proxy: TcpProxy;
  let database: Database | undefined;

  beforeAll(async () => {
    url = new URL((db.current.pool as unknown as { options: { connectionString: string } }).options.connectionString);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
  });
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });
  afterAll(() => proxy?.close());

  /** A pool of ONE connection through the proxy: a slot that is not given back blocks everything. */
  async function oneConnectionPool(): Promise<Database> {
    const through = new URL(url);
    through.hostname = '127.0.0.1';
    through.port = String(proxy.port);
    database = await openPostgres(through.toString(), 1, { connectionTimeoutMs: 3_000 });
    expect(await database.query('select 1 as n')).toEqual([{ n: 1 }]);
    return database;
  }

  const selectOne = (d: Database) => d.db.transaction(async (tx) => (await tx.execute(sql`select 1 as n`)).rows[0]);

  it('a connection cut as the transaction begins: the transaction fails as unavailable and the slot comes back', async () => {
    const d = await oneConnectionPool();
    proxy.cutOnNextData();
    const err = await selectOne(d).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(await selectOne(d)).toEqual({ n: 1 });
  });

  it('a connection the server ends in the middle of a transaction: later queries fail as unavailable, the slot comes back', async () => {
    const d = await oneConnectionPool();
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      const err = await d.db
        .transaction(async (tx) => {
          const [row] = (await tx.execute(sql`select pg_backend_pid() as pid`)).rows as { pid: number }[];
          // what "pg_ctl restart -m fast" does to every backend
          await admin.query('select pg_terminate_backend($1)', [row!.pid]);
          await pause(300);
          await tx.execute(sql`select 1`);
        })
        .catch((e: unknown) => e);
      expect(isDatabaseUnavailable(err)).toBe(true);
    } finally {
      await admin.end();
    }
    expect(await selectOne(d)).toEqual({ n: 1 });
  });

  it('idle connections cut by the network are replaced', async () => {
    const d = await oneConnectionPool();
    proxy.cutAll();
    await pause(100);
    expect(await selectOne(d)).toEqual({ n: 1 });
  });
});
