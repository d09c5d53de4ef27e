import type { Translate } from '../../../platform/i18n/index.js';
import { formatDate } from '../../../platform/time.js';
import { phaseNames, phaseOf, phases, type CaseState } from '../flow.js';
import type { ReportCase } from '../queries/index.js';
import { Light, Ref } from './common.js';

/** The yearly report page: every case of the year and the phase it is in, with exports. */
export function YearlyReport(p: { t: Translate; bodyId: string; year: number; years: number[]; commissioner: string | null; items: ReportCase[]; prefix: string }) {
  const { t } = p;
  const exportBase = `/bodies/${p.bodyId}/case-report/export?year=${p.year}`;
  return (
    <>
      <nav aria-label={t('cases.plan.years')} class="year-nav">
        <ul class="inline-list">
          {p.years.map((y) => (
            <li>{y === p.year ? <span aria-current="page">{y}</span> : <a href={`/bodies/${p.bodyId}/case-report?year=${y}`}>{y}</a>}</li>
          ))}
        </ul>
      </nav>
      <p>{p.commissioner ? t('cases.report.yearlyIntro', { commissioner: p.commissioner }) : t('cases.report.yearlyIntroTop')}</p>
      <ul>
        <li>
          <a href={`${exportBase}&format=csv`}>{t('cases.plan.exportCsv')}</a>
        </li>
        <li>
          <a href={`${exportBase}&format=pdf`}>{t('cases.plan.exportPdf')}</a>
        </li>
        <li>
          <a href={`${exportBase}&format=docx`}>{t('cases.plan.exportDocx')}</a>
        </li>
      </ul>
      <h2>{t('cases.report.summary')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('cases.col.phase')}</th>
              <th scope="col">{t('cases.col.count')}</th>
            </tr>
          </thead>
          <tbody>
            {phaseNames.map((ph) => (
              <tr>
                <th scope="row">{t(`cases.phase.${ph}`)}</th>
                <td>{p.items.filter((c) => phaseOf(c.state) === ph).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.items.length === 0 ? <p>{t('cases.report.none')}</p> : null}
      {phaseNames.map((ph) => {
        const inPhase = p.items.filter((c) => (phases[ph] as readonly CaseState[]).includes(c.state));
        if (!inPhase.length) return null;
        return (
          <>
            <h2>{t(`cases.phase.${ph}`)}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.col.ref')}</th>
                    <th scope="col">{t('cases.col.title')}</th>
                    <th scope="col">{t('cases.col.state')}</th>
                    <th scope="col">{t('cases.report.lastReport')}</th>
                  </tr>
                </thead>
                <tbody>
                  {inPhase.map((c) => (
                    <tr>
                      <td>
                        <Ref kase={c} prefix={p.prefix} />
                      </td>
                      <td>
                        <a href={`/cases/${c.id}`}>{c.title}</a>
                        <br />
                        <span class="muted">
                          {c.raisedByName} {c.raisedOn}
                        </span>
                      </td>
                      <td>
                        {t(`cases.state.${c.state}`)}
                        {c.closedAt ? (
                          <>
                            <br />
                            <span class="muted">{t('cases.report.closedOn', { date: formatDate(c.closedAt) })}</span>
                          </>
                        ) : null}
                        {c.workingGroupName ? (
                          <>
                            <br />
                            <span class="muted">
                              {t('cases.report.workingGroup')}: {c.workingGroupName}
                            </span>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {c.lastReport ? (
                          <>
                            {c.lastReport.reportedOn} <Light t={t} status={c.lastReport.status} />
                            <br />
                            {c.lastReport.text}
                          </>
                        ) : (
                          ''
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        );
      })}
    </>
  );
}
