import { z } from 'zod';
import { bodyRoles } from '../../platform/auth/roles.js';
import { freeText, optionalFreeText } from '../../platform/pin.js';
import { isValidDay } from '../../platform/days.js';
import { isSlug, slugFrom } from '../../platform/slug.js';
import { pageQuery } from '../../platform/http/paging.js';
import { bodyKinds, bodyLevels, categoryKinds, chairKindRules, meetingPeriods, minutesKinds, seatRepresentations } from './schema.js';

/** Empty form fields count as absent. */
const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

/** A calendar day 'YYYY-MM-DD'. */
export const day = z.iso.date().refine(isValidDay);
export const optionalDay = z.preprocess(blank, day.optional());
/** A day, or null for "open" (tills vidare); absent means the default. */
export const nullableDay = z.preprocess((v) => (v === '' ? null : v), day.nullable().optional());

export const id = z.uuid();
export const optionalId = z.preprocess(blank, z.uuid().optional());

export const email = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.email().max(320));
export const optionalEmail = z.preprocess(blank, email.optional());
/** A distribution list: e-mail addresses. */
export const emailList = z.array(email).max(500);

const count = z.coerce.number().int().min(0).max(10_000);
const optionalCount = z.preprocess(blank, count.nullable().optional());
const days = z.coerce.number().int().min(0).max(365);

/**
 * URL names: lower-case letters, digits and hyphens. Optional: left empty, the command makes
 * one from the name (slugFrom). One typed wrong is refused with a suggestion made from it.
 */
export const slug = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  freeText({ max: 60 })
    .superRefine((value, ctx) => {
      if (isSlug(value)) return;
      const suggestion = slugFrom(value);
      ctx.addIssue({
        code: 'custom',
        message: 'Använd små bokstäver a–z, siffror och bindestreck.',
        input: value,
        params: { text: suggestion ? { key: 'structure.refuse.slugInvalid', params: { suggestion } } : { key: 'structure.refuse.slugInvalidNoSuggestion' } },
      });
    })
    .optional()
    .describe('Lower-case letters a–z, digits and hyphens; made from the name when left out'),
);

/** A principal kind's key (principal_kinds; the command checks that it exists). */
export const principalKindInput = z.string().trim().min(1).max(40).describe('A principal kind key (GET /api/principal-kinds)');
const bodyLevelInput = z.enum(bodyLevels);
const bodyKindInput = z.enum(bodyKinds);
const minutesKindInput = z.enum(minutesKinds);
const meetingPeriodInput = z.enum(meetingPeriods);
const chairKindRuleInput = z.enum(chairKindRules);
export const categoryKindInput = z.enum(categoryKinds);
export const seatRepresentationInput = z.enum(seatRepresentations);
export const roleInput = z.enum(bodyRoles);

export const name = freeText({ min: 1, max: 200 });
export const shortName = optionalFreeText({ max: 60 });
export const longText = optionalFreeText({ max: 20_000 });

/** The settings of a body (create and update share them). */
export const bodySettings = {
  name,
  shortName,
  level: bodyLevelInput,
  kind: bodyKindInput,
  isPublic: z.boolean().default(false),
  minutesKind: minutesKindInput.default('notes'),
  substitutesAllowed: z.boolean().default(true),
  sizeMin: optionalCount,
  sizeMax: optionalCount,
  meetingsMin: optionalCount,
  meetingsMax: optionalCount,
  meetingsPer: meetingPeriodInput.default('year'),
  physicalMeetingsMinPerYear: optionalCount,
  jointMeetingsWithSubBodiesPerYear: optionalCount,
  activeFrom: day,
  activeTo: nullableDay,
  chairPeriodMonths: z.preprocess(blank, z.coerce.number().int().min(1).max(120).nullable().optional()),
  chairPeriodAnchor: nullableDay,
  chairKindRule: chairKindRuleInput.default('any'),
  chairFirstKind: z.preprocess(blank, principalKindInput.nullable().optional()),
  chairFollowsBodyId: z.preprocess(blank, z.uuid().nullable().optional()),
  /** With chairKindRule 'rotate': the principals that take the chair in turn, in order, one per period from the anchor. */
  chairRotation: z.preprocess((v) => (Array.isArray(v) ? v.filter((x) => x !== '') : v), z.array(z.uuid()).max(30).default([])),
  viceChairOtherKind: z.boolean().default(false),
  chairReminderDays: days.default(60),
  callOpensDays: days.default(14),
  submissionDeadlineDays: days.default(7),
  agendaPublishDays: days.default(5),
  /** The process leader and secretary manage the body's direct sub-bodies. */
  managesSubBodies: z.boolean().default(false),
  /** Protocol items carry § numbers running per body and year. */
  paragraphNumbering: z.boolean().default(false),
};

export const mandateInput = z.object({
  purpose: freeText({ min: 1, max: 20_000 }),
  tasks: longText,
  responsibilities: longText,
  waysOfWorking: longText,
  validFrom: day,
  approvedOn: day,
  approvedByBodyId: optionalId,
  approvedByName: optionalFreeText({ max: 200 }),
});
export type MandateInput = z.output<typeof mandateInput>;

/* The API's path and query parameters (the bodies are the commands' inputs). */

export const idParam = z.object({ id: z.uuid() });
/** A structure by its id or its slug (the web pages' /structures/:slug). */
export const structureKeyParam = z.object({ id: z.string().min(1).max(60).describe("The structure's id or its slug") });
export const importRunParams = z.object({ id: z.uuid(), runId: z.uuid() });
export const historyQuery = pageQuery.extend({ history: z.enum(['true', 'false']).default('false') });
export const directoryQuery = pageQuery.extend({ q: z.string().max(100).optional() });
export const onDayQuery = z.object({ on: z.iso.date().optional() });
