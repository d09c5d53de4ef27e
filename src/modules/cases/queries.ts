import { and, asc, count, desc, eq, gte, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.js';
import { reusable } from '../../platform/db/reusable.js';
import { pageOf, PAGE_SIZE, type Paged } from '../../platform/http/paging.js';
import { people } from '../../platform/auth/schema.js';
import { activeOn } from '../structure/index.js';
import { today, type Day } from '../../platform/days.js';
import { bodies, contactSurfaces, memberships, principals, seats, structureCategories, structures } from '../structure/schema.js';
import { meetings } from '../meetings/schema.js';
import { decisions } from '../minutes/schema.js';
import { caseStates, type CaseState, type Phase } from './flow.js';
import { noticesOf } from './notices.js';
import { reportDues } from './reports.js';
import { activities, caseAdoptions, caseAnchoring, caseCategories, caseDirectives, caseHistory, caseLinks, cases, caseStatusReports, caseStateCounts, type Activity } from './schema.js';

/*
 * Reads for the case pages, the overviews, the activity plan, the yearly report and the
 * JSON API. Lists are filtered, sorted (newest registration number first) and paged in SQL.
 */

interface CaseScope {
  structureId: string;
  bodyId?: string | undefined;
  /** One phase (its states are not given then) or some states. */
  phase?: Phase | undefined;
  states?: readonly CaseState[] | undefined;
}

type ScopeShape = `${'body' | 'structure'}_${'phase' | 'states' | 'all'}`;

/**
 * The filter of a scope, by its shape, with placeholders for its values (the lists are
 * prepared once per shape). With a body, the body alone (a body belongs to one structure;
 * the callers check that it is the structure's), so that the body's own indexes serve the
 * query; a phase by the cases' phase column, whose indexes give the list in order.
 */
function scopeWhere(shape: ScopeShape): SQL {
  const [owner, filter] = shape.split('_') as ['body' | 'structure', 'phase' | 'states' | 'all'];
  return and(
    owner === 'body' ? eq(cases.bodyId, sql.placeholder('owner')) : eq(cases.structureId, sql.placeholder('owner')),
    filter === 'phase' ? eq(cases.phase, sql.placeholder('phase')) : filter === 'states' ? sql`${cases.state} = any(${sql.placeholder('states')})` : undefined,
  )!;
}

/** The shape of a scope and the values of its placeholders. */
function scopeValues(scope: CaseScope): { shape: ScopeShape; values: Record<string, unknown> } {
  const owner = scope.bodyId ? 'body' : 'structure';
  const values = { owner: scope.bodyId ?? scope.structureId };
  if (scope.phase) return { shape: `${owner}_phase`, values: { ...values, phase: scope.phase } };
  if (scope.states?.length) return { shape: `${owner}_states`, values: { ...values, states: [...scope.states] } };
  return { shape: `${owner}_all`, values };
}

export interface CaseListRow {
  id: string;
  year: number;
  number: number;
  title: string;
  state: CaseState;
  stateChangedAt: Date;
  raisedOn: string;
  raisedByName: string;
  raisedByOrganisationName: string | null;
  bodyId: string;
  bodyName: string;
  bodyShortName: string | null;
  /** What the case waits for is read from these (see waitingFor). */
  meetingTitle: string | null;
  meetingStartsAt: Date | null;
  workingGroupName: string | null;
  escalatedToName: string | null;
  noticeSentAt: Date | null;
}

const listWorkingGroup = alias(bodies, 'list_wg');
const listEscalated = alias(bodies, 'list_escalated');

const listQuery = (shape: ScopeShape) =>
  reusable((db) =>
    db
      .select({
        id: cases.id,
        year: cases.year,
        number: cases.number,
        title: cases.title,
        state: cases.state,
        stateChangedAt: cases.stateChangedAt,
        raisedOn: cases.raisedOn,
        raisedByName: cases.raisedByName,
        raisedByOrganisationName: cases.raisedByOrganisationName,
        bodyId: cases.bodyId,
        bodyName: bodies.name,
        bodyShortName: bodies.shortName,
        meetingTitle: meetings.title,
        meetingStartsAt: meetings.startsAt,
        workingGroupName: sql<string | null>`coalesce(${listWorkingGroup.shortName}, ${listWorkingGroup.name})`,
        escalatedToName: sql<string | null>`coalesce(${listEscalated.shortName}, ${listEscalated.name})`,
        noticeSentAt: cases.noticeSentAt,
      })
      .from(cases)
      .innerJoin(bodies, eq(bodies.id, cases.bodyId))
      .leftJoin(meetings, eq(meetings.id, cases.meetingId))
      .leftJoin(listWorkingGroup, eq(listWorkingGroup.id, cases.workingGroupBodyId))
      .leftJoin(listEscalated, eq(listEscalated.id, cases.escalatedToBodyId))
      .where(scopeWhere(shape))
      .orderBy(desc(cases.year), desc(cases.number))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(`cases_list_${shape}`),
  );
const shapes: ScopeShape[] = ['body_phase', 'body_states', 'body_all', 'structure_phase', 'structure_states', 'structure_all'];
const listQueries = new Map(shapes.map((s) => [s, listQuery(s)]));

/**
 * One page of a structure's (or a body's) cases, newest registration number first, with
 * what each one's waiting-for needs (its meeting, working group and commissioning body).
 * The total comes from the caller, who has it from the kept counts (stateCountsQuery).
 */
export async function caseList(db: DbOrTx, scope: CaseScope, page: number, knownTotal: Promise<number>, pageSize = PAGE_SIZE): Promise<Paged<CaseListRow>> {
  const { shape, values } = scopeValues(scope);
  const [items, total] = await Promise.all([listQueries.get(shape)!(db).execute({ ...values, limit: pageSize, offset: (page - 1) * pageSize }), knownTotal]);
  return pageOf(items, page, total, pageSize);
}

/** How many of the counted cases are in the given states (all of them when none are given). */
export function countIn(counts: Record<CaseState, number>, states: readonly CaseState[] | undefined): number {
  return (states ?? caseStates).reduce((n, s) => n + counts[s], 0);
}

/** How many cases are in each state, from the kept counts: rows of state and n. */
export function stateCountsQuery(scope: Omit<CaseScope, 'states' | 'phase'>): SQL {
  return scope.bodyId
    ? sql`select state, n from ${caseStateCounts} where body_id = ${scope.bodyId}`
    : sql`select state, sum(n)::int as n from ${caseStateCounts} where structure_id = ${scope.structureId} group by state`;
}

/** The rows of stateCountsQuery as a count for every state (zeros included). */
export function countsOf(rows: Record<string, unknown>[]): Record<CaseState, number> {
  const out = Object.fromEntries(caseStates.map((s) => [s, 0])) as Record<CaseState, number>;
  for (const r of rows) out[r.state as CaseState] = Number(r.n);
  return out;
}

export interface WaitingFor {
  /** Who the case waits for, in words ("Region Örebro län, Kumla kommun"). */
  who: string;
  /** What kind of actor: the body, its working group, the commissioning body, principals, a meeting. */
  kind: 'body' | 'workingGroup' | 'commissioner' | 'principals' | 'meeting';
}

/**
 * What each case of a page waits for and from whom. The list rows carry the meeting, the
 * working group and the commissioning body; only the principals that have not answered
 * (anchoring) or adopted (recommendation) are read here, and only when the page has such cases.
 */
export async function waitingFor(db: DbOrTx, rows: CaseListRow[]): Promise<Map<string, WaitingFor>> {
  const out = new Map<string, WaitingFor>();
  const anchoringIds = rows.filter((r) => r.state === 'anchoring').map((r) => r.id);
  const adoptionIds = rows.filter((r) => r.state === 'recommended').map((r) => r.id);
  const [missingAnchoring, missingAdoption] = await Promise.all([
    anchoringIds.length
      ? db
          .select({ caseId: caseAnchoring.caseId, name: principals.name })
          .from(caseAnchoring)
          .innerJoin(principals, eq(principals.id, caseAnchoring.principalId))
          .where(and(inArray(caseAnchoring.caseId, anchoringIds), isNull(caseAnchoring.answeredAt)))
          .orderBy(asc(principals.sortKey))
      : Promise.resolve([]),
    adoptionIds.length
      ? db
          .select({ caseId: caseAdoptions.caseId, name: principals.name })
          .from(caseAdoptions)
          .innerJoin(principals, eq(principals.id, caseAdoptions.principalId))
          .where(and(inArray(caseAdoptions.caseId, adoptionIds), eq(caseAdoptions.status, 'pending')))
          .orderBy(asc(principals.sortKey))
      : Promise.resolve([]),
  ]);
  const missing = (list: { caseId: string; name: string }[], id: string) =>
    list
      .filter((m) => m.caseId === id)
      .map((m) => m.name)
      .join(', ');
  for (const r of rows) {
    const body = r.bodyShortName ?? r.bodyName;
    switch (r.state) {
      case 'raised':
      case 'waiting':
      case 'accepted':
      case 'working_group':
      case 'no_change':
        out.set(r.id, { who: body, kind: 'body' });
        break;
      case 'on_agenda':
        out.set(r.id, { who: r.meetingTitle && r.meetingStartsAt ? `${r.meetingTitle} ${r.meetingStartsAt.toISOString().slice(0, 10)}` : body, kind: 'meeting' });
        break;
      case 'assigned':
      case 'in_progress':
      case 'follow_up':
        out.set(r.id, { who: r.workingGroupName || body, kind: 'workingGroup' });
        break;
      case 'implementation':
        out.set(r.id, r.noticeSentAt ? { who: r.workingGroupName || body, kind: 'workingGroup' } : { who: body, kind: 'body' });
        break;
      case 'anchoring':
        out.set(r.id, { who: missing(missingAnchoring, r.id) || body, kind: 'principals' });
        break;
      case 'recommended':
        out.set(r.id, { who: missing(missingAdoption, r.id) || body, kind: 'principals' });
        break;
      case 'prepared':
        out.set(r.id, { who: r.escalatedToName ?? '', kind: 'commissioner' });
        break;
      default:
        break;
    }
  }
  return out;
}

export interface OverdueAction {
  id: string;
  title: string;
  endOn: string;
  status: Activity['status'];
  ownerName: string | null;
  bodyId: string;
  year: number;
  caseId: string | null;
}

/** Plan lines past their end without being done ("overdue actions"), for an overview: the first rows, each carrying the total. */
export function overdueActivitiesQuery(scope: { structureId: string; bodyId?: string | undefined }, on: Day, limit: number): SQL {
  return sql`
    select a.id, a.title, to_char(a.end_on, 'YYYY-MM-DD') as end_on, a.status, a.owner_name, a.body_id, a.year, a.case_id, count(*) over () as total
    from ${activities} a
    where a.structure_id = ${scope.structureId} ${scope.bodyId ? sql`and a.body_id = ${scope.bodyId}` : sql``}
      and a.status <> 'done' and a.end_on < ${on}::date
      -- A line carried into a later year is followed up there.
      and not exists (select 1 from ${activities} a2 where a2.carried_from_id = a.id)
    order by a.end_on, a.id
    limit ${limit}`;
}

/** The rows of overdueActivitiesQuery (as JSON). */
export function overdueActionsOf(rows: Record<string, unknown>[]): { rows: OverdueAction[]; total: number } {
  const text = (v: unknown) => (v == null ? null : String(v));
  return {
    rows: rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      endOn: String(r.end_on),
      status: r.status as Activity['status'],
      ownerName: text(r.owner_name),
      bodyId: String(r.body_id),
      year: Number(r.year),
      caseId: text(r.case_id),
    })),
    total: rows.length ? Number(rows[0]!.total) : 0,
  };
}

