import { z } from 'zod';
import type { Lang, Translate } from '../../platform/i18n/index.js';
import { storedText } from './views/common.js';
import { today } from '../../platform/days.js';
import type { BodyAccess } from './policy.js';
import type { Composition } from './queries/composition.js';
import { commissionerOut, servedBodyOut } from './commissioners.js';
import type { directoryPage, mandateHistory, organisationsOfPrincipal, principalById, structureDetails } from './queries/index.js';
import { bodyKinds, bodyLevels, categoryKinds, chairKindRules, meetingPeriods, minutesKinds, seatRepresentations, type ImportRun, type PrincipalKindRow } from './schema.js';
import { kindName } from './principal-kinds.js';
import { bodyRoles } from '../../platform/auth/roles.js';
import { pagedSchema } from '../../platform/http/paging.js';

/*
 * The JSON answers of the structure API: their schemas (for the OpenAPI document) and the
 * presenters that turn stored rows and read models into them. The routes are in api.ts.
 */

const kind = z.string().describe('A principal kind: its key (GET /api/principal-kinds lists them)');
const day = z.string().describe('YYYY-MM-DD');

export const principalOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind,
  kindName: z.string().optional().describe("The kind's name in the reader's language"),
  distributionList: z.array(z.string()).optional(),
  version: z.number().int().optional(),
});
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
  chairRotation: z.array(z.uuid()).describe("With chairKindRule 'rotate': the principals that take the chair in turn"),
  viceChairOtherKind: z.boolean(),
  chairReminderDays: z.number().int(),
  callOpensDays: z.number().int(),
  submissionDeadlineDays: z.number().int(),
  agendaPublishDays: z.number().int(),
  managesSubBodies: z.boolean().describe("The process leader and secretary manage the body's direct sub-bodies (not theirs)"),
  paragraphNumbering: z.boolean().describe('Protocol items are numbered with § per body and year'),
  version: z.number().int(),
});

/** A body after its settings changed, with the chairs in office that no longer follow the chair rule. */
export const bodyUpdatedOut = bodyOut.extend({
  chairWarnings: z
    .array(z.object({ kind: z.enum(['chairKind', 'chairPrincipal', 'chairUnknown', 'viceKind']), text: z.string().describe("The warning in the reader's language") }))
    .describe('Chairs in office that do not follow the chair rule as it now is'),
});

const treeRowOut = z.object({
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
  chairKindName: z.string().nullable().describe("The chair kind's name in the reader's language"),
  followsBody: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  chairPrincipal: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('With a rotation: the principal whose turn it is'),
  rotation: z.array(z.object({ id: z.uuid(), name: z.string() })).describe('With a rotation: the principals in their order, one per period from the anchor'),
});

