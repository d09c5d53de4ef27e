import { Hono, type Context } from 'hono';
import { notFound } from '../../platform/refusals.js';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../platform/http/context.js';
import { apiRoute, currentValues, describeApiTag } from '../../platform/http/api.js';
import { runCommand } from '../../platform/http/forms.js';
import { pagedSchema, pageQuery } from '../../platform/http/paging.js';
import { ForbiddenError } from '../../platform/http/errors.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { authorize } from '../../platform/auth/authorize.js';
import { requireLogin } from '../../platform/auth/middleware.js';
import { describeHistory, historyEntryJson, historyEntryOut, historyFilterQuery, historyPage } from '../../platform/audit/history.js';
import { today, type Day } from '../../platform/days.js';
import {
  addCategory,
  addMandateVersion,
  addCommissioner,
  addMember,
  appointChair,
  removeCommissioner,
  createBody,
  createContactSurface,
  createOrganisation,
  createPrincipal,
  createSeat,
  createStructure,
  endEngagement,
  endMembership,
  endMemberships,
  endSeat,
  endSeats,
  importMembers,
  startImportRun,
  invitePerson,
  updateBody,
  updateOrganisation,
  updatePrincipal,
  updateStructure,
} from './commands/index.js';
import { compositionOf } from './queries/composition.js';
import { chairRuleWarnings } from './chair.js';
import { principalKindRoutes } from './principal-kinds-api.js';
import { kindName, principalKindsOf } from './principal-kinds.js';
import { shownDay } from './on-day.js';
import { commissionerOut, commissionerParams, commissionersOf, compositionDayParam, removedCommissionerOut, servedBodies } from './commissioners.js';
import { holdingsOf } from './holdings.js';
import {
  bodiesOfPerson,
  bodyTreePage,
  directoryPage,
  listPrincipals,
  listStructures,
  mandateHistory,
  membershipPage,
  organisationById,
  organisationsOfPrincipal,
  principalById,
  structureById,
  structureByKey,
  structureDetails,
} from './queries/index.js';
import { bodies } from './schema.js';
import { importRunOf } from './import/runs.js';
import { bodyAccess } from './policy.js';
import { compositionForReader } from './policy.js';
import {
  bodyDetailsJson,
  directoryRowJson,
  directoryRowOut,
  fromRow,
  importRunJson,
  principalDetailsJson,
  principalDetailsOut,
  structureDetailsJson,
  structureDetailsOut,
  structureListRowOut,
  bodyDetailsOut,
  bodyOut,
  bodyUpdatedOut,
  categoryOut,
  contactSurfaceOut,
  importReportOut,
  importRunOut,
  mandateOut,
  membershipOut,
  membershipRowOut,
  myBodiesOut,
  endedMembershipsOut,
  endedSeatsOut,
  personBodiesOut,
  invitedOut,
  engagementEndedOut,
  organisationOut,
  principalOut,
  seatOut,
  structureOut,
} from './present.js';
import { directoryQuery, historyQuery, idParam, importRunParams, onDayQuery, structureKeyParam } from './inputs.js';

const tags = ['structure'];
const pick = <T extends z.ZodObject>(schema: T, omit: string) => schema.omit({ [omit]: true } as never) as unknown as T;

describeApiTag('structure', 'Principals, their units, collaboration structures, bodies, seats, memberships and the people directory.');

/** Current values for the PATCH operations: the stored row (404 when there is none). */
function found<T extends object>(row: T | undefined, what: MessageKey): T {
  if (!row) notFound(what);
  return row;
}

const principalPatch = pick(updatePrincipal.input, 'principalId');
const organisationPatch = pick(updateOrganisation.input, 'organisationId');
const structurePatch = pick(updateStructure.input, 'structureId');
const bodyPatch = pick(updateBody.input, 'bodyId');

async function bodyDetails(c: Context<AppEnv>, id: string, on: Day = today()) {
  const access = await bodyAccess(c, id);
  const db = c.get('deps').database.db;
  const [all, mandates, commissioners, served] = await Promise.all([
    compositionOf(db, access.body, on),
    mandateHistory(db, access.body.id),
    commissionersOf(db, access.body),
    servedBodies(db, access.body),
  ]);
  return {
    ...bodyDetailsJson(access, await compositionForReader(db, c.get('actor'), all), mandates, c.get('t'), c.get('lang'), await principalKindsOf(c)),
    commissioners,
    servedBodies: served.map((s) => ({ id: s.id, name: s.name, parentId: s.parentId, parentName: s.parentName })),
  };
}

