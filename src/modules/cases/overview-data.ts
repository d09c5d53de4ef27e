import type { DbOrTx } from '../../platform/db/client.js';
import { today } from '../structure/dates.js';
import { phases, type CaseState, type Phase } from './flow.js';
import { caseList, countIn, overdueActivities, stateCounts, waitingFor } from './queries.js';
import { overdueReports } from './reports.js';

/** The states a filter asks for: one state, a phase's states, or all (undefined). */
export function statesOf(f: { phase?: Phase | undefined; state?: CaseState | undefined }): readonly CaseState[] | undefined {
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
  const counted = stateCounts(db, scope);
  const states = statesOf(filter);
  const [counts, list, overdue, overdueActions] = await Promise.all([
    counted,
    caseList(db, { ...scope, ...(filter.state ? { states } : { phase: filter.phase }) }, filter.page, undefined, counted.then((c) => countIn(c, states))),
    overdueReports(db, scope, now, options.overdueLimit),
    overdueActivities(db, scope, today(now), options.overdueLimit),
  ]);
  const waiting = await waitingFor(db, list.items);
  return { counts, list, overdue, overdueActions, waiting };
}
