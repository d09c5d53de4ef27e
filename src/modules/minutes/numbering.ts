import { and, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { bodies, type Body } from '../structure/schema.js';
import { decisions, type Decision } from './schema.js';

/** "SAMS 2026:12": the body's short name (else its name), the year and the running number. */
export function decisionLabel(body: Pick<Body, 'name' | 'shortName'>, d: Pick<Decision, 'year' | 'number'>): string {
  return `${body.shortName?.trim() || body.name} ${d.year}:${d.number}`;
}

/**
 * The next decision number of a body in a year. Locks the body's row first, so that two
 * transactions numbering decisions of the same body take turns (numbers never repeat or
 * skip because of a race); a withdrawn decision keeps its number.
 */
export async function nextDecisionNumber(tx: DbOrTx, bodyId: string, year: number): Promise<number> {
  await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, bodyId)).for('update');
  const [row] = await tx
    .select({ n: max(decisions.number) })
    .from(decisions)
    .where(and(eq(decisions.bodyId, bodyId), eq(decisions.year, year)));
  return (row?.n ?? 0) + 1;
}
