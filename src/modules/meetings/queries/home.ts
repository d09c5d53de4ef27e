import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { bodyRoles, type BodyRole } from '../../../platform/auth/roles.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { meetingBodies, meetings, type MeetingStatus } from '../schema.js';
import { personMeetingPairs, STRONGEST_ROLE_FIRST, yearBounds } from './meetings.js';

/** One of a person's next meetings, with the host body and the person's strongest role in it. */
export interface NextMeeting {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: MeetingStatus;
  bodyId: string;
  bodyName: string;
  callOpensOn: Date | null;
  submissionDeadline: Date | null;
  agendaPublishOn: Date | null;
  agendaPublishedAt: Date | null;
  role: BodyRole;
  substitutesAllowed: boolean;
}

/**
 * The person's next meetings (not cancelled) in the bodies they have a role in today: the
 * meetings the bodies host and the joint meetings they take part in, the earliest first.
 * One query: the two index-driven parts combined with `union all` (as upcomingMeetingsOfPerson),
 * per meeting the row of the person's strongest role.
 */
export async function nextMeetingsOfPerson(db: DbOrTx, personId: string, now: Date, until: Date, limit: number): Promise<NextMeeting[]> {
  const from = now.toISOString();
  const to = until.toISOString();
  const result = await db.execute(sql`
    with ${personMeetingPairs(personId, from, to, 'ongoing')}, per_meeting as (
      select distinct on (mt.id) mt.id, mt.title, mt.starts_at, mt.ends_at, mt.status::text as status, mt.body_id, hb.name as body_name,
             mt.call_opens_on, mt.submission_deadline, mt.agenda_publish_on, mt.agenda_published_at,
             p.role::text as role, p.substitutes_allowed
      from pairs p
      join meetings mt on mt.id = p.meeting_id
      join bodies hb on hb.id = mt.body_id
      where mt.ends_at > ${from}::timestamptz and mt.starts_at <= ${to}::timestamptz
        and mt.status <> 'cancelled'
      order by mt.id, ${STRONGEST_ROLE_FIRST}
    )
    select * from per_meeting order by starts_at, id limit ${limit}`);
  const at = (v: unknown) => (v ? new Date(v as string) : null);
  return (result.rows as Record<string, unknown>[]).map((r) => ({
    id: String(r.id),
    title: String(r.title),
    startsAt: new Date(r.starts_at as string),
    endsAt: new Date(r.ends_at as string),
    status: String(r.status) as MeetingStatus,
    bodyId: String(r.body_id),
    bodyName: String(r.body_name),
    callOpensOn: at(r.call_opens_on),
    submissionDeadline: at(r.submission_deadline),
    agendaPublishOn: at(r.agenda_publish_on),
    agendaPublishedAt: at(r.agenda_published_at),
    role: bodyRoles.find((role) => role === r.role) ?? 'reader',
    substitutesAllowed: r.substitutes_allowed === true || r.substitutes_allowed === 't',
  }));
}

/** The facts the frequency rule counts, for many bodies at once in a year: their own meetings and the joint ones they take part in (two queries). */
export async function frequencyFactsOfBodies(db: DbOrTx, bodyIds: string[], year: number) {
  if (!bodyIds.length) return [];
  const { from, to } = yearBounds(year);
  const columns = { startsAt: meetings.startsAt, status: meetings.status, format: meetings.format, isJoint: meetings.isJoint };
  const [own, joint] = await Promise.all([
    db
      .select({ bodyId: meetings.bodyId, ...columns })
      .from(meetings)
      .where(and(inArray(meetings.bodyId, bodyIds), gte(meetings.startsAt, from), lt(meetings.startsAt, to))),
    db
      .select({ bodyId: meetingBodies.bodyId, ...columns })
      .from(meetingBodies)
      .innerJoin(meetings, eq(meetings.id, meetingBodies.meetingId))
      .where(and(inArray(meetingBodies.bodyId, bodyIds), gte(meetings.startsAt, from), lt(meetings.startsAt, to))),
  ]);
  return [...own, ...joint];
}
