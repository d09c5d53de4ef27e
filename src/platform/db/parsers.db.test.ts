import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../../../tests/helpers/db.js';
import { testDbKind } from '../../../tests/helpers/db-env.js';
import type { Database } from './client.js';

/*
 * PGlite reads dates, timestamps and intervals as text for drizzle (set once on the client,
 * so no query carries its own parsers), while a raw query reads them as node-postgres does.
 * Both drivers must agree, or a page would show a date on one and a string on the other.
 */

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
}, 240_000);

afterAll(async () => {
  await database?.close();
});

const probe = `select timestamptz '2026-03-01 10:00:00+00' as at, date '2026-03-01' as day,
  array[timestamptz '2026-03-01 10:00:00+00'] as ats, 1.50::numeric as amount`;

describe(`what each kind of query reads (${testDbKind()})`, () => {
  it('a raw query reads timestamps and dates as Date, also inside arrays', async () => {
    const [row] = await database.query<{ at: unknown; day: unknown; ats: unknown[]; amount: unknown }>(probe);
    expect(row!.at).toBeInstanceOf(Date);
    expect((row!.at as Date).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(row!.day).toBeInstanceOf(Date);
    expect(row!.ats[0]).toBeInstanceOf(Date);
    expect(row!.amount).toBe('1.50');
  });

  it("drizzle's raw execute reads them as text, and its typed columns map them itself", async () => {
    const result = (await database.db.execute(sql.raw(probe))) as unknown as { rows: Record<string, unknown>[] };
    const row = result.rows[0]!;
    expect(typeof row.at).toBe('string');
    expect(typeof row.day).toBe('string');
    const typed = await database.db.select({ at: sql<Date>`timestamptz '2026-03-01 10:00:00+00'`.mapWith((v: string) => new Date(v)) }).from(sql`(select 1) as one`);
    expect(typed[0]!.at.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('drizzle hands PGlite no parsers of its own with a query', async () => {
    if (!database.pglite) return;
    const seen: unknown[] = [];
    const query = database.pglite.query.bind(database.pglite);
    database.pglite.query = ((text: string, params?: unknown[], options?: { parsers?: unknown }) => {
      seen.push(options?.parsers);
      return query(text, params, options as never);
    }) as typeof database.pglite.query;
    try {
      await database.db.execute(sql`select 1`);
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`select 2`);
      });
    } finally {
      database.pglite.query = query;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((parsers) => parsers === undefined)).toBe(true);
  });
});
