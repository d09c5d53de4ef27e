import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.js';
import { people } from '../../../platform/auth/schema.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { today } from '../../../platform/days.js';
import { notFound } from '../../../platform/refusals.js';
import { compareSwedish } from '../../../platform/sortkey.js';
import { stockholmDay } from '../../../platform/time.js';
import { loadMeeting, treeOrder, UUID, type LoadedMeeting } from '../../meetings/index.js';
import { agendaItems, attendance, meetings, type Meeting } from '../../meetings/schema.js';
import { bodies, memberships, type Body } from '../../structure/schema.js';
import { decisionLabel } from '../numbering.js';
import type { DocumentVersion } from '../document.js';
import { upgradeSnapshot, type MinutesSnapshot } from '../snapshot.js';
import {
  actionItems,
  approvals,
  decisions,
  meetingEvaluations,
  minuteItems,
  minutes,
  minutesDistribution,
  minuteVersions,
  type ActionItem,
  type Approval,
  type MinuteItem,
  type Minutes,
  type MinuteVersion,
} from '../schema.js';

/** Reads of the minutes, their items, approvals and versions, and of the people, actions and evaluations around them. */

/** The minutes of a meeting, if started. */
export async function minutesOf(db: DbOrTx, meetingId: string, lock = false): Promise<Minutes | undefined> {
  const query = db.select().from(minutes).where(eq(minutes.meetingId, meetingId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Loads a meeting, its minutes (if any) and the actor's roles, without authorizing. */
export async function loadMeetingMinutes(db: DbOrTx, actor: Actor, meetingId: string, now = new Date()): Promise<LoadedMeeting & { minutes: Minutes | undefined }> {
  const loaded = await loadMeeting(db, actor, meetingId, now);
  return { ...loaded, minutes: await minutesOf(db, meetingId) };
}

/** The meeting id of a minute item (for routes that name the item only). */
export async function meetingOfItem(db: DbOrTx, itemId: string): Promise<string> {
  if (!UUID.test(itemId)) notFound('minutes.refusal.itemNotFound');
  const [row] = await db.select({ meetingId: minuteItems.meetingId }).from(minuteItems).where(eq(minuteItems.id, itemId));
  if (!row) notFound('minutes.refusal.itemNotFound');
  return row.meetingId;
}

export async function itemsOf(db: DbOrTx, minutesId: string): Promise<MinuteItem[]> {
  // In tree order: each item followed by its sub-items.
  return treeOrder(await db.select().from(minuteItems).where(eq(minuteItems.minutesId, minutesId)).orderBy(asc(minuteItems.position), asc(minuteItems.id)));
}

/**
 * The version of the whole content: the minutes' own version plus every item's. Each save
 * raises one of them by one, so an approver's "I approve version N" names exactly what
 * they read; any later save makes it stale.
 */
export async function contentVersion(db: DbOrTx, m: Pick<Minutes, 'id' | 'version'>): Promise<number> {
  const items = await db.select({ version: minuteItems.version }).from(minuteItems).where(eq(minuteItems.minutesId, m.id));
  return m.version + items.reduce((sum, i) => sum + i.version, 0);
}

/** The approvers of a round, chair first. */
export function approvalsOf(db: DbOrTx, minutesId: string, round: number): Promise<Approval[]> {
  return db
    .select()
    .from(approvals)
    .where(and(eq(approvals.minutesId, minutesId), eq(approvals.round, round)))
    .orderBy(asc(approvals.role), asc(approvals.createdAt));
}

/** The round an approval in progress belongs to: the version it will lock. */
export const currentRound = (m: Pick<Minutes, 'lockedVersion'>) => m.lockedVersion + 1;

export const isLocked = (m: Pick<Minutes, 'status'>) => m.status === 'approved' || m.status === 'final';

/** True when the person attended the meeting (present) or is on its attendance list. */
export async function attended(db: DbOrTx, meetingId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.meetingId, meetingId), eq(attendance.personId, personId)));
  return row?.status === 'present';
}

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

/** A locked version's content (versions locked in an earlier format are read into the current one). */
export const snapshotOf = (v: MinuteVersion): MinutesSnapshot => upgradeSnapshot(JSON.parse(v.canonical));

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

