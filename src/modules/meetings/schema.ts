import { type AnyPgColumn, boolean, check, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { bodies, memberships, seats, structures } from '../structure/schema.js';

/*
 * Meetings of a body: planned dates, the three agenda dates (call opens, submissions close,
 * agenda published), the agenda and its items, members' submissions (inspel), attachments,
 * attendance (roll call per seat) and absence reports. Instants are timestamptz; every
 * date shown to people is in Europe/Stockholm.
 */

/** Binary data (attachments), stored in the database so that every app process sees it. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType() {
    return 'bytea';
  },
  toDriver(value) {
    return value;
  },
  fromDriver(value) {
    return Buffer.isBuffer(value) ? value : Buffer.from(value);
  },
});

/** A presenter of an item: a person in the register, or a named external with their organisation. */
export interface Presenter {
  personId: string | null;
  name: string;
  organisation: string | null;
}

export const meetingFormat = pgEnum('meeting_format', ['physical', 'digital', 'hybrid']);
export const meetingFormats = meetingFormat.enumValues;
export type MeetingFormat = (typeof meetingFormats)[number];

/**
 * planned: in the year plan, call not yet sent; called: the agenda is published (kallelse
 * sent); held: took place; cancelled: will not take place.
 */
export const meetingStatus = pgEnum('meeting_status', ['planned', 'called', 'held', 'cancelled']);
export const meetingStatuses = meetingStatus.enumValues;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** The convening body (for a joint meeting: the one that hosts it). */
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
    /** The body's structure (kept here so structure-wide lists need no join). */
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    title: text('title').notNull(),
    /** May span several days (e.g. a two-day conference meeting). */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    format: meetingFormat('format').notNull().default('physical'),
    address: text('address'),
    room: text('room'),
    /** The link of a digital or hybrid meeting. */
    link: text('link'),
    /** Practical information for the participants. */
    notes: text('notes'),
    status: meetingStatus('status').notNull().default('planned'),
    /** A joint meeting with other bodies (meeting_bodies lists them). */
    isJoint: boolean('is_joint').notNull().default(false),
    /** A past meeting registered afterwards: no agenda dates, no notices. */
    registeredAfterwards: boolean('registered_afterwards').notNull().default(false),
    /** False when only the day is known (a meeting registered afterwards without its times). */
    timesKnown: boolean('times_known').notNull().default(true),
    /** The three agenda dates: each 23:59 Europe/Stockholm, N days before the meeting. */
    callOpensOn: timestamp('call_opens_on', { withTimezone: true }),
    submissionDeadline: timestamp('submission_deadline', { withTimezone: true }),
    agendaPublishOn: timestamp('agenda_publish_on', { withTimezone: true }),
    agendaPublishedAt: timestamp('agenda_published_at', { withTimezone: true }),
    /** The last change made after the agenda was published (details, not items). */
    changedAfterPublishAt: timestamp('changed_after_publish_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    /** iCalendar SEQUENCE: bumped on every change to a published meeting. */
    sequence: integer('sequence').notNull().default(0),
    /** iCalendar UID: stable for the life of the meeting. */
    uid: text('uid').notNull(),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Bumped on every change; stale saves are refused. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('meetings_uid_uq').on(t.uid),
    index('meetings_body_starts_idx').on(t.bodyId, t.startsAt, t.id),
    index('meetings_structure_starts_idx').on(t.structureId, t.startsAt, t.id),
    index('meetings_starts_idx').on(t.startsAt),
    check('meetings_period_ck', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** The other bodies taking part in a joint meeting (the host is meetings.body_id). */
export const meetingBodies = pgTable(
  'meeting_bodies',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.bodyId] }), index('meeting_bodies_body_idx').on(t.bodyId)],
);

/** The standard sections (SAMLA's grouping); a body may use its own section names as well. */
export const standardSections = ['Återkoppling', 'Information och dialog', 'Beslut', 'För kännedom', 'Övriga frågor'] as const;

export const agendaItemKind = pgEnum('agenda_item_kind', ['formal', 'information', 'discussion', 'decision', 'feedback', 'for_knowledge', 'break', 'other']);
export const agendaItemKinds = agendaItemKind.enumValues;
export type AgendaItemKind = (typeof agendaItemKinds)[number];

