import type { MessageKey, Translate } from '../../../platform/i18n/index.js';
import { formatDateTime } from '../../../platform/time.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { outcomeKey } from '../document.js';
import { minuteOutcomes, type MinuteItem, type MinuteOutcome } from '../schema.js';
import type { PersonChoice } from '../queries/index.js';
import { CheckboxField, Field, SelectField } from '../../../platform/views/fields.js';
import { formOne, formValues, type FormData } from '../../../platform/http/forms.js';
import type { FormState } from './form-state.js';
import type { CaseRef, CaseStepChoice } from '../case-subjects.js';
import { PresenterFields, presenterNames, presenterValues, presentersFromForm } from '../../meetings/index.js';

/*
 * The form of one item's minutes. It posts to the explicit save (works without JavaScript,
 * audited); with JavaScript, htmx autosaves the text as a draft a moment after typing stops
 * (not audited) and keeps the form's version in step, so the explicit save is not refused
 * as stale by the writer's own autosaves.
 */

export const itemPrefix = (item: Pick<MinuteItem, 'id'>) => `it-${item.id.slice(0, 8)}`;

function valuesOf(item: MinuteItem): Record<string, string> {
  return {
    ...presenterValues(item.presenters),
    notes: item.notes ?? '',
    questions: item.questions ?? '',
    proposal: item.proposal.join('\n'),
    outcome: item.outcome ?? '',
    decisionText: item.decisionText ?? '',
    condition: item.condition ?? '',
    internal: item.internal ? 'on' : '',
    caseId: item.caseId ?? '',
    caseTransition: item.caseTransition ?? '',
  };
}

export function ItemForm(props: {
  t: Translate;
  csrf: string;
  meetingId: string;
  item: MinuteItem;
  number: string;
  choices: PersonChoice[];
  decisionNumber?: string | null | undefined;
  tabledFrom?: string | null | undefined;
  state?: FormState | undefined;
  /** The version the form saves from (the stored one after a conflict). */
  version?: number;
  /** The item's case: its number and title, and the steps a decision may carry now (labelled for the reader). */
  caseInfo?: { ref: CaseRef | undefined; steps: CaseStepChoice[]; stepLabel: (name: string) => string } | undefined;
}) {
  const { t, item } = props;
  const prefix = itemPrefix(item);
  const v = props.state ? formValues(props.state.values) : valuesOf(item);
  const errors = props.state?.errors;
  const action = `/meetings/${props.meetingId}/minutes/items/${item.id}`;
  return (
    <form
      method="post"
      action={action}
      class="minute-item-form"
      hx-post={`${action}/autosave`}
      hx-trigger="input delay:2s"
      hx-target={`#autosave-${item.id}`}
      hx-swap="innerHTML"
      hx-sync="this:replace"
    >
      <CsrfInput token={props.csrf} />
      <input type="hidden" name="version" id={`version-${item.id}`} value={String(props.version ?? item.version)} />
      {item.caseId ? <input type="hidden" name="caseId" value={item.caseId} /> : null}
      {props.tabledFrom ? <p class="muted">{props.tabledFrom}</p> : null}
      <PresenterFields t={t} values={v} errors={errors ?? []} people={props.choices} idPrefix={prefix} hint={t('minutes.item.presentersHint')} />
      <Field t={t} prefix={prefix} name="notes" label={t('minutes.item.notes')} hint={t('minutes.item.notesHint')} value={v.notes} errors={errors} multiline rows={6} />
      <Field t={t} prefix={prefix} name="questions" label={t('minutes.item.questions')} value={v.questions} errors={errors} multiline rows={3} />
      <Field t={t} prefix={prefix} name="proposal" label={t('minutes.item.proposal')} hint={t('minutes.item.proposalHint')} value={v.proposal} errors={errors} multiline rows={3} />
      <SelectField
        t={t}
        prefix={prefix}
        name="outcome"
        label={t('minutes.item.outcome')}
        value={v.outcome}
        options={[{ value: '', label: t('minutes.outcome.none') }, ...minuteOutcomes.map((o) => ({ value: o, label: t(outcomeKey(o)) }))]}
        errors={errors}
      />
      {props.decisionNumber ? <p>{t('minutes.item.decisionNumbered', { number: props.decisionNumber })}</p> : null}
      <Field t={t} prefix={prefix} name="decisionText" label={t('minutes.item.decisionText')} hint={t('minutes.item.decisionTextHint')} value={v.decisionText} errors={errors} multiline rows={2} />
      <Field t={t} prefix={prefix} name="condition" label={t('minutes.item.condition')} hint={t('minutes.item.conditionHint')} value={v.condition} errors={errors} maxlength={2000} />
      {item.caseId ? <CaseStepField t={t} prefix={prefix} value={v.caseTransition ?? ''} errors={errors} info={props.caseInfo} /> : null}
      <CheckboxField t={t} prefix={prefix} name="internal" value="on" label={t('minutes.item.internal')} checked={v.internal === 'on' || v.internal === 'true'} />
      <p class="autosave-status muted" id={`autosave-${item.id}`} role="status" aria-live="polite"></p>
      <button type="submit" class="button">
        {t('minutes.item.save')} <span class="visually-hidden">{props.number}</span>
      </button>
    </form>
  );
}

