import { z } from 'zod';
import { freeText, optionalFreeText } from '../../platform/pin.js';
import { checkbox, optionalDay, optionalUuid } from '../meetings/index.js';
import { minuteOutcomes } from './schema.js';

/** Form fields arrive as strings: empty means "not given". */
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

/** Lines of a textarea, trimmed, empty ones dropped. */
function lines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** "Att AU får en ny sammansättning" / "- att …" → "AU får en ny sammansättning". */
export function clauseText(line: string): string {
  return line
    .replace(/^\s*(?:[-*•]|\d{1,2}[.)])\s*/, '')
    .replace(/^att\s+/i, '')
    .trim();
}

/** The "att"-clauses of a proposal: a list (API) or a textarea with one clause per line (form). */
const proposalInput = z.preprocess(
  (v) => (typeof v === 'string' ? lines(v).map(clauseText).filter(Boolean) : v === undefined || v === null ? [] : v),
  z.array(freeText({ min: 1, max: 2000 })).max(50),
);

/** A list of names: a list (API) or a textarea with one per line (form). */
export const namesInput = z.preprocess((v) => (typeof v === 'string' ? lines(v) : v === undefined || v === null ? [] : v), z.array(freeText({ min: 1, max: 200 })).max(20));

/** A list of ids: a list, one value, or nothing (unchecked checkboxes). */
export const idList = (max: number) => z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(z.uuid()).max(max));

export const version = z.coerce.number().int().min(1);
const outcomeInput = z.preprocess(blank, z.enum(minuteOutcomes).optional());
export { checkbox, optionalDay, optionalUuid };

/** What an item's minutes say (autosaved as a draft, or saved explicitly). */
export const itemContent = {
  presenterName: optionalFreeText({ max: 200 }),
  notes: optionalFreeText({ max: 50_000 }),
  questions: optionalFreeText({ max: 20_000 }),
  proposal: proposalInput.default([]),
  decisionText: optionalFreeText({ max: 5000 }),
  condition: optionalFreeText({ max: 2000 }),
};

/** The decision fields, saved explicitly only (they number decisions and run the hooks). */
export const itemDecision = {
  presenterPersonId: optionalUuid,
  outcome: outcomeInput,
  internal: checkbox.default(false),
  caseId: optionalUuid,
  /** What the decision does to the case, as the cases module names its transitions. */
  caseTransition: optionalFreeText({ max: 100 }),
};