/** Where an agenda item came from (the built-in and later proposal sources). */
export const agendaItemSource = pgEnum('agenda_item_source', ['template', 'submission', 'previous_unfinished', 'tabled', 'status_report', 'secretary']);
export const agendaItemSources = agendaItemSource.enumValues;
export type AgendaItemSource = (typeof agendaItemSources)[number];

/** What became of an item at the meeting (set by the minutes; unfinished and tabled items are proposed again). */
export const agendaItemOutcome = pgEnum('agenda_item_outcome', ['handled', 'unfinished', 'tabled']);
export const agendaItemOutcomes = agendaItemOutcome.enumValues;
export type AgendaItemOutcome = (typeof agendaItemOutcomes)[number];

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    /** The item this one is a sub-item of (2.5.1 under 2.5); null for a main item. */
    parentId: uuid('parent_id').references((): AnyPgColumn => agendaItems.id, { onDelete: 'cascade' }),
    /** Order among the items with the same parent, 1-based and without gaps. */
    position: integer('position').notNull(),
    /** Återkoppling, Information och dialog, Beslut, För kännedom, Övriga frågor, or the body's own. */
    section: text('section'),
    /** The item's number as shown ("1", "4 a"); computed from the order unless set. */
    number: text('number'),
    title: text('title').notNull(),
    description: text('description'),
    kind: agendaItemKind('kind').notNull().default('information'),
    presenterPersonId: uuid('presenter_person_id').references(() => people.id),
    /** The presenter's name as shown ("X föredrar ärendet"), also for people without an account. */
    presenterName: text('presenter_name'),
    /** Who presents the item, in order (replaces presenter_person_id and presenter_name). */
    presenters: jsonb('presenters').$type<Presenter[]>().notNull().default([]),
    durationMinutes: integer('duration_minutes'),
    /** Pins the item's start (e.g. day two of a two-day meeting); the clock continues from it. */
    fixedStartAt: timestamp('fixed_start_at', { withTimezone: true }),
    source: agendaItemSource('source').notNull().default('secretary'),
    /** The object the source proposed it from (a submission id, an earlier item id, a case id). */
    sourceRef: text('source_ref'),
    /** The case (ärende) the item handles; cases come in a later module. */
    caseId: uuid('case_id'),
    /** Internal: not shown on public pages. */
    internal: boolean('internal').notNull().default(false),
    outcome: agendaItemOutcome('outcome'),
    /** Set when the item was added or changed after the agenda was published. */
    changedAfterPublishAt: timestamp('changed_after_publish_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agenda_items_meeting_idx').on(t.meetingId, t.position),
    index('agenda_items_parent_idx').on(t.parentId),
    check('agenda_items_not_own_parent_ck', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
    index('agenda_items_case_idx').on(t.caseId),
    check('agenda_items_duration_ck', sql`${t.durationMinutes} is null or (${t.durationMinutes} >= 0 and ${t.durationMinutes} <= 1440)`),
  ],
);

export const submissionStatus = pgEnum('item_submission_status', ['proposed', 'accepted', 'merged', 'declined']);
export const submissionStatuses = submissionStatus.enumValues;
export type SubmissionStatus = (typeof submissionStatuses)[number];

/** An item a member sends in for a meeting's agenda (inspel). */
export const itemSubmissions = pgTable(
  'item_submissions',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => people.id),
    title: text('title').notNull(),
    description: text('description'),
    kind: agendaItemKind('kind').notNull().default('information'),
    presenterPersonId: uuid('presenter_person_id').references(() => people.id),
    presenterName: text('presenter_name'),
    wishedMinutes: integer('wished_minutes'),
    status: submissionStatus('status').notNull().default('proposed'),
    /** The secretary's answer (required when declined; sent to the submitter). */
    reply: text('reply'),
    /** The agenda item that carries it: the new item when accepted, the existing one when merged. */
    mergedIntoItemId: uuid('merged_into_item_id').references((): AnyPgColumn => agendaItems.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => people.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('item_submissions_meeting_idx').on(t.meetingId, t.createdAt),
    index('item_submissions_person_idx').on(t.submittedBy),
    check('item_submissions_minutes_ck', sql`${t.wishedMinutes} is null or (${t.wishedMinutes} >= 0 and ${t.wishedMinutes} <= 1440)`),
  ],
);

