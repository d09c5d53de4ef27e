/**
 * The one row an insert or update `.returning()` gave, e.g.
 * `const meeting = one(await tx.insert(meetings).values(v).returning())`.
 * Throws when there is none: that is a bug (a missed condition), not a refusal.
 */
export function one<T>(rows: readonly T[]): T {
  const row = rows[0];
  if (row === undefined) throw new Error('The statement returned no row');
  return row;
}
