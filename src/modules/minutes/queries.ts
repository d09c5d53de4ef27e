import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { pageOf, PAGE_SIZE, type Paged } from '../../platform/http/paging.js';
import { compareSwedish } from '../../platform/sortkey.js';
import { bodies, memberships } from '../structure/schema.js';
import { stockholmDay } from '../../platform/time.js';
import { attendance, meetings, type Meeting } from '../meetings/schema.js';
import type { DocumentVersion } from './document.js';
import { decisionLabel } from './numbering.js';
import type { MinutesSnapshot } from './snapshot.js';
import { actionItems, decisions, meetingEvaluations, minuteItems, minutes, minuteVersions, type ActionItem, type Decision, type FollowUpStatus, type MinuteVersion } from './schema.js';

/** Reads for the minutes pages and API. */

export function versionInfo(v: MinuteVersion): DocumentVersion {
  return { number: v.number, status: v.status, sha256: v.sha256, lockedAt: v.lockedAt, approvers: v.approvers, changes: v.changes, reason: v.reason };
}

export function versionsOf(db: DbOrTx, minutesId: string): Promise<MinuteVersion[]> {
  return db.select().from(minuteVersions).where(eq(minuteVersions.minutesId, minutesId)).orderBy(asc(minuteVersions.number));
}

export async function versionOf(db: DbOrTx, minutesId: string, number: number): Promise<MinuteVersion | undefined> {
  const [row] = await db
    .select()
    .from(minuteVersions)
    .where(and(eq(minuteVersions.minutesId, minutesId), eq(minuteVersions.number, number)));
  return row;
}

export const snapshotOf = (v: MinuteVersion) => JSON.parse(v.canonical) as MinutesSnapshot;

export interface PersonChoice {
  id: string;
  name: string;
}

/** People to choose among for chair, adjusters, note takers, presenters and owners: the attendance list and the body's members on the day. */
export async function peopleChoices(db: DbOrTx, meeting: Meeting): Promise<PersonChoice[]> {
  const day = stockholmDay(meeting.startsAt);
  const [present, members] = await Promise.all([
    db.select({ id: people.id, name: people.name }).from(attendance).innerJoin(people, eq(people.id, attendance.personId)).where(eq(attendance.meetingId, meeting.id)),
    db
      .select({ id: people.id, name: people.name })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.bodyId, meeting.bodyId), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day)))),
  ]);
  const byId = new Map([...present, ...members].map((p) => [p.id, p]));
  return [...byId.values()].sort((a, b) => compareSwedish(a.name, b.name));
}

export interface ActionRow extends ActionItem {
  ownerDisplay: string | null;
  itemTitle: string | null;
}

export async function actionsOfMeeting(db: DbOrTx, meetingId: string): Promise<ActionRow[]> {
  const rows = await db
    .select({ a: actionItems, owner: people.name, itemTitle: minuteItems.title })
    .from(actionItems)
    .leftJoin(people, eq(people.id, actionItems.ownerPersonId))
    .leftJoin(minuteItems, eq(minuteItems.id, actionItems.minuteItemId))
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.createdAt), asc(actionItems.id));
  return rows.map((r) => ({ ...r.a, ownerDisplay: r.a.ownerName ?? r.owner, itemTitle: r.itemTitle }));
}

/** A person's actions, open first (earliest due first), with the meeting and body. */
export async function actionsOfPerson(db: DbOrTx, personId: string) {
  return db
    .select({ action: actionItems, meeting: { id: meetings.id, title: meetings.title, startsAt: meetings.startsAt }, body: { id: bodies.id, name: bodies.name } })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .innerJoin(bodies, eq(bodies.id, actionItems.bodyId))
    .where(eq(actionItems.ownerPersonId, personId))
    .orderBy(desc(sql`${actionItems.status} = 'open'`), sql`${actionItems.dueOn} asc nulls last`, asc(actionItems.createdAt));
}

export async function evaluationsOf(db: DbOrTx, meetingId: string) {
  return db
    .select({ e: meetingEvaluations, name: people.name })
    .from(meetingEvaluations)
    .innerJoin(people, eq(people.id, meetingEvaluations.personId))
    .where(eq(meetingEvaluations.meetingId, meetingId))
    .orderBy(asc(meetingEvaluations.createdAt));
}

/** The answers as a summary to start from ("Driv:" and "Hinder:" with one line per answer). */
export function foldEvaluations(answers: { forward: string | null; hindered: string | null }[], labels: { drive: string; hinder: string }): string {
  const list = (values: (string | null)[]) =>
    values
      .flatMap((v) => (v ?? '').split(/\r?\n/))
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => `- ${v}`)
      .join('\n');
  const drive = list(answers.map((a) => a.forward));
  const hinder = list(answers.map((a) => a.hindered));
  return [drive ? `${labels.drive}:\n\n${drive}` : '', hinder ? `${labels.hinder}:\n\n${hinder}` : ''].filter(Boolean).join('\n\n');
}

// ---------------------------------------------------------------------------------------
// The decision register