/** Largest attachment accepted, in bytes (stored in the database). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Accepted attachment types: content type by file extension. */
export const attachmentTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
} as const;

export const attachments = pgTable(
  'meeting_attachments',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id').references(() => agendaItems.id, { onDelete: 'set null' }),
    submissionId: uuid('submission_id').references(() => itemSubmissions.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('meeting_attachments_meeting_idx').on(t.meetingId),
    index('meeting_attachments_item_idx').on(t.itemId),
    index('meeting_attachments_submission_idx').on(t.submissionId),
    check('meeting_attachments_size_ck', sql`${t.size} >= 0 and ${t.size} <= ${sql.raw(String(MAX_ATTACHMENT_BYTES))}`),
  ],
);

/**
 * expected: called (kallad), not yet checked at the roll call; present, absent, excused
 * (anmält förhinder) are set at or after the meeting.
 */
export const attendanceStatus = pgEnum('attendance_status', ['expected', 'present', 'absent', 'excused']);
export const attendanceStatuses = attendanceStatus.enumValues;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/** One person at one meeting: a seat holder, a substitute, an adjunct or a guest. */
export const attendance = pgTable(
  'attendance',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id').references(() => memberships.id),
    /** Null only for a guest without a record in Samverka (guestName then). */
    personId: uuid('person_id').references(() => people.id),
    guestName: text('guest_name'),
    seatId: uuid('seat_id').references(() => seats.id),
    status: attendanceStatus('status').notNull().default('expected'),
    /** A substitute attending for this person (ers X). */
    substituteForPersonId: uuid('substitute_for_person_id').references(() => people.id),
    /** Views given in advance by a member who cannot attend. */
    viewsInAdvance: text('views_in_advance'),
    guest: boolean('guest').notNull().default(false),
    /** Took part digitally (in a digital or hybrid meeting). */
    digital: boolean('digital').notNull().default(false),
    adjunct: boolean('adjunct').notNull().default(false),
    /** The organisation shown on the attendance list ("Närsjukvårdsområde väster"). */
    organisationLabel: text('organisation_label'),
    /** When the person was called in automatically (a substitute for an absent member). */
    calledAt: timestamp('called_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('attendance_meeting_person_uq').on(t.meetingId, t.personId),
    index('attendance_person_idx').on(t.personId),
    check('attendance_who_ck', sql`${t.personId} is not null or ${t.guestName} is not null`),
  ],
);

/** A member's advance notice that they cannot attend, with views on the items. */
export const absenceReports = pgTable(
  'absence_reports',
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
    views: text('views'),
    /** Views per agenda item: [{ itemId, views }]. */
    itemViews: jsonb('item_views').$type<{ itemId: string; views: string }[]>().notNull().default([]),
    /** The substitute called in automatically, if any. */
    substitutePersonId: uuid('substitute_person_id').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('absence_reports_meeting_person_uq').on(t.meetingId, t.personId)],
);

/** A body's standing agenda items (template); without rows the built-in template applies. */
export const agendaTemplateItems = pgTable(
  'agenda_template_items',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    section: text('section'),
    title: text('title').notNull(),
    kind: agendaItemKind('kind').notNull().default('formal'),
    durationMinutes: integer('duration_minutes'),
  },
  (t) => [index('agenda_template_items_body_idx').on(t.bodyId, t.position)],
);

/** A proposal the secretary set aside for one meeting (so that its source does not offer it again). */
export const dismissedProposals = pgTable(
  'agenda_dismissed_proposals',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    sourceId: text('source_id').notNull(),
    /** The proposal's key within its source. */
    key: text('proposal_key').notNull(),
    dismissedBy: uuid('dismissed_by').references(() => people.id),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.sourceId, t.key] })],
);

export type Meeting = typeof meetings.$inferSelect;
export type NewMeeting = typeof meetings.$inferInsert;
export type AgendaItem = typeof agendaItems.$inferSelect;
export type ItemSubmission = typeof itemSubmissions.$inferSelect;
export type Attachment = typeof attachments.$inferSelect;
export type AttendanceRow = typeof attendance.$inferSelect;
export type AbsenceReport = typeof absenceReports.$inferSelect;
export type AgendaTemplateItem = typeof agendaTemplateItems.$inferSelect;
