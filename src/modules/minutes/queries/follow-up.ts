import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { people } from '../../../platform/auth/schema.js';
import { bodies } from '../../structure/schema.js';
import { itemSubmissions, meetings } from '../../meetings/schema.js';
import { actionItems, approvals, minutes } from '../schema.js';

/**
 * What a body's secretary follows up, and what the home page warns about in the bodies a
 * person leads. Each list is one query, also for many bodies at once.
 *
 * Minutes are due MINUTES_DUE_DAYS days after the meeting ended: later than that, minutes
 * that are not locked (approved protocol, or notes the secretary finalised) are "late".
 * Meetings older than FOLLOW_UP_DAYS are left out, so that history recorded without minutes
 * does not warn for ever.
 */
export const MINUTES_DUE_DAYS = 14;
export const FOLLOW_UP_DAYS = 365;
const DAY = 24 * 3600_000;

/** The current content version of the minutes (as contentVersion): an approval of an older one is asked again. */
const contentVersionSql = sql`(${minutes.version} + coalesce((select sum(mi.version) from minute_items mi where mi.minutes_id = ${minutes.id}), 0))`;
/** An approver of the running round who has not approved its current content. */
const pendingApproval = and(
  eq(minutes.status, 'in_approval'),
  sql`${approvals.round} = ${minutes.lockedVersion} + 1`,
  sql`(${approvals.approvedVersion} is null or ${approvals.approvedVersion} <> ${contentVersionSql})`,
);

/** The person's open actions, the earliest due first, and how many there are. */
export async function openActionsOfPerson(db: DbOrTx, personId: string, limit: number) {
  const rows = await db
    .select({
      id: actionItems.id,
      title: actionItems.title,
      dueOn: actionItems.dueOn,
      bodyId: bodies.id,
      bodyName: bodies.name,
      meetingId: meetings.id,
      meetingStartsAt: meetings.startsAt,
      total: sql<number>`count(*) over ()`,
    })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, actionItems.bodyId))
    .where(and(eq(actionItems.ownerPersonId, personId), eq(actionItems.status, 'open')))
    .orderBy(sql`${actionItems.dueOn} asc nulls last`, asc(actionItems.createdAt), asc(actionItems.id))
    .limit(limit);
  return { items: rows, total: Number(rows[0]?.total ?? 0) };
}

/** Per body: the meetings that ended more than MINUTES_DUE_DAYS ago (within FOLLOW_UP_DAYS) without locked minutes. */
export async function lateMinutesByBody(db: DbOrTx, bodyIds: string[], now: Date): Promise<Map<string, number>> {
  if (!bodyIds.length) return new Map();
  const rows = await db
    .select({ bodyId: meetings.bodyId, n: sql<number>`count(*)::int` })
    .from(meetings)
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .where(
      and(
        inArray(meetings.bodyId, bodyIds),
        ne(meetings.status, 'cancelled'),
        lt(meetings.endsAt, new Date(now.getTime() - MINUTES_DUE_DAYS * DAY)),
        gte(meetings.endsAt, new Date(now.getTime() - FOLLOW_UP_DAYS * DAY)),
        or(isNull(minutes.id), eq(minutes.lockedVersion, 0)),
      ),
    )
    .groupBy(meetings.bodyId);
  return new Map(rows.map((r) => [r.bodyId, Number(r.n)]));
}

/** Per body: the minutes whose running approval round has an approver past the deadline. */
export async function overdueApprovalsByBody(db: DbOrTx, bodyIds: string[], now: Date): Promise<Map<string, number>> {
  if (!bodyIds.length) return new Map();
  const rows = await db
    .select({ bodyId: minutes.bodyId, n: sql<number>`count(distinct ${minutes.id})::int` })
    .from(approvals)
    .innerJoin(minutes, eq(minutes.id, approvals.minutesId))
    .where(and(inArray(minutes.bodyId, bodyIds), pendingApproval, lt(approvals.deadline, now)))
    .groupBy(minutes.bodyId);
  return new Map(rows.map((r) => [r.bodyId, Number(r.n)]));
}

/** How many rows each list of the follow-up page shows at most. */
const LIST_LIMIT = 200;

/** A body's follow-up: open actions (all owners), pending approvals, submissions waiting for a decision, meetings without locked minutes. */
export async function followUpOf(db: DbOrTx, bodyId: string, now: Date) {
  const [actions, pending, submissions, withoutMinutes] = await Promise.all([
    db
      .select({
        id: actionItems.id,
        title: actionItems.title,
        dueOn: actionItems.dueOn,
        ownerPersonId: actionItems.ownerPersonId,
        ownerName: sql<string | null>`coalesce(${people.name}, ${actionItems.ownerName})`,
        meetingId: meetings.id,
        meetingTitle: meetings.title,
        meetingStartsAt: meetings.startsAt,
      })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .leftJoin(people, eq(people.id, actionItems.ownerPersonId))
      .where(and(eq(actionItems.bodyId, bodyId), eq(actionItems.status, 'open')))
      .orderBy(sql`${actionItems.dueOn} asc nulls last`, asc(actionItems.createdAt), asc(actionItems.id))
      .limit(LIST_LIMIT),
    db
      .select({
        minutesId: minutes.id,
        meetingId: meetings.id,
        meetingTitle: meetings.title,
        meetingStartsAt: meetings.startsAt,
        personId: approvals.personId,
        personName: people.name,
        role: approvals.role,
        deadline: approvals.deadline,
      })
      .from(approvals)
      .innerJoin(minutes, eq(minutes.id, approvals.minutesId))
      .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
      .innerJoin(people, eq(people.id, approvals.personId))
      .where(and(eq(minutes.bodyId, bodyId), pendingApproval))
      .orderBy(asc(approvals.deadline), asc(meetings.startsAt), asc(approvals.role), asc(people.sortKey))
      .limit(LIST_LIMIT),
    db
      .select({
        id: itemSubmissions.id,
        title: itemSubmissions.title,
        submittedAt: itemSubmissions.createdAt,
        submittedByName: people.name,
        meetingId: meetings.id,
        meetingTitle: meetings.title,
        meetingStartsAt: meetings.startsAt,
        agendaPublishOn: meetings.agendaPublishOn,
      })
      .from(itemSubmissions)
      .innerJoin(meetings, eq(meetings.id, itemSubmissions.meetingId))
      .innerJoin(people, eq(people.id, itemSubmissions.submittedBy))
      .where(and(eq(meetings.bodyId, bodyId), eq(itemSubmissions.status, 'proposed'), ne(meetings.status, 'cancelled')))
      .orderBy(asc(meetings.startsAt), asc(itemSubmissions.createdAt), asc(itemSubmissions.id))
      .limit(LIST_LIMIT),
    db
      .select({ meetingId: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, minutesStatus: minutes.status })
      .from(meetings)
      .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
      .where(
        and(
          eq(meetings.bodyId, bodyId),
          ne(meetings.status, 'cancelled'),
          lt(meetings.startsAt, now),
          gte(meetings.endsAt, new Date(now.getTime() - FOLLOW_UP_DAYS * DAY)),
          or(isNull(minutes.id), eq(minutes.lockedVersion, 0)),
        ),
      )
      .orderBy(desc(meetings.startsAt), asc(meetings.id))
      .limit(LIST_LIMIT),
  ]);
  return { actions, approvals: pending, submissions, withoutMinutes };
}
