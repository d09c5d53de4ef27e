import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../platform/db/client.js';
import { reusable } from '../../../platform/db/reusable.js';
import { pageOf, PAGE_SIZE, type Paged } from '../../../platform/http/paging.js';
import type { Day } from '../../../platform/days.js';
import { bodies, principals } from '../../structure/schema.js';
import { meetings } from '../../meetings/schema.js';
import { caseStates, type CaseState, type Phase } from '../flow.js';
import { activities, caseAdoptions, caseAnchoring, cases, caseStateCounts, type Activity } from '../schema.js';

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
