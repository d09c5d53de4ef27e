import { z } from 'zod';
import { freeText, optionalFreeText } from '../../platform/pin.js';
import { isValidDay } from '../../platform/days.js';
import { caseStates, phaseNames, transitionNames, type Phase } from './flow.js';
import { adoptionStatuses, anchoringPositions, caseLinkKinds, medicalSteps, trafficLights } from './schema.js';

/** Form fields arrive as strings: empty means "not given". */
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

export const id = z.uuid();
export const optionalId = z.preprocess(blank, z.uuid().optional());
/** A day (YYYY-MM-DD) that exists; an impossible one is refused as invalid, in the reader's language. */
export const day = z.iso.date().superRefine((v, ctx) => {
  if (!isValidDay(v)) ctx.addIssue({ code: 'invalid_format', format: 'date', input: v, message: 'Invalid date' });
});
export const optionalDay = z.preprocess(blank, day.optional());
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());
export const optionalVersion = z.preprocess(blank, z.coerce.number().int().min(1).optional());
export const year = z.coerce.number().int().min(2000).max(2200);

/** A list of ids from a form (repeated field, comma list) or JSON (array). */
export const idList = z
  .preprocess((v) => {
    if (v === undefined || v === null || v === '') return [];
    if (Array.isArray(v)) return v.filter((x) => x !== '');
    if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
    return v;
  }, z.array(z.uuid()).max(200))
  .default([]);

/** A list of days from a form (one per line or comma separated) or JSON (array). */
const dayList = z
  .preprocess((v) => {
    if (v === undefined || v === null || v === '') return [];
    if (Array.isArray(v)) return v.filter((x) => x !== '');
    if (typeof v === 'string') return v.split(/[\s,;]+/).filter(Boolean);
    return v;
  }, z.array(day).max(50))
  .default([]);

const link = z.preprocess(
  blank,
  z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
);

const transitionInput = z.enum(transitionNames as [string, ...string[]]);
export const trafficLightInput = z.enum(trafficLights);
export const anchoringPositionInput = z.enum(anchoringPositions);
export const adoptionDecisionInput = z.enum(adoptionStatuses.filter((s) => s !== 'pending') as ['adopted', 'declined']);
const linkKindInput = z.enum(caseLinkKinds);

export const title = freeText({ min: 1, max: 300 });
export const longText = optionalFreeText({ max: 20_000 });
const message = optionalFreeText({ max: 10_000 });

/** The parts of an assignment directive (all optional in a draft; issuing checks them). */
const directiveFields = {
  shortDescription: longText,
  background: longText,
  purpose: longText,
  goals: longText,
  expectedResult: longText,
  resultManagement: longText,
  organisation: longText,
  timeline: longText,
  endDate: optionalDay,
  followUp: longText,
  resources: longText,
  medicalSteps: z.preprocess((v) => (v === undefined || v === null || v === '' ? {} : v), z.partialRecord(z.enum(medicalSteps), checkbox)).default({}),
  reportAtMeetings: checkbox.default(false),
  reportDates: dayList,
};

export const linkInput = z.object({
  kind: linkKindInput,
  targetId: optionalId,
  url: link,
  label: freeText({ min: 1, max: 300 }),
});

/**
 * The required parts of an assignment directive (shared/domain README, "Plans, directives
 * and reports"; SSÖ's and SAMS's documents); each has the message key
 * `cases.refusal.directive.<part>` shown when it is missing.
 */
export const directiveParts = ['shortDescription', 'background', 'purpose', 'goals', 'expectedResult', 'resultManagement', 'organisation', 'timeline', 'endDate', 'followUp', 'resources'] as const;

/** The directive form (saving a draft and issuing it). */
export const directiveInput = z.object({ caseId: id, version: optionalVersion, ...directiveFields });

export const transitionCommandInput = z.object({
  caseId: id,
  transition: transitionInput,
  meetingId: optionalId,
  message,
  evaluation: message,
  note: message,
  version: optionalVersion,
});

// ---------------------------------------------------------------------------------------
// The API's parameters and queries

export const caseIdParam = z.object({ caseId: z.uuid() });
export const bodyIdParam = z.object({ bodyId: z.uuid() });
/** The filter of a case overview (a page, a phase or a state, a body). */
export const caseListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  phase: z.enum(phaseNames as [Phase, ...Phase[]]).optional(),
  state: z.enum(caseStates).optional(),
  bodyId: z.uuid().optional(),
});
export const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2200).optional() });
