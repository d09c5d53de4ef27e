import type { DbOrTx } from './client.js';

/**
 * A query built once per database handle and run many times: drizzle's prepared query,
 * whose SQL text is not built again on each call (with `sql.placeholder` for what varies).
 * Building a wide select costs about as much as running it on this stack, so the reads that
 * every request makes (the session lookup) and the busiest lists use this. Keyed by the
 * handle: a transaction gets its own.
 */
export function reusable<T>(build: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const built = new WeakMap<DbOrTx, T>();
  return (db) => {
    let q = built.get(db);
    if (q === undefined) {
      q = build(db);
      built.set(db, q);
    }
    return q;
  };
}
