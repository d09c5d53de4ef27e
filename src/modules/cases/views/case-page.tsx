import type { FieldError } from '../../../platform/http/errors.js';
import type { Lang, Translate } from '../../../platform/i18n/index.js';
import { formatDate, formatDateTime } from '../../../platform/time.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { transitionDef, transitionsFrom, needsOf, type TransitionName } from '../flow.js';
import type { CaseAction } from '../policy.js';
import type { CaseDetails } from '../queries/index.js';
import { refPrefix } from '../wording.js';
import { Facts, Prose, Ref, Section, StateTag } from './common.js';
import { ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import { AdoptionSection, AnchoringSection, DirectiveSection, LinksSection, NoticesSection, ReportsSection, WorkingGroupSection } from './case-sections.js';

export interface MeetingChoice {
  id: string;
  title: string;
  startsAt: Date;
}

export interface CasePageData {
  t: Translate;
  lang: Lang;
  csrf: string;
  d: CaseDetails;
  abilities: Record<CaseAction, boolean>;
  /** The transitions the actor may take now. */
  mayTake: Partial<Record<TransitionName, boolean>>;
  /** Principals the actor answers for in the anchoring. */
  covered: string[];
  meetings: MeetingChoice[];
  reportMeetings: MeetingChoice[];
  /** A refused form: which one, its errors and what was typed. */
  form?: string | undefined;
  errors: FieldError[];
  values: Record<string, string>;
  now: Date;
}

/** The id a field has on the case page: forms are prefixed so that ids stay unique. */
export const fieldId = (form: string, field: string) => `${form}-${field.replace(/\./g, '-')}`;

export function CasePage(p: CasePageData) {
  const { t, d } = p;
  const k = d.kase;
  const prefix = refPrefix(d.structure);
  const categories = d.categories;
  return (
    <>
      <p class="muted">
        <Ref kase={k} prefix={prefix} /> · <a href={`/bodies/${d.body.id}/cases`}>{d.body.name}</a>
      </p>
      <h1>{k.title}</h1>
      <ErrorSummary t={t} errors={p.errors} idOf={(f) => fieldId(p.form ?? 'x', f)} />
      <p>
        <StateTag t={t} state={k.state} />
      </p>
      <Facts
        items={[
          [t('cases.col.ref'), <Ref kase={k} prefix={prefix} />],
          [t('cases.field.raisedBy'), k.raisedByOrganisationName ? `${k.raisedByName}, ${k.raisedByOrganisationName}` : k.raisedByName],
          [t('cases.col.raised'), k.raisedOn],
          [t('cases.field.body'), d.body.name],
          [
            t('cases.field.goalAreas'),
            categories
              .filter((c) => c.kind === 'goal_area')
              .map((c) => c.name)
              .join(', '),
          ],
          [
            t('cases.field.targetGroups'),
            categories
              .filter((c) => c.kind === 'target_group')
              .map((c) => c.name)
              .join(', '),
          ],
          [t('cases.field.newMedicalTask'), k.newMedicalTask ? t('cases.yes') : t('cases.no')],
        ]}
      />
      {d.meeting && k.state === 'on_agenda' ? <p>{t('cases.onAgenda', { meeting: d.meeting.title, date: formatDate(d.meeting.startsAt) })}</p> : null}
      {d.meeting && k.state === 'prepared' ? <p>{t('cases.onAgenda', { meeting: d.meeting.title, date: formatDate(d.meeting.startsAt) })}</p> : null}
      {k.escalatedToBodyId && d.escalatedName ? <p>{t('cases.escalatedTo', { body: d.escalatedName })}</p> : null}
      <h2>{t('cases.field.description')}</h2>
      <Prose text={k.description} empty={t('cases.noDescription')} />
      {k.answer ? (
        <>
          <h2>{k.state === 'returned' ? t('cases.answer') : t('cases.answerNoChange')}</h2>
          <Prose text={k.answer} />
        </>
      ) : null}
      {k.evaluation ? (
        <>
          <h2>{t('cases.evaluation')}</h2>
          <Prose text={k.evaluation} />
        </>
      ) : null}
      {p.abilities['cases.manage'] || (p.abilities['cases.withdraw'] && k.state === 'raised') ? (
        <p>
          <a href={`/cases/${k.id}/edit`}>{t('cases.edit')}</a>
        </p>
      ) : null}
      <NextSteps {...p} />
      <WorkingGroupSection {...p} />
      <DirectiveSection {...p} />
      <ReportsSection {...p} />
      <AnchoringSection {...p} />
      <AdoptionSection {...p} />
      <NoticesSection {...p} />
      <LinksSection {...p} />
      <HistorySection {...p} />
      {p.abilities['cases.manage'] ? (
        <p class="history-link">
          <a href={`/history/case/${k.id}`}>{t('admin.history.changes')}</a>
        </p>
      ) : null}
    </>
  );
}

function NextSteps(p: CasePageData) {
  const { t, d } = p;
  const k = d.kase;
  const possible = transitionsFrom(k.state);
  if (!possible.length) {
    return (
      <Section id="next" title={t('cases.next')}>
        <p>{t('cases.next.none')}</p>
      </Section>
    );
  }
  const mine = possible.filter((n) => p.mayTake[n]);
  return (
    <Section id="next" title={t('cases.next')}>
      {mine.length === 0 ? <p>{t('cases.next.notYours', { who: k.state === 'prepared' && d.escalatedName ? d.escalatedName : d.body.name })}</p> : null}
      {mine.map((name) => (
        <TransitionForm {...p} name={name} />
      ))}
    </Section>
  );
}

function TransitionForm(p: CasePageData & { name: TransitionName }) {
  const { t, d, name } = p;
  const k = d.kase;
  const def = transitionDef(name);
  const label = t(`cases.transition.${name}`);
  if (def.via === 'cases.appointWorkingGroup') {
    return (
      <p>
        <a class="button" href={`/cases/${k.id}/working-group`}>
          {t('cases.next.viaWorkingGroup')}
        </a>
      </p>
    );
  }
  if (def.via === 'cases.issueDirective') {
    return (
      <p>
        <a class="button" href={`/cases/${k.id}/directive`}>
          {t('cases.next.viaDirective')}
        </a>
      </p>
    );
  }
  const form = `t-${name}`;
  const needs = needsOf(name, k.state);
  const errors = p.form === form ? p.errors : [];
  const values = p.form === form ? p.values : {};
  const id = (f: string) => fieldId(form, f);
  return (
    <form method="post" action={`/cases/${k.id}/transition`} class="transition-form" aria-labelledby={`${form}-title`}>
      <h3 id={`${form}-title`}>{label}</h3>
      <CsrfInput token={p.csrf} />
      <input type="hidden" name="transition" value={name} />
      <input type="hidden" name="version" value={String(k.version)} />
      {needs.includes('meeting') ? (
        p.meetings.length ? (
          <SelectField
            t={t}
            id={id('meetingId')}
            name="meetingId"
            label={t('cases.field.meeting')}
            required
            errors={errors}
            value={values.meetingId}
            options={p.meetings.map((m) => ({ value: m.id, label: `${m.title}, ${formatDateTime(m.startsAt)}` }))}
          />
        ) : (
          <p class="warning">{t('cases.next.meetingNone')}</p>
        )
      ) : null}
      {needs.includes('message') ? (
        <Field
          t={t}
          id={id('message')}
          name="message"
          multiline
          rows={4}
          required
          errors={errors}
          value={values.message}
          label={name === 'reject' ? t('cases.field.answer') : t('cases.field.informConcerned')}
        />
      ) : null}
      {needs.includes('evaluation') ? (
        <Field t={t} id={id('evaluation')} name="evaluation" multiline rows={4} required errors={errors} value={values.evaluation} label={t('cases.field.evaluation')} />
      ) : null}
      {!needs.includes('message') && !needs.includes('evaluation') ? <Field t={t} id={id('note')} name="note" errors={errors} value={values.note} label={t('cases.field.note')} /> : null}
      <button type="submit" class={name === 'withdraw' || name === 'reject' ? 'button button-secondary' : 'button'}>
        {label}
      </button>
    </form>
  );
}

function HistorySection(p: CasePageData) {
  const { t, d } = p;
  return (
    <Section id="history" title={t('cases.history')}>
      {d.history.length === 0 ? (
        <p>{t('cases.history.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('cases.history.at')}</th>
                <th scope="col">{t('cases.history.step')}</th>
                <th scope="col">{t('cases.history.meeting')}</th>
                <th scope="col">{t('cases.history.by')}</th>
                <th scope="col">{t('cases.history.note')}</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map(({ h, meetingTitle, meetingStartsAt, bodyName }) => (
                <tr>
                  <td>
                    <time datetime={h.at.toISOString()}>{formatDateTime(h.at)}</time>
                  </td>
                  <td>
                    {t(`cases.transition.${h.transition}`)} → {t(`cases.state.${h.toState}`)}
                  </td>
                  <td>{meetingTitle && meetingStartsAt ? `${meetingTitle} ${formatDate(meetingStartsAt)}` : (bodyName ?? '')}</td>
                  <td>{h.actorLabel}</td>
                  <td>{h.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
