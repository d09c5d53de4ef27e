import type { Translate } from '../../../platform/i18n/index.js';
import { formatDate, formatDateTime } from '../../../platform/time.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { groupedDigest } from '../canonical.js';
import type { ActionRow, PersonChoice } from '../queries/index.js';
import type { Approval, MinuteItem, Minutes, MinuteVersion } from '../schema.js';
import { CheckboxGroup, Field, SelectField } from '../../../platform/views/fields.js';
import { formMany, formOne } from '../../../platform/http/forms.js';
import type { FormState } from './form-state.js';

/* The panels of the minutes page besides the items. */

/** Note takers, chair, adjusters (among `appointees`: people with a role in the body), opening text, evaluation summary, next meetings. */
export function HeaderForm(props: {
  t: Translate;
  csrf: string;
  meetingId: string;
  minutes: Minutes;
  choices: PersonChoice[];
  appointees: PersonChoice[];
  /** Who may be chosen as chair: the appointees and the people present (one the meeting chose in the chair's place). */
  chairChoices?: PersonChoice[] | undefined;
  state?: FormState | undefined;
  folded?: string | undefined;
}) {
  const { t, minutes: m, choices } = props;
  const prefix = 'header';
  const s = props.state;
  const values = s
    ? {
        noteTakerIds: formMany(s.values, 'noteTakerIds'),
        noteTakerNames: formOne(s.values, 'noteTakerNames'),
        chairPersonId: formOne(s.values, 'chairPersonId'),
        adjusterIds: formMany(s.values, 'adjusterIds'),
        preamble: formOne(s.values, 'preamble'),
        nextMeetings: formOne(s.values, 'nextMeetings'),
        evaluationSummary: formOne(s.values, 'evaluationSummary'),
      }
    : {
        noteTakerIds: m.noteTakers.filter((n) => n.personId).map((n) => n.personId!),
        noteTakerNames: m.noteTakers
          .filter((n) => !n.personId)
          .map((n) => n.name)
          .join('\n'),
        chairPersonId: m.chairPersonId ?? '',
        adjusterIds: m.adjusterIds,
        preamble: m.preamble ?? '',
        nextMeetings: m.nextMeetings ?? '',
        evaluationSummary: m.evaluationSummary ?? '',
      };
  const options = choices.map((p) => ({ value: p.id, label: p.name }));
  const eligible = props.appointees.map((p) => ({ value: p.id, label: p.name }));
  return (
    <form method="post" action={`/meetings/${props.meetingId}/minutes/header`} class="minutes-header-form">
      <CsrfInput token={props.csrf} />
      <input type="hidden" name="version" value={String(m.version)} />
      <CheckboxGroup t={t} prefix={prefix} name="noteTakerIds" legend={t('minutes.header.noteTakers')} options={options} checked={values.noteTakerIds} errors={s?.errors} />
      <Field
        t={t}
        prefix={prefix}
        name="noteTakerNames"
        label={`${t('minutes.header.noteTakers')} – ${t('minutes.header.noteTakersHint').toLowerCase()}`}
        value={values.noteTakerNames}
        errors={s?.errors}
        multiline
        rows={2}
      />
      <SelectField
        t={t}
        prefix={prefix}
        name="chairPersonId"
        label={t('minutes.header.chair')}
        hint={t('minutes.header.chairHint')}
        value={values.chairPersonId}
        options={[{ value: '', label: t('minutes.header.noChair') }, ...(props.chairChoices ?? props.appointees).map((p) => ({ value: p.id, label: p.name }))]}
        errors={s?.errors}
      />
      <CheckboxGroup
        t={t}
        prefix={prefix}
        name="adjusterIds"
        legend={t('minutes.header.adjusters')}
        hint={t('minutes.header.adjustersHint')}
        options={eligible}
        checked={values.adjusterIds}
        errors={s?.errors}
      />
      <Field t={t} prefix={prefix} name="preamble" label={t('minutes.header.preamble')} hint={t('minutes.header.preambleHint')} value={values.preamble} errors={s?.errors} multiline rows={2} />
      <Field
        t={t}
        prefix={prefix}
        name="evaluationSummary"
        label={t('minutes.header.evaluation')}
        value={props.folded ?? values.evaluationSummary}
        errors={s?.errors}
        multiline
        rows={props.folded ? 10 : 4}
      />
      <Field t={t} prefix={prefix} name="nextMeetings" label={t('minutes.header.nextMeetings')} value={values.nextMeetings} errors={s?.errors} multiline rows={2} />
      <button type="submit" class="button">
        {t('minutes.header.save')}
      </button>
    </form>
  );
}

