import { z } from 'zod';
import { bodyRoles } from '../../platform/auth/roles.js';
import { bodyKinds, bodyLevels, categoryKinds, chairKindRules, meetingPeriods, minutesKinds, principalKinds, seatRepresentations } from './schema.js';

/** Shapes of the structure module's JSON answers (for the OpenAPI document). */

const kind = z.enum(principalKinds);
const day = z.string().describe('YYYY-MM-DD');

export const principalOut = z.object({ id: z.uuid(), name: z.string(), kind, distributionList: z.array(z.string()).optional(), version: z.number().int().optional() });
export const organisationOut = z.object({
  id: z.uuid(),
  principalId: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  distributionList: z.array(z.string()),
  version: z.number().int(),
});
export const structureOut = z.object({ id: z.uuid(), slug: z.string(), name: z.string(), shortName: z.string().nullable(), description: z.string().nullable(), version: z.number().int() });
export const categoryOut = z.object({ id: z.uuid(), kind: z.enum(categoryKinds), name: z.string(), description: z.string().nullable(), crossCutting: z.boolean() });
export const contactSurfaceOut = z.object({ id: z.uuid(), name: z.string(), description: z.string().nullable(), distributionList: z.array(z.string()) });

export const bodyOut = z.object({
  id: z.uuid(),
  structureId: z.uuid(),
  parentId: z.uuid().nullable(),
  slug: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: z.enum(bodyLevels),
  kind: z.enum(bodyKinds),
  isPublic: z.boolean(),
  minutesKind: z.enum(minutesKinds),
  substitutesAllowed: z.boolean(),
  sizeMin: z.number().int().nullable(),
  sizeMax: z.number().int().nullable(),
  meetingsMin: z.number().int().nullable(),
  meetingsMax: z.number().int().nullable(),
  meetingsPer: z.enum(meetingPeriods),
  physicalMeetingsMinPerYear: z.number().int().nullable(),
  jointMeetingsWithSubBodiesPerYear: z.number().int().nullable(),
  activeFrom: day,
  activeTo: day.nullable(),
  chairPeriodMonths: z.number().int().nullable(),
  chairPeriodAnchor: day.nullable(),
  chairKindRule: z.enum(chairKindRules),
  chairFirstKind: kind.nullable(),
  chairFollowsBodyId: z.uuid().nullable(),
  viceChairOtherKind: z.boolean(),
  chairReminderDays: z.number().int(),
  callOpensDays: z.number().int(),
  submissionDeadlineDays: z.number().int(),
  agendaPublishDays: z.number().int(),
  version: z.number().int(),
});

export const treeRowOut = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: z.enum(bodyLevels),
  kind: z.enum(bodyKinds),
  isPublic: z.boolean(),
  activeTo: day.nullable(),
  depth: z.number().int(),
});

export const membershipOut = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  personId: z.uuid(),
  seatId: z.uuid().nullable(),
  role: z.enum(bodyRoles),
  substituteForMembershipId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  reason: z.string().nullable(),
  startOn: day,
  endOn: day.nullable(),
  exOfficio: z.boolean(),
  exOfficioSourceId: z.uuid().nullable(),
  version: z.number().int(),
});

export const membershipRowOut = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  personEmail: z.string().nullable(),
  role: z.enum(bodyRoles),
  seatId: z.uuid().nullable(),
  seatFunction: z.string().nullable(),
  reason: z.string().nullable(),
  startOn: day,
  endOn: day.nullable(),
  exOfficio: z.boolean(),
});

export const seatOut = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  function: z.string(),
  representation: z.enum(seatRepresentations),
  principalId: z.uuid().nullable(),
  organisationId: z.uuid().nullable(),
  groupLabel: z.string().nullable(),
  principalKind: kind.nullable(),
  contactSurfaceId: z.uuid().nullable(),
  exOfficioBodyId: z.uuid().nullable(),
  exOfficioRole: z.enum(bodyRoles).nullable(),
  createdOn: day,
  endedOn: day.nullable(),
});

