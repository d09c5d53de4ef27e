import { and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { bodyRoles } from '../../../platform/auth/roles.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { people } from '../../../platform/auth/schema.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { pageOf, PAGE_SIZE, type Paged } from '../../../platform/http/paging.js';
import { stockholmTime } from '../../../platform/time.js';
import { bodies, structures } from '../../structure/schema.js';
import { absenceReports, attachments, attendance, itemSubmissions, meetingBodies, meetings, type Meeting } from '../schema.js';

/** The instants bounding a Stockholm calendar year: [start, next year's start). */
export function yearBounds(year: number): { from: Date; to: Date } {
  return { from: stockholmTime(year, 1, 1), to: stockholmTime(year + 1, 1, 1) };
}

export interface MeetingListRow {
  id: string;
  title: string;
  bodyId: string;
  bodyName: string;
  startsAt: Date;
  endsAt: Date;
  format: Meeting['format'];
  address: string | null;
  room: string | null;
  status: Meeting['status'];
  isJoint: boolean;
  registeredAfterwards: boolean;
  submissionDeadline: Date | null;
  agendaPublishedAt: Date | null;
  changedAfterPublishAt: Date | null;
}

const listColumns = {
  id: meetings.id,
  title: meetings.title,
  bodyId: meetings.bodyId,
  bodyName: bodies.name,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  format: meetings.format,
  address: meetings.address,
  room: meetings.room,
  status: meetings.status,
  isJoint: meetings.isJoint,
  registeredAfterwards: meetings.registeredAfterwards,
  submissionDeadline: meetings.submissionDeadline,
  agendaPublishedAt: meetings.agendaPublishedAt,
  changedAfterPublishAt: meetings.changedAfterPublishAt,
};

/** The meetings of other bodies' joint meetings that a body takes part in. */
export async function jointMeetingIds(db: DbOrTx, bodyId: string): Promise<string[]> {
  return (await db.select({ id: meetingBodies.meetingId }).from(meetingBodies).where(eq(meetingBodies.bodyId, bodyId))).map((r) => r.id);
}

/** SQL: the body's own meetings and the joint ones it takes part in (ids from jointMeetingIds). */
function ofBodyWith(bodyId: string, joint: readonly string[]) {
  return joint.length ? or(eq(meetings.bodyId, bodyId), inArray(meetings.id, [...joint]))! : eq(meetings.bodyId, bodyId);
}

/** A body's meetings in a year (its own and joint ones it takes part in), in date order, paged. */
export async function listBodyMeetings(db: DbOrTx, bodyId: string, year: number, page = 1, pageSize = PAGE_SIZE, joint?: string[]): Promise<Paged<MeetingListRow>> {
  const { from, to } = yearBounds(year);
  const where = and(ofBodyWith(bodyId, joint ?? (await jointMeetingIds(db, bodyId))), gte(meetings.startsAt, from), lt(meetings.startsAt, to));
  const items = await db
    .select(listColumns)
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(where)
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  // A first page that is not full is the whole year (a body rarely meets 50 times a year).
  const total = page === 1 && items.length < pageSize ? items.length : ((await db.select({ n: count() }).from(meetings).where(where))[0]?.n ?? 0);
  return pageOf(items, page, total, pageSize);
}

/** The years a body has meetings in (for the year links), newest first. */
export async function meetingYears(db: DbOrTx, bodyId: string, joint?: string[]): Promise<number[]> {
  const rows = await db.execute(sql`
    select distinct extract(year from (${meetings.startsAt} at time zone 'Europe/Stockholm'))::int as year
    from ${meetings} where ${ofBodyWith(bodyId, joint ?? (await jointMeetingIds(db, bodyId)))} order by 1 desc limit 100`);
  return (rows.rows as { year: number | string }[]).map((r) => Number(r.year));
}

/** What the frequency check needs: the body's meetings around a year. */
export async function frequencyFacts(db: DbOrTx, bodyId: string, year: number, joint?: string[]) {
  const { from, to } = yearBounds(year);
  return db
    .select({ startsAt: meetings.startsAt, status: meetings.status, format: meetings.format, isJoint: meetings.isJoint })
    .from(meetings)
    .where(and(ofBodyWith(bodyId, joint ?? (await jointMeetingIds(db, bodyId))), gte(meetings.startsAt, from), lt(meetings.startsAt, to)));
}

/**
 * The bodies whose meetings the actor may see: null for administrators (every body);
 * otherwise the bodies where the person has an active role, and every body below them.
 */
export async function visibleBodyIds(db: DbOrTx, actor: Actor, day: string): Promise<string[] | null> {
  if (actor.kind === 'system' || (actor.kind === 'person' && actor.isAdmin)) return null;
  if (actor.kind !== 'person') return [];
  const result = await db.execute(sql`
    with recursive down(id, depth) as (
      select m.body_id, 0 from memberships m
      where m.person_id = ${actor.personId} and m.start_on <= ${day} and (m.end_on is null or m.end_on >= ${day})
      union
      select b.id, d.depth + 1 from bodies b join down d on b.parent_id = d.id where d.depth < 32
    )
    select distinct id from down`);
  return (result.rows as { id: string }[]).map((r) => r.id);
}

/**
 * A structure's meetings, newest first, paged in SQL (only the bodies the actor may see).
 * The page's ids are found on the (structure, starts_at, id) index alone; only those 50
 * rows are then joined with their bodies, so a deep page costs little more than the first.
 */
export async function listStructureMeetings(db: DbOrTx, structureId: string, visible: string[] | null, page = 1, pageSize = PAGE_SIZE): Promise<Paged<MeetingListRow>> {
  if (visible && visible.length === 0) return pageOf([], page, 0, pageSize);
  const where = and(eq(meetings.structureId, structureId), visible ? inArray(meetings.bodyId, visible) : undefined);
  const pageIds = db
    .select({ id: meetings.id })
    .from(meetings)
    .where(where)
    .orderBy(desc(meetings.startsAt), desc(meetings.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [items, totals] = await Promise.all([
    db.select(listColumns).from(meetings).innerJoin(bodies, eq(bodies.id, meetings.bodyId)).where(inArray(meetings.id, pageIds)).orderBy(desc(meetings.startsAt), desc(meetings.id)),
    page === 1 ? undefined : db.select({ n: count() }).from(meetings).where(where),
  ]);
  // A first page that is not full is the whole list: no need to count.
  const total = totals ? (totals[0]?.n ?? 0) : items.length < pageSize ? items.length : ((await db.select({ n: count() }).from(meetings).where(where))[0]?.n ?? 0);
  return pageOf(items, page, total, pageSize);
}

export async function structureBySlugOrId(db: DbOrTx, key: string) {
  const [row] = await db
    .select()
    .from(structures)
    .where(/^[0-9a-f-]{36}$/i.test(key) ? or(eq(structures.slug, key), eq(structures.id, key)) : eq(structures.slug, key));
  return row;
}

export async function jointBodies(db: DbOrTx, meetingId: string) {
  return db
    .select({ id: bodies.id, name: bodies.name })
    .from(meetingBodies)
    .innerJoin(bodies, eq(bodies.id, meetingBodies.bodyId))
    .where(eq(meetingBodies.meetingId, meetingId))
    .orderBy(asc(bodies.sortKey));
}

/** The submissions of a meeting with who sent them; only the person's own unless `all`. */
export async function submissionsOf(db: DbOrTx, meetingId: string, options: { all: boolean; personId?: string | undefined }) {
  if (!options.all && !options.personId) return [];
  return db
    .select({ submission: itemSubmissions, submitterName: people.name })
    .from(itemSubmissions)
    .innerJoin(people, eq(people.id, itemSubmissions.submittedBy))
    .where(and(eq(itemSubmissions.meetingId, meetingId), options.all ? undefined : eq(itemSubmissions.submittedBy, options.personId!)))
    .orderBy(asc(itemSubmissions.createdAt));
}

/** Attachments of a meeting without their content. */
export async function attachmentsOf(db: DbOrTx, meetingId: string) {
  return db
    .select({
      id: attachments.id,
      itemId: attachments.itemId,
      submissionId: attachments.submissionId,
      uploadedBy: attachments.uploadedBy,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(eq(attachments.meetingId, meetingId))
    .orderBy(asc(attachments.createdAt));
}

export async function attachmentById(db: DbOrTx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id));
  return row;
}

export async function absenceOf(db: DbOrTx, meetingId: string, personId: string) {
  const [row] = await db
    .select()
    .from(absenceReports)
    .where(and(eq(absenceReports.meetingId, meetingId), eq(absenceReports.personId, personId)));
  return row;
}

interface AttendanceStat {
  key: string;
  label: string;
  present: number;
  absent: number;
  excused: number;
  meetings: number;
}

/**
 * Attendance over a period for a body's meetings: per person and per organisation, how many
 * meetings they were present at, absent from, and excused from.
 */
export async function attendanceStatistics(db: DbOrTx, bodyId: string, from: Date, to: Date): Promise<{ meetings: number; people: AttendanceStat[]; organisations: AttendanceStat[] }> {
  const inPeriod = and(ofBodyWith(bodyId, await jointMeetingIds(db, bodyId)), gte(meetings.startsAt, from), lt(meetings.startsAt, to), sql`${meetings.status} <> 'cancelled'`);
  const [meetingCount] = await db.select({ n: count() }).from(meetings).where(inPeriod);
  const statusCounts = {
    present: sql<number>`count(*) filter (where ${attendance.status} = 'present')::int`,
    absent: sql<number>`count(*) filter (where ${attendance.status} = 'absent')::int`,
    excused: sql<number>`count(*) filter (where ${attendance.status} = 'excused')::int`,
    meetings: sql<number>`count(distinct ${attendance.meetingId})::int`,
  };
  const byPerson = await db
    .select({ key: sql<string>`coalesce(${people.id}::text, ${attendance.guestName})`, label: sql<string>`coalesce(${people.name}, ${attendance.guestName})`, ...statusCounts })
    .from(attendance)
    .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
    .leftJoin(people, eq(people.id, attendance.personId))
    .where(and(inPeriod, inArray(attendance.status, ['present', 'absent', 'excused'])))
    .groupBy(people.id, people.name, attendance.guestName, people.sortKey)
    .orderBy(asc(sql`coalesce(${people.sortKey}, lower(${attendance.guestName}))`))
    .limit(1000);
  const byOrg = await db
    .select({ key: sql<string>`coalesce(${attendance.organisationLabel}, '')`, label: sql<string>`coalesce(${attendance.organisationLabel}, '')`, ...statusCounts })
    .from(attendance)
    .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
    .where(and(inPeriod, inArray(attendance.status, ['present', 'absent', 'excused'])))
    .groupBy(attendance.organisationLabel)
    .orderBy(asc(sql`coalesce(${attendance.organisationLabel}, '')`))
    .limit(1000);
  const num = (r: AttendanceStat) => ({ ...r, present: Number(r.present), absent: Number(r.absent), excused: Number(r.excused), meetings: Number(r.meetings) });
  return { meetings: meetingCount?.n ?? 0, people: byPerson.map(num), organisations: byOrg.map(num) };
}

/**
 * The common start of a person's meetings in a window, as two named subqueries for a `with`:
 * `mine`, the bodies the person has a role in today, and `pairs`, one row per role and
 * meeting (body_id, role, substitutes_allowed, meeting_id) for the meetings those bodies host
 * in the window and the joint meetings they take part in. Two index-driven parts combined
 * with `union all` (an `or` in the join read every meeting in the window, see
 * docs/performance.md). `starting`: meetings that start in the window; `ongoing`: also those
 * that started before and have not ended.
 */
export function personMeetingPairs(personId: string, from: string, to: string, window: 'starting' | 'ongoing'): SQL {
  const begins = window === 'starting' ? sql`mt.starts_at > ${from}::timestamptz` : sql`mt.ends_at > ${from}::timestamptz`;
  return sql`mine as (
      select m.body_id, m.role, b.substitutes_allowed
      from memberships m
      join bodies b on b.id = m.body_id
      where m.person_id = ${personId}
        and m.start_on <= (${from}::timestamptz at time zone 'Europe/Stockholm')::date
        and (m.end_on is null or m.end_on >= (${from}::timestamptz at time zone 'Europe/Stockholm')::date)
    ), pairs as (
      select mine.body_id, mine.role, mine.substitutes_allowed, mt.id as meeting_id
      from mine
      join meetings mt on mt.body_id = mine.body_id
      where ${begins} and mt.starts_at <= ${to}::timestamptz
      union all
      select mine.body_id, mine.role, mine.substitutes_allowed, mb.meeting_id
      from mine
      join meeting_bodies mb on mb.body_id = mine.body_id
    )`;
}

/** Orders a meeting's `pairs` rows by role, strongest first (for `distinct on`). */
export const STRONGEST_ROLE_FIRST = sql`case p.role when 'secretary' then 0 when 'process_leader' then 1 when 'chair' then 2 when 'vice_chair' then 3 when 'member' then 4 else 5 end`;

/**
 * Upcoming meetings of the bodies a person has a role in, between now and `until`: the meetings
 * the bodies host and the joint meetings they take part in; per meeting, the row of the
 * person's strongest role.
 */
export async function upcomingMeetingsOfPerson(db: DbOrTx, personId: string, now: Date, until: Date) {
  const from = now.toISOString();
  const to = until.toISOString();
  const result = await db.execute(sql`
    with ${personMeetingPairs(personId, from, to, 'starting')}
    select distinct on (mt.id) mt.id, mt.title, mt.starts_at, mt.call_opens_on, mt.submission_deadline, mt.agenda_publish_on,
           mt.agenda_published_at, mt.status::text as status, p.role::text as role, p.substitutes_allowed, (mt.body_id = p.body_id) as host
    from pairs p
    join meetings mt on mt.id = p.meeting_id
    where mt.starts_at > ${from}::timestamptz and mt.starts_at <= ${to}::timestamptz
      and mt.status in ('planned', 'called')
    order by mt.id, ${STRONGEST_ROLE_FIRST}
    limit 200`);
  return (result.rows as Record<string, unknown>[]).map((r) => ({
    id: String(r.id),
    title: String(r.title),
    startsAt: new Date(r.starts_at as string),
    callOpensOn: r.call_opens_on ? new Date(r.call_opens_on as string) : null,
    submissionDeadline: r.submission_deadline ? new Date(r.submission_deadline as string) : null,
    agendaPublishOn: r.agenda_publish_on ? new Date(r.agenda_publish_on as string) : null,
    agendaPublishedAt: r.agenda_published_at ? new Date(r.agenda_published_at as string) : null,
    status: String(r.status),
    role: bodyRoles.find((role) => role === r.role) ?? 'reader',
    substitutesAllowed: r.substitutes_allowed === true || r.substitutes_allowed === 't',
    host: r.host === true || r.host === 't',
  }));
}

/** How many submissions of a meeting wait for the secretary's decision. */
export async function openSubmissionCount(db: DbOrTx, meetingIds: string[]): Promise<Map<string, number>> {
  if (!meetingIds.length) return new Map();
  const rows = await db
    .select({ meetingId: itemSubmissions.meetingId, n: count() })
    .from(itemSubmissions)
    .where(and(inArray(itemSubmissions.meetingId, meetingIds), eq(itemSubmissions.status, 'proposed')))
    .groupBy(itemSubmissions.meetingId);
  return new Map(rows.map((r) => [r.meetingId, r.n]));
}
