import { z } from 'zod';
import { actorId } from '../../platform/auth/actor.js';
import { notFound } from '../../platform/refusals.js';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.js';
import { apiRoute, describeApiTag } from '../../platform/http/api.js';
import { runCommand } from '../../platform/http/forms.js';
import { pagedSchema, pageQuery } from '../../platform/http/paging.js';
import { requireLogin } from '../../platform/auth/middleware.js';
import { abilities, authorize } from '../../platform/auth/authorize.js';
import { today } from '../../platform/days.js';
import { stockholmParts, stockholmInstant } from '../../platform/time.js';
import {
  agendaOf,
  loadMeeting,
  viewableBody,
  viewableMeeting,
  attachmentsOf,
  attendanceStatistics,
  frequencyFacts,
  jointBodies,
  listBodyMeetings,
  listStructureMeetings,
  structureBySlugOrId,
  submissionsOf,
  visibleBodyIds,
  meetingRoster,
} from './queries/index.js';
import { targetOf, readerAgenda, readerFiles, meetingActions } from './policy.js';
import { evaluateFrequency } from './frequency.js';
import { openProposals } from './sources.js';
import { publicationPreview } from './publication.js';
import { publicationPreviewJson, publicationPreviewOut } from './present.js';
import { publishQuery } from './inputs.js';
import { passedAgendaDates } from './commands/create-meeting.js';
import {
  acceptProposal,
  acceptSubmission,
  addGuest,
  addItem,
  cancelMeeting,
  createMeeting,
  declineSubmission,
  dismissProposal,
  mergeSubmission,
  moveItem,
  planYear,
  publishAgenda,
  recordAttendance,
  registerPastMeeting,
  removeAttachment,
  removeItem,
  reportAbsence,
  setAgendaTemplate,
  submitItem,
  updateItem,
  updateMeeting,
  uploadAttachment,
} from './commands/index.js';

import {
  absenceOut,
  attachmentJson,
  attachmentOut,
  attendanceStatisticsOut,
  countOut,
  dismissedOut,
  frequencyOut,
  idOut,
  itemIdOut,
  itemsJson,
  itemWithMeetingOut,
  listRowJson,
  listRowOut,
  meetingDetailsOut,
  meetingJson,
  meetingListOut,
  meetingOut,
  movedOut,
  proposalsJson,
  proposalsOut,
  recordedOut,
  removedOut,
  rosterJson,
  rosterOut,
  submissionJson,
  submissionListOut,
  submissionOut,
} from './present.js';
import { bodyParams, frequencyQuery, idParams, meetingParams, periodQuery, structureParams, yearQuery } from './inputs.js';

/** The meeting, when the caller may see it. */
const viewMeeting = (c: Context<AppEnv>, id: string) => viewableMeeting(c.get('deps').database.db, c.get('actor'), id);
/** The body, when the caller may see its meetings. */
const viewBody = (c: Context<AppEnv>, bodyId: string) => viewableBody(c.get('deps').database.db, c.get('actor'), bodyId);

describeApiTag('meetings', 'Meetings, their agendas (with PDF and DOCX), submitted items, attachments, attendance and absence.');

const thisYear = () => stockholmParts(new Date()).year;
const reload = async (c: Context<AppEnv>, id: string) => meetingJson((await loadMeeting(c.get('deps').database.db, c.get('actor'), id)).meeting);

