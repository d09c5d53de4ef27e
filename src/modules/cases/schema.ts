import { type AnyPgColumn, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { bodies, contactSurfaces, organisations, principals, seats, structureCategories, structures } from '../structure/schema.js';
import { meetings } from '../meetings/schema.js';
import { caseStates, phases, type TransitionName } from './flow.js';

/*
 * Cases (ärenden) across the bodies of a structure: the case and its registration number,
 * its goal areas and target groups, links, the history of its transitions, the working
 * group's assignment directive (uppdragsdirektiv) and status reports, the anchoring
 * (förankring) and adoption by each principal, the notices sent, and each body's activity
 * plan per year. Days are SQL `date` values ('YYYY-MM-DD', Europe/Stockholm).
 */

export const caseState = pgEnum('case_state', caseStates);

/** The SQL of a case's phase, from flow.ts `phases` (a test checks every state). */
const phaseExpression = `case ${Object.entries(phases)
  .flatMap(([phase, states]) => states.map((s) => `when state = '${s}' then '${phase}'`))
  .join(' ')} end`;

/** The last registration number given per structure and year. */
export const caseCounters = pgTable(
  'case_counters',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.year] })],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    /** The body that handles the case. */
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    /** Registration number: `number` within the structure and `year`. */
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    raisedByPersonId: uuid('raised_by_person_id').references(() => people.id),
    /** The raiser's name as given (also for people without an account). */
    raisedByName: text('raised_by_name').notNull(),
    raisedByOrganisationId: uuid('raised_by_organisation_id').references(() => organisations.id),
    raisedByOrganisationName: text('raised_by_organisation_name'),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    state: caseState('state').notNull().default('raised'),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** A medical task new to the municipal context: the directive must cover the five steps. */
    newMedicalTask: boolean('new_medical_task').notNull().default(false),
    /** The meeting whose agenda the case is on (while on an agenda). */
    meetingId: uuid('meeting_id').references(() => meetings.id),
    /** The answer sent to the raiser (No) or the message to those concerned (no change). */
    answer: text('answer'),
    /** The evaluation written at follow-up. */
    evaluation: text('evaluation'),
    workingGroupBodyId: uuid('working_group_body_id').references(() => bodies.id),
    /** The commissioning body the case was prepared for. */
    escalatedToBodyId: uuid('escalated_to_body_id').references(() => bodies.id),
    noticeBatchId: uuid('notice_batch_id'),
    noticeSentAt: timestamp('notice_sent_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /*
     * The earliest status report due under the issued directive and not given: when it is
     * (or becomes) overdue, its day and its meeting (null for a report date). Kept by
     * triggers on meetings, directives and status reports (migration 0015), so that the
     * overviews read overdue reports from here. No reference to meetings: a deleted
     * meeting's trigger moves the value on.
     */
    reportOverdueAt: timestamp('report_overdue_at', { withTimezone: true }),
    reportDueOn: date('report_due_on', { mode: 'string' }),
    reportDueMeetingId: uuid('report_due_meeting_id'),
    /** The overviews' phase of the state (flow.ts `phases`), for lists filtered by phase. */
    phase: text('phase').notNull().generatedAlwaysAs(sql.raw(phaseExpression)),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('cases_number_uq').on(t.structureId, t.year, t.number),
    // Counts by state and the overdue-report check read these alone (the id is the last column).
    index('cases_structure_state_id_idx').on(t.structureId, t.state, t.year, t.number, t.id),
    index('cases_body_state_id_idx').on(t.bodyId, t.state, t.year, t.number, t.id),
    // Ordered lists with the state filtered from the index: newest registration number first.
    index('cases_body_number_idx').on(t.bodyId, t.year, t.number, t.state),
    index('cases_structure_number_state_idx').on(t.structureId, t.year, t.number, t.state),
    index('cases_raised_by_idx').on(t.raisedByPersonId),
    index('cases_working_group_idx').on(t.workingGroupBodyId),
    index('cases_escalated_idx').on(t.escalatedToBodyId, t.state),
    // Lists filtered by phase, newest first, straight from the index.
    index('cases_body_phase_idx').on(t.bodyId, t.phase, t.year, t.number),
    index('cases_structure_phase_idx').on(t.structureId, t.phase, t.year, t.number),
    // Overdue reports: counted and ordered from the index; only the listed rows are read.
    index('cases_body_overdue_idx')
      .on(t.bodyId, t.reportOverdueAt, t.state, t.year, t.number, t.id)
      .where(sql`report_overdue_at is not null`),
    index('cases_structure_overdue_idx')
      .on(t.structureId, t.reportOverdueAt, t.state, t.year, t.number, t.id)
      .where(sql`report_overdue_at is not null`),
    check('cases_number_ck', sql`${t.number} > 0 and ${t.year} between 2000 and 2200`),
  ],
);

