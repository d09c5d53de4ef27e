import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { meetings } from '../meetings/schema.js';
import { stockholmDay, stockholmInstant } from '../../platform/time.js';
import { addDays } from '../../platform/days.js';
import type { CaseState } from './flow.js';
import { caseDirectives, cases, caseStatusReports, type Case, type CaseDirective } from './schema.js';

/*
 * When status reports are due. The issued directive says: at each of the body's meetings
 * during the assignment (from the issue to the end date), and/or on given dates. A meeting
 * is covered by a report given at it; a date by a report that answers it. A due report is
 * overdue once its meeting is over (or its date has passed) without one.
 */

/** States in which the working group reports. */
export const reportingStates: readonly CaseState[] = ['assigned', 'in_progress', 'anchoring', 'prepared', 'recommended', 'implementation'];

export interface DueReport {
  caseId: string;
  /** 'm:<meetingId>' or 'd:<YYYY-MM-DD>': what the report answers. */
  key: string;
  meetingId: string | null;
  meetingTitle: string | null;
  /** The meeting's day or the date. */
  dueOn: string;
  dueAt: Date;
  /** When a missing report becomes overdue: the meeting's end, or the start of the day after the date. */
  overdueAt: Date;
  done: boolean;
  overdue: boolean;
}

/** Every due report (done or not) of the given cases, earliest first. */
export async function reportDues(db: DbOrTx, caseRows: Pick<Case, 'id' | 'bodyId' | 'state'>[], now: Date): Promise<DueReport[]> {
  const reporting = caseRows.filter((c) => reportingStates.includes(c.state));
  if (!reporting.length) return [];
  const ids = reporting.map((c) => c.id);
  const directives = await db
    .select()
    .from(caseDirectives)
    .where(and(inArray(caseDirectives.caseId, ids), eq(caseDirectives.status, 'issued')));
  if (!directives.length) return [];
  const byCase = new Map<string, CaseDirective>(directives.map((d) => [d.caseId, d]));
  const bodyIds = [...new Set(reporting.filter((c) => byCase.get(c.id)?.reportAtMeetings).map((c) => c.bodyId))];
  const earliest = new Date(Math.min(...directives.map((d) => d.issuedAt!.getTime())));
  const [bodyMeetings, reports] = await Promise.all([
    bodyIds.length
      ? db
          .select({ id: meetings.id, bodyId: meetings.bodyId, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt })
          .from(meetings)
          .where(and(inArray(meetings.bodyId, bodyIds), ne(meetings.status, 'cancelled'), sql`${meetings.startsAt} >= ${earliest.toISOString()}::timestamptz`))
          .orderBy(asc(meetings.startsAt))
      : Promise.resolve([]),
    db.select({ caseId: caseStatusReports.caseId, meetingId: caseStatusReports.meetingId, dueOn: caseStatusReports.dueOn }).from(caseStatusReports).where(inArray(caseStatusReports.caseId, ids)),
  ]);
  const out: DueReport[] = [];
  for (const c of reporting) {
    const d = byCase.get(c.id);
    if (!d?.issuedAt) continue;
    const mine = reports.filter((r) => r.caseId === c.id);
    if (d.reportAtMeetings) {
      for (const m of bodyMeetings) {
        if (m.bodyId !== c.bodyId || m.startsAt < d.issuedAt) continue;
        const mDay = stockholmDay(m.startsAt);
        if (d.endDate && mDay > d.endDate) continue;
        const done = mine.some((r) => r.meetingId === m.id);
        out.push({ caseId: c.id, key: `m:${m.id}`, meetingId: m.id, meetingTitle: m.title, dueOn: mDay, dueAt: m.startsAt, overdueAt: m.endsAt, done, overdue: !done && m.endsAt <= now });
      }
    }
    for (const date of d.reportDates) {
      const done = mine.some((r) => r.dueOn === date);
      const overdueAt = stockholmInstant(dayAfter(date), '00:00');
      out.push({ caseId: c.id, key: `d:${date}`, meetingId: null, meetingTitle: null, dueOn: date, dueAt: new Date(`${date}T12:00:00Z`), overdueAt, done, overdue: !done && overdueAt <= now });
    }
  }
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

export interface OverdueRow {
  caseId: string;
  title: string;
  year: number;
  number: number;
  bodyId: string;
  /** The earliest report that is overdue: a meeting's day or a report date. */
  dueOn: string;
  meetingTitle: string | null;
}

/**
 * The cases of a structure (or a body) with an overdue status report, for the overviews:
 * a meeting held during the assignment without a report at it, or a report date passed
 * without one. Each case keeps its earliest missing report (`report_overdue_at`, kept by
 * triggers from the same rules as reportDues), so this reads the reporting cases of the
 * scope alone, not their meetings and reports. The case overview runs this statement
 * together with others (one round trip).
 */
export function overdueReportsQuery(scope: { structureId: string; bodyId?: string | undefined }, now: Date, limit: number): SQL {
  const states = sql.join(
    reportingStates.map((s) => sql`${s}`),
    sql`, `,
  );
  const where = scope.bodyId ? sql`c.body_id = ${scope.bodyId}` : sql`c.structure_id = ${scope.structureId}`;
  // The inner query reads the overdue index alone (count and order); the outer one the listed rows.
  return sql`
    select c.id as case_id, c.title, c.year, c.number, c.body_id, to_char(c.report_due_on, 'YYYY-MM-DD') as due_on, m.title as meeting_title, p.total from (
      select c.id, c.year, c.number, count(*) over () as total
      from ${cases} c
      where ${where} and c.report_overdue_at is not null and c.report_overdue_at <= ${now.toISOString()}::timestamptz and c.state in (${states})
      order by c.year, c.number
      limit ${limit}
    ) p
    join ${cases} c on c.id = p.id
    left join ${meetings} m on m.id = c.report_due_meeting_id
    order by p.year, p.number`;
}

/** The rows of overdueReportsQuery (as JSON), each carrying the total. */
export function overdueReportsOf(rows: Record<string, unknown>[]): { rows: OverdueRow[]; total: number } {
  return {
    rows: rows.map((r) => ({
      caseId: String(r.case_id),
      title: String(r.title),
      year: Number(r.year),
      number: Number(r.number),
      bodyId: String(r.body_id),
      dueOn: String(r.due_on),
      meetingTitle: r.meeting_title == null ? null : String(r.meeting_title),
    })),
    total: rows.length ? Number(rows[0]!.total) : 0,
  };
}

/**
 * The report a case's `report_overdue_at` keeps (migration 0015): the earliest not given,
 * by when it becomes overdue, then its day, then a meeting before a date.
 */
export function earliestMissing(dues: DueReport[]): DueReport | undefined {
  const key = (d: DueReport) => [d.overdueAt.getTime(), d.dueOn, d.meetingId ?? '\uffff'] as const;
  return dues
    .filter((d) => !d.done)
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || x[1].localeCompare(y[1]) || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
    })[0];
}

/** The day after a date (overdue checks run the morning after). */
export const dayAfter = (d: string) => addDays(d, 1);
