import type { Text } from '../../platform/http/errors.js';
import { type AnyPgColumn, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { sortKeyText } from '../../platform/sortkey.js';
import { people } from '../../platform/auth/schema.js';
import { bodyRoles } from '../../platform/auth/roles.js';

/** A stored text: by key (told in the reader's language) or, in rows written before keys, as Swedish text. */
export type StoredText = Text | string;

/*
 * Collaboration structures (samverkansstrukturer): principals, their organisations, the
 * structures they take part in, each structure's bodies (groups at political, strategic,
 * operational and local level), the bodies' mandates, seats and memberships.
 * Dates that are days (not instants) are SQL `date` values, read and written as
 * 'YYYY-MM-DD' strings in Europe/Stockholm.
 */

/**
 * The kinds of principal (region, kommun, other): data an administrator can extend (e.g.
 * "Privat utförare"). The three built-in keys are seeded by the migration and cannot be removed.
 */
export const principalKindsTable = pgTable(
  'principal_kinds',
  {
    /** Stable key ("region", "municipality", "other", or one made from the name). */
    key: text('key').primaryKey(),
    nameSv: text('name_sv').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
    /** One of the three kinds the migration seeds. */
    builtIn: boolean('built_in').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('principal_kinds_position_idx').on(t.position, t.key), check('principal_kinds_key_ck', sql`${t.key} ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`)],
);
/** The built-in principal kinds (the migration seeds them; administrators may add more). */
export const principalKinds = ['region', 'municipality', 'other'] as const;
/** A principal kind's key: a built-in one or one an administrator added. */
export type PrincipalKind = string;

/** A legal principal (huvudman): a region, a municipality, or another party. */
export const principals = pgTable(
  'principals',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    name: text('name').notNull(),
    kind: text('kind')
      .notNull()
      .references(() => principalKindsTable.key),
    sortKey: sortKeyText('sort_key').notNull(),
    /** E-mail addresses later capabilities send to (e.g. the registrar). */
    distributionList: text('distribution_list')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('principals_sort_idx').on(t.sortKey, t.id)],
);

/** A unit that belongs to a principal, nested (Region Örebro län → Närsjukvårdsområde väster). */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    principalId: uuid('principal_id')
      .notNull()
      .references(() => principals.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => organisations.id),
    name: text('name').notNull(),
    shortName: text('short_name'),
    sortKey: sortKeyText('sort_key').notNull(),
    distributionList: text('distribution_list')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('organisations_principal_idx').on(t.principalId, t.sortKey, t.id), index('organisations_parent_idx').on(t.parentId), index('organisations_sort_idx').on(t.sortKey, t.id)],
);

/** A whole collaboration structure (SSÖ, SAMLA, …): the tree of its bodies hangs off it. */
export const structures = pgTable(
  'structures',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    /** URL name, unique: /structures/samla */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    sortKey: sortKeyText('sort_key').notNull(),
    description: text('description'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('structures_slug_uq').on(t.slug), index('structures_sort_idx').on(t.sortKey, t.id)],
);

/** Which principals take part in a structure. */
export const structurePrincipals = pgTable(
  'structure_principals',
  {
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    principalId: uuid('principal_id')
      .notNull()
      .references(() => principals.id),
  },
  (t) => [primaryKey({ columns: [t.structureId, t.principalId] }), index('structure_principals_principal_idx').on(t.principalId)],
);

export const categoryKind = pgEnum('structure_category_kind', ['goal_area', 'target_group']);
export const categoryKinds = categoryKind.enumValues;
export type CategoryKind = (typeof categoryKinds)[number];

/** A structure's goal areas and target groups (SAMLA: children and young people, …). */
export const structureCategories = pgTable(
  'structure_categories',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    kind: categoryKind('kind').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    /** Applies across every other target group (SAMLA: disability, end-of-life care). */
    crossCutting: boolean('cross_cutting').notNull().default(false),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('structure_categories_structure_idx').on(t.structureId, t.kind, t.position)],
);

/** A network a member informs and consults (kontaktyta), with its distribution list. */
export const contactSurfaces = pgTable(
  'contact_surfaces',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sortKey: sortKeyText('sort_key').notNull(),
    description: text('description'),
    distributionList: text('distribution_list')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contact_surfaces_structure_idx').on(t.structureId, t.sortKey, t.id)],
);