/**
 * How many cases each body has in each state, kept by triggers on cases (migration 0015):
 * the overviews count from here instead of over every case of a structure.
 */
export const caseStateCounts = pgTable(
  'case_state_counts',
  {
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    state: caseState('state').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bodyId, t.state] }), index('case_state_counts_structure_idx').on(t.structureId, t.state, t.n)],
);

/** The structure's goal areas and target groups a case concerns. */
export const caseCategories = pgTable(
  'case_categories',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => structureCategories.id),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.categoryId] }), index('case_categories_category_idx').on(t.categoryId)],
);

export const caseLinkKind = pgEnum('case_link_kind', ['document', 'meeting', 'decision', 'case']);
export const caseLinkKinds = caseLinkKind.enumValues;
export type CaseLinkKind = (typeof caseLinkKinds)[number];

/** Links to documents (an address), meetings, decisions and other cases. */
export const caseLinks = pgTable(
  'case_links',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: caseLinkKind('kind').notNull(),
    /** The meeting, decision or case linked to. */
    targetId: uuid('target_id'),
    /** The address of a document. */
    url: text('url'),
    label: text('label').notNull(),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_links_case_idx').on(t.caseId),
    index('case_links_target_idx').on(t.targetId),
    check('case_links_target_ck', sql`(${t.kind} = 'document' and ${t.url} is not null) or (${t.kind} <> 'document' and ${t.targetId} is not null)`),
  ],
);

/** Every transition a case went through (the audit trail has the full rows too). */
export const caseHistory = pgTable(
  'case_history',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    transition: text('transition').$type<TransitionName>().notNull(),
    fromState: caseState('from_state').notNull(),
    toState: caseState('to_state').notNull(),
    /** The body that took the step (the commissioning body for its decisions). */
    bodyId: uuid('body_id').references(() => bodies.id),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    /** The decision in the minutes that carried the transition. */
    decisionId: uuid('decision_id'),
    note: text('note'),
    actorId: uuid('actor_id').references(() => people.id),
    actorLabel: text('actor_label').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_history_case_idx').on(t.caseId, t.at)],
);

export const directiveStatus = pgEnum('directive_status', ['draft', 'issued']);

/** The five implementation steps of a new medical task (SAMS). */
export const medicalSteps = ['knowledge', 'routine', 'communication', 'implementationPlan', 'followUp'] as const;
export type MedicalStep = (typeof medicalSteps)[number];
export type MedicalChecklist = Partial<Record<MedicalStep, boolean>>;

/** The assignment directive (uppdragsdirektiv) from the body to its working group. */
export const caseDirectives = pgTable(
  'case_directives',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    fromBodyId: uuid('from_body_id')
      .notNull()
      .references(() => bodies.id),
    toBodyId: uuid('to_body_id')
      .notNull()
      .references(() => bodies.id),
    shortDescription: text('short_description'),
    background: text('background'),
    purpose: text('purpose'),
    /** Clear and measurable goals. */
    goals: text('goals'),
    expectedResult: text('expected_result'),
    /** How the result will be managed afterwards (förvaltning av resultat). */
    resultManagement: text('result_management'),
    /** Assignment organisation. */
    organisation: text('organisation'),
    timeline: text('timeline'),
    endDate: date('end_date', { mode: 'string' }),
    followUp: text('follow_up'),
    resources: text('resources'),
    /** For a new medical task: which of the five steps the assignment covers. */
    medicalSteps: jsonb('medical_steps').$type<MedicalChecklist>().notNull().default({}),
    /** A status report is due at each of the body's meetings during the assignment. */
    reportAtMeetings: boolean('report_at_meetings').notNull().default(true),
    /** Further dates on which a written report is due. */
    reportDates: date('report_dates', { mode: 'string' })
      .array()
      .notNull()
      .default(sql`'{}'::date[]`),
    status: directiveStatus('status').notNull().default('draft'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: uuid('issued_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('case_directives_case_uq').on(t.caseId),
    index('case_directives_to_idx').on(t.toBodyId),
    index('case_directives_issued_idx')
      .on(t.caseId, t.issuedAt)
      .where(sql`status = 'issued'`),
  ],
);

export const trafficLight = pgEnum('traffic_light', ['not_started', 'green', 'yellow', 'red', 'done']);
export const trafficLights = trafficLight.enumValues;
export type TrafficLight = (typeof trafficLights)[number];

/** A status report from the working group's convenor (at a meeting or on a due date). */
export const caseStatusReports = pgTable(
  'case_status_reports',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The body meeting the report was given at. */
    meetingId: uuid('meeting_id').references(() => meetings.id),
    /** The directive's report date it answers. */
    dueOn: date('due_on', { mode: 'string' }),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    status: trafficLight('status').notNull(),
    text: text('text').notNull(),
    reportedBy: uuid('reported_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_status_reports_case_idx').on(t.caseId, t.reportedOn),
    index('case_status_reports_meeting_idx').on(t.meetingId),
    // Whether a due report was given: at a meeting, or for a report date.
    index('case_status_reports_case_meeting_idx').on(t.caseId, t.meetingId),
    index('case_status_reports_case_due_idx').on(t.caseId, t.dueOn),
  ],
);

