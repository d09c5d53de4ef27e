import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../platform/http/context.js';
import { apiRoute, currentValues, describeApiTag } from '../../platform/http/api.js';
import { runCommand } from '../../platform/http/forms.js';
import type { CommandDef } from '../../platform/commands.js';
import { pageOf, pageQuery, PAGE_SIZE } from '../../platform/http/paging.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { notFound } from '../../platform/refusals.js';
import { authorize } from '../../platform/auth/authorize.js';
import { requireLogin } from '../../platform/auth/middleware.js';
import { bodyForCases } from './policy.js';
import { bodyWithStructure } from '../structure/index.js';
import { loadCase, yearOf, caseDetails, structureForOverview, casesRaisedByPage, myCaseBodies, planLines, yearlyReportCases, caseOverviewData } from './queries/index.js';
import { activities, caseCategories } from './schema.js';
import { caseStates, phaseOf, transitionNames, transitions } from './flow.js';
import { refPrefix } from './wording.js';
import { bodyIdParam, caseIdParam, caseListQuery, transitionCommandInput, yearQuery } from './inputs.js';
import { anyObject, caseOut, caseRow, myCasesOut, overviewOut, presentCase, presentOverview, presentYearlyReport, stateEnum } from './present.js';
import {
  addActivity,
  addCaseLink,
  appointWorkingGroup,
  editCase,
  issueDirective,
  raiseCase,
  recordAdoption,
  recordAnchoring,
  recordStatusReport,
  removeCaseLink,
  rollActivityPlan,
  saveDirective,
  sendImplementationNotice,
  transitionCase,
  updateActivity,
} from './commands/index.js';

/*
 * The JSON API of the cases module: the same commands and reads as the pages. Operation
 * ids are the commands' names; reads are named cases.<what>.
 */

async function overview(c: Context<AppEnv>, structureId: string, q: z.output<typeof caseListQuery>, prefix: string) {
  const data = await caseOverviewData(c.get('deps').database.db, { structureId, bodyId: q.bodyId }, q, { overdueLimit: 50 });
  return presentOverview(data, prefix);
}

describeApiTag('cases', 'Cases (ärenden) along their flow across bodies, the overviews, the activity plan and the yearly report.');

const caseEditPatch = editCase.input.omit({ caseId: true });
const activityPatch = updateActivity.input.omit({ activityId: true });

