import { type AnyPgColumn, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { bodies, minutesKind, structures } from '../structure/schema.js';
import { agendaItems, meetings, type Presenter } from '../meetings/schema.js';

/*
 * Minutes of a meeting (minnesanteckningar or protokoll), one per meeting: an entry per
 * agenda item (presenter, notes, questions, "att"-proposals, outcome, decision text and
 * condition), the decisions it records (numbered per body and year: "SAMS 2026:12"),
 * action items, approval (justering) by the chair and the adjusters, the locked versions
 * with the SHA-256 digest of their canonical JSON, and the attendees' evaluation.
 */

/**
 * draft: being written; in_approval: a protocol sent to the chair and adjusters for
 * justering; approved: a protocol all approvers approved (locked); final: notes the
 * secretary finalised (locked). A correction of a locked version starts a new draft
 * (revision > 0) that is locked again as the next version.
 */
export const minutesStatus = pgEnum('minutes_status', ['draft', 'in_approval', 'approved', 'final']);
export const minutesStatuses = minutesStatus.enumValues;
export type MinutesStatus = (typeof minutesStatuses)[number];

/** A note taker ("Vid anteckningarna"): a person in Samverka, or only a name. */
export interface NoteTaker {
  personId: string | null;
  name: string;
}

export const minutes = pgTable(
  'minutes',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    /** The body's mandate when the minutes were started: protocol (justering) or notes (finalised by the secretary). */
    kind: minutesKind('kind').notNull(),
    status: minutesStatus('status').notNull().default('draft'),
    /** Vid anteckningarna. */
    noteTakers: jsonb('note_takers').$type<NoteTaker[]>().notNull().default([]),
    /** The adjusters (justerare) appointed at the meeting, besides the chair. */
    adjusterIds: uuid('adjuster_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** The chair who approves (defaults to the body's chair at the meeting). */
    chairPersonId: uuid('chair_person_id').references(() => people.id),
    /** Free text printed after the attendance list (e.g. who chaired, who joined late). */
    preamble: text('preamble'),
    /** The secretary's summary of the attendees' evaluation. */
    evaluationSummary: text('evaluation_summary'),
    /** Next meetings and decided dates, as printed at the end. */
    nextMeetings: text('next_meetings'),
    /** Why the locked minutes are being corrected (shown with the next version). */
    correctionReason: text('correction_reason'),
    /** The number of the latest locked version (0 before the first). */
    lockedVersion: integer('locked_version').notNull().default(0),
    /** The deadline of the running approval round. */
    approvalDeadline: timestamp('approval_deadline', { withTimezone: true }),
    approvalStartedAt: timestamp('approval_started_at', { withTimezone: true }),
    /** Set when the locked minutes of a public body are published on its public page. */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Attachments the secretary selected for the public page. */
    publicAttachmentIds: uuid('public_attachment_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    distributedAt: timestamp('distributed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => people.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on every save of the minutes or any of their items; stale saves are refused. */
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('minutes_meeting_uq').on(t.meetingId), index('minutes_body_idx').on(t.bodyId, t.status), index('minutes_structure_idx').on(t.structureId)],
);

/**
 * approved (bifalls), rejected (avslås), amended (bifalls med ändring), tabled (bordläggs),
 * sent_back (återremitteras), filed (läggs till handlingarna), concluded_no_decision
 * (frågan sammanfattas med …), noted (informationen noteras).
 */
export const minuteOutcome = pgEnum('minute_outcome', ['approved', 'rejected', 'amended', 'tabled', 'sent_back', 'filed', 'concluded_no_decision', 'noted']);
export const minuteOutcomes = minuteOutcome.enumValues;
export type MinuteOutcome = (typeof minuteOutcomes)[number];
/** Outcomes that are decisions of the body (and get a number in the register). */
export const decisionOutcomes: readonly MinuteOutcome[] = ['approved', 'rejected', 'amended', 'tabled', 'sent_back'];

/** The minutes of one agenda item. */
export const minuteItems = pgTable(
  'minute_items',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    minutesId: uuid('minutes_id')
      .notNull()
      .references(() => minutes.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** The agenda item; null for an item added in the minutes only (or when the agenda item was removed). */
    agendaItemId: uuid('agenda_item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    /** The item this one is a sub-item of; null for a main item. */
    parentId: uuid('parent_id').references((): AnyPgColumn => minuteItems.id, { onDelete: 'cascade' }),
    /** Order among the items with the same parent. */
    position: integer('position').notNull(),
    /** The § number where the body numbers its protocols by paragraph (running per body and year). */
    paragraph: integer('paragraph'),
    /** "§ 4", "4 a": as on the agenda unless set. */
    number: text('number'),
    title: text('title').notNull(),
    /** Who presented ("X föredrar ärendet"). */
    presenterPersonId: uuid('presenter_person_id').references(() => people.id),
    presenterName: text('presenter_name'),
    /** Who presented, in order (replaces presenter_person_id and presenter_name). */
    presenters: jsonb('presenters').$type<Presenter[]>().notNull().default([]),
    /** Notes in the safe Markdown subset (sanitized on render). */
    notes: text('notes'),
    /** Frågor och kommentarer. */
    questions: text('questions'),
    /** Förslag till beslut: the "att"-clauses, in order, without the leading "att". */
    proposal: text('proposal')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    outcome: minuteOutcome('outcome'),
    /** The decision ("Chefsgruppen beslutar att godkänna förslaget") or the conclusion. */
    decisionText: text('decision_text'),
    /** A condition on the decision ("Beslutet behöver förankras med …"); becomes a follow-up. */
    condition: text('condition'),
    /** Left out of published minutes. */
    internal: boolean('internal').notNull().default(false),
    /** The case the item handles (cases come in a later module). */
    caseId: uuid('case_id'),
    /** What the decision does to the case (applied by the cases module through the decision hook). */
    caseTransition: text('case_transition'),
    updatedBy: uuid('updated_by').references(() => people.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on every save of this item; stale saves are refused. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('minute_items_minutes_idx').on(t.minutesId, t.position),
    index('minute_items_meeting_idx').on(t.meetingId),
    uniqueIndex('minute_items_agenda_item_uq').on(t.agendaItemId),
    index('minute_items_case_idx').on(t.caseId),
    index('minute_items_parent_idx').on(t.parentId),
    check('minute_items_not_own_parent_ck', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

/** none: nothing to follow up; open: a condition or action remains; done: followed up. */
export const followUpStatus = pgEnum('decision_follow_up_status', ['none', 'open', 'done']);
export const followUpStatuses = followUpStatus.enumValues;
export type FollowUpStatus = (typeof followUpStatuses)[number];

/** The decision register (beslutslogg): decisions numbered per body and year. */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    year: integer('year').notNull(),
    /** Running number within the body and year ("SAMS 2026:12" is 12). */
    number: integer('number').notNull(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    minuteItemId: uuid('minute_item_id').references(() => minuteItems.id, { onDelete: 'set null' }),
    /** The day of the meeting (Europe/Stockholm). */
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    outcome: minuteOutcome('outcome').notNull(),
    text: text('text').notNull(),
    /** The "att"-clauses decided on. */
    clauses: text('clauses')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    condition: text('condition'),
    /** The case (no foreign key yet: the cases module adds cases later). */
    caseId: uuid('case_id'),
    caseTransition: text('case_transition'),
    followUpStatus: followUpStatus('follow_up_status').notNull().default('none'),
    internal: boolean('internal').notNull().default(false),
    /** Set when a later version of the minutes withdrew the decision (the number is never reused). */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('decisions_body_year_number_uq').on(t.bodyId, t.year, t.number),
    uniqueIndex('decisions_minute_item_uq').on(t.minuteItemId),
    index('decisions_structure_idx').on(t.structureId, t.decidedOn),
    /** The register's years of a structure (`decisionYears`): an index-only scan. */
    index('decisions_structure_year_idx').on(t.structureId, t.year),
    index('decisions_meeting_idx').on(t.meetingId),
    index('decisions_case_idx').on(t.caseId),
    check('decisions_number_ck', sql`${t.number} > 0`),
  ],
);

export const actionStatus = pgEnum('action_item_status', ['open', 'done']);
export const actionStatuses = actionStatus.enumValues;
export type ActionStatus = (typeof actionStatuses)[number];

/** A follow-up ("Ingmar går vidare i planeringen"), or a decision's condition to fulfil. */
export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    minuteItemId: uuid('minute_item_id').references(() => minuteItems.id, { onDelete: 'set null' }),
    decisionId: uuid('decision_id').references(() => decisions.id, { onDelete: 'set null' }),
    /** The case (no foreign key yet). */
    caseId: uuid('case_id'),
    title: text('title').notNull(),
    ownerPersonId: uuid('owner_person_id').references(() => people.id),
    /** The owner's name as shown, also for someone without an account. */
    ownerName: text('owner_name'),
    dueOn: date('due_on', { mode: 'string' }),
    status: actionStatus('status').notNull().default('open'),
    /** True when the action is a decision's condition. */
    fromCondition: boolean('from_condition').notNull().default(false),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => people.id),
    doneNote: text('done_note'),
    /** When the reminder before the due date was sent. */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('action_items_owner_idx').on(t.ownerPersonId, t.status, t.dueOn),
    index('action_items_body_idx').on(t.bodyId, t.status),
    index('action_items_meeting_idx').on(t.meetingId),
    index('action_items_decision_idx').on(t.decisionId),
    index('action_items_due_idx').on(t.status, t.dueOn),
  ],
);

export interface VersionApprover {
  personId: string;
  name: string;
  role: 'chair' | 'adjuster' | 'secretary';
  at: string;
}

export interface VersionChange {
  /** Where: "header", "attendance", or an item ("§ 4 Budget"). */
  where: string;
  field: string;
  before: string | null;
  after: string | null;
}

/** A locked version of the minutes: approved (protocol) or final (notes). Never changed. */
export const minuteVersions = pgTable(
  'minute_versions',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    minutesId: uuid('minutes_id')
      .notNull()
      .references(() => minutes.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: minutesStatus('status').notNull(),
    /** The canonical JSON (sorted keys, no whitespace), exactly as digested. */
    canonical: text('canonical').notNull(),
    /** SHA-256 of the canonical JSON's UTF-8 bytes, lowercase hex. */
    sha256: text('sha256').notNull(),
    approvers: jsonb('approvers').$type<VersionApprover[]>().notNull().default([]),
    /** What changed compared with the previous version (empty for the first). */
    changes: jsonb('changes').$type<VersionChange[]>().notNull().default([]),
    /** Why the correction was made. */
    reason: text('reason'),
    lockedBy: uuid('locked_by').references(() => people.id),
    lockedAt: timestamp('locked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('minute_versions_number_uq').on(t.minutesId, t.number), check('minute_versions_sha_ck', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`)],
);

export const approverRole = pgEnum('approver_role', ['chair', 'adjuster']);
export const approverRoles = approverRole.enumValues;
export type ApproverRole = (typeof approverRoles)[number];

/** One approver in one approval round (round = the version number being approved). */
export const approvals = pgTable(
  'minute_approvals',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    minutesId: uuid('minutes_id')
      .notNull()
      .references(() => minutes.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: approverRole('role').notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    comment: text('comment'),
    commentedAt: timestamp('commented_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** The minutes' version the approver approved (an edit after it asks again). */
    approvedVersion: integer('approved_version'),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('minute_approvals_round_person_uq').on(t.minutesId, t.round, t.personId), index('minute_approvals_person_idx').on(t.personId, t.approvedAt)],
);

/** An attendee's answer to the short evaluation of the meeting. */
export const meetingEvaluations = pgTable(
  'meeting_evaluations',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** What drove the meeting forward. */
    forward: text('forward'),
    /** What hindered it. */
    hindered: text('hindered'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('meeting_evaluations_meeting_person_uq').on(t.meetingId, t.personId)],
);

/** The addresses a body's final or approved minutes are sent to, besides its members. */
export const minutesDistribution = pgTable('minutes_distribution', {
  bodyId: uuid('body_id')
    .primaryKey()
    .references(() => bodies.id, { onDelete: 'cascade' }),
  emails: text('emails')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Minutes = typeof minutes.$inferSelect;
export type MinuteItem = typeof minuteItems.$inferSelect;
export type Decision = typeof decisions.$inferSelect;
export type ActionItem = typeof actionItems.$inferSelect;
export type MinuteVersion = typeof minuteVersions.$inferSelect;
export type Approval = typeof approvals.$inferSelect;
export type MeetingEvaluation = typeof meetingEvaluations.$inferSelect;