export const anchoringPosition = pgEnum('anchoring_position', ['supports', 'supports_with_changes', 'objects']);
export const anchoringPositions = anchoringPosition.enumValues;
export type AnchoringPosition = (typeof anchoringPositions)[number];

/** Förankring: each principal's feedback from its contact surface, through the member whose seat covers it. */
export const caseAnchoring = pgTable(
  'case_anchoring',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    principalId: uuid('principal_id')
      .notNull()
      .references(() => principals.id),
    seatId: uuid('seat_id').references(() => seats.id),
    contactSurfaceId: uuid('contact_surface_id').references(() => contactSurfaces.id),
    position: anchoringPosition('position'),
    feedback: text('feedback'),
    answeredBy: uuid('answered_by').references(() => people.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.principalId] }),
    index('case_anchoring_open_idx')
      .on(t.principalId)
      .where(sql`answered_at is null`),
  ],
);

export const adoptionStatus = pgEnum('adoption_status', ['pending', 'adopted', 'declined']);
export const adoptionStatuses = adoptionStatus.enumValues;
export type AdoptionStatus = (typeof adoptionStatuses)[number];

/** A recommendation's adoption (fastställande) by each principal's own committee. */
export const caseAdoptions = pgTable(
  'case_adoptions',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    principalId: uuid('principal_id')
      .notNull()
      .references(() => principals.id),
    status: adoptionStatus('status').notNull().default('pending'),
    /** The committee that adopted or declined (e.g. "Socialnämnden"). */
    committee: text('committee'),
    decidedOn: date('decided_on', { mode: 'string' }),
    /** The principal's own registration number or protocol paragraph. */
    reference: text('reference'),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => people.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.principalId] })],
);

export const noticeKind = pgEnum('case_notice_kind', ['implementation', 'no_change', 'answer']);
export type NoticeKind = (typeof noticeKind.enumValues)[number];

/** A notice sent about a case: one row per principal (or the raiser), all of one sending sharing a batch. */
export const caseNotices = pgTable(
  'case_notices',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: noticeKind('kind').notNull(),
    principalId: uuid('principal_id').references(() => principals.id),
    recipients: text('recipients').array().notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    batchId: uuid('batch_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    sentBy: uuid('sent_by').references(() => people.id),
  },
  (t) => [index('case_notices_case_idx').on(t.caseId, t.sentAt)],
);

/** One line of a body's activity plan for a year: a decided case or another activity. */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    year: integer('year').notNull(),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description'),
    goalAreaId: uuid('goal_area_id').references(() => structureCategories.id),
    ownerPersonId: uuid('owner_person_id').references(() => people.id),
    ownerName: text('owner_name'),
    startOn: date('start_on', { mode: 'string' }),
    endOn: date('end_on', { mode: 'string' }),
    status: trafficLight('status').notNull().default('not_started'),
    /** On the waiting list (accepted, not yet started). */
    waiting: boolean('waiting').notNull().default(false),
    /** The line of the previous year this one carries on. */
    carriedFromId: uuid('carried_from_id').references((): AnyPgColumn => activities.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('activities_body_year_idx').on(t.bodyId, t.year, t.waiting, t.position),
    uniqueIndex('activities_case_year_uq')
      .on(t.bodyId, t.year, t.caseId)
      .where(sql`case_id is not null`),
    index('activities_case_idx').on(t.caseId),
    index('activities_carried_idx').on(t.carriedFromId),
    index('activities_overdue_idx')
      .on(t.structureId, t.endOn)
      .where(sql`status <> 'done'`),
    index('activities_body_overdue_idx')
      .on(t.bodyId, t.endOn)
      .where(sql`status <> 'done'`),
    check('activities_period_ck', sql`${t.endOn} is null or ${t.startOn} is null or ${t.endOn} >= ${t.startOn}`),
  ],
);

export type Case = typeof cases.$inferSelect;
export type CaseLink = typeof caseLinks.$inferSelect;
export type CaseHistoryRow = typeof caseHistory.$inferSelect;
export type CaseDirective = typeof caseDirectives.$inferSelect;
export type CaseStatusReport = typeof caseStatusReports.$inferSelect;
export type CaseAnchoringRow = typeof caseAnchoring.$inferSelect;
export type CaseAdoption = typeof caseAdoptions.$inferSelect;
export type CaseNotice = typeof caseNotices.$inferSelect;
export type Activity = typeof activities.$inferSelect;