/** The published minutes of a body, newest first. */
export async function publishedOfBody(db: DbOrTx, bodyId: string) {
  return db
    .select({ minutes, meeting: meetings })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(and(eq(minutes.bodyId, bodyId), isNotNull(minutes.publishedAt)))
    .orderBy(desc(meetings.startsAt));
}

/*
 * Who may be appointed chair of the minutes, adjuster (justerare) or owner of an action:
 * people with a role in the meeting's body (or in a body that convenes the meeting
 * jointly) — any engagement, member, substitute, chair, secretary, adjunct, expert or
 * reader — that covers the meeting day and has not ended before today. Those are the
 * people who may read the minutes, so whoever is appointed can open what they are to
 * approve or follow up. An attendance entry alone (a guest) does not count.
 */

export interface AppointingMeeting {
  meeting: Pick<Meeting, 'bodyId' | 'startsAt'>;
  jointBodyIds: readonly string[];
}

/** The people who may be appointed, sorted by name (only among `ids` when given). */
export async function appointees(db: DbOrTx, m: AppointingMeeting, ids?: readonly string[], now = new Date()): Promise<PersonChoice[]> {
  if (ids && ids.length === 0) return [];
  const day = stockholmDay(m.meeting.startsAt);
  const until = today(now) > day ? today(now) : day;
  const rows = await db
    .selectDistinct({ id: people.id, name: people.name, sortKey: people.sortKey })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        inArray(memberships.bodyId, [m.meeting.bodyId, ...m.jointBodyIds]),
        lte(memberships.startOn, day),
        or(isNull(memberships.endOn), gte(memberships.endOn, until)),
        ids ? inArray(people.id, [...ids]) : undefined,
      ),
    )
    .orderBy(asc(people.sortKey), asc(people.id));
  return rows.map(({ id, name }) => ({ id, name }));
}

/** The decision labels of a meeting's items ("SAMS 2026:12"), by minute item id. */
export async function decisionLabelsOf(db: DbOrTx, meetingId: string, body: Pick<Body, 'name' | 'shortName' | 'paragraphNumbering'>): Promise<Map<string | null, string>> {
  const rows = await db
    .select()
    .from(decisions)
    .where(and(eq(decisions.meetingId, meetingId), isNull(decisions.withdrawnAt)));
  return new Map(rows.map((d) => [d.minuteItemId, decisionLabel(body, d)]));
}

/** People's names by id. */
export async function personNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, [...ids]));
  return new Map(rows.map((p) => [p.id, p.name]));
}

/**
 * Where the tabled items on a meeting's agenda were tabled: the agenda item, the earlier
 * meeting's day and the item's number. `originOf` reads the tabled item from an agenda
 * item's source reference (the tabled source's `tabledOrigin`).
 */
export async function tabledOriginsOf(db: DbOrTx, meetingId: string, originOf: (sourceRef: string | null) => string | null): Promise<{ agendaItemId: string; startsAt: Date; number: string }[]> {
  const agenda = await db.select({ id: agendaItems.id, sourceRef: agendaItems.sourceRef }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId));
  const origins = agenda.map((a) => ({ id: a.id, origin: originOf(a.sourceRef) })).filter((a): a is { id: string; origin: string } => !!a.origin);
  if (!origins.length) return [];
  const rows = await db
    .select({ item: minuteItems, startsAt: meetings.startsAt })
    .from(minuteItems)
    .innerJoin(meetings, eq(meetings.id, minuteItems.meetingId))
    .where(
      inArray(
        minuteItems.id,
        origins.map((o) => o.origin),
      ),
    );
  return origins.flatMap((o) => {
    const row = rows.find((r) => r.item.id === o.origin);
    return row ? [{ agendaItemId: o.id, startsAt: row.startsAt, number: row.item.number ?? String(row.item.position) }] : [];
  });
}

/** The addresses a body's locked minutes go to besides its members. */
export async function distributionOf(db: DbOrTx, bodyId: string): Promise<typeof minutesDistribution.$inferSelect | undefined> {
  const [row] = await db.select().from(minutesDistribution).where(eq(minutesDistribution.bodyId, bodyId));
  return row;
}