// ---------------------------------------------------------------------------------------
// One case

const raiser = alias(people, 'raiser');
const escalatedBody = alias(bodies, 'escalated_body');
const wgBody = alias(bodies, 'wg_body');

export async function caseDetails(db: DbOrTx, caseId: string, now = new Date()) {
  const [head] = await db
    .select({
      kase: cases,
      body: bodies,
      structure: structures,
      raiserEmail: raiser.email,
      escalatedName: escalatedBody.name,
      wgId: wgBody.id,
      wgName: wgBody.name,
      wgActiveFrom: wgBody.activeFrom,
      wgActiveTo: wgBody.activeTo,
    })
    .from(cases)
    .innerJoin(bodies, eq(bodies.id, cases.bodyId))
    .innerJoin(structures, eq(structures.id, cases.structureId))
    .leftJoin(raiser, eq(raiser.id, cases.raisedByPersonId))
    .leftJoin(escalatedBody, eq(escalatedBody.id, cases.escalatedToBodyId))
    .leftJoin(wgBody, eq(wgBody.id, cases.workingGroupBodyId))
    .where(eq(cases.id, caseId));
  if (!head) return undefined;
  const kase = head.kase;
  const answerer = alias(people, 'answerer');
  const reporter = alias(people, 'reporter');
  const [categories, links, history, directive, reports, anchoring, adoptions, notices, wgMembers, meeting, dues] = await Promise.all([
    db
      .select({ id: structureCategories.id, name: structureCategories.name, kind: structureCategories.kind })
      .from(caseCategories)
      .innerJoin(structureCategories, eq(structureCategories.id, caseCategories.categoryId))
      .where(eq(caseCategories.caseId, caseId))
      .orderBy(asc(structureCategories.kind), asc(structureCategories.position)),
    linksOf(db, caseId),
    db
      .select({ h: caseHistory, meetingTitle: meetings.title, meetingStartsAt: meetings.startsAt, bodyName: bodies.name })
      .from(caseHistory)
      .leftJoin(meetings, eq(meetings.id, caseHistory.meetingId))
      .leftJoin(bodies, eq(bodies.id, caseHistory.bodyId))
      .where(eq(caseHistory.caseId, caseId))
      .orderBy(asc(caseHistory.at), asc(caseHistory.id)),
    db
      .select()
      .from(caseDirectives)
      .where(eq(caseDirectives.caseId, caseId))
      .then((r) => r[0]),
    db
      .select({ r: caseStatusReports, reporterName: reporter.name, meetingTitle: meetings.title, meetingStartsAt: meetings.startsAt })
      .from(caseStatusReports)
      .leftJoin(reporter, eq(reporter.id, caseStatusReports.reportedBy))
      .leftJoin(meetings, eq(meetings.id, caseStatusReports.meetingId))
      .where(eq(caseStatusReports.caseId, caseId))
      .orderBy(asc(caseStatusReports.reportedOn), asc(caseStatusReports.createdAt)),
    db
      .select({ a: caseAnchoring, principalName: principals.name, seatFunction: seats.function, surfaceName: contactSurfaces.name, answeredByName: answerer.name })
      .from(caseAnchoring)
      .innerJoin(principals, eq(principals.id, caseAnchoring.principalId))
      .leftJoin(seats, eq(seats.id, caseAnchoring.seatId))
      .leftJoin(contactSurfaces, eq(contactSurfaces.id, caseAnchoring.contactSurfaceId))
      .leftJoin(answerer, eq(answerer.id, caseAnchoring.answeredBy))
      .where(eq(caseAnchoring.caseId, caseId))
      .orderBy(asc(principals.sortKey)),
    db
      .select({ a: caseAdoptions, principalName: principals.name, kind: principals.kind })
      .from(caseAdoptions)
      .innerJoin(principals, eq(principals.id, caseAdoptions.principalId))
      .where(eq(caseAdoptions.caseId, caseId))
      .orderBy(asc(principals.sortKey)),
    noticesOf(db, caseId),
    kase.workingGroupBodyId
      ? db
          .select({ id: memberships.id, personId: memberships.personId, name: people.name, role: memberships.role, reason: memberships.reason, startOn: memberships.startOn, endOn: memberships.endOn })
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .where(eq(memberships.bodyId, kase.workingGroupBodyId))
          .orderBy(asc(memberships.role), asc(people.sortKey))
      : Promise.resolve([]),
    kase.meetingId
      ? db
          .select()
          .from(meetings)
          .where(eq(meetings.id, kase.meetingId))
          .then((r) => r[0])
      : Promise.resolve(undefined),
    reportDues(db, [kase], now),
  ]);
  return { ...head, categories, links, history, directive, reports, anchoring, adoptions, notices, wgMembers, meeting, dues };
}
export type CaseDetails = NonNullable<Awaited<ReturnType<typeof caseDetails>>>;

