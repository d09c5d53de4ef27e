import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/http/context.js';
import { apiFileRoute, apiRoute, describeApiTag } from '../../platform/http/api.js';
import { DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE } from '../../platform/documents/index.js';
import { isLang, translator } from '../../platform/i18n/index.js';
import { runCommand } from '../../platform/http/forms.js';
import type { CommandDef } from '../../platform/commands.js';
import { pagedSchema } from '../../platform/http/paging.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { requireLogin } from '../../platform/auth/middleware.js';
import { forbidden } from '../../platform/refusals.js';
import { today } from '../../platform/days.js';
import { visibleBodyIds } from '../meetings/index.js';
import { decisionAccess, minutesAbilities } from './policy.js';
import { actionParams, bodyParams, decisionParams, decisionsQuery, fileQuery, itemParams, meetingParams, versionParams } from './inputs.js';
import {
  actionOut,
  actionOutOf,
  decisionOut,
  decisionOutOf,
  evaluationOut,
  evaluationOutOf,
  itemOut,
  minuteItemOut,
  minutesAnswer,
  minutesOut,
  savedItemOut,
  distributionOut,
  versionAnswer,
  versionOut,
} from './present.js';
import {
  addAction,
  addMinuteItem,
  approveMinutes,
  autosaveItem,
  commentMinutes,
  completeAction,
  evaluateMeeting,
  finaliseMinutes,
  publishMinutes,
  saveHeader,
  saveItem,
  sendForApproval,
  setDistribution,
  startCorrection,
  startMinutes,
  unpublishMinutes,
  updateAction,
} from './commands/index.js';
import { addActionInput } from './commands/add-action.js';
import { updateActionInput } from './commands/update-action.js';
import { completeActionInput } from './commands/complete-action.js';
import { addMinuteItemInput } from './commands/add-item.js';
import { sendForApprovalInput } from './commands/send-for-approval.js';
import { approveInput } from './commands/approve.js';
import { commentInput } from './commands/comment.js';
import { finaliseInput } from './commands/finalise.js';
import { startCorrectionInput } from './commands/start-correction.js';
import { evaluateInput } from './commands/evaluate.js';
import { publishInput } from './commands/publish.js';
import { setDistributionInput } from './commands/set-distribution.js';
import { saveHeaderInput } from './commands/save-header.js';
import { autosaveItemInput, saveItemInput } from './commands/save-item.js';
import { decisionLabel } from './numbering.js';
import { caseRefsOf } from './case-subjects.js';
import { actionsOfMeeting, actionsOfPerson, bodyById, decisionById, evaluationsOf, listDecisions, loadMeetingMinutes } from './queries/index.js';
import { sendFile } from './pages/version-pages.js';
import { followUpOut, loadFollowUp } from './follow-up.js';
import { contradictionField, contradictionText, minutesContradictions } from './consistency.js';

const contradictionOut = z.object({
  role: z.enum(['chair', 'adjuster', 'noteTaker']),
  personId: z.uuid(),
  name: z.string(),
  standIn: z.string().nullable().describe("For an absent chair: the vice chair, present, who may chair in the chair's place"),
  field: z.string().describe('The field of the minutes header it is about'),
  message: z.string(),
});

/*
 * The JSON API of the minutes module: the same commands as the pages. A stale save answers
 * 409 (type …/stale) and overwrites nothing; locked minutes answer 409 (…/locked).
 */

type C = Context<AppEnv>;

const answer = (c: C, meetingId: string) => minutesAnswer(c.get('deps').database.db, c.get('actor'), meetingId);
const tags = ['minutes'];

describeApiTag('minutes', 'Minutes and their approval (justering), locked versions, the decision register, actions and meeting evaluations.');