const holderOut = z.object({
  membershipId: z.uuid(),
  personId: z.uuid(),
  name: z.string(),
  email: z.string().nullable().optional().describe('Only for those who may read the body'),
  title: z.string().nullable(),
  organisationName: z.string().nullable(),
  reason: z.string().nullable(),
  role: z.enum(bodyRoles),
  alsoRoles: z.array(z.enum(bodyRoles)),
  startOn: day,
  endOn: day.nullable(),
  exOfficio: z.boolean(),
  substituteFor: z.string().nullable(),
});

const periodOut = z.object({
  period: z.object({ index: z.number().int().describe('Periods counted from the anchor day'), start: day, end: day }).nullable(),
  chairKind: kind.nullable(),
  followsBody: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});

const compositionOut = z.object({
  on: day,
  memberCount: z.number().int(),
  groups: z.array(
    z.object({
      principalName: z.string().nullable(),
      principalKind: kind.nullable(),
      seats: z.array(
        z.object({
          id: z.uuid(),
          function: z.string(),
          representation: z.enum(seatRepresentations),
          principalKind: kind.nullable(),
          representsName: z.string().nullable(),
          groupLabel: z.string().nullable(),
          groupPrincipalNames: z.array(z.string()),
          contactSurface: z.object({ id: z.uuid(), name: z.string(), distributionList: z.array(z.string()).optional() }).nullable(),
          exOfficio: z.object({ bodyId: z.uuid(), bodyName: z.string(), role: z.enum(bodyRoles) }).nullable(),
          holders: z.array(holderOut),
          substitutes: z.array(holderOut),
          vacant: z.boolean(),
        }),
      ),
    }),
  ),
  withoutSeat: z.array(holderOut),
  withoutSeatMore: z.number().int(),
});

export const bodyDetailsOut = z.object({
  body: bodyOut,
  mandate: z
    .object({
      number: z.number().int(),
      purpose: z.string(),
      tasks: z.string(),
      responsibilities: z.string(),
      waysOfWorking: z.string(),
      validFrom: day,
      approvedOn: day,
      approvedByName: z.string(),
      approvedByBodyId: z.uuid().nullable(),
    })
    .nullable(),
  chair: z.object({ current: periodOut, next: periodOut.nullable(), chairName: z.string().nullable(), viceName: z.string().nullable() }),
  composition: compositionOut.nullable(),
  warnings: z.array(z.object({ kind: z.enum(['tooFew', 'tooMany', 'vacant', 'noChair']), params: z.record(z.string(), z.union([z.string(), z.number()])) })).nullable(),
  abilities: z.record(z.string(), z.boolean()),
});

export const personBodyOut = z.object({
  membershipId: z.uuid(),
  bodyId: z.uuid(),
  bodyName: z.string(),
  structureName: z.string(),
  structureSlug: z.string(),
  role: z.enum(bodyRoles),
  seatFunction: z.string().nullable(),
  startOn: day,
  endOn: day.nullable(),
  exOfficio: z.boolean(),
});

export const importReportOut = z.object({
  dryRun: z.boolean(),
  imported: z.boolean(),
  encoding: z.string(),
  rows: z.number().int(),
  seatsCreated: z.number().int(),
  membershipsCreated: z.number().int(),
  peopleCreated: z.number().int(),
  contactSurfacesCreated: z.number().int(),
});

/** A CSV import that runs in the background (started on the import page or by the API). */
export const importRunOut = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  status: z.enum(['queued', 'checking', 'writing', 'done', 'refused', 'failed']),
  dryRun: z.boolean(),
  linesTotal: z.number().int(),
  linesDone: z.number().int(),
  report: importReportOut.nullable().describe('What was (or, in a dry run, would be) imported, when done'),
  problems: z.array(z.string()).nullable().describe('Why nothing was imported, one line per problem, when refused'),
  createdAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
});

export const mandateOut = z.object({ id: z.uuid(), bodyId: z.uuid(), number: z.number().int(), validFrom: day, approvedOn: day, approvedByName: z.string() });