/** A case's links, with the title of what each points to. */
async function linksOf(db: DbOrTx, caseId: string) {
  const rows = await db.select().from(caseLinks).where(eq(caseLinks.caseId, caseId)).orderBy(asc(caseLinks.createdAt));
  const ids = (kind: string) => rows.filter((r) => r.kind === kind && r.targetId).map((r) => r.targetId!);
  const none = ['00000000-0000-0000-0000-000000000000'];
  const [ms, ds, cs] = await Promise.all([
    db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
      .from(meetings)
      .where(inArray(meetings.id, [...ids('meeting'), ...none])),
    db
      .select({ id: decisions.id, title: decisions.title, year: decisions.year, number: decisions.number })
      .from(decisions)
      .where(inArray(decisions.id, [...ids('decision'), ...none])),
    db
      .select({ id: cases.id, title: cases.title, year: cases.year, number: cases.number })
      .from(cases)
      .where(inArray(cases.id, [...ids('case'), ...none])),
  ]);
  return rows.map((r) => {
    let target: string | null = null;
    let href: string | null = r.url;
    if (r.kind === 'meeting') {
      const m = ms.find((x) => x.id === r.targetId);
      target = m ? `${m.title} ${m.startsAt.toISOString().slice(0, 10)}` : null;
      href = `/meetings/${r.targetId}`;
    } else if (r.kind === 'decision') {
      const d = ds.find((x) => x.id === r.targetId);
      target = d ? `${d.year}:${d.number} ${d.title}` : null;
      href = null;
    } else if (r.kind === 'case') {
      const c = cases_(cs, r.targetId);
      target = c ? `${c.year}/${c.number} ${c.title}` : null;
      href = `/cases/${r.targetId}`;
    }
    return { link: r, target, href };
  });
}
const cases_ = <T extends { id: string }>(list: T[], id: string | null) => list.find((x) => x.id === id);

