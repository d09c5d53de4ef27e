import { z } from 'zod';
import { freeText, optionalFreeText } from '../../platform/pin.js';
import { checkbox, optionalDay, optionalUuid, presentersInput } from '../meetings/index.js';
import { followUpStatuses, minuteOutcomes } from './schema.js';

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
  (v) =>
    typeof v === 'string'
      ? lines(v).map(clauseText).filter(Boolean)
      : v === undefined || v === null
        ? []
        : // A clause sent as "att godkänna …" is stored without its "att" (printed once: "Att godkänna …").
          Array.isArray(v)
          ? v.map((c) => (typeof c === 'string' ? clauseText(c) : c)).filter((c) => c !== '')
          : v,
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
  /** Who presented, in order: people in the register or named externals with their organisation. */
  presenters: presentersInput.optional(),
  notes: optionalFreeText({ max: 50_000 }),
  questions: optionalFreeText({ max: 20_000 }),
  proposal: proposalInput.default([]),
  decisionText: optionalFreeText({ max: 5000 }),
  condition: optionalFreeText({ max: 2000 }),
};

/** The decision fields, saved explicitly only (they number decisions and run the hooks). */
export const itemDecision = {
  outcome: outcomeInput,
  internal: checkbox.default(false),
  caseId: optionalUuid,
  /** What the decision does to the case, as the cases module names its transitions. */
  caseTransition: optionalFreeText({ max: 100 }),
};

// ---------------------------------------------------------------------------------------
// What the API and pages read from paths and query strings (the bodies are the commands' inputs).

export const meetingParams = z.object({ id: z.uuid() });
export const itemParams = z.object({ itemId: z.uuid() });
export const actionParams = z.object({ actionId: z.uuid() });
export const versionParams = z.object({ id: z.uuid(), n: z.coerce.number().int().min(1) });
export const decisionParams = z.object({ id: z.uuid() });
export const bodyParams = z.object({ bodyId: z.uuid() });
/** A file of the minutes in a language (Swedish unless asked). */
export const fileQuery = z.object({ lang: z.enum(['sv', 'en']).optional() });

/** The decision register's filter (page and API). */
export const registerQuery = z.object({
  q: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(200).optional()),
  year: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1900).max(2200).optional()),
  followUp: z.preprocess((v) => (v === '' ? undefined : v), z.enum(followUpStatuses).optional()),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
});

/** The register through the API: also per body or structure. */
export const decisionsQuery = registerQuery.extend({ bodyId: z.uuid().optional(), structureId: z.uuid().optional() });