export function minutesApi(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/api/meetings/:id/minutes', requireLogin);
  app.use('/api/meetings/:id/minutes/*', requireLogin);
  app.use('/api/meetings/:id/actions', requireLogin);
  app.use('/api/meetings/:id/evaluations', requireLogin);
  app.use('/api/minute-items/*', requireLogin);
  app.use('/api/actions', requireLogin);
  app.use('/api/actions/*', requireLogin);
  app.use('/api/bodies/:bodyId/minutes-distribution', requireLogin);
  app.use('/api/bodies/:bodyId/follow-up', requireLogin);

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/minutes',
      operationId: 'minutes.get',
      summary: 'The minutes of a meeting: items, decisions, approvals, versions',
      tags,
      params: meetingParams,
      response: minutesOut,
      errors: [401, 403, 404, 409],
    },
    (c, { params }) => answer(c, params.id),
  );

  // The minutes as PDF and DOCX, for whoever may read them (as /meetings/:id/minutes/pdf|docx).
  for (const format of ['pdf', 'docx'] as const) {
    apiFileRoute(
      app,
      {
        path: `/api/meetings/:id/minutes.${format}`,
        operationId: `minutes.${format}`,
        summary: `The minutes of a meeting as ${format.toUpperCase()}: the latest locked version, else the draft (?lang=en for English)`,
        tags,
        params: meetingParams,
        query: fileQuery,
        produces: [format === 'pdf' ? PDF_CONTENT_TYPE : DOCX_CONTENT_TYPE],
        errors: [401, 403, 404],
      },
      (c, { query }) => {
        if (isLang(query.lang)) {
          c.set('lang', query.lang);
          c.set('t', translator(query.lang));
        }
        return sendFile(c, format, 'current');
      },
    );
  }

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/minutes',
      operationId: 'minutes.start',
      summary: 'Start the minutes of a meeting (an entry per agenda item)',
      tags,
      params: meetingParams,
      response: minutesOut,
      status: 201,
      errors: [401, 403, 404, 409],
    },
    async (c, { params }) => {
      await runCommand(c, startMinutes, { meetingId: params.id });
      return answer(c, params.id);
    },
  );

  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/meetings/:id/minutes',
      operationId: 'minutes.saveHeader',
      summary: 'Save note takers, chair, adjusters, opening text, evaluation summary and next meetings (409 when stale)',
      tags,
      params: meetingParams,
      body: saveHeaderInput.omit({ meetingId: true }),
      response: minutesOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => {
      await runCommand(c, saveHeader, { ...body, meetingId: params.id });
      return answer(c, params.id);
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/minutes/items',
      operationId: 'minutes.addItem',
      summary: 'Add an item taken up at the meeting (it goes last on the agenda too)',
      tags,
      params: meetingParams,
      body: addMinuteItemInput.omit({ meetingId: true }),
      response: minuteItemOut,
      status: 201,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => itemOut(await runCommand(c, addMinuteItem, { ...body, meetingId: params.id }), null),
  );

  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/minute-items/:itemId',
      operationId: 'minutes.saveItem',
      summary: "Save one item's minutes with its outcome (numbers a decision; 409 when stale or locked)",
      tags,
      params: itemParams,
      body: saveItemInput.omit({ itemId: true }),
      response: savedItemOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => {
      const { item, decision } = await runCommand(c, saveItem, { ...body, itemId: params.itemId });
      const b = decision ? await bodyById(c.get('deps').database.db, decision.bodyId) : undefined;
      const label = decision && b ? decisionLabel(b, decision) : null;
      const kase = decision?.caseId ? (await caseRefsOf(c.get('deps').database.db, [decision.caseId])).get(decision.caseId) : undefined;
      return { item: itemOut(item, label), decision: decision && label ? decisionOutOf(decision, label, kase, c.get('lang')) : null };
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/minute-items/:itemId/autosave',
      operationId: 'minutes.autosaveItem',
      summary: "Autosave an item's text as a draft (not audited; 409 when stale)",
      tags,
      params: itemParams,
      body: autosaveItemInput.omit({ itemId: true }),
      response: minuteItemOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => itemOut(await autosaveItem(c.get('deps'), c.get('actor'), { ...body, itemId: params.itemId }), null),
  );

  // A step of the minutes' life: the command's input without the meeting id, which the path gives.
  const step = <B extends z.ZodObject, S extends z.ZodType, O>(path: string, operationId: string, summary: string, body: B, def: CommandDef<S, O>) =>
    apiRoute(
      app,
      {
        method: 'post',
        path: `/api/meetings/:id/minutes/${path}`,
        operationId,
        summary,
        tags,
        params: meetingParams,
        body,
        response: minutesOut,
        errors: [401, 403, 404, 409],
      },
      async (c, { params, body }) => {
        await runCommand(c, def, { ...(body as object), meetingId: params.id });
        return answer(c, params.id);
      },
    );
  step(
    'send-for-approval',
    'minutes.sendForApproval',
    'Send a protocol for approval (justering) to the chair and adjusters, with a deadline',
    sendForApprovalInput.omit({ meetingId: true }),
    sendForApproval,
  );
  step('approve', 'minutes.approve', 'Approve the version read (contentVersion); the last approval locks it', approveInput.omit({ meetingId: true }), approveMinutes);
  step('comment', 'minutes.comment', 'Comment as an approver', commentInput.omit({ meetingId: true }), commentMinutes);
  step('finalise', 'minutes.finalise', 'Finalise meeting notes (the secretary locks them)', finaliseInput.omit({ meetingId: true }), finaliseMinutes);
  step('correction', 'minutes.startCorrection', 'Start a correction of locked minutes as a new version', startCorrectionInput.omit({ meetingId: true }), startCorrection);
  step('publish', 'minutes.publish', 'Publish locked minutes of a public body, with selected attachments', publishInput.omit({ meetingId: true }), publishMinutes);
  step('unpublish', 'minutes.unpublish', 'Take published minutes off the public pages', z.object({}), unpublishMinutes);

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/minutes/versions/:n',
      operationId: 'minutes.getVersion',
      summary: 'A locked version: canonical JSON, SHA-256, approvers, changes',
      tags,
      params: versionParams,
      response: versionOut,
      errors: [401, 403, 404],
    },
    (c, { params }) => versionAnswer(c.get('deps').database.db, c.get('actor'), params.id, params.n),
  );

  // What contradicts the attendance: the same list that refuses finalising and sending for approval (409 'contradictions').
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/minutes/contradictions',
      operationId: 'minutes.listContradictions',
      summary: 'What in the minutes contradicts the attendance (an absent chair, adjuster or note taker); empty when they may be locked',
      tags,
      params: meetingParams,
      response: z.array(contradictionOut),
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const db = c.get('deps').database.db;
      const loaded = await loadMeetingMinutes(db, c.get('actor'), params.id);
      if (!(await minutesAbilities(db, c.get('actor'), loaded)).write) throw new ForbiddenError();
      if (!loaded.minutes) throw new NotFoundError(translator(c.get('lang'))('minutes.none'), { key: 'minutes.none' });
      const t = c.get('t');
      return (await minutesContradictions(db, loaded.meeting, loaded.minutes)).map((x) => {
        const text = contradictionText(x);
        return { role: x.role, personId: x.personId, name: x.name, standIn: x.standIn, field: contradictionField[x.role], message: t(text.key, text.params) };
      });
    },
  );

  // Evaluation
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/evaluations',
      operationId: 'minutes.listEvaluations',
      summary: "The attendees' evaluation answers (for those who write the minutes)",
      tags,
      params: meetingParams,
      response: z.array(evaluationOut),
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const db = c.get('deps').database.db;
      const loaded = await loadMeetingMinutes(db, c.get('actor'), params.id);
      if (!(await minutesAbilities(db, c.get('actor'), loaded)).write) throw new ForbiddenError();
      return (await evaluationsOf(db, params.id)).map((r) => evaluationOutOf(r.e, r.name));
    },
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/evaluations',
      operationId: 'minutes.evaluate',
      summary: 'Answer the short evaluation of a meeting (what drove it forward, what hindered it)',
      tags,
      params: meetingParams,
      body: evaluateInput.omit({ meetingId: true }),
      response: evaluationOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => {
      const e = await runCommand(c, evaluateMeeting, { ...body, meetingId: params.id });
      const actor = c.get('actor');
      return evaluationOutOf(e, actor.kind === 'person' ? actor.name : '');
    },
  );

  // Actions
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/actions',
      operationId: 'minutes.listMeetingActions',
      summary: 'The actions from a meeting',
      tags,
      params: meetingParams,
      response: z.array(actionOut),
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const db = c.get('deps').database.db;
      const loaded = await loadMeetingMinutes(db, c.get('actor'), params.id);
      if (!(await minutesAbilities(db, c.get('actor'), loaded)).view) forbidden('minutes.noAccess');
      return (await actionsOfMeeting(db, params.id)).map(actionOutOf);
    },
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/actions',
      operationId: 'minutes.addAction',
      summary: 'Add an action (owner, due date, the item it comes from)',
      tags,
      params: meetingParams,
      body: addActionInput.omit({ meetingId: true }),
      response: actionOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => actionOutOf(await runCommand(c, addAction, { ...body, meetingId: params.id })),
  );
  apiRoute(
    app,
    { method: 'get', path: '/api/actions', operationId: 'minutes.myActions', summary: "The signed-in person's own actions", tags, response: z.array(actionOut), errors: [401] },
    async (c) => {
      const actor = c.get('actor');
      if (actor.kind !== 'person') throw new ForbiddenError();
      return (await actionsOfPerson(c.get('deps').database.db, actor.personId)).map((r) => actionOutOf(r.action));
    },
  );
  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/actions/:actionId',
      operationId: 'minutes.updateAction',
      summary: "Change an action's text, owner or due date (409 when stale)",
      tags,
      params: actionParams,
      body: updateActionInput.omit({ actionId: true }),
      response: actionOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => actionOutOf(await runCommand(c, updateAction, { ...body, actionId: params.actionId })),
  );
  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/actions/:actionId/complete',
      operationId: 'minutes.completeAction',
      summary: 'Mark an action done (its owner or the secretary)',
      tags,
      params: actionParams,
      body: completeActionInput.omit({ actionId: true }),
      response: actionOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => actionOutOf(await runCommand(c, completeAction, { ...body, actionId: params.actionId })),
  );

  // The decision register
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/decisions',
      operationId: 'minutes.listDecisions',
      summary: 'The decision register: per body or structure, searchable, 50 per page',
      tags,
      query: decisionsQuery,
      response: pagedSchema(decisionOut),
    },
    async (c, { query }) => {
      const db = c.get('deps').database.db;
      const visible = await visibleBodyIds(db, c.get('actor'), today());
      const list = await listDecisions(
        db,
        { bodyIds: query.bodyId ? [query.bodyId] : undefined, structureId: query.structureId, q: query.q, year: query.year, followUp: query.followUp, visibleBodyIds: visible ?? undefined },
        query.page,
      );
      const refs = await caseRefsOf(
        c.get('deps').database.db,
        list.items.map((d) => d.caseId),
      );
      return { ...list, items: list.items.map((d) => decisionOutOf(d, d.label, d.caseId ? refs.get(d.caseId) : undefined, c.get('lang'))) };
    },
  );
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/decisions/:id',
      operationId: 'minutes.getDecision',
      summary: 'One decision of the register',
      tags,
      params: decisionParams,
      response: decisionOut,
      errors: [404],
    },
    async (c, { params }) => {
      const db = c.get('deps').database.db;
      const d = await decisionById(db, params.id);
      if (!d) throw new NotFoundError();
      if (!(await decisionAccess(db, c.get('actor'), d)).readable) throw new NotFoundError();
      const kase = d.caseId ? (await caseRefsOf(db, [d.caseId])).get(d.caseId) : undefined;
      return decisionOutOf(d, d.label, kase, c.get('lang'));
    },
  );

  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/bodies/:bodyId/minutes-distribution',
      operationId: 'minutes.setDistribution',
      summary: "Set the addresses a body's locked minutes are sent to besides its members",
      tags,
      params: bodyParams,
      body: setDistributionInput.omit({ bodyId: true }),
      response: distributionOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => {
      const row = await runCommand(c, setDistribution, { ...body, bodyId: params.bodyId });
      return { bodyId: row.bodyId, emails: row.emails };
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:bodyId/follow-up',
      operationId: 'minutes.followUp',
      summary:
        "A body's follow-up: open actions of every owner, pending approvals, submissions waiting for a decision, meetings without locked minutes (the body's chair, vice chair, secretary, process leader, administrators)",
      tags,
      params: z.object({ bodyId: z.string().max(100) }),
      response: followUpOut,
      errors: [401, 403, 404],
    },
    (c, { params }) => loadFollowUp(c.get('deps').database.db, c.get('actor'), params.bodyId),
  );

  return app;
}