const compositionOut = z.object({
  on: day,
  memberCount: z.number().int(),
  groups: z.array(
    z.object({
      principalName: z.string().nullable(),
      principalKind: kind.nullable(),
      principalKindName: z.string().nullable().describe("The kind's name in the reader's language"),
      seats: z.array(
        z.object({
          id: z.uuid(),
          function: z.string(),
          representation: z.enum(seatRepresentations),
          principalKind: kind.nullable(),
          principalKindName: z.string().nullable().describe("The kind's name in the reader's language"),
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
  warnings: z
    .array(
      z.object({
        kind: z.enum(['tooFew', 'tooMany', 'vacant', 'noChair', 'chairKind', 'chairPrincipal', 'chairUnknown', 'viceKind']),
        params: z.record(z.string(), z.union([z.string(), z.number()])),
        text: z.string().describe("The warning in the reader's language"),
      }),
    )
    .nullable()
    .describe('Problems with the composition, among them chairs in office that no longer follow the chair rule'),
  abilities: z.record(z.string(), z.boolean()),
  commissioners: z.array(commissionerOut).describe('Who commissions the body: its parent first, then other bodies, principals and parties outside Samverka'),
  servedBodies: z.array(servedBodyOut).describe('Bodies this body commissions besides its sub-bodies (they sit under another body)'),
});

const personBodyOut = z.object({
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

export const principalDetailsOut = principalOut.extend({ organisations: z.array(organisationOut) });
export const structureListRowOut = structureOut.extend({ bodyCount: z.number().int().describe('How many bodies of the structure have not ended') });
export const structureDetailsOut = structureOut.extend({
  principals: z.array(principalOut),
  categories: z.array(categoryOut),
  contactSurfaces: z.array(contactSurfaceOut),
  bodies: pagedSchema(treeRowOut),
});
export const directoryRowOut = z.object({
  id: z.uuid(),
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  hasLogin: z.boolean(),
  status: z.enum(['active', 'left']),
});
export const personBodiesOut = z.object({ items: z.array(personBodyOut) });
export const endedMembershipsOut = z.object({ ended: z.number().int(), endOn: z.string() });
export const endedSeatsOut = z.object({ ended: z.number().int(), endedOn: z.string() });
export const invitedOut = z.object({ personId: z.uuid(), email: z.string() });
export const engagementEndedOut = z.object({
  personId: z.uuid(),
  endOn: z.string(),
  ended: z.number().int(),
  handedOver: z.number().int(),
  otherHandedOver: z.number().int().describe('Open actions, approvals and the like given to otherSuccessorEmail'),
});
export const myBodiesOut = z.object({ memberships: z.array(personBodyOut), other: z.array(z.object({ label: z.string(), href: z.string() })) });

/** An import run as the API shows it (the file itself and who started it left out). */
export function importRunJson(run: ImportRun, t: Translate): z.input<typeof importRunOut> {
  const { input: _input, personId: _by, createdAt, finishedAt, report, problems, ...rest } = run;
  return {
    ...rest,
    report: report as z.input<typeof importReportOut> | null,
    problems: problems?.map((p) => storedText(p, t)) ?? null,
    createdAt: createdAt.toISOString(),
    finishedAt: finishedAt?.toISOString() ?? null,
  };
}

/** The fields of a row that a schema names (the rest left out). */
export function fromRow<T extends z.ZodObject>(schema: T, row: object): z.input<T> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) out[key] = (row as Record<string, unknown>)[key];
  return out as z.input<T>;
}

/** A body with its mandate, chair, composition (for those who may see it) and warnings (for readers). */
export function bodyDetailsJson(access: BodyAccess, comp: Composition, mandates: Awaited<ReturnType<typeof mandateHistory>>, t: Translate, lang: Lang, kinds: readonly PrincipalKindRow[] = []) {
  const named = (key: string | null) => (key ? kindName(kinds, key, lang) : null);
  const on = today();
  const current = mandates.find((m) => m.mandate.validFrom <= on) ?? mandates[0];
  const stripEmails = <T extends { email?: string | null }>(h: T) => (access.can.read && h.email ? h : { ...h, email: undefined });
  return {
    body: fromRow(bodyOut, access.body),
    mandate: current
      ? {
          ...fromRow(
            z.object({
              number: z.number(),
              purpose: z.string(),
              tasks: z.string(),
              responsibilities: z.string(),
              waysOfWorking: z.string(),
              validFrom: z.string(),
              approvedOn: z.string(),
              approvedByName: z.string(),
              approvedByBodyId: z.string().nullable(),
            }),
            current.mandate,
          ),
        }
      : null,
    chair: {
      ...comp.chair,
      current: periodJson(comp.chair.current, lang),
      next: comp.chair.next ? periodJson(comp.chair.next, lang) : null,
    },
    composition: access.can.view
      ? {
          on: comp.on,
          memberCount: comp.memberCount,
          groups: comp.groups.map((g) => ({
            ...g,
            principalKindName: named(g.principalKind),
            seats: g.seats.map((s) => ({
              ...s,
              principalKindName: named(s.principalKind),
              contactSurface: s.contactSurface ? { ...s.contactSurface, distributionList: access.can.read ? s.contactSurface.distributionList : undefined } : null,
              holders: s.holders.map(stripEmails),
              substitutes: s.substitutes.map(stripEmails),
            })),
          })),
          withoutSeat: comp.withoutSeat.map(stripEmails),
          withoutSeatMore: comp.withoutSeatMore,
        }
      : null,
    warnings: access.can.read
      ? comp.warnings.map((w) => ({
          kind: w.kind,
          params: Object.fromEntries(Object.entries(w.params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v])),
          text: t(`structure.body.warning.${w.kind}`, w.params),
        }))
      : null,
    abilities: { viewComposition: access.can.view, read: access.can.read, manage: access.can.manage, createSubBody: access.can.createSub },
  };
}

/** A chair period for the API: the kind named in the reader's language. */
function periodJson(p: Composition['chair']['current'], lang: Lang) {
  return { ...p, chairKindName: p.chairKindName ? p.chairKindName[lang] : null };
}

type Principal = NonNullable<Awaited<ReturnType<typeof principalById>>>;
type Organisation = Awaited<ReturnType<typeof organisationsOfPrincipal>>[number];

/** A principal with its organisations. */
export function principalDetailsJson(p: Principal, organisations: Organisation[]): z.input<typeof principalDetailsOut> {
  return { ...fromRow(principalOut, p), organisations: organisations.map((o) => fromRow(organisationOut, o)) };
}

/** A structure with its principals, categories, contact surfaces and a page of its body tree. */
export function structureDetailsJson<B>(s: object, details: Awaited<ReturnType<typeof structureDetails>>, bodies: B) {
  return {
    ...fromRow(structureOut, s),
    principals: details.principals,
    categories: details.categories.map((x) => fromRow(categoryOut, x)),
    contactSurfaces: details.contactSurfaces.map((x) => fromRow(contactSurfaceOut, x)),
    bodies,
  };
}

/** A person in the directory (the e-mail only when the query let the reader see it). */
export function directoryRowJson(p: Awaited<ReturnType<typeof directoryPage>>['items'][number]): z.input<typeof directoryRowOut> {
  return { id: p.id, name: p.name, title: p.title, email: p.email, hasLogin: Boolean(p.hasLogin), status: p.status };
}
