import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { one } from '../../platform/db/rows.js';
import type { Structure } from '../structure/schema.js';
import { caseCounters } from './schema.js';

/**
 * The next registration number of a structure in a year: one upsert that increments the
 * counter row, so two cases raised at the same moment never share a number.
 */
export async function nextCaseNumber(tx: DbOrTx, structureId: string, year: number): Promise<number> {
  const row = one(
    await tx
      .insert(caseCounters)
      .values({ structureId, year, last: 1 })
      .onConflictDoUpdate({ target: [caseCounters.structureId, caseCounters.year], set: { last: sql`${caseCounters.last} + 1` } })
      .returning({ last: caseCounters.last }),
  );
  return row.last;
}

/** The prefix of a structure's registration numbers: its short name, else its name. */
export function refPrefix(structure: Pick<Structure, 'shortName' | 'name'> | null | undefined): string {
  return structure?.shortName?.trim() || structure?.name.trim() || '';
}

/** A registration number as shown: "SÖL 2026/7". */
export function caseRef(c: { year: number; number: number }, prefix = ''): string {
  return `${prefix ? `${prefix} ` : ''}${c.year}/${c.number}`;
}