// ---------------------------------------------------------------------------------------
// Choices for forms

/** The body's coming meetings (a case can be put on their agenda). */
export function upcomingMeetings(db: DbOrTx, bodyId: string, now = new Date()) {
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
    .from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), inArray(meetings.status, ['planned', 'called']), gte(meetings.endsAt, now)))
    .orderBy(asc(meetings.startsAt))
    .limit(20);
}

/** The body's meetings around now (status reports are given at them). */
export function reportMeetings(db: DbOrTx, bodyId: string, now = new Date()) {
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
    .from(meetings)
    .where(
      and(
        eq(meetings.bodyId, bodyId),
        ne(meetings.status, 'cancelled'),
        gte(meetings.startsAt, new Date(now.getTime() - 120 * 24 * 3600_000)),
        lte(meetings.startsAt, new Date(now.getTime() + 120 * 24 * 3600_000)),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(20);
}

/** The people active in a body on a day (for choosing a working group). */
export async function bodyPeople(db: DbOrTx, bodyId: string, on: Day = today()) {
  const rows = await db
    .select({ personId: memberships.personId, name: people.name, role: memberships.role, sortKey: people.sortKey })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.bodyId, bodyId), activeOn(on)))
    .orderBy(asc(people.sortKey));
  const seen = new Map<string, { personId: string; name: string; roles: string[] }>();
  for (const r of rows) {
    const p = seen.get(r.personId) ?? { personId: r.personId, name: r.name, roles: [] };
    p.roles.push(r.role);
    seen.set(r.personId, p);
  }
  return [...seen.values()];
}