export function ActionsTable(props: { t: Translate; csrf: string; actions: ActionRow[]; canComplete: (a: ActionRow) => boolean; returnTo: string }) {
  const { t, actions } = props;
  if (!actions.length) return <p class="muted">{t('minutes.action.none')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('minutes.actions')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('minutes.action.title')}</th>
            <th scope="col">{t('minutes.action.owner')}</th>
            <th scope="col">{t('minutes.action.due')}</th>
            <th scope="col">{t('minutes.action.item')}</th>
            <th scope="col">{t('minutes.action.status')}</th>
          </tr>
        </thead>
        <tbody>
          {actions.map((a) => (
            <tr>
              <td>
                {a.title}
                {a.fromCondition ? (
                  <>
                    {' '}
                    <span class="tag">{t('minutes.action.condition')}</span>
                  </>
                ) : null}
              </td>
              <td>{a.ownerDisplay ?? <span class="muted">{t('minutes.action.noOwner')}</span>}</td>
              <td>{a.dueOn ?? '–'}</td>
              <td>{a.itemTitle ?? '–'}</td>
              <td>
                {t(`minutes.action.status.${a.status}`)}
                {a.status === 'open' && props.canComplete(a) ? (
                  <form method="post" action={`/actions/${a.id}/complete`} class="inline-form">
                    <CsrfInput token={props.csrf} />
                    <input type="hidden" name="returnTo" value={props.returnTo} />
                    <button type="submit" class="button button-secondary">
                      {t('minutes.action.complete')} <span class="visually-hidden">{a.title}</span>
                    </button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AddActionForm(props: { t: Translate; csrf: string; meetingId: string; items: { item: MinuteItem; number: string }[]; choices: PersonChoice[]; state?: FormState | undefined }) {
  const { t } = props;
  const prefix = 'action';
  const v = props.state?.values ?? {};
  return (
    <form method="post" action={`/meetings/${props.meetingId}/minutes/actions`} class="card">
      <h3>{t('minutes.action.add')}</h3>
      <CsrfInput token={props.csrf} />
      <Field t={t} prefix={prefix} name="title" label={t('minutes.action.title')} value={formOne(v, 'title')} errors={props.state?.errors} required maxlength={500} />
      <SelectField
        t={t}
        prefix={prefix}
        name="ownerPersonId"
        label={t('minutes.action.owner')}
        value={formOne(v, 'ownerPersonId')}
        options={[{ value: '', label: t('minutes.action.noOwner') }, ...props.choices.map((p) => ({ value: p.id, label: p.name }))]}
        errors={props.state?.errors}
      />
      <Field t={t} prefix={prefix} name="ownerName" label={t('minutes.action.ownerName')} value={formOne(v, 'ownerName')} errors={props.state?.errors} maxlength={200} />
      <Field t={t} prefix={prefix} name="dueOn" label={t('minutes.action.due')} type="date" value={formOne(v, 'dueOn')} errors={props.state?.errors} />
      <SelectField
        t={t}
        prefix={prefix}
        name="minuteItemId"
        label={t('minutes.action.item')}
        value={formOne(v, 'minuteItemId')}
        options={[{ value: '', label: t('minutes.action.noItem') }, ...props.items.map(({ item, number }) => ({ value: item.id, label: `${number}. ${item.title}` }))]}
        errors={props.state?.errors}
      />
      <button type="submit" class="button button-secondary">
        {t('minutes.action.add')}
      </button>
    </form>
  );
}

export function ApprovalTable(props: { t: Translate; approvals: Approval[]; names: Map<string, string>; contentVersion: number }) {
  const { t } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('minutes.approval')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('minutes.approval.approver')}</th>
            <th scope="col">{t('minutes.status')}</th>
            <th scope="col">{t('minutes.approval.approvedAt')}</th>
            <th scope="col">{t('minutes.approval.comments')}</th>
          </tr>
        </thead>
        <tbody>
          {props.approvals.map((a) => (
            <tr>
              <td>{props.names.get(a.personId) ?? '–'}</td>
              <td>{t(`minutes.role.${a.role}`)}</td>
              <td>
                {a.approvedAt && a.approvedVersion === props.contentVersion
                  ? formatDateTime(a.approvedAt)
                  : a.approvedAt
                    ? t('minutes.approval.stale', { version: a.approvedVersion ?? 0 })
                    : t('minutes.approval.pending')}
              </td>
              <td class="pre-line">{a.comment ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VersionsList(props: { t: Translate; meetingId: string; versions: MinuteVersion[] }) {
  const { t } = props;
  if (!props.versions.length) return null;
  return (
    <section aria-labelledby="minutes-versions">
      <h2 id="minutes-versions">{t('minutes.versions')}</h2>
      <ul>
        {props.versions.map((v) => (
          <li>
            <a href={`/meetings/${props.meetingId}/minutes/versions/${v.number}`}>{t('minutes.versionOf', { number: v.number })}</a> – {t(`minutes.status.${v.status}`)} {formatDate(v.lockedAt)} –{' '}
            <code class="digest">{groupedDigest(v.sha256)}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