export function structureApi(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/api/me/bodies', requireLogin);
  app.use('/api/directory', requireLogin);

  // Principals and organisations; the kinds of principal.
  principalKindRoutes(app, tags);
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/principals',
      operationId: 'structure.listPrincipals',
      summary: 'List principals (huvudmän) in Swedish alphabetical order, 50 per page',
      tags,
      query: pageQuery,
      response: pagedSchema(principalOut),
    },
    async (c, { query }) => {
      const list = await listPrincipals(c.get('deps').database.db, query.page);
      const kinds = await principalKindsOf(c);
      return { ...list, items: list.items.map((p) => ({ id: p.id, name: p.name, kind: p.kind, kindName: kindName(kinds, p.kind, c.get('lang')) })) };
    },
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/principals',
      operationId: createPrincipal.name,
      summary: 'Add a principal (administrators)',
      tags,
      body: createPrincipal.input,
      response: principalOut,
      status: 201,
      errors: [401, 403],
    },
    async (c, { body }) => fromRow(principalOut, await runCommand(c, createPrincipal, body)),
  );
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/principals/:id',
      operationId: 'structure.getPrincipal',
      summary: 'A principal with its organisations',
      tags,
      params: idParam,
      response: principalDetailsOut,
      errors: [404],
    },
    async (c, { params }) => {
      const db = c.get('deps').database.db;
      const p = await principalById(db, params.id);
      if (!p) notFound('structure.refuse.principalNotFound');
      return { ...principalDetailsJson(p, await organisationsOfPrincipal(db, p.id)), kindName: kindName(await principalKindsOf(c), p.kind, c.get('lang')) };
    },
  );
  apiRoute(
    app,
    {
      method: 'patch',
      path: '/api/principals/:id',
      operationId: updatePrincipal.name,
      summary: 'Change a principal (administrators); fields left out keep their values',
      tags,
      params: idParam,
      body: principalPatch,
      current: async (c, params) => currentValues(principalPatch, found(await principalById(c.get('deps').database.db, params.id), 'structure.refuse.principalNotFound')),
      response: principalOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => fromRow(principalOut, await runCommand(c, updatePrincipal, { ...body, principalId: params.id })),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/organisations',
      operationId: createOrganisation.name,
      summary: 'Add a unit of a principal (administrators)',
      tags,
      body: createOrganisation.input,
      response: organisationOut,
      status: 201,
      errors: [401, 403],
    },
    async (c, { body }) => fromRow(organisationOut, await runCommand(c, createOrganisation, body)),
  );
  apiRoute(
    app,
    {
      method: 'patch',
      path: '/api/organisations/:id',
      operationId: updateOrganisation.name,
      summary: 'Change a unit (administrators); fields left out keep their values',
      tags,
      params: idParam,
      body: organisationPatch,
      current: async (c, params) => currentValues(organisationPatch, found(await organisationById(c.get('deps').database.db, params.id), 'structure.refuse.unitNotFound')),
      response: organisationOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => fromRow(organisationOut, await runCommand(c, updateOrganisation, { ...body, organisationId: params.id })),
  );

  // Structures.
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/structures',
      operationId: 'structure.listStructures',
      summary: 'Collaboration structures, Swedish order, 50 per page',
      tags,
      query: pageQuery,
      response: pagedSchema(structureListRowOut),
    },
    async (c, { query }) => {
      const list = await listStructures(c.get('deps').database.db, query.page);
      return { ...list, items: list.items.map((s) => ({ ...fromRow(structureOut, s), bodyCount: s.bodyCount })) };
    },
  );
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/structures/:id',
      operationId: 'structure.getStructure',
      summary: 'A structure with its principals, goal areas, target groups, contact surfaces and bodies in tree order (50 per page)',
      tags,
      params: structureKeyParam,
      query: pageQuery,
      response: structureDetailsOut,
      errors: [404],
    },
    async (c, { params, query }) => {
      const db = c.get('deps').database.db;
      const s = await structureByKey(c.get('deps').database.db, params.id);
      if (!s) notFound('structure.refuse.structureNotFound');
      const [details, tree] = await Promise.all([structureDetails(db, s.id), bodyTreePage(db, s.id, query.page)]);
      const kinds = await principalKindsOf(c);
      const json = structureDetailsJson(s, details, tree);
      return { ...json, principals: json.principals.map((p) => ({ ...p, kindName: kindName(kinds, p.kind, c.get('lang')) })) };
    },
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/structures',
      operationId: createStructure.name,
      summary: 'Create a collaboration structure (administrators)',
      tags,
      body: createStructure.input,
      response: structureOut,
      status: 201,
      errors: [401, 403, 409],
    },
    async (c, { body }) => fromRow(structureOut, await runCommand(c, createStructure, body)),
  );
  apiRoute(
    app,
    {
      method: 'patch',
      path: '/api/structures/:id',
      operationId: updateStructure.name,
      summary: 'Change a structure and its principals (administrators); fields left out keep their values',
      tags,
      params: idParam,
      body: structurePatch,
      current: async (c, params) => {
        const db = c.get('deps').database.db;
        const s = found(await structureById(db, params.id), 'structure.refuse.structureNotFound');
        return currentValues(structurePatch, s, { principalIds: (await structureDetails(db, s.id)).principals.map((p) => p.id) });
      },
      response: structureOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => fromRow(structureOut, await runCommand(c, updateStructure, { ...body, structureId: params.id })),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/structures/:id/categories',
      operationId: addCategory.name,
      summary: 'Add a goal area or target group (administrators)',
      tags,
      params: idParam,
      body: pick(addCategory.input, 'structureId'),
      response: categoryOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => fromRow(categoryOut, await runCommand(c, addCategory, { ...body, structureId: params.id })),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/structures/:id/contact-surfaces',
      operationId: createContactSurface.name,
      summary: 'Add a contact surface with a distribution list (administrators)',
      tags,
      params: idParam,
      body: pick(createContactSurface.input, 'structureId'),
      response: contactSurfaceOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => fromRow(contactSurfaceOut, await runCommand(c, createContactSurface, { ...body, structureId: params.id })),
  );

  // Bodies.
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:id',
      operationId: 'structure.getBody',
      summary:
        'A body: settings, current mandate, chair periods, composition (public bodies: everyone) and warnings (members), its commissioners and the bodies it serves; with on=YYYY-MM-DD the composition (seats, holders, chair) on that day',
      tags,
      params: idParam,
      query: compositionDayParam,
      response: bodyDetailsOut,
      errors: [400, 404],
    },
    (c, { params }) => bodyDetails(c, params.id, shownDay(c)),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:id/commissioners',
      operationId: addCommissioner.name,
      summary: 'Add a commissioner of the body besides its parent: another body (the body serves several), a principal, or a party outside Samverka by name (exactly one)',
      tags,
      params: idParam,
      body: pick(addCommissioner.input, 'bodyId'),
      response: commissionerOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => {
      const row = await runCommand(c, addCommissioner, { ...body, bodyId: params.id });
      return {
        id: row.id,
        kind: row.commissionerBodyId ? ('body' as const) : row.principalId ? ('principal' as const) : ('name' as const),
        bodyId: row.commissionerBodyId,
        principalId: row.principalId,
        name: row.displayName,
        isParent: false,
      };
    },
  );
  apiRoute(
    app,
    {
      method: 'delete',
      path: '/api/bodies/:id/commissioners/:commissionerId',
      operationId: removeCommissioner.name,
      summary: 'Remove a commissioner of the body (not its parent)',
      tags,
      params: commissionerParams,
      response: removedCommissionerOut,
      errors: [401, 403, 404],
    },
    (c, { params }) => runCommand(c, removeCommissioner, { bodyId: params.id, commissionerId: params.commissionerId }),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies',
      operationId: createBody.name,
      summary: 'Create a body (administrators, or the managers of its commissioning body)',
      tags,
      body: createBody.input,
      response: bodyOut,
      status: 201,
      errors: [401, 403, 404, 409],
    },
    async (c, { body }) => fromRow(bodyOut, await runCommand(c, createBody, body)),
  );
  apiRoute(
    app,
    {
      method: 'patch',
      path: '/api/bodies/:id',
      operationId: updateBody.name,
      summary: "Change a body's settings (its managers); fields left out keep their values; ending a temporary body ends everything in it",
      tags,
      params: idParam,
      body: bodyPatch,
      current: async (c, params) => {
        const [row] = await c.get('deps').database.db.select().from(bodies).where(eq(bodies.id, params.id));
        return currentValues(bodyPatch, found(row, 'structure.refuse.bodyNotFound'));
      },
      response: bodyUpdatedOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => {
      const row = await runCommand(c, updateBody, { ...body, bodyId: params.id });
      // The chairs in office checked against the (perhaps changed) chair rule.
      const warnings = await chairRuleWarnings(c.get('deps').database.db, row, today());
      return { ...fromRow(bodyOut, row), chairWarnings: warnings.map((w) => ({ kind: w.kind, text: c.get('t')(`structure.body.warning.${w.kind}`, w.params) })) };
    },
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:id/mandates',
      operationId: addMandateVersion.name,
      summary: "Add a dated, approved version of the body's mandate",
      tags,
      params: idParam,
      body: pick(addMandateVersion.input, 'bodyId'),
      response: mandateOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => fromRow(mandateOut, await runCommand(c, addMandateVersion, { ...body, bodyId: params.id })),
  );
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:id/history',
      operationId: 'structure.bodyHistory',
      summary:
        "The change history of a body and its objects (engagements, seats, meetings, agenda items, minutes, cases, actions …), newest first, 50 per page, filtered by who, what and when; labels in the request's language beside the raw keys (the body's chair, vice chair, secretary and process leader, and administrators)",
      tags,
      params: idParam,
      query: historyFilterQuery,
      response: pagedSchema(historyEntryOut),
      errors: [403, 404],
    },
    async (c, { params, query }) => {
      const access = await bodyAccess(c, params.id);
      if (!access.can.manage) throw new ForbiddenError();
      const db = c.get('deps').database.db;
      const list = await historyPage(db, 'body', access.body.id, query);
      const entries = await describeHistory(db, list.items, c.get('lang'), c.get('t'));
      return { ...list, items: entries.map(historyEntryJson) };
    },
  );
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:id/memberships',
      operationId: 'structure.listMemberships',
      summary: "A body's engagements sorted by name, 50 per page: current ones, or the whole history with history=true (those with a role on the body)",
      tags,
      params: idParam,
      query: historyQuery,
      response: pagedSchema(membershipRowOut),
      errors: [403, 404],
    },
    async (c, { params, query }) => {
      const access = await bodyAccess(c, params.id);
      if (!access.can.read) throw new ForbiddenError();
      const list = await membershipPage(c.get('deps').database.db, access.body.id, { reader: c.get('actor'), page: query.page, history: query.history === 'true' });
      return { ...list, items: list.items.map((m) => fromRow(membershipRowOut, m)) };
    },
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:id/memberships',
      operationId: addMember.name,
      summary: 'Give a person an engagement in the body, under its rules',
      tags,
      params: idParam,
      body: pick(addMember.input, 'bodyId'),
      response: membershipOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => fromRow(membershipOut, await runCommand(c, addMember, { ...body, bodyId: params.id })),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/memberships/:id/end',
      operationId: endMembership.name,
      summary: 'End an engagement on a day (its last day)',
      tags,
      params: idParam,
      body: pick(endMembership.input, 'membershipId'),
      response: membershipOut.nullable(),
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => {
      const row = await runCommand(c, endMembership, { ...body, membershipId: params.id });
      return row ? fromRow(membershipOut, row) : null;
    },
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:id/memberships/end',
      operationId: endMemberships.name,
      summary: 'End several engagements of the body on the same day, all or none',
      tags,
      params: idParam,
      body: pick(endMemberships.input, 'bodyId'),
      response: endedMembershipsOut,
      errors: [401, 403, 404],
    },
    (c, { params, body }) => runCommand(c, endMemberships, { ...body, bodyId: params.id }),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:id/seats/end',
      operationId: endSeats.name,
      summary: 'Remove several seats of the body from a day on, all or none',
      tags,
      params: idParam,
      body: pick(endSeats.input, 'bodyId'),
      response: endedSeatsOut,
      errors: [401, 403, 404],
    },
    (c, { params, body }) => runCommand(c, endSeats, { ...body, bodyId: params.id }),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:id/chair',
      operationId: appointChair.name,
      summary: 'Appoint the chair or vice chair for a mandate period, under the chair rule',
      tags,
      params: idParam,
      body: pick(appointChair.input, 'bodyId'),
      response: membershipOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => fromRow(membershipOut, await runCommand(c, appointChair, { ...body, bodyId: params.id })),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:id/seats',
      operationId: createSeat.name,
      summary: 'Add a seat (by function and whom it represents; optionally ex officio)',
      tags,
      params: idParam,
      body: pick(createSeat.input, 'bodyId'),
      response: seatOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => fromRow(seatOut, await runCommand(c, createSeat, { ...body, bodyId: params.id })),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/seats/:id/end',
      operationId: endSeat.name,
      summary: 'Remove a seat from a day on; its engagements end that day',
      tags,
      params: idParam,
      body: pick(endSeat.input, 'seatId'),
      response: seatOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => fromRow(seatOut, await runCommand(c, endSeat, { ...body, seatId: params.id })),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:id/import',
      operationId: importMembers.name,
      summary: 'Import seats and members from CSV (text, or the file as base64 in any of the accepted encodings); dryRun checks only',
      tags,
      params: idParam,
      body: pick(importMembers.input, 'bodyId'),
      response: importReportOut,
      errors: [401, 403, 404],
    },
    (c, { params, body }) => runCommand(c, importMembers, { ...body, bodyId: params.id }),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:id/import-runs',
      operationId: startImportRun.name,
      summary: 'Start an import of seats and members in the background (for large files); follow it with structure.getImportRun',
      tags,
      params: idParam,
      body: pick(startImportRun.input, 'bodyId'),
      response: importRunOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => importRunJson(await runCommand(c, startImportRun, { ...body, bodyId: params.id }), c.get('t')),
  );
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:id/import-runs/:runId',
      operationId: 'structure.getImportRun',
      summary: 'How far a background import has come, and its report or problems when it ends',
      tags,
      params: importRunParams,
      response: importRunOut,
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const access = await bodyAccess(c, params.id);
      if (!access.can.manage) throw new ForbiddenError();
      return importRunJson(await importRunOf(c.get('deps').database.db, access.body.id, params.runId), c.get('t'));
    },
  );

  // People.
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/me/bodies',
      operationId: 'structure.myBodies',
      summary: 'The bodies the signed-in person sits in, across structures',
      tags,
      response: personBodiesOut,
      errors: [401],
    },
    async (c) => {
      const actor = c.get('actor');
      if (actor.kind !== 'person') throw new ForbiddenError();
      return { items: await bodiesOfPerson(c.get('deps').database.db, actor.personId, { includeFuture: true }) };
    },
  );
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/directory',
      operationId: 'structure.listPeople',
      summary: 'The people directory in Swedish order, 50 per page; q filters on the start of the name. email is null unless the reader shares a body with the person (or is an administrator)',
      tags,
      query: directoryQuery,
      response: pagedSchema(directoryRowOut),
      errors: [401],
    },
    async (c, { query }) => {
      authorize(c.get('actor'), 'structure.viewDirectory', null);
      const list = await directoryPage(c.get('deps').database.db, { reader: c.get('actor'), page: query.page, q: query.q });
      return { ...list, items: list.items.map(directoryRowJson) };
    },
  );
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/people/:id/holdings',
      operationId: 'structure.getHoldings',
      summary: 'Everything a person holds on a day and after, for handing over when they leave (administrators)',
      tags,
      params: idParam,
      query: onDayQuery,
      response: myBodiesOut,
      errors: [401, 403],
    },
    async (c, { params, query }) => {
      authorize(c.get('actor'), 'structure.administer', null);
      const t = c.get('t');
      const held = await holdingsOf(c.get('deps').database.db, params.id, query.on ?? today());
      return { memberships: held.memberships, other: held.other.map((o) => ({ label: t(o.text.key, o.text.params), href: o.href })) };
    },
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/people/:id/invite',
      operationId: invitePerson.name,
      summary: 'Invite a contact to create a login (e-mails a link to choose a password)',
      tags,
      params: idParam,
      body: pick(invitePerson.input, 'personId'),
      response: invitedOut,
      errors: [401, 403, 404],
    },
    (c, { params, body }) => runCommand(c, invitePerson, { ...body, personId: params.id }),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/people/:id/leave',
      operationId: endEngagement.name,
      summary: "End a person's engagement on a day, hand each engagement over to a successor, and what other modules hold (open actions, approvals) to one successor",
      tags,
      params: idParam,
      body: pick(endEngagement.input, 'personId'),
      response: engagementEndedOut,
      errors: [401, 403, 404],
    },
    (c, { params, body }) => runCommand(c, endEngagement, { ...body, personId: params.id }),
  );
  return app;
}
