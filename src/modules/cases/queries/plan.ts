import { and, asc, count, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../platform/db/client.js';
import { activeOn } from '../../structure/index.js';
import { today, type Day } from '../../../platform/days.js';
import { bodies, memberships, organisations, principals, seats, structureCategories, structures, type Body } from '../../structure/schema.js';
import { openStates, type CaseState } from '../flow.js';
import { reportDues, type DueReport } from '../reports.js';
import { activities, caseAdoptions, caseAnchoring, cases, caseStatusReports, type Activity, type TrafficLight } from '../schema.js';
import { stockholmParts } from '../../../platform/time.js';

/*
 * Reads for the activity plan, the yearly report and what concerns one person: the cases
 * they raised, their bodies' open cases, and what waits for them (due reports, anchoring).
 */

const wgBody = alias(bodies, 'wg_body');

// ---------------------------------------------------------------------------------------
// The activity plan and the yearly report

export interface PlanLine extends Activity {
  goalAreaName: string | null;
  caseYear: number | null;
  caseNumber: number | null;
  caseState: CaseState | null;
  carriedFromYear: number | null;
}

const carried = alias(activities, 'carried_from');

/** A body's plan of a year: the lines in order (the waiting list after the others). */
export async function planLines(db: DbOrTx, bodyId: string, year: number): Promise<PlanLine[]> {
  const rows = await db
    .select({ a: activities, goalAreaName: structureCategories.name, caseYear: cases.year, caseNumber: cases.number, caseState: cases.state, carriedFromYear: sql<number | null>`${carried.year}` })
    .from(activities)
    .leftJoin(structureCategories, eq(structureCategories.id, activities.goalAreaId))
    .leftJoin(cases, eq(cases.id, activities.caseId))
    .leftJoin(carried, eq(carried.id, activities.carriedFromId))
    .where(and(eq(activities.bodyId, bodyId), eq(activities.year, year)))
    .orderBy(asc(activities.waiting), asc(activities.position), asc(activities.createdAt))
    .limit(1000);
  return rows.map((r) => ({ ...r.a, goalAreaName: r.goalAreaName, caseYear: r.caseYear, caseNumber: r.caseNumber, caseState: r.caseState, carriedFromYear: r.carriedFromYear }));
}

/** The years a body has a plan for (and the current one). */
export async function planYears(db: DbOrTx, bodyId: string, current: number): Promise<number[]> {
  const rows = await db.selectDistinct({ year: activities.year }).from(activities).where(eq(activities.bodyId, bodyId));
  return [...new Set([...rows.map((r) => r.year), current])].sort((a, b) => b - a);
}

export interface ReportCase {
  id: string;
  year: number;
  number: number;
  title: string;
  state: CaseState;
  raisedOn: string;
  raisedByName: string;
  raisedByOrganisationName: string | null;
  closedAt: Date | null;
  workingGroupName: string | null;
  lastReport: { reportedOn: string; status: TrafficLight; text: string } | null;
}

/**
 * The yearly report to the commissioning body: every case of the body raised in the year
 * or still open during it, and the phase each is in, with its latest status report.
 */
export async function yearlyReportCases(db: DbOrTx, body: Pick<Body, 'id'>, year: number): Promise<ReportCase[]> {
  const start = new Date(Date.UTC(year, 0, 1));
  const rows = await db
    .select({
      id: cases.id,
      year: cases.year,
      number: cases.number,
      title: cases.title,
      state: cases.state,
      raisedOn: cases.raisedOn,
      raisedByName: cases.raisedByName,
      raisedByOrganisationName: cases.raisedByOrganisationName,
      closedAt: cases.closedAt,
      workingGroupName: wgBody.name,
    })
    .from(cases)
    .leftJoin(wgBody, eq(wgBody.id, cases.workingGroupBodyId))
    .where(and(eq(cases.bodyId, body.id), lt(cases.raisedOn, `${year + 1}-01-01`), or(isNull(cases.closedAt), gte(cases.closedAt, start))))
    .orderBy(asc(cases.year), asc(cases.number))
    .limit(5000);
  const ids = rows.map((r) => r.id);
  const reports = ids.length
    ? await db
        .select({ caseId: caseStatusReports.caseId, reportedOn: caseStatusReports.reportedOn, status: caseStatusReports.status, text: caseStatusReports.text })
        .from(caseStatusReports)
        .where(and(inArray(caseStatusReports.caseId, ids), lt(caseStatusReports.reportedOn, `${year + 1}-01-01`)))
        .orderBy(desc(caseStatusReports.reportedOn), desc(caseStatusReports.createdAt))
    : [];
  return rows.map((r) => ({ ...r, lastReport: reports.find((p) => p.caseId === r.id) ?? null }));
}

// ---------------------------------------------------------------------------------------
// A person's cases

/** The bodies where the person may see cases, with counts of open cases. */
export async function myCaseBodies(db: DbOrTx, personId: string, on: Day = today()) {
  const rows = await db
    .selectDistinct({ id: bodies.id, name: bodies.name, structureId: bodies.structureId, structureName: structures.name })
    .from(memberships)
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .innerJoin(structures, eq(structures.id, bodies.structureId))
    .where(and(eq(memberships.personId, personId), activeOn(on)))
    .orderBy(asc(structures.name), asc(bodies.name))
    .limit(200);
  if (!rows.length) return [];
  const counts = await db
    .select({ bodyId: cases.bodyId, n: count() })
    .from(cases)
    .where(
      and(
        inArray(
          cases.bodyId,
          rows.map((r) => r.id),
        ),
        inArray(cases.state, [...openStates]),
      ),
    )
    .groupBy(cases.bodyId);
  return rows.map((r) => ({ ...r, open: Number(counts.find((c) => c.bodyId === r.id)?.n ?? 0) }));
}

/** Cases the person raised, newest first. */
export function casesRaisedBy(db: DbOrTx, personId: string, limit = 50) {
  return db
    .select({ id: cases.id, year: cases.year, number: cases.number, title: cases.title, state: cases.state, bodyName: bodies.name })
    .from(cases)
    .innerJoin(bodies, eq(bodies.id, cases.bodyId))
    .where(eq(cases.raisedByPersonId, personId))
    .orderBy(desc(cases.createdAt))
    .limit(limit);
}

/** Cases the person raised, newest first, a page at a time, each with its structure (for the reference). */
export async function casesRaisedByPage(db: DbOrTx, personId: string, page: number, pageSize: number) {
  const mine = eq(cases.raisedByPersonId, personId);
  const [rows, [total]] = await Promise.all([
    db
      .select({ kase: cases, bodyName: bodies.name, structureName: structures.name, structureShortName: structures.shortName })
      .from(cases)
      .innerJoin(bodies, eq(bodies.id, cases.bodyId))
      .innerJoin(structures, eq(structures.id, cases.structureId))
      .where(mine)
      .orderBy(desc(cases.createdAt), desc(cases.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(cases).where(mine),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

// ---------------------------------------------------------------------------------------
// What waits for a person (the inbox's "Väntar på dig")

interface PersonWaiting {
  dueReports: (DueReport & { title: string })[];
  anchoring: { caseId: string; title: string; principalName: string; year: number; number: number }[];
}

export async function waitingForPerson(db: DbOrTx, personId: string, now: Date): Promise<PersonWaiting> {
  const day = today(now);
  const convened = await db
    .select({ id: cases.id, bodyId: cases.bodyId, state: cases.state, title: cases.title })
    .from(cases)
    .innerJoin(memberships, and(eq(memberships.bodyId, cases.workingGroupBodyId), eq(memberships.personId, personId), eq(memberships.role, 'convenor')))
    .where(and(activeOn(day), inArray(cases.state, ['assigned', 'in_progress', 'anchoring', 'prepared', 'recommended', 'implementation'])));
  const dues = await reportDues(db, convened, now);
  const soon = now.getTime() + 45 * 24 * 3600_000;
  const dueReports = dues.filter((d) => !d.done && d.dueAt.getTime() <= soon).map((d) => ({ ...d, title: convened.find((c) => c.id === d.caseId)!.title }));
  const anchoring = await db
    .select({ caseId: cases.id, title: cases.title, principalName: principals.name, year: cases.year, number: cases.number })
    .from(caseAnchoring)
    .innerJoin(cases, and(eq(cases.id, caseAnchoring.caseId), eq(cases.state, 'anchoring')))
    .innerJoin(principals, eq(principals.id, caseAnchoring.principalId))
    .where(
      and(
        isNull(caseAnchoring.answeredAt),
        sql`exists (
          select 1 from ${memberships} m join ${seats} s on s.id = m.seat_id
          left join ${organisations} o on o.id = s.organisation_id
          where m.person_id = ${personId} and m.body_id = ${cases.bodyId}
            and m.start_on <= ${day} and (m.end_on is null or m.end_on >= ${day})
            and (s.principal_id = ${caseAnchoring.principalId} or o.principal_id = ${caseAnchoring.principalId}
              or exists (select 1 from seat_principals sp where sp.seat_id = s.id and sp.principal_id = ${caseAnchoring.principalId})))`,
      ),
    )
    .orderBy(asc(cases.year), asc(cases.number))
    .limit(100);
  return { dueReports, anchoring };
}

/**
 * Recommendations whose adoption is still to be recorded for some principal, for the managers
 * (chair, vice chair, secretary, process leader) of the case's body or of the commissioning
 * body, who record it (policy 'cases.adopt'). One query; a case once per row with its count.
 */
export async function pendingAdoptionsForPerson(db: DbOrTx, personId: string, now: Date) {
  const day = today(now);
  return db
    .select({ caseId: cases.id, title: cases.title, pending: sql<number>`count(*)::int` })
    .from(caseAdoptions)
    .innerJoin(cases, eq(cases.id, caseAdoptions.caseId))
    .where(
      and(
        eq(caseAdoptions.status, 'pending'),
        inArray(cases.state, ['recommended', 'implementation', 'follow_up']),
        sql`exists (
          select 1 from ${memberships} m
          where m.person_id = ${personId} and m.body_id in (${cases.bodyId}, ${cases.escalatedToBodyId})
            and m.role in ('chair', 'vice_chair', 'secretary', 'process_leader')
            and m.start_on <= ${day} and (m.end_on is null or m.end_on >= ${day}))`,
      ),
    )
    .groupBy(cases.id, cases.title, cases.year, cases.number)
    .orderBy(asc(cases.year), asc(cases.number))
    .limit(100);
}

/** The year of the activity plan a day belongs to (Stockholm). */
export const yearOf = (d: Date) => stockholmParts(d).year;