export interface DecisionFilter {
  bodyIds?: string[] | null | undefined;
  structureId?: string | undefined;
  q?: string | undefined;
  year?: number | undefined;
  followUp?: FollowUpStatus | undefined;
  /**
   * What the reader may see: every decision of these bodies, and elsewhere only the decisions
   * of published minutes of public bodies that are not internal. Undefined: everything.
   */
  visibleBodyIds?: string[] | undefined;
  withdrawn?: boolean;
}

export interface DecisionRow extends Decision {
  label: string;
  bodyName: string;
  meetingTitle: string;
  itemNumber: string | null;
  minutesPublished: boolean;
}

function decisionWhere(f: DecisionFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    f.bodyIds ? (f.bodyIds.length ? inArray(decisions.bodyId, f.bodyIds) : sql`false`) : undefined,
    f.structureId ? eq(decisions.structureId, f.structureId) : undefined,
    f.year ? eq(decisions.year, f.year) : undefined,
    f.followUp ? eq(decisions.followUpStatus, f.followUp) : undefined,
    f.withdrawn ? undefined : isNull(decisions.withdrawnAt),
    f.q ? or(ilike(decisions.text, `%${escapeLike(f.q)}%`), ilike(decisions.title, `%${escapeLike(f.q)}%`)) : undefined,
    f.visibleBodyIds === undefined
      ? undefined
      : or(f.visibleBodyIds.length ? inArray(decisions.bodyId, f.visibleBodyIds) : undefined, and(eq(decisions.internal, false), isNotNull(minutes.publishedAt), eq(bodies.isPublic, true))),
  ];
  return and(...parts.filter(Boolean));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export async function listDecisions(db: DbOrTx, filter: DecisionFilter, page = 1, pageSize = PAGE_SIZE): Promise<Paged<DecisionRow>> {
  const where = decisionWhere(filter);
  const base = () =>
    db
      .select({
        d: decisions,
        bodyName: bodies.name,
        shortName: bodies.shortName,
        meetingTitle: meetings.title,
        itemNumber: minuteItems.number,
        itemPosition: minuteItems.position,
        published: minutes.publishedAt,
      })
      .from(decisions)
      .innerJoin(bodies, eq(bodies.id, decisions.bodyId))
      .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
      .leftJoin(minutes, eq(minutes.meetingId, decisions.meetingId))
      .leftJoin(minuteItems, eq(minuteItems.id, decisions.minuteItemId));
  const [rows, totals] = await Promise.all([
    base()
      .where(where)
      .orderBy(desc(decisions.decidedOn), asc(bodies.sortKey), desc(decisions.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(decisions).innerJoin(bodies, eq(bodies.id, decisions.bodyId)).leftJoin(minutes, eq(minutes.meetingId, decisions.meetingId)).where(where),
  ]);
  return pageOf(
    rows.map((r) => ({
      ...r.d,
      label: decisionLabel({ name: r.bodyName, shortName: r.shortName }, r.d),
      bodyName: r.bodyName,
      meetingTitle: r.meetingTitle,
      itemNumber: r.itemNumber ?? (r.itemPosition !== null ? String(r.itemPosition) : null),
      minutesPublished: !!r.published,
    })),
    page,
    totals[0]?.n ?? 0,
    pageSize,
  );
}

export async function decisionYears(db: DbOrTx, filter: Pick<DecisionFilter, 'bodyIds' | 'structureId'>): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: decisions.year })
    .from(decisions)
    .where(
      and(
        filter.bodyIds ? (filter.bodyIds.length ? inArray(decisions.bodyId, filter.bodyIds) : sql`false`) : undefined,
        filter.structureId ? eq(decisions.structureId, filter.structureId) : undefined,
      ),
    )
    .orderBy(desc(decisions.year));
  return rows.map((r) => r.year);
}

export async function decisionById(db: DbOrTx, id: string): Promise<DecisionRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [r] = await db
    .select({
      d: decisions,
      bodyName: bodies.name,
      shortName: bodies.shortName,
      meetingTitle: meetings.title,
      itemNumber: minuteItems.number,
      itemPosition: minuteItems.position,
      published: minutes.publishedAt,
    })
    .from(decisions)
    .innerJoin(bodies, eq(bodies.id, decisions.bodyId))
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .leftJoin(minutes, eq(minutes.meetingId, decisions.meetingId))
    .leftJoin(minuteItems, eq(minuteItems.id, decisions.minuteItemId))
    .where(eq(decisions.id, id));
  if (!r) return undefined;
  return {
    ...r.d,
    label: decisionLabel({ name: r.bodyName, shortName: r.shortName }, r.d),
    bodyName: r.bodyName,
    meetingTitle: r.meetingTitle,
    itemNumber: r.itemNumber ?? (r.itemPosition !== null ? String(r.itemPosition) : null),
    minutesPublished: !!r.published,
  };
}

/** The published minutes of a body, newest first. */
export async function publishedOfBody(db: DbOrTx, bodyId: string) {
  return db
    .select({ minutes, meeting: meetings })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(and(eq(minutes.bodyId, bodyId), isNotNull(minutes.publishedAt)))
    .orderBy(desc(meetings.startsAt));
}
