import type { FieldError } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import type { Body, StructureCategory } from '../../structure/schema.js';
import { caseRef } from '../wording.js';
import type { PlanLine } from '../queries/index.js';
import { trafficLights } from '../schema.js';
import { Light } from './common.js';
import { CheckboxField, ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';

/*
 * A body's activity plan for a year: decided cases and other activities with goal area,
 * owner, start, end and the traffic light; the waiting list; forms to add and change lines,
 * roll the plan into the next year, and export it.
 */

interface PlanData {
  t: Translate;
  csrf: string;
  body: Body;
  year: number;
  years: number[];
  lines: PlanLine[];
  goalAreas: StructureCategory[];
  prefix: string;
  canManage: boolean;
  form?: string | undefined;
  errors: FieldError[];
  values: Record<string, string>;
}

function LineTable(p: PlanData & { lines: PlanLine[]; caption: string }) {
  const { t } = p;
  return (
    <div class="table-wrap">
      <table>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.plan.activity')}</th>
            <th scope="col">{t('cases.plan.goalArea')}</th>
            <th scope="col">{t('cases.plan.owner')}</th>
            <th scope="col">{t('cases.plan.start')}</th>
            <th scope="col">{t('cases.plan.end')}</th>
            <th scope="col">{t('cases.plan.status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.lines.map((l) => (
            <tr>
              <th scope="row">
                {l.caseId ? <a href={`/cases/${l.caseId}`}>{l.title}</a> : l.title}
                {l.caseYear && l.caseNumber ? <span class="muted"> ({caseRef({ year: l.caseYear, number: l.caseNumber }, p.prefix)})</span> : null}
                {l.carriedFromYear ? <span class="tag">{t('cases.plan.carried', { year: l.carriedFromYear })}</span> : null}
                {p.canManage ? <LineForm {...p} line={l} /> : null}
              </th>
              <td>{l.goalAreaName ?? ''}</td>
              <td>{l.ownerName ?? ''}</td>
              <td>{l.startOn ?? ''}</td>
              <td>{l.endOn ?? ''}</td>
              <td>
                <Light t={t} status={l.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ActivityFields(p: PlanData & { formId: string; line?: PlanLine }) {
  const { t } = p;
  const refused = p.form === p.formId;
  const errors = refused ? p.errors : [];
  const values: Record<string, string | null | undefined> = refused
    ? p.values
    : p.line
      ? { title: p.line.title, goalAreaId: p.line.goalAreaId, ownerName: p.line.ownerName, startOn: p.line.startOn, endOn: p.line.endOn, status: p.line.status, waiting: p.line.waiting ? 'on' : '' }
      : {};
  const id = (f: string) => `${p.formId}-${f}`;
  return (
    <>
      <Field t={t} id={id('title')} name="title" label={t('cases.plan.activity')} required errors={errors} value={values.title} />
      <SelectField
        t={t}
        id={id('goalAreaId')}
        name="goalAreaId"
        label={t('cases.plan.goalArea')}
        errors={errors}
        value={values.goalAreaId}
        empty={t('cases.plan.none')}
        options={p.goalAreas.map((g) => ({ value: g.id, label: g.name }))}
      />
      <Field t={t} id={id('ownerName')} name="ownerName" label={t('cases.plan.owner')} errors={errors} value={values.ownerName} />
      <Field t={t} id={id('startOn')} name="startOn" type="date" label={t('cases.plan.start')} errors={errors} value={values.startOn} />
      <Field t={t} id={id('endOn')} name="endOn" type="date" label={t('cases.plan.end')} errors={errors} value={values.endOn} />
      <SelectField
        t={t}
        id={id('status')}
        name="status"
        label={t('cases.plan.status')}
        errors={errors}
        value={values.status ?? 'not_started'}
        options={trafficLights.map((l) => ({ value: l, label: t(`cases.light.${l}`) }))}
      />
      <CheckboxField t={t} id={id('waiting')} name="waiting" label={t('cases.plan.waiting')} checked={values.waiting === 'on'} value="on" />
    </>
  );
}

function LineForm(p: PlanData & { line: PlanLine }) {
  const { t } = p;
  const form = `line-${p.line.id}`;
  return (
    <details open={p.form === form}>
      <summary>
        {t('cases.plan.update')}
        <span class="visually-hidden">: {p.line.title}</span>
      </summary>
      <form method="post" action={`/activities/${p.line.id}`}>
        <CsrfInput token={p.csrf} />
        <input type="hidden" name="version" value={String(p.line.version)} />
        <ActivityFields {...p} formId={form} line={p.line} />
        <button type="submit" class="button">
          {t('form.save')}
        </button>
      </form>
    </details>
  );
}

export function PlanPage(p: PlanData) {
  const { t } = p;
  const decided = p.lines.filter((l) => !l.waiting);
  const waiting = p.lines.filter((l) => l.waiting);
  const exportBase = `/bodies/${p.body.id}/activity-plan/export?year=${p.year}`;
  return (
    <>
      <ErrorSummary t={t} errors={p.errors} idOf={(f) => `${p.form ?? 'add'}-${f}`} />
      <nav aria-label={t('cases.plan.years')} class="year-nav">
        <ul class="inline-list">
          {p.years.map((y) => (
            <li>{y === p.year ? <span aria-current="page">{y}</span> : <a href={`/bodies/${p.body.id}/activity-plan?year=${y}`}>{y}</a>}</li>
          ))}
        </ul>
      </nav>
      <h2>{t('cases.plan.decided')}</h2>
      {decided.length ? <LineTable {...p} lines={decided} caption={t('cases.plan.decided')} /> : <p>{t('cases.plan.empty')}</p>}
      <h2>{t('cases.plan.waitingList')}</h2>
      {waiting.length ? <LineTable {...p} lines={waiting} caption={t('cases.plan.waitingList')} /> : <p>{t('cases.plan.waitingList.empty')}</p>}
      <h2>{t('cases.plan.export')}</h2>
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
      {p.canManage ? (
        <>
          <h2>{t('cases.plan.add')}</h2>
          <form method="post" action={`/bodies/${p.body.id}/activity-plan`}>
            <CsrfInput token={p.csrf} />
            <input type="hidden" name="year" value={String(p.year)} />
            <ActivityFields {...p} formId="add" />
            <button type="submit" class="button">
              {t('cases.plan.add')}
            </button>
          </form>
          <h2>{t('cases.plan.roll', { year: p.year + 1 })}</h2>
          <form method="post" action={`/bodies/${p.body.id}/activity-plan/roll`}>
            <CsrfInput token={p.csrf} />
            <input type="hidden" name="fromYear" value={String(p.year)} />
            <p>{t('cases.plan.rollIntro')}</p>
            <button type="submit" class="button button-secondary">
              {t('cases.plan.roll', { year: p.year + 1 })}
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}