export function categoriesOf(db: DbOrTx, structureId: string) {
  return db
    .select()
    .from(structureCategories)
    .where(eq(structureCategories.structureId, structureId))
    .orderBy(asc(structureCategories.kind), asc(structureCategories.position), asc(structureCategories.name));
}

/** A structure's bodies (for the overview's filter). */
export function bodiesOf(db: DbOrTx, structureId: string) {
  return db
    .select({ id: bodies.id, name: bodies.name, shortName: bodies.shortName, parentId: bodies.parentId, activeTo: bodies.activeTo })
    .from(bodies)
    .where(eq(bodies.structureId, structureId))
    .orderBy(asc(bodies.sortKey), asc(bodies.id))
    .limit(500);
}

export async function bodyWithStructure(db: DbOrTx, bodyId: string) {
  const [row] = await db.select({ body: bodies, structure: structures }).from(bodies).innerJoin(structures, eq(structures.id, bodies.structureId)).where(eq(bodies.id, bodyId));
  return row;
}

/**
 * A structure (by slug or id) for its case overview, in one query: the structure, how many
 * active engagements the person has in its bodies, and whether a body filtered on is one of
 * its bodies.
 */
export async function structureForOverview(db: DbOrTx, key: { slug: string } | { id: string }, personId: string | undefined, bodyId: string | undefined, on: Day = today()) {
  if ('id' in key && !/^[0-9a-f-]{36}$/i.test(key.id)) return undefined;
  const roles = personId
    ? db
        .select({ n: count() })
        .from(memberships)
        .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
        .where(and(eq(memberships.personId, personId), eq(bodies.structureId, structures.id), activeOn(on)))
    : sql`0`;
  const [row] = await db
    .select({
      structure: structures,
      roles: sql<number>`${roles}`.mapWith(Number),
      bodyInStructure: bodyId ? sql<boolean>`exists (select 1 from ${bodies} b where b.id = ${bodyId} and b.structure_id = ${structures}.id)` : sql<boolean>`true`,
    })
    .from(structures)
    .where('slug' in key ? eq(structures.slug, key.slug) : eq(structures.id, key.id));
  return row;
}
