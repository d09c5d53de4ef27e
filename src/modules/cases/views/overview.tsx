import type { Translate } from '../../../platform/i18n/index.js';
import type { Paged } from '../../../platform/http/paging.js';
import { Pager } from '../../../platform/views/components.js';
import { caseStates, phaseNames, phases, type CaseState, type Phase } from '../flow.js';
import type { CaseListRow, OverdueAction, WaitingFor } from '../queries/index.js';
import type { OverdueRow } from '../reports.js';
import { Light, Ref, StateTag } from './common.js';

/*
 * The case overview of a body or a whole structure: cases by phase and step, a filter, the
 * paged list with what each case waits for, and the overdue reports and activities.
 */

export interface OverviewData {
  t: Translate;
  /** Where the filter form and the pager point. */
  base: string;
  prefix: string;
  counts: Record<CaseState, number>;
  list: Paged<CaseListRow>;
  waiting: Map<string, WaitingFor>;
  overdue: { rows: OverdueRow[]; total: number };
  overdueActions: { rows: OverdueAction[]; total: number };
  filter: { phase?: Phase | undefined; state?: CaseState | undefined; bodyId?: string | undefined };
  /** The structure's bodies, for the structure overview's body filter. */
  bodies?: { id: string; name: string }[];
  showBody: boolean;
}

function filterQuery(f: OverviewData['filter'], page?: number): string {
  const q = new URLSearchParams();
  if (f.phase) q.set('phase', f.phase);
  if (f.state) q.set('state', f.state);
  if (f.bodyId) q.set('bodyId', f.bodyId);
  if (page && page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function Overview(p: OverviewData) {
  const { t } = p;
  const total = caseStates.reduce((n, s) => n + p.counts[s], 0);
  return (
    <>
      <section aria-labelledby="by-phase">
        <h2 id="by-phase">{t('cases.overview.byPhase')}</h2>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('cases.overview.byState')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.col.phase')}</th>
                <th scope="col">{t('cases.col.state')}</th>
                <th scope="col">{t('cases.col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {phaseNames.map((phase) =>
                (phases[phase] as readonly CaseState[]).map((s, i) => (
                  <tr>
                    {i === 0 ? (
                      <th scope="rowgroup" rowspan={phases[phase].length}>
                        <a href={`${p.base}${filterQuery({ ...p.filter, state: undefined, phase })}`}>{t(`cases.phase.${phase}`)}</a>
                      </th>
                    ) : null}
                    <td>
                      <a href={`${p.base}${filterQuery({ ...p.filter, phase: undefined, state: s })}`}>{t(`cases.state.${s}`)}</a>
                    </td>
                    <td>{p.counts[s]}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
        <p class="muted">{t('cases.overview.count', { count: total })}</p>
      </section>

      <section aria-labelledby="case-list">
        <h2 id="case-list">{t('cases.overview.list')}</h2>
        <form method="get" action={p.base} class="filter-form">
          <fieldset>
            <legend>{t('cases.overview.filter')}</legend>
            <div class="field">
              <label for="filter-phase">{t('cases.overview.filter.phase')}</label>
              <select id="filter-phase" name="phase">
                <option value="">{t('cases.overview.filter.all')}</option>
                {phaseNames.map((ph) => (
                  <option value={ph} selected={p.filter.phase === ph}>
                    {t(`cases.phase.${ph}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filter-state">{t('cases.overview.filter.state')}</label>
              <select id="filter-state" name="state">
                <option value="">{t('cases.overview.filter.all')}</option>
                {caseStates.map((s) => (
                  <option value={s} selected={p.filter.state === s}>
                    {t(`cases.state.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            {p.bodies ? (
              <div class="field">
                <label for="filter-body">{t('cases.overview.filter.body')}</label>
                <select id="filter-body" name="bodyId">
                  <option value="">{t('cases.overview.filter.all')}</option>
                  {p.bodies.map((b) => (
                    <option value={b.id} selected={p.filter.bodyId === b.id}>
                      {b.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <button type="submit" class="button button-secondary">
              {t('cases.overview.show')}
            </button>
          </fieldset>
        </form>
        <p class="muted" role="status">
          {t('cases.overview.count', { count: p.list.total })}
        </p>
        {p.list.items.length === 0 ? (
          <p>{t('cases.overview.empty')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('cases.col.ref')}</th>
                  <th scope="col">{t('cases.col.title')}</th>
                  {p.showBody ? <th scope="col">{t('cases.col.body')}</th> : null}
                  <th scope="col">{t('cases.col.state')}</th>
                  <th scope="col">{t('cases.col.waitsFor')}</th>
                  <th scope="col">{t('cases.col.raised')}</th>
                </tr>
              </thead>
              <tbody>
                {p.list.items.map((c) => {
                  const w = p.waiting.get(c.id);
                  return (
                    <tr>
                      <td>
                        <Ref kase={c} prefix={p.prefix} />
                      </td>
                      <td>
                        <a href={`/cases/${c.id}`}>{c.title}</a>
                      </td>
                      {p.showBody ? <td>{c.bodyShortName ?? c.bodyName}</td> : null}
                      <td>
                        <StateTag t={t} state={c.state} />
                      </td>
                      <td>{w ? t(`cases.waits.${w.kind}`, { who: w.who }) : ''}</td>
                      <td>
                        {c.raisedOn}
                        <br />
                        <span class="muted">{c.raisedByOrganisationName ? `${c.raisedByName}, ${c.raisedByOrganisationName}` : c.raisedByName}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Pager t={t} page={p.list.page} pages={p.list.pages} href={(page) => `${p.base}${filterQuery(p.filter, page)}`} />
      </section>

      <section aria-labelledby="overdue-reports">
        <h2 id="overdue-reports">{t('cases.overview.overdueReports')}</h2>
        {p.overdue.total === 0 ? (
          <p>{t('cases.overview.overdueReports.none')}</p>
        ) : (
          <>
            <p>{t('cases.overview.overdueReports.count', { count: p.overdue.total })}</p>
            <ul>
              {p.overdue.rows.map((r) => (
                <li>
                  <a href={`/cases/${r.caseId}#reports`}>
                    <Ref kase={r} prefix={p.prefix} /> {r.title}
                  </a>{' '}
                  – {t('cases.overview.due')} {r.dueOn}
                  {r.meetingTitle ? ` (${r.meetingTitle})` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="overdue-actions">
        <h2 id="overdue-actions">{t('cases.overview.overdueActions')}</h2>
        {p.overdueActions.total === 0 ? (
          <p>{t('cases.overview.overdueActions.none')}</p>
        ) : (
          <>
            <p>{t('cases.overview.overdueActions.count', { count: p.overdueActions.total })}</p>
            <ul>
              {p.overdueActions.rows.map((a) => (
                <li>
                  {a.caseId ? <a href={`/cases/${a.caseId}`}>{a.title}</a> : <a href={`/bodies/${a.bodyId}/activity-plan?year=${a.year}`}>{a.title}</a>} – {t('cases.plan.end')} {a.endOn} ·{' '}
                  <Light t={t} status={a.status} />
                  {a.ownerName ? ` · ${a.ownerName}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