export function meetingsApi(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const p of [
    '/api/bodies/:bodyId/meetings',
    '/api/bodies/:bodyId/meetings/*',
    '/api/bodies/:bodyId/agenda-template',
    '/api/structures/:id/meetings',
    '/api/meetings/*',
    '/api/submissions/*',
    '/api/agenda-items/*',
    '/api/meeting-attachments/*',
  ]) {
    app.use(p, requireLogin);
  }
  const tags = ['meetings'];

  // Lists and reads ----------------------------------------------------------------------

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:bodyId/meetings',
      operationId: 'meetings.listForBody',
      summary: "A body's meetings in a year (its own and joint ones), in date order, 50 per page",
      tags,
      params: bodyParams,
      query: yearQuery,
      response: pagedSchema(listRowOut),
      errors: [401, 403, 404],
    },
    async (c, { params, query }) => {
      await viewBody(c, params.bodyId);
      const list = await listBodyMeetings(c.get('deps').database.db, params.bodyId, query.year ?? thisYear(), query.page);
      return { ...list, items: list.items.map(listRowJson) };
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:bodyId/meetings/frequency',
      operationId: 'meetings.frequency',
      summary: "The body's meetings against its frequency rule, for the termin and year of a date",
      tags,
      params: bodyParams,
      query: frequencyQuery,
      response: frequencyOut,
      errors: [401, 403, 404],
    },
    async (c, { params, query }) => {
      const body = await viewBody(c, params.bodyId);
      const year = query.year ?? thisYear();
      const facts = await frequencyFacts(c.get('deps').database.db, body.id, year);
      const now = new Date();
      const report = evaluateFrequency(body, facts, now, year === thisYear() ? now : stockholmInstant(`${year}-01-02`, '12:00'));
      return { checks: report.checks, warnings: report.warnings.map((w) => w.key) };
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/bodies/:bodyId/meetings/attendance-statistics',
      operationId: 'meetings.attendanceStatistics',
      summary: 'Attendance at a body’s meetings over a period, per person and per organisation',
      tags,
      params: bodyParams,
      query: periodQuery,
      response: attendanceStatisticsOut,
      errors: [401, 403, 404],
    },
    async (c, { params, query }) => {
      await viewBody(c, params.bodyId);
      const next = new Date(Date.parse(`${query.to}T12:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
      return attendanceStatistics(c.get('deps').database.db, params.bodyId, stockholmInstant(query.from, '00:00'), stockholmInstant(next, '00:00'));
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/structures/:id/meetings',
      operationId: 'meetings.listForStructure',
      summary: "A structure's meetings that the caller may see, newest first, 50 per page",
      tags,
      params: structureParams,
      query: pageQuery,
      response: pagedSchema(listRowOut),
      errors: [401, 404],
    },
    async (c, { params, query }) => {
      const db = c.get('deps').database.db;
      const structure = await structureBySlugOrId(db, params.id);
      if (!structure) notFound('meetings.refusal.structureNotFound');
      const list = await listStructureMeetings(db, structure.id, await visibleBodyIds(db, c.get('actor'), today()), query.page);
      return { ...list, items: list.items.map(listRowJson) };
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id',
      operationId: 'meetings.get',
      summary: 'A meeting with its timed agenda, attachments and what the caller may do',
      tags,
      params: meetingParams,
      response: meetingDetailsOut,
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const db = c.get('deps').database.db;
      const loaded = await viewMeeting(c, params.id);
      const [items, joint, files] = await Promise.all([agendaOf(db, params.id), jointBodies(db, params.id), attachmentsOf(db, params.id)]);
      const actor = c.get('actor');
      const can: Record<string, boolean> = {};
      for (const a of meetingActions) can[a] = abilities(actor, [a], targetOf(loaded, a))[a];
      // The same rule as the meeting page and the PDF and DOCX agenda.
      const agenda = readerAgenda(actor, loaded, items);
      return {
        meeting: meetingJson(loaded.meeting),
        jointBodies: joint,
        items: itemsJson(agenda.items),
        agendaEndsAt: agenda.ends.toISOString(),
        attachments: readerFiles(agenda, files).map((f) => attachmentJson(params.id, f)),
        abilities: can,
      };
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/proposals',
      operationId: 'meetings.listProposals',
      summary: 'Open proposals for the agenda from every registered source',
      tags,
      params: meetingParams,
      response: proposalsOut,
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const loaded = await viewMeeting(c, params.id);
      authorize(c.get('actor'), 'meetings.manage', targetOf(loaded, 'meetings.manage'));
      const lang = c.get('lang');
      const open = await openProposals({ tx: c.get('deps').database.db, meeting: loaded.meeting, body: loaded.body, lang });
      return proposalsJson(open, lang);
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/submissions',
      operationId: 'meetings.listSubmissions',
      summary: "Submitted items: all of them for the body's secretary, otherwise the caller's own",
      tags,
      params: meetingParams,
      response: submissionListOut,
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const loaded = await viewMeeting(c, params.id);
      const actor = c.get('actor');
      const all = abilities(actor, ['meetings.manage'], targetOf(loaded, 'meetings.manage'))['meetings.manage'];
      const rows = await submissionsOf(c.get('deps').database.db, params.id, { all, personId: actorId({ actor }.actor) ?? undefined });
      return { items: rows.map((r) => submissionJson(r.submission, r.submitterName)) };
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/attendance',
      operationId: 'meetings.attendance',
      summary: 'The attendance list: seats, holders, substitutes, vacant seats, others and guests',
      tags,
      params: meetingParams,
      response: rosterOut,
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const loaded = await viewMeeting(c, params.id);
      const roster = await meetingRoster(c.get('deps').database.db, loaded.meeting, loaded.jointBodyIds);
      return rosterJson(roster);
    },
  );

  // Commands -----------------------------------------------------------------------------

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:bodyId/meetings/plan',
      operationId: planYear.name,
      summary: "Plan a year: create all of a body's meetings in one step",
      tags,
      params: bodyParams,
      body: planYear.input.omit({ bodyId: true }),
      response: meetingListOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => ({ items: (await runCommand(c, planYear, { ...body, bodyId: params.bodyId })).map(meetingJson) }),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:bodyId/meetings',
      operationId: createMeeting.name,
      summary: 'Plan one meeting (a joint one when other bodies take part); `warnings` names agenda dates that have already passed',
      tags,
      params: bodyParams,
      body: createMeeting.input.omit({ bodyId: true }),
      response: meetingOut.extend({ warnings: z.array(z.string()).describe('Agenda dates already passed when the meeting was planned (no notices go out for them)') }),
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => {
      const meeting = await runCommand(c, createMeeting, { ...body, bodyId: params.bodyId });
      const t = c.get('t');
      return { ...meetingJson(meeting), warnings: passedAgendaDates(meeting, new Date()).map((w) => t(w.key, w.params)) };
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/bodies/:bodyId/meetings/past',
      operationId: registerPastMeeting.name,
      summary: 'Register a meeting that has already taken place (no agenda dates apply)',
      tags,
      params: bodyParams,
      body: registerPastMeeting.input.omit({ bodyId: true }),
      response: meetingOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => meetingJson(await runCommand(c, registerPastMeeting, { ...body, bodyId: params.bodyId })),
  );

  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/bodies/:bodyId/agenda-template',
      operationId: setAgendaTemplate.name,
      summary: "Set the body's standing agenda items (empty: the built-in template)",
      tags,
      params: bodyParams,
      body: setAgendaTemplate.input.omit({ bodyId: true }),
      response: countOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => ({ count: (await runCommand(c, setAgendaTemplate, { ...body, bodyId: params.bodyId })).length }),
  );

  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/meetings/:id',
      operationId: updateMeeting.name,
      summary: 'Change time, place and agenda dates (a published meeting is sent out again)',
      tags,
      params: meetingParams,
      body: updateMeeting.input.omit({ meetingId: true }),
      response: meetingOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => meetingJson(await runCommand(c, updateMeeting, { ...body, meetingId: params.id })),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/cancel',
      operationId: cancelMeeting.name,
      summary: 'Cancel a meeting',
      tags,
      params: meetingParams,
      body: cancelMeeting.input.omit({ meetingId: true }),
      response: meetingOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => meetingJson(await runCommand(c, cancelMeeting, { ...body, meetingId: params.id })),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/publish',
      operationId: publishAgenda.name,
      summary: 'Publish the agenda: the meeting is called and everyone is notified (with ?preview=<token> of the publication preview: 409 stale-preview when the call has changed since)',
      tags,
      params: meetingParams,
      query: publishQuery,
      response: meetingOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, query }) => meetingJson(await runCommand(c, publishAgenda, { meetingId: params.id, preview: query.preview })),
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/agenda/publication-preview',
      operationId: 'meetings.publicationPreview',
      summary: 'The meeting call as its recipients will get it (in the caller’s language) and everyone it goes to, with the token to publish exactly this',
      tags,
      params: meetingParams,
      response: publicationPreviewOut,
      errors: [401, 403, 404],
    },
    async (c, { params }) => {
      const loaded = await viewMeeting(c, params.id);
      authorize(c.get('actor'), 'meetings.manage', targetOf(loaded, 'meetings.manage'));
      const preview = await publicationPreview(c.get('deps').database.db, loaded, c.get('lang'), c.get('deps').config.PUBLIC_URL);
      return publicationPreviewJson(loaded.meeting, preview);
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/submissions',
      operationId: submitItem.name,
      summary: 'Send in an item for the agenda (until the submission deadline); attachments as base64',
      tags,
      params: meetingParams,
      body: submitItem.input.omit({ meetingId: true }),
      response: submissionOut,
      status: 201,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => submissionJson(await runCommand(c, submitItem, { ...body, meetingId: params.id })),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/submissions/:id/accept',
      operationId: acceptSubmission.name,
      summary: 'Put a submitted item on the agenda',
      tags,
      params: idParams,
      body: acceptSubmission.input.omit({ submissionId: true }),
      response: itemIdOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => ({ itemId: (await runCommand(c, acceptSubmission, { ...body, submissionId: params.id })).id }),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/submissions/:id/merge',
      operationId: mergeSubmission.name,
      summary: 'Handle a submitted item under an item already on the agenda',
      tags,
      params: idParams,
      body: mergeSubmission.input.omit({ submissionId: true }),
      response: submissionOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => submissionJson(await runCommand(c, mergeSubmission, { ...body, submissionId: params.id })),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/submissions/:id/decline',
      operationId: declineSubmission.name,
      summary: 'Decline a submitted item with a reply to its submitter',
      tags,
      params: idParams,
      body: declineSubmission.input.omit({ submissionId: true }),
      response: submissionOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => submissionJson(await runCommand(c, declineSubmission, { ...body, submissionId: params.id })),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/proposals/accept',
      operationId: acceptProposal.name,
      summary: 'Put a proposal from an agenda source on the agenda',
      tags,
      params: meetingParams,
      body: acceptProposal.input.omit({ meetingId: true }),
      response: itemIdOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => ({ itemId: (await runCommand(c, acceptProposal, { ...body, meetingId: params.id })).id }),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/proposals/dismiss',
      operationId: dismissProposal.name,
      summary: 'Set a proposal aside for this meeting',
      tags,
      params: meetingParams,
      body: dismissProposal.input.omit({ meetingId: true }),
      response: dismissedOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => runCommand(c, dismissProposal, { ...body, meetingId: params.id }),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/items',
      operationId: addItem.name,
      summary: 'Add an item to the agenda (the secretary, also after the deadline)',
      tags,
      params: meetingParams,
      body: addItem.input.omit({ meetingId: true }),
      response: itemWithMeetingOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => ({ itemId: (await runCommand(c, addItem, { ...body, meetingId: params.id })).id, meeting: await reload(c, params.id) }),
  );

  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/agenda-items/:id',
      operationId: updateItem.name,
      summary: 'Change an agenda item',
      tags,
      params: idParams,
      body: updateItem.input.omit({ itemId: true }),
      response: itemIdOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => ({ itemId: (await runCommand(c, updateItem, { ...body, itemId: params.id })).id }),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/agenda-items/:id/move',
      operationId: moveItem.name,
      summary: 'Move an agenda item up, down, first or last',
      tags,
      params: idParams,
      body: moveItem.input.omit({ itemId: true }),
      response: movedOut,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => runCommand(c, moveItem, { ...body, itemId: params.id }),
  );

  apiRoute(
    app,
    {
      method: 'delete',
      path: '/api/agenda-items/:id',
      operationId: removeItem.name,
      summary: 'Take an item off the agenda',
      tags,
      params: idParams,
      response: removedOut,
      errors: [401, 403, 404],
    },
    async (c, { params }) => runCommand(c, removeItem, { itemId: params.id }),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/attachments',
      operationId: uploadAttachment.name,
      summary: 'Attach a file (base64; PDF, Office, PNG, JPG, text, CSV; at most 10 MB)',
      tags,
      params: meetingParams,
      body: uploadAttachment.input.omit({ meetingId: true }),
      response: attachmentOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => {
      return attachmentJson(params.id, await runCommand(c, uploadAttachment, { ...body, meetingId: params.id }));
    },
  );

  apiRoute(
    app,
    {
      method: 'delete',
      path: '/api/meeting-attachments/:id',
      operationId: removeAttachment.name,
      summary: 'Remove an attachment',
      tags,
      params: idParams,
      response: removedOut,
      errors: [401, 403, 404],
    },
    async (c, { params }) => runCommand(c, removeAttachment, { attachmentId: params.id }),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/absence',
      operationId: reportAbsence.name,
      summary: "Report absence in advance with views: the substitute of the member's seat, if any, is called in, and the body's secretary is told",
      tags,
      params: meetingParams,
      body: reportAbsence.input.omit({ meetingId: true }),
      response: absenceOut,
      status: 201,
      errors: [401, 403, 404],
    },
    async (c, { params, body }) => {
      const r = await runCommand(c, reportAbsence, { ...body, meetingId: params.id });
      return { reportId: r.report.id, substitutePersonId: r.substitutePersonId, substitute: r.substitute, informed: r.informed };
    },
  );

  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/meetings/:id/attendance',
      operationId: recordAttendance.name,
      summary: 'Record the roll call',
      tags,
      params: meetingParams,
      body: recordAttendance.input.omit({ meetingId: true }),
      response: recordedOut,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => ({ recorded: (await runCommand(c, recordAttendance, { ...body, meetingId: params.id })).length }),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/guests',
      operationId: addGuest.name,
      summary: 'Add a guest or an adjunct for this meeting',
      tags,
      params: meetingParams,
      body: addGuest.input.omit({ meetingId: true }),
      response: idOut,
      status: 201,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => ({ id: (await runCommand(c, addGuest, { ...body, meetingId: params.id })).id }),
  );

  return app;
}
