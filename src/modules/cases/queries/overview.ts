import type { DbOrTx } from '../../../platform/db/client.js';
import { today } from '../../../platform/days.js';
import { phases, type CaseState, type Phase } from '../flow.js';
import { sql } from 'drizzle-orm';
import { caseList, countIn, countsOf, overdueActionsOf, overdueActivitiesQuery, stateCountsQuery, waitingFor } from './lists.js';
import { overdueReportsOf, overdueReportsQuery } from '../reports.js';

/** The states a filter asks for: one state, a phase's states, or all (undefined). */
function statesOf(f: { phase?: Phase | undefined; state?: CaseState | undefined }): readonly CaseState[] | undefined {
  if (f.state) return [f.state];
  if (f.phase) return phases[f.phase];
  return undefined;
}

/**
 * What a case overview shows, for the page and the API alike: the count per state, one
 * page of cases with what each waits for, and the overdue status reports and activities.
 * The list's total comes from the state counts, not from a count of its own.
 */
export async function caseOverviewData(
  db: DbOrTx,
  scope: { structureId: string; bodyId?: string | undefined },
  filter: { phase?: Phase | undefined; state?: CaseState | undefined; page: number },
  options: { now?: Date; overdueLimit?: number } = {},
) {
  const now = options.now ?? new Date();
  const limit = options.overdueLimit ?? 20;
  const states = statesOf(filter);
  // The counts and both overdue lists in one statement: one round trip to the database.
  const summary = db
    .execute(
      sql`select
        (select coalesce(json_agg(x), '[]'::json) from (${stateCountsQuery(scope)}) x) as counts,
        (select coalesce(json_agg(x order by x.year, x.number), '[]'::json) from (${overdueReportsQuery(scope, now, limit)}) x) as overdue,
        (select coalesce(json_agg(x order by x.end_on, x.id), '[]'::json) from (${overdueActivitiesQuery(scope, today(now), limit)}) x) as actions`,
    )
    .then((r) => {
      const row = r.rows[0] as { counts: Record<string, unknown>[]; overdue: Record<string, unknown>[]; actions: Record<string, unknown>[] };
      return { counts: countsOf(row.counts), overdue: overdueReportsOf(row.overdue), overdueActions: overdueActionsOf(row.actions) };
    });
  const listScope = { ...scope, ...(filter.state ? { states } : { phase: filter.phase }) };
  const [{ counts, overdue, overdueActions }, list] = await Promise.all([
    summary,
    caseList(
      db,
      listScope,
      filter.page,
      summary.then((s) => countIn(s.counts, states)),
    ),
  ]);
  const waiting = await waitingFor(db, list.items);
  return { counts, list, overdue, overdueActions, waiting };
}
