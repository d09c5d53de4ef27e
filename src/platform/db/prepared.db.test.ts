import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testDbKind } from '../../../tests/helpers/db-env.js';
import { statementName } from './prepared.js';

const db = useTestDatabase();

describe.skipIf(testDbKind() !== 'postgres')('prepared statements on PostgreSQL', () => {
  it('prepares a parameterised query once per connection and reuses it', async () => {
    const text = 'select count(*)::int as n from people where status = $1';
    const rows = await db.current.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`select 1`));
      const first = await tx.execute(sql`select count(*)::int as n from people where status = ${'active'}`);
      const again = await tx.execute(sql`select count(*)::int as n from people where status = ${'left'}`);
      const prepared = await tx.execute(sql`select name, statement from pg_prepared_statements`);
      return { first: first.rows, again: again.rows, prepared: prepared.rows as { name: string; statement: string }[] };
    });
    expect(rows.first[0]).toHaveProperty('n');
    expect(rows.again[0]).toHaveProperty('n');
    expect(rows.prepared.find((p) => p.name === statementName(text))?.statement).toBe(text);
  });
});
