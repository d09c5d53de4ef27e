import type { Child } from 'hono/jsx';
import { formatDate, formatDateTime } from '../../../platform/time.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { directiveParts } from '../inputs.js';
import { reportingStates } from '../reports.js';
import { medicalSteps, caseLinkKinds } from '../schema.js';
import { Facts, Light, Prose, Section } from './common.js';
import { Field, SelectField } from '../../../platform/views/fields.js';
import { fieldId, type CasePageData } from './case-page.js';

export { AnchoringSection, AdoptionSection, NoticesSection } from './case-principals.js';

export function WorkingGroupSection(p: CasePageData) {
  const { t, d } = p;
  const k = d.kase;
  if (!d.wgId) {
    if (k.state !== 'accepted') return null;
    return (
      <Section id="working-group" title={t('cases.wg')}>
        <p>{t('cases.wg.none')}</p>
      </Section>
    );
  }
  return (
    <Section id="working-group" title={t('cases.wg')}>
      <p>
        <strong>{d.wgName}</strong> · {t('cases.wg.period', { from: d.wgActiveFrom ?? '', to: d.wgActiveTo ?? t('cases.wg.open') })}
      </p>
      <ul>
        {d.wgMembers.map((m) => (
          <li>
            {m.name} – {t(`structure.role.${m.role}`)}
            {m.reason ? ` (${m.reason})` : ''}
            {m.endOn ? (
              <span class="muted">
                {' '}
                · {m.startOn}–{m.endOn}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function DirectiveSection(p: CasePageData) {
  const { t, d } = p;
  const k = d.kase;
  const dir = d.directive;
  const canWrite = p.abilities['cases.manage'] && k.state === 'working_group';
  if (!dir && !canWrite) return null;
  return (
    <Section id="directive" title={t('cases.directive')}>
      {!dir ? <p>{t('cases.directive.none')}</p> : <p>{dir.status === 'issued' && dir.issuedAt ? t('cases.directive.issued', { date: formatDate(dir.issuedAt) }) : t('cases.directive.draft')}</p>}
      {dir ? (
        <Facts
          items={[
            ...directiveParts.map((part) => [t(`cases.directive.${part}`), dir[part] ?? <span class="muted">{t('cases.directive.missing')}</span>] as [string, Child]),
            [t('cases.directive.reportAtMeetings'), dir.reportAtMeetings ? t('cases.directive.yes') : t('cases.directive.no')],
            [t('cases.directive.reportDates'), dir.reportDates.join(', ')],
            ...(k.newMedicalTask ? medicalSteps.map((s) => [t(`cases.directive.step.${s}`), dir.medicalSteps[s] ? t('cases.directive.yes') : t('cases.directive.no')] as [string, string]) : []),
          ]}
        />
      ) : null}
      {canWrite ? (
        <p>
          <a class="button" href={`/cases/${k.id}/directive`}>
            {dir ? t('cases.directive.edit') : t('cases.directive.write')}
          </a>
        </p>
      ) : null}
    </Section>
  );
}

export function ReportsSection(p: CasePageData) {
  const { t, d } = p;
  const k = d.kase;
  if (!d.directive || d.directive.status !== 'issued') return null;
  const form = 'report';
  const errors = p.form === form ? p.errors : [];
  const values = p.form === form ? p.values : {};
  const canReport = p.abilities['cases.report'] && reportingStates.includes(k.state);
  return (
    <Section id="reports" title={t('cases.reports')}>
      <h3>{t('cases.reports.due')}</h3>
      {d.dues.length === 0 ? (
        <p>{t('cases.reports.due.none')}</p>
      ) : (
        <ul class="dues">
          {d.dues.map((due) => (
            <li>
              {due.meetingTitle ? t('cases.reports.atMeeting', { meeting: `${due.meetingTitle} ${due.dueOn}` }) : t('cases.reports.onDate', { date: due.dueOn })}:{' '}
              <strong class={due.overdue ? 'overdue' : undefined}>{due.done ? t('cases.reports.done') : due.overdue ? t('cases.reports.overdue') : t('cases.reports.coming')}</strong>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('cases.reports')}</h3>
      {d.reports.length === 0 ? (
        <p>{t('cases.reports.empty')}</p>
      ) : (
        <ol class="reports">
          {d.reports.map(({ r, reporterName, meetingTitle, meetingStartsAt }) => (
            <li>
              <p>
                <Light t={t} status={r.status} /> · {t('cases.report.by', { name: reporterName ?? '', date: r.reportedOn })}
                {meetingTitle && meetingStartsAt ? ` · ${t('cases.reports.atMeeting', { meeting: `${meetingTitle} ${formatDate(meetingStartsAt)}` })}` : ''}
              </p>
              <Prose text={r.text} />
            </li>
          ))}
        </ol>
      )}
      {canReport ? (
        <form method="post" action={`/cases/${k.id}/reports`} aria-labelledby="report-title">
          <h3 id="report-title">{t('cases.report.add')}</h3>
          <CsrfInput token={p.csrf} />
          <SelectField
            t={t}
            id={fieldId(form, 'meetingId')}
            name="meetingId"
            label={t('cases.report.meeting')}
            errors={errors}
            value={values.meetingId ?? d.dues.find((x) => !x.done && x.meetingId)?.meetingId ?? ''}
            empty={t('cases.report.noMeeting')}
            options={p.reportMeetings.map((m) => ({ value: m.id, label: `${m.title}, ${formatDateTime(m.startsAt)}` }))}
          />
          <SelectField
            t={t}
            id={fieldId(form, 'status')}
            name="status"
            label={t('cases.report.status')}
            required
            errors={errors}
            value={values.status ?? 'green'}
            options={(['green', 'yellow', 'red', 'done'] as const).map((s) => ({ value: s, label: t(`cases.light.${s}`) }))}
          />
          <Field t={t} id={fieldId(form, 'text')} name="text" label={t('cases.report.text')} multiline rows={4} required errors={errors} value={values.text} />
          <button type="submit" class="button">
            {t('cases.report.submit')}
          </button>
        </form>
      ) : null}
    </Section>
  );
}

export function LinksSection(p: CasePageData) {
  const { t, d } = p;
  const k = d.kase;
  const form = 'link';
  const errors = p.form === form ? p.errors : [];
  const values = p.form === form ? p.values : {};
  return (
    <Section id="links" title={t('cases.links')}>
      {d.links.length === 0 ? (
        <p>{t('cases.links.empty')}</p>
      ) : (
        <ul>
          {d.links.map(({ link, target, href }) => (
            <li>
              {t(`cases.link.kind.${link.kind}`)}: {href ? <a href={href}>{link.label}</a> : link.label}
              {link.kind !== 'document' ? <span class="muted"> – {target ?? t('cases.link.missing')}</span> : null}
              {p.abilities['cases.link'] ? (
                <form method="post" action={`/cases/${k.id}/links/${link.id}/delete`} class="inline-form">
                  <CsrfInput token={p.csrf} />{' '}
                  <button type="submit" class="linklike">
                    {t('cases.link.remove')}
                    <span class="visually-hidden">: {link.label}</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {p.abilities['cases.link'] ? (
        <details open={errors.length > 0}>
          <summary>{t('cases.link.add')}</summary>
          <form method="post" action={`/cases/${k.id}/links`}>
            <CsrfInput token={p.csrf} />
            <SelectField
              t={t}
              id={fieldId(form, 'kind')}
              name="kind"
              label={t('cases.link.kind')}
              value={values.kind}
              errors={errors}
              options={caseLinkKinds.map((kind) => ({ value: kind, label: t(`cases.link.kind.${kind}`) }))}
            />
            <Field t={t} id={fieldId(form, 'label')} name="label" label={t('cases.link.label')} required errors={errors} value={values.label} />
            <Field t={t} id={fieldId(form, 'url')} name="url" type="url" label={t('cases.link.url')} errors={errors} value={values.url} />
            <Field t={t} id={fieldId(form, 'targetId')} name="targetId" label={t('cases.link.target')} errors={errors} value={values.targetId} />
            <button type="submit" class="button button-secondary">
              {t('cases.link.add')}
            </button>
          </form>
        </details>
      ) : null}
    </Section>
  );
}
