import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { meetings } from '../meetings/schema.js';
import { stockholmDay } from '../meetings/dates.js';
import { addDays } from '../structure/dates.js';
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
  const today = stockholmDay(now);
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
        out.push({ caseId: c.id, key: `m:${m.id}`, meetingId: m.id, meetingTitle: m.title, dueOn: mDay, dueAt: m.startsAt, done, overdue: !done && m.endsAt <= now });
      }
    }
    for (const date of d.reportDates) {
      const done = mine.some((r) => r.dueOn === date);
      out.push({ caseId: c.id, key: `d:${date}`, meetingId: null, meetingTitle: null, dueOn: date, dueAt: new Date(`${date}T12:00:00Z`), done, overdue: !done && date < today });
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
 * The cases of a structure (or a body) with an overdue status report, computed in SQL for
 * the overviews: a meeting held during the assignment without a report at it, or a report
 * date passed without one. Each case is checked until its first missing report (EXISTS),
 * so the cost follows the number of reporting cases, not of their meetings; the earliest
 * overdue report is looked up only for the cases listed.
 */
export async function overdueReports(db: DbOrTx, scope: { structureId: string; bodyId?: string | undefined }, now: Date, limit = 20): Promise<{ rows: OverdueRow[]; total: number }> {
  const today = stockholmDay(now);
  const nowIso = now.toISOString();
  const states = sql.join(reportingStates.map((s) => sql`${s}`), sql`, `);
  const where = scope.bodyId ? sql`c.body_id = ${scope.bodyId}` : sql`c.structure_id = ${scope.structureId}`;
  const missedMeeting = (extra: SQL) => sql`
    from ${meetings} m
    where m.body_id = c.body_id and m.status <> 'cancelled' and m.starts_at >= d.issued_at and m.ends_at <= ${nowIso}::timestamptz
      and (d.end_date is null or (m.starts_at at time zone 'Europe/Stockholm')::date <= d.end_date)
      and not exists (select 1 from ${caseStatusReports} r where r.case_id = c.id and r.meeting_id = m.id) ${extra}`;
  const missedDate = (extra: SQL) => sql`
    from unnest(d.report_dates) as due(day)
    where due.day < ${today}::date and not exists (select 1 from ${caseStatusReports} r where r.case_id = c.id and r.due_on = due.day) ${extra}`;
  const result = await db.execute(sql`
    select p.*, cc.title, f.due_on, f.meeting_title from (
      select c.id as case_id, c.year, c.number, c.body_id, d.issued_at, d.end_date, d.report_dates, d.report_at_meetings, count(*) over () as total
      from ${cases} c
      cross join lateral (select * from ${caseDirectives} d where d.case_id = c.id and d.status = 'issued') d
      where ${where} and c.state in (${states})
        and ((d.report_at_meetings and exists (select 1 ${missedMeeting(sql``)})) or exists (select 1 ${missedDate(sql``)}))
      order by c.year, c.number
      limit ${limit}
    ) p
    join ${cases} cc on cc.id = p.case_id
    cross join lateral (
      select * from (
        (select to_char(m.starts_at at time zone 'Europe/Stockholm', 'YYYY-MM-DD') as due_on, m.title as meeting_title
          from ${meetings} m
          where p.report_at_meetings and m.body_id = p.body_id and m.status <> 'cancelled' and m.starts_at >= p.issued_at and m.ends_at <= ${nowIso}::timestamptz
            and (p.end_date is null or (m.starts_at at time zone 'Europe/Stockholm')::date <= p.end_date)
            and not exists (select 1 from ${caseStatusReports} r where r.case_id = p.case_id and r.meeting_id = m.id)
          order by m.starts_at limit 1)
        union all
        (select to_char(due.day, 'YYYY-MM-DD'), null from unnest(p.report_dates) as due(day)
          where due.day < ${today}::date and not exists (select 1 from ${caseStatusReports} r where r.case_id = p.case_id and r.due_on = due.day)
          order by due.day limit 1)
      ) firsts order by due_on limit 1
    ) f
    order by p.year, p.number`);
  const rows = result.rows as Record<string, unknown>[];
  return {
    rows: rows.map((r) => ({
      caseId: String(r.case_id),
      title: String(r.title),
      year: Number(r.year),
      number: Number(r.number),
      bodyId: String(r.body_id),
      dueOn: String(r.due_on),
      meetingTitle: r.meeting_title === null ? null : String(r.meeting_title),
    })),
    total: rows.length ? Number(rows[0]!.total) : 0,
  };
}

/** The day after a date (overdue checks run the morning after). */
export const dayAfter = (d: string) => addDays(d, 1);
