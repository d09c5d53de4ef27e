import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { ConflictError, ValidationError, type FieldError } from '../../platform/http/errors.js';
import type { Structure } from '../structure/schema.js';
import { caseCounters } from './schema.js';

/**
 * The next registration number of a structure in a year: one upsert that increments the
 * counter row, so two cases raised at the same moment never share a number.
 */
export async function nextCaseNumber(tx: DbOrTx, structureId: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(caseCounters)
    .values({ structureId, year, last: 1 })
    .onConflictDoUpdate({ target: [caseCounters.structureId, caseCounters.year], set: { last: sql`${caseCounters.last} + 1` } })
    .returning({ last: caseCounters.last });
  return row!.last;
}

/** The prefix of a structure's registration numbers: its short name, else its name. */
export function refPrefix(structure: Pick<Structure, 'shortName' | 'name'> | null | undefined): string {
  return structure?.shortName?.trim() || structure?.name.trim() || '';
}

/** A registration number as shown: "SÖL 2026/7". */
export function caseRef(c: { year: number; number: number }, prefix = ''): string {
  return `${prefix ? `${prefix} ` : ''}${c.year}/${c.number}`;
}

/** Refuses with one field error (the message is Swedish, shown beside the field). */
export function refuse(field: string, message: string): never {
  throw new ValidationError([{ field, message }], message);
}

/** Refuses with several field errors at once. */
export function refuseAll(errors: FieldError[], message = errors[0]?.message ?? 'Ogiltiga uppgifter'): never {
  throw new ValidationError(errors, message);
}

/** Refuses a save made from an older version than the stored one. */
export function checkVersion(stored: number, sent: number | undefined) {
  if (sent !== undefined && sent !== stored) {
    throw new ConflictError('Ärendet har ändrats av någon annan sedan du öppnade sidan. Ladda om sidan och gör ändringen igen.', 'stale');
  }
}