export function casesApi(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const path of [
    '/api/cases',
    '/api/cases/*',
    '/api/case-links/*',
    '/api/bodies/:bodyId/case-overview',
    '/api/bodies/:bodyId/activity-plan',
    '/api/bodies/:bodyId/activity-plan/*',
    '/api/bodies/:bodyId/case-report',
    '/api/structures/:id/case-overview',
    '/api/activities/*',
  ]) {
    app.use(path, requireLogin);
  }
  const run = <S extends z.ZodType, O>(c: Context<AppEnv>, def: Parameters<typeof runCommand<S, O>>[1], input: unknown) => runCommand(c, def, input);

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/case-flow',
      operationId: 'cases.flow',
      summary: 'The case flow as data: every state and transition (what each needs, its guards and effects)',
      tags: ['cases'],
      response: anyObject,
    },
    () => ({
      states: caseStates.map((s) => ({ state: s, phase: phaseOf(s) })),
      transitions: Object.fromEntries(transitionNames.map((n) => [n, { ...transitions[n] }])),
    }),
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/cases',
      operationId: 'cases.mine',
      summary: 'My cases (as /cases shows them): the cases I raised, newest first, 50 per page, and the bodies where I see cases',
      tags: ['cases'],
      query: pageQuery,
      response: myCasesOut,
      errors: [401],
    },
    async (c, { query }) => {
      const db = c.get('deps').database.db;
      const actor = c.get('actor');
      if (actor.kind !== 'person') throw new NotFoundError();
      const [{ rows, total }, bodies] = await Promise.all([casesRaisedByPage(db, actor.personId, query.page, PAGE_SIZE), myCaseBodies(db, actor.personId)]);
      const items = rows.map((r) => ({ ...caseRow(r.kase, refPrefix({ name: r.structureName, shortName: r.structureShortName })), bodyName: r.bodyName }));
      return { ...pageOf(items, query.page, total), bodies };
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/cases',
      operationId: 'cases.raise',
      summary: 'Raise a case in a body (gets the next registration number of the structure and year)',
      tags: ['cases'],
      body: raiseCase.input,
      response: caseOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { body }) => {
      const row = await run(c, raiseCase, body);
      const ws = await bodyWithStructure(c.get('deps').database.db, row.bodyId);
      return caseRow(row, refPrefix(ws?.structure));
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/cases/:caseId',
      operationId: 'cases.get',
      summary: 'A case with its working group, directive, reports, anchoring, adoption, notices, history, links, and what the caller may do',
      tags: ['cases'],
      params: caseIdParam,
      response: anyObject,
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const db = c.get('deps').database.db;
      const actor = c.get('actor');
      const loaded = await loadCase(db, actor, params.caseId);
      authorize(actor, 'cases.view', loaded.target);
      const d = (await caseDetails(db, params.caseId))!;
      return presentCase(d, loaded, actor);
    },
  );

  apiRoute(
    app,
    {
      method: 'patch',
      path: '/api/cases/:caseId',
      operationId: 'cases.edit',
      summary: 'Correct the title, description and categories of an open case; fields left out keep their values',
      tags: ['cases'],
      params: caseIdParam,
      body: caseEditPatch,
      current: async (c, params) => {
        const db = c.get('deps').database.db;
        const loaded = await loadCase(db, c.get('actor'), params.caseId);
        authorize(c.get('actor'), 'cases.view', loaded.target);
        const categoryIds = (await db.select({ id: caseCategories.categoryId }).from(caseCategories).where(eq(caseCategories.caseId, loaded.kase.id))).map((r) => r.id);
        return currentValues(caseEditPatch, loaded.kase, { categoryIds });
      },
      response: anyObject,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => ({ ...(await run(c, editCase, { ...body, caseId: params.caseId })) }),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/cases/:caseId/transitions',
      operationId: 'cases.transition',
      summary: 'Move the case one step along the flow (refused when the graph does not allow it; nothing changes then)',
      tags: ['cases'],
      params: caseIdParam,
      body: transitionCommandInput.omit({ caseId: true }),
      response: z.object({ state: stateEnum, notes: z.array(z.string()) }),
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => {
      const r = await run(c, transitionCase, { ...body, caseId: params.caseId });
      const t = c.get('t');
      return { state: r.kase.state, notes: r.notes.map((n) => t(n.key, n.params)) };
    },
  );

  const caseCommand = <S extends z.ZodObject, O>(method: 'post' | 'put', path: string, def: CommandDef<S, O>, summary: string, extraParams?: z.ZodObject) =>
    apiRoute(
      app,
      {
        method,
        path,
        operationId: def.name,
        summary,
        tags: ['cases'],
        params: extraParams ? caseIdParam.extend(extraParams.shape) : caseIdParam,
        body: def.input.omit({ caseId: true, ...(extraParams ? Object.fromEntries(Object.keys(extraParams.shape).map((k) => [k, true] as const)) : {}) }),
        response: anyObject,
        status: method === 'post' ? 201 : 200,
        errors: [401, 403, 404, 409],
      },
      async (c, { params, body }) => {
        const out = await run(c, def, { ...body, ...params });
        return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
      },
    );

  caseCommand('post', '/api/cases/:caseId/links', addCaseLink, 'Link a document, meeting, decision or another case');
  caseCommand('post', '/api/cases/:caseId/working-group', appointWorkingGroup, 'Appoint the working group: a temporary sub-body with a convenor and members from the body, adjuncts allowed');
  caseCommand('put', '/api/cases/:caseId/directive', saveDirective, 'Save the assignment directive as a draft');
  caseCommand('post', '/api/cases/:caseId/directive/issue', issueDirective, 'Issue the assignment directive (refused with the list of missing parts)');
  caseCommand('post', '/api/cases/:caseId/status-reports', recordStatusReport, "Record the working group's status report");
  caseCommand('put', '/api/cases/:caseId/anchoring/:principalId', recordAnchoring, "Record a principal's feedback from its contact surface", z.object({ principalId: z.uuid() }));
  caseCommand('put', '/api/cases/:caseId/adoptions/:principalId', recordAdoption, "Record a principal's adoption (or refusal) of a recommendation", z.object({ principalId: z.uuid() }));
  caseCommand('post', '/api/cases/:caseId/implementation-notice', sendImplementationNotice, "Send the implementation notice to every principal's distribution lists in one batch");

  apiRoute(
    app,
    {
      method: 'delete',
      path: '/api/case-links/:linkId',
      operationId: 'cases.removeLink',
      summary: 'Remove a link from a case',
      tags: ['cases'],
      params: z.object({ linkId: z.uuid() }),
      response: z.object({}),
      status: 204,
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      await run(c, removeCaseLink, { linkId: params.linkId });
      return {};
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:bodyId/case-overview',
      operationId: 'cases.bodyOverview',
      summary: "A body's cases by state, paged (50), with what each waits for, overdue reports and activities",
      tags: ['cases'],
      params: bodyIdParam,
      query: caseListQuery.omit({ bodyId: true }),
      response: overviewOut,
      errors: [401, 403, 404],
    },
    async (c, { params, query }) => {
      const { body } = await bodyForCases(c.get('deps').database.db, c.get('actor'), params.bodyId, 'cases.viewBody');
      const ws = await bodyWithStructure(c.get('deps').database.db, body.id);
      return overview(c, body.structureId, { ...query, bodyId: body.id }, refPrefix(ws?.structure));
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/structures/:id/case-overview',
      operationId: 'cases.structureOverview',
      summary: "A structure's cases filtered by phase, step and body, paged (50)",
      tags: ['cases'],
      params: z.object({ id: z.uuid() }),
      query: caseListQuery,
      response: overviewOut,
      errors: [401, 403, 404],
    },
    async (c, { params, query }) => {
      const actor = c.get('actor');
      const found = await structureForOverview(c.get('deps').database.db, { id: params.id }, actor.kind === 'person' ? actor.personId : undefined, query.bodyId);
      if (!found) notFound('cases.refusal.structureNotFound');
      authorize(actor, 'cases.viewStructure', { rolesInStructure: found.roles });
      if (!found.bodyInStructure) notFound('cases.refusal.bodyNotInStructure');
      return overview(c, found.structure.id, query, refPrefix(found.structure));
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:bodyId/activity-plan',
      operationId: 'cases.activityPlan',
      summary: "A body's activity plan of a year (the waiting list marked)",
      tags: ['cases'],
      params: bodyIdParam,
      query: yearQuery,
      response: z.object({ year: z.number().int(), lines: z.array(anyObject) }),
      errors: [401, 403, 404],
    },
    async (c, { params, query }) => {
      const { body } = await bodyForCases(c.get('deps').database.db, c.get('actor'), params.bodyId, 'cases.viewBody');
      const year = query.year ?? yearOf(new Date());
      const lines = await planLines(c.get('deps').database.db, body.id, year);
      return { year, lines: lines.map((l) => JSON.parse(JSON.stringify(l)) as Record<string, unknown>) };
    },
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:bodyId/activity-plan',
      operationId: 'cases.addActivity',
      summary: 'Add an activity to the plan of a year',
      tags: ['cases'],
      params: bodyIdParam,
      body: addActivity.input.omit({ bodyId: true }),
      response: anyObject,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => JSON.parse(JSON.stringify(await run(c, addActivity, { ...body, bodyId: params.bodyId }))) as Record<string, unknown>,
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:bodyId/activity-plan/roll',
      operationId: 'cases.rollActivityPlan',
      summary: 'Roll the plan into the next year, carrying unfinished work',
      tags: ['cases'],
      params: bodyIdParam,
      body: rollActivityPlan.input.omit({ bodyId: true }),
      response: anyObject,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => ({ ...(await run(c, rollActivityPlan, { ...body, bodyId: params.bodyId })) }),
  );
  apiRoute(
    app,
    {
      method: 'patch',
      path: '/api/activities/:activityId',
      operationId: 'cases.updateActivity',
      summary: 'Change a plan line: status (traffic light), owner, dates, waiting list; fields left out keep their values',
      tags: ['cases'],
      params: z.object({ activityId: z.uuid() }),
      body: activityPatch,
      current: async (c, params) => {
        const db = c.get('deps').database.db;
        const [line] = await db.select().from(activities).where(eq(activities.id, params.activityId));
        if (!line) notFound('cases.refusal.activityNotFound');
        await bodyForCases(db, c.get('actor'), line.bodyId, 'cases.viewBody');
        return currentValues(activityPatch, line);
      },
      response: anyObject,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => JSON.parse(JSON.stringify(await run(c, updateActivity, { ...body, activityId: params.activityId }))) as Record<string, unknown>,
  );
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:bodyId/case-report',
      operationId: 'cases.yearlyReport',
      summary: 'The yearly report to the commissioning body: every case of the year and its phase',
      tags: ['cases'],
      params: bodyIdParam,
      query: yearQuery,
      response: anyObject,
      errors: [401, 403, 404],
    },
    async (c, { params, query }) => {
      const db = c.get('deps').database.db;
      const { body } = await bodyForCases(db, c.get('actor'), params.bodyId, 'cases.viewBody');
      const year = query.year ?? yearOf(new Date());
      const [items, ws] = await Promise.all([yearlyReportCases(db, body, year), bodyWithStructure(db, body.id)]);
      return presentYearlyReport(body, year, items, refPrefix(ws?.structure));
    },
  );
  return app;
}