/**
 * The case the item handles and the step a decision on it carries: a choice among the steps
 * the case may take now, in the reader's language (a step already recorded stays selectable).
 */
function CaseStepField(props: {
  t: Translate;
  prefix: string;
  value: string;
  errors: FormState['errors'] | undefined;
  info: { ref: CaseRef | undefined; steps: CaseStepChoice[]; stepLabel: (name: string) => string } | undefined;
}) {
  const { t, value, info } = props;
  const options = [{ value: '', label: t('minutes.item.caseStepNone') }, ...(info?.steps ?? []).map((s) => ({ value: s.name, label: s.label }))];
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: info?.stepLabel(value) ?? value });
  return (
    <>
      {info?.ref ? (
        <p>
          <a href={info.ref.href}>{t('minutes.item.case', { ref: info.ref.ref, title: info.ref.title })}</a>
        </p>
      ) : null}
      <SelectField
        t={t}
        prefix={props.prefix}
        name="caseTransition"
        label={t('minutes.item.caseTransition')}
        hint={t('minutes.item.caseStepHint')}
        value={value}
        options={options}
        errors={props.errors}
      />
    </>
  );
}

/** Both versions of an item after a stale save: what the writer sent and what is stored. */
export function ConflictPanel(props: { t: Translate; mine: FormData; theirs: MinuteItem; who: string }) {
  const { t, mine, theirs } = props;
  const mineOutcome = minuteOutcomes.find((o): o is MinuteOutcome => o === formOne(mine, 'outcome'));
  const rows: { key: MessageKey; mine: string; theirs: string }[] = [
    {
      key: 'minutes.item.presenter',
      mine: presenterNames(presentersFromForm(mine as Record<string, string>).map((p) => ({ name: p.name, organisation: p.organisation }))),
      theirs: presenterNames(theirs.presenters),
    },
    { key: 'minutes.item.notes', mine: formOne(mine, 'notes'), theirs: theirs.notes ?? '' },
    { key: 'minutes.item.questions', mine: formOne(mine, 'questions'), theirs: theirs.questions ?? '' },
    { key: 'minutes.item.proposal', mine: formOne(mine, 'proposal'), theirs: theirs.proposal.join('\n') },
    { key: 'minutes.item.outcome', mine: mineOutcome ? t(outcomeKey(mineOutcome)) : '', theirs: theirs.outcome ? t(outcomeKey(theirs.outcome)) : '' },
    { key: 'minutes.item.decisionText', mine: formOne(mine, 'decisionText'), theirs: theirs.decisionText ?? '' },
    { key: 'minutes.item.condition', mine: formOne(mine, 'condition'), theirs: theirs.condition ?? '' },
  ];
  return (
    <div class="conflict warning" role="alert" id={`conflict-${theirs.id}`} tabindex={-1}>
      <h4>{t('minutes.conflict.title')}</h4>
      <p>{t('minutes.conflict.intro')}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('minutes.conflict.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('minutes.changes.field')}</th>
              <th scope="col">{t('minutes.conflict.yours')}</th>
              <th scope="col">{t('minutes.conflict.theirs', { version: theirs.version, who: props.who, when: formatDateTime(theirs.updatedAt) })}</th>
            </tr>
          </thead>
          <tbody>
            {rows
              .filter((r) => r.mine !== r.theirs)
              .map((r) => (
                <tr>
                  <th scope="row">{t(r.key)}</th>
                  <td class="pre-line conflict-mine">{r.mine || '–'}</td>
                  <td class="pre-line conflict-theirs">{r.theirs || '–'}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <p>
        <a href={`/meetings/${theirs.meetingId}/minutes#item-${theirs.id}`}>{t('minutes.conflict.discard')}</a>
      </p>
    </div>
  );
}
