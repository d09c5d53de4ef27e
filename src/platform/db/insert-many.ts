import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * Many rows as one SELECT over a single parameter, the rows as JSON read back with the
 * columns' own types (jsonb_to_recordset). A multi-row VALUES list binds one parameter per
 * cell, which PGlite handles slowly (2,000 rows: seconds instead of a fraction of one).
 * Columns absent from every row are left out (they get their defaults); the rows should
 * all give the same columns.
 */
export function rowsAsSelect<T extends PgTable>(table: T, rows: Partial<T['$inferInsert']>[]): { names: SQL; select: SQL } {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const json = rows.map((row) =>
    Object.fromEntries(
      columns.map(([key, column]) => {
        const value = (row as Record<string, unknown>)[key];
        return [column.name, value instanceof Date ? value.toISOString() : (value ?? null)];
      }),
    ),
  );
  const names = sql.join(
    columns.map(([, column]) => sql.identifier(column.name)),
    sql`, `,
  );
  const types = sql.join(
    columns.map(([, column]) => sql`${sql.identifier(column.name)} ${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  return { names, select: sql`select ${names} from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as x(${types})` };
}