export const bodyLevel = pgEnum('body_level', ['political', 'strategic', 'operational', 'local']);
export const bodyLevels = bodyLevel.enumValues;
export type BodyLevel = (typeof bodyLevels)[number];

export const bodyKind = pgEnum('body_kind', ['standing_group', 'theme_group', 'working_group', 'network', 'council']);
export const bodyKinds = bodyKind.enumValues;
export type BodyKind = (typeof bodyKinds)[number];

export const minutesKind = pgEnum('minutes_kind', ['protocol', 'notes']);
export const minutesKinds = minutesKind.enumValues;
export type MinutesKind = (typeof minutesKinds)[number];

export const meetingPeriod = pgEnum('meeting_period', ['year', 'termin']);
export const meetingPeriods = meetingPeriod.enumValues;
export type MeetingPeriod = (typeof meetingPeriods)[number];

/**
 * Who must hold the chair: any; alternating region/municipality; as another body; rotating
 * among named principals in a set order (bodies.chair_rotation), one per chair period.
 */
export const chairKindRule = pgEnum('chair_kind_rule', ['any', 'alternate', 'follow_body', 'rotate']);
export const chairKindRules = chairKindRule.enumValues;
export type ChairKindRule = (typeof chairKindRules)[number];

/** A body of a structure (samverkansgrupp, temagrupp, arbetsgrupp, nätverk, råd). */
export const bodies = pgTable(
  'bodies',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    structureId: uuid('structure_id')
      .notNull()
      .references(() => structures.id),
    /** The commissioning body (uppdragsgivare); null only for the top of a structure. */
    parentId: uuid('parent_id').references((): AnyPgColumn => bodies.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    sortKey: sortKeyText('sort_key').notNull(),
    level: bodyLevel('level').notNull(),
    kind: bodyKind('kind').notNull(),
    /** Composition and published material readable without an account. */
    isPublic: boolean('is_public').notNull().default(false),
    minutesKind: minutesKind('minutes_kind').notNull().default('notes'),
    substitutesAllowed: boolean('substitutes_allowed').notNull().default(true),
    sizeMin: integer('size_min'),
    sizeMax: integer('size_max'),
    /** Meeting-frequency rule: min/max meetings per year or per termin. */
    meetingsMin: integer('meetings_min'),
    meetingsMax: integer('meetings_max'),
    meetingsPer: meetingPeriod('meetings_per').notNull().default('year'),
    physicalMeetingsMinPerYear: integer('physical_meetings_min_per_year'),
    jointMeetingsWithSubBodiesPerYear: integer('joint_meetings_with_sub_bodies_per_year'),
    activeFrom: date('active_from', { mode: 'string' }).notNull(),
    /** Temporary bodies end; every membership ends with them. */
    activeTo: date('active_to', { mode: 'string' }),
    /** Chair mandate periods: length in months, counted from the anchor date. */
    chairPeriodMonths: integer('chair_period_months'),
    chairPeriodAnchor: date('chair_period_anchor', { mode: 'string' }),
    chairKindRule: chairKindRule('chair_kind_rule').notNull().default('any'),
    /** With 'alternate': the kind that chairs in the period starting at the anchor. */
    chairFirstKind: text('chair_first_kind').references(() => principalKindsTable.key),
    /** With 'rotate': the principals that take the chair in turn, in order, from the anchor's period. */
    chairRotation: uuid('chair_rotation')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** With 'follow_body': the chair comes from the principal kind chairing this body. */
    chairFollowsBodyId: uuid('chair_follows_body_id').references((): AnyPgColumn => bodies.id),
    /** The vice chair comes from the principal kind that does not hold the chair. */
    viceChairOtherKind: boolean('vice_chair_other_kind').notNull().default(false),
    /** Days before a chair period ends that the secretary is reminded. */
    chairReminderDays: integer('chair_reminder_days').notNull().default(60),
    /** The body's process leader and secretary manage its sub-bodies (e.g. the local groups under a coordination group). */
    managesSubBodies: boolean('manages_sub_bodies').notNull().default(false),
    /** Protocol items carry § numbers running per body and year; a decision's number is its §. */
    paragraphNumbering: boolean('paragraph_numbering').notNull().default(false),
    /** Agenda deadlines, days before each meeting. */
    callOpensDays: integer('call_opens_days').notNull().default(14),
    submissionDeadlineDays: integer('submission_deadline_days').notNull().default(7),
    agendaPublishDays: integer('agenda_publish_days').notNull().default(5),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('bodies_structure_slug_uq').on(t.structureId, t.slug),
    index('bodies_structure_sort_idx').on(t.structureId, t.sortKey, t.id),
    index('bodies_parent_idx').on(t.parentId, t.sortKey),
    index('bodies_follows_idx').on(t.chairFollowsBodyId),
    check('bodies_active_period_ck', sql`${t.activeTo} is null or ${t.activeTo} >= ${t.activeFrom}`),
    check('bodies_size_ck', sql`${t.sizeMin} is null or ${t.sizeMax} is null or ${t.sizeMin} <= ${t.sizeMax}`),
    check('bodies_meetings_ck', sql`${t.meetingsMin} is null or ${t.meetingsMax} is null or ${t.meetingsMin} <= ${t.meetingsMax}`),
    check('bodies_not_own_parent_ck', sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

/**
 * Who commissions a body besides its parent (bodies.parent_id): another body of the structure
 * (a body that serves several bodies), or a principal or a named party outside the structure.
 * Exactly one of the three is set.
 */
export const bodyCommissioners = pgTable(
  'body_commissioners',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    commissionerBodyId: uuid('commissioner_body_id').references(() => bodies.id, { onDelete: 'cascade' }),
    principalId: uuid('principal_id').references(() => principals.id),
    /** A party outside Samverka ("Länsstyrelsen i Örebro län"). */
    name: text('name'),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('body_commissioners_body_idx').on(t.bodyId, t.position),
    index('body_commissioners_commissioner_idx').on(t.commissionerBodyId),
    check('body_commissioners_one_ck', sql`num_nonnulls(${t.commissionerBodyId}, ${t.principalId}, ${t.name}) = 1`),
    check('body_commissioners_not_self_ck', sql`${t.commissionerBodyId} is null or ${t.commissionerBodyId} <> ${t.bodyId}`),
  ],
);

/** A dated, approved version of a body's mandate (uppdragsbeskrivning). */
export const mandateVersions = pgTable(
  'mandate_versions',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    purpose: text('purpose').notNull(),
    tasks: text('tasks').notNull().default(''),
    responsibilities: text('responsibilities').notNull().default(''),
    waysOfWorking: text('ways_of_working').notNull().default(''),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    approvedOn: date('approved_on', { mode: 'string' }).notNull(),
    /** The approving body when it is in Samverka, else its name. */
    approvedByBodyId: uuid('approved_by_body_id').references(() => bodies.id),
    approvedByName: text('approved_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => people.id),
  },
  (t) => [uniqueIndex('mandate_versions_body_number_uq').on(t.bodyId, t.number)],
);

export const seatRepresentation = pgEnum('seat_representation', ['principal', 'organisation', 'principal_group', 'function']);
export const seatRepresentations = seatRepresentation.enumValues;
export type SeatRepresentation = (typeof seatRepresentations)[number];

export const bodyRole = pgEnum('body_role', bodyRoles);

/** A seat: a function held for a principal, an organisation or a group of principals. */
export const seats = pgTable(
  'seats',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    /** What the seat is for: "Medicinskt ansvarig sjuksköterska", "Lerums kommun". */
    function: text('function').notNull(),
    sortKey: sortKeyText('sort_key').notNull(),
    position: integer('position').notNull().default(0),
    representation: seatRepresentation('representation').notNull(),
    principalId: uuid('principal_id').references(() => principals.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    /** For a group seat: how the group is described ("övriga kommuner i länet"). */
    groupLabel: text('group_label'),
    /** The principal kind the seat speaks for (derived; used for chair rules and grouping). */
    principalKind: text('principal_kind').references(() => principalKindsTable.key),
    contactSurfaceId: uuid('contact_surface_id').references(() => contactSurfaces.id),
    /** Ex officio: held by whoever has this role in that body (filled automatically). */
    exOfficioBodyId: uuid('ex_officio_body_id').references((): AnyPgColumn => bodies.id),
    exOfficioRole: bodyRole('ex_officio_role'),
    createdOn: date('created_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('seats_body_idx').on(t.bodyId, t.position, t.sortKey),
    index('seats_ex_officio_idx').on(t.exOfficioBodyId),
    check('seats_period_ck', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.createdOn}`),
  ],
);

/** The principals of a group seat ("två från andra kommuner i länet"). */
export const seatPrincipals = pgTable(
  'seat_principals',
  {
    seatId: uuid('seat_id')
      .notNull()
      .references(() => seats.id, { onDelete: 'cascade' }),
    principalId: uuid('principal_id')
      .notNull()
      .references(() => principals.id),
  },
  (t) => [primaryKey({ columns: [t.seatId, t.principalId] })],
);

/**
 * A person's engagement in a body: in a seat, or without one (adjunct, expert, reader,
 * secretary…), with one role of the domain's role list, from a date to a date (null =
 * ongoing). Rows are never deleted: they are the history of who sat where and when.
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    seatId: uuid('seat_id').references(() => seats.id),
    role: bodyRole('role').notNull(),
    substituteForMembershipId: uuid('substitute_for_membership_id').references((): AnyPgColumn => memberships.id),
    /** The organisation the person comes from, when not given by the seat. */
    organisationId: uuid('organisation_id').references(() => organisations.id),
    /** Why an adjunct or expert joins (the issue or period). */
    reason: text('reason'),
    startOn: date('start_on', { mode: 'string' }).notNull(),
    endOn: date('end_on', { mode: 'string' }),
    exOfficio: boolean('ex_officio').notNull().default(false),
    /** For ex-officio memberships: the membership in the other body that gives the seat. */
    exOfficioSourceId: uuid('ex_officio_source_id').references((): AnyPgColumn => memberships.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('memberships_body_idx').on(t.bodyId, t.endOn),
    index('memberships_person_idx').on(t.personId, t.endOn),
    index('memberships_seat_idx').on(t.seatId),
    index('memberships_source_idx').on(t.exOfficioSourceId),
    index('memberships_substitute_for_idx').on(t.substituteForMembershipId),
    check('memberships_period_ck', sql`${t.endOn} is null or ${t.endOn} >= ${t.startOn}`),
  ],
);

/** How far a CSV import that runs in the background has come. */
export const importRunStatus = pgEnum('import_run_status', ['queued', 'checking', 'writing', 'done', 'refused', 'failed']);
export const importRunStatuses = importRunStatus.enumValues;

/**
 * A large CSV import that runs as a job (structure.importRun) while its page shows how far
 * it has come. The file's text is kept only until the run ends.
 */
export const importRuns = pgTable(
  'import_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => bodies.id, { onDelete: 'cascade' }),
    /** Who started it: the job acts as this person, under the same rules as the form. */
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    dryRun: boolean('dry_run').notNull(),
    status: importRunStatus('status').notNull().default('queued'),
    linesTotal: integer('lines_total').notNull(),
    linesDone: integer('lines_done').notNull().default(0),
    /** The command's input (the text, or the file as base64) until the run ends. */
    input: jsonb('input'),
    /** The import report when done; the problems (with line numbers) when refused. */
    report: jsonb('report'),
    problems: jsonb('problems').$type<StoredText[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_runs_body_idx').on(t.bodyId, t.createdAt)],
);

export type ImportRun = typeof importRuns.$inferSelect;
export type Principal = typeof principals.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type Structure = typeof structures.$inferSelect;
export type StructureCategory = typeof structureCategories.$inferSelect;
export type ContactSurface = typeof contactSurfaces.$inferSelect;
export type Body = typeof bodies.$inferSelect;
export type MandateVersion = typeof mandateVersions.$inferSelect;
export type Seat = typeof seats.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type BodyCommissioner = typeof bodyCommissioners.$inferSelect;
export type PrincipalKindRow = typeof principalKindsTable.$inferSelect;
