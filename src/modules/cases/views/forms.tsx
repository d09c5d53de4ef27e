import type { FieldError } from '../../../platform/http/errors.js';
import type { MessageKey, Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import type { Body, StructureCategory } from '../../structure/schema.js';
import { directiveParts } from '../directive.js';
import { medicalSteps, type Case, type CaseDirective } from '../schema.js';
import { Checkbox, Select, Summary, TextInput } from './common.js';

/*
 * The full-page forms: raising (and editing) a case, appointing a working group and
 * writing the assignment directive. A refused form comes back with what was typed.
 */

type Values = Record<string, string | string[] | undefined>;
const str = (v: Values[string]) => (Array.isArray(v) ? v[0] : v);
const list = (v: Values[string]) => (Array.isArray(v) ? v : v ? [v] : []);

function CategoryChoices(props: { t: Translate; categories: StructureCategory[]; chosen: string[]; prefix: string }) {
  const groups = [
    { kind: 'goal_area', label: props.t('cases.field.goalAreas') },
    { kind: 'target_group', label: props.t('cases.field.targetGroups') },
  ] as const;
  return (
    <>
      {groups.map((g) => {
        const items = props.categories.filter((c) => c.kind === g.kind);
        if (!items.length) return null;
        return (
          <fieldset>
            <legend>{g.label}</legend>
            {items.map((c) => (
              <Checkbox id={`${props.prefix}-cat-${c.id}`} name="categoryIds" value={c.id} label={c.name} checked={props.chosen.includes(c.id)} />
            ))}
          </fieldset>
        );
      })}
    </>
  );
}

export function RaiseForm(props: {
  t: Translate;
  csrf: string;
  body: Body;
  categories: StructureCategory[];
  organisations: { id: string; name: string; principalName: string }[];
  people: { personId: string; name: string }[];
  manager: boolean;
  errors: FieldError[];
  values: Values;
  action: string;
  kase?: Case;
}) {
  const { t, values, errors } = props;
  const id = (f: string) => `raise-${f}`;
  const editing = !!props.kase;
  return (
    <form method="post" action={props.action}>
      <Summary t={t} errors={errors} idOf={(f) => id(f === 'categoryIds' ? 'categories' : f)} />
      <CsrfInput token={props.csrf} />
      {props.kase ? <input type="hidden" name="version" value={String(props.kase.version)} /> : null}
      <TextInput t={t} id={id('title')} name="title" label={t('cases.field.title')} required maxlength={300} errors={errors} value={str(values.title)} />
      <TextInput t={t} id={id('description')} name="description" label={t('cases.field.description')} multiline rows={8} errors={errors} value={str(values.description)} />
      <div id={id('categories')}>
        <CategoryChoices t={t} categories={props.categories} chosen={list(values.categoryIds)} prefix="raise" />
      </div>
      <Checkbox id={id('newMedicalTask')} name="newMedicalTask" label={t('cases.field.newMedicalTask')} hint={t('cases.field.newMedicalTaskHint')} checked={str(values.newMedicalTask) === 'on'} />
      {!editing ? (
        <>
          <Select
            t={t}
            id={id('raisedByOrganisationId')}
            name="raisedByOrganisationId"
            label={t('cases.field.organisation')}
            hint={t('cases.field.organisationHint')}
            errors={errors}
            value={str(values.raisedByOrganisationId)}
            empty="–"
            options={props.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.principalName})` }))}
          />
          {props.manager ? (
            <fieldset>
              <legend>{t('cases.raise.onBehalf')}</legend>
              <p class="hint">{t('cases.raise.onBehalfHint')}</p>
              <Select
                t={t}
                id={id('raisedByPersonId')}
                name="raisedByPersonId"
                label={t('cases.field.raisedBy')}
                errors={errors}
                value={str(values.raisedByPersonId)}
                empty={t('cases.raise.self')}
                options={props.people.map((p) => ({ value: p.personId, label: p.name }))}
              />
              <TextInput t={t} id={id('raisedByName')} name="raisedByName" label={t('cases.field.raisedByName')} errors={errors} value={str(values.raisedByName)} />
              <TextInput t={t} id={id('raisedByOrganisationName')} name="raisedByOrganisationName" label={t('cases.field.organisation')} errors={errors} value={str(values.raisedByOrganisationName)} />
            </fieldset>
          ) : null}
        </>
      ) : null}
      <button type="submit" class="button">
        {editing ? t('form.save') : t('cases.raise.submit')}
      </button>
    </form>
  );
}

export function WorkingGroupForm(props: { t: Translate; csrf: string; kase: Case; body: Body; people: { personId: string; name: string }[]; errors: FieldError[]; values: Values }) {
  const { t, values, errors } = props;
  const id = (f: string) => `wg-${f.replace(/\./g, '-')}`;
  const members = list(values.memberPersonIds);
  return (
    <form method="post" action={`/cases/${props.kase.id}/working-group`}>
      <Summary t={t} errors={errors} idOf={(f) => id(f === 'memberPersonIds' ? 'members' : f)} />
      <CsrfInput token={props.csrf} />
      <input type="hidden" name="version" value={String(props.kase.version)} />
      <TextInput t={t} id={id('name')} name="name" label={t('cases.wg.name')} errors={errors} value={str(values.name) ?? `Arbetsgrupp: ${props.kase.title}`.slice(0, 200)} />
      <Select
        t={t}
        id={id('convenorPersonId')}
        name="convenorPersonId"
        label={t('cases.wg.convenor')}
        required
        errors={errors}
        value={str(values.convenorPersonId)}
        empty={t('cases.choose')}
        options={props.people.map((p) => ({ value: p.personId, label: p.name }))}
      />
      <fieldset id={id('members')}>
        <legend>{t('cases.wg.members')}</legend>
        {props.people.map((p) => (
          <Checkbox id={id(`member-${p.personId}`)} name="memberPersonIds" value={p.personId} label={p.name} checked={members.includes(p.personId)} />
        ))}
      </fieldset>
      {[0, 1].map((i) => (
        <fieldset>
          <legend>{t('cases.wg.adjunct', { n: i + 1 })}</legend>
          <TextInput
            t={t}
            id={id(`adjuncts.${i}.personEmail`)}
            name={`adjuncts.${i}.personEmail`}
            type="email"
            label={t('cases.wg.adjunctEmail')}
            errors={errors}
            value={str(values[`adjuncts.${i}.personEmail`])}
          />
          <TextInput t={t} id={id(`adjuncts.${i}.personName`)} name={`adjuncts.${i}.personName`} label={t('cases.wg.adjunctName')} errors={errors} value={str(values[`adjuncts.${i}.personName`])} />
          <TextInput t={t} id={id(`adjuncts.${i}.reason`)} name={`adjuncts.${i}.reason`} label={t('cases.wg.adjunctReason')} errors={errors} value={str(values[`adjuncts.${i}.reason`])} />
        </fieldset>
      ))}
      <TextInput t={t} id={id('endOn')} name="endOn" type="date" label={t('cases.wg.endOn')} hint={t('cases.wg.endOnHint')} errors={errors} value={str(values.endOn)} />
      <button type="submit" class="button">
        {t('cases.wg.submit')}
      </button>
    </form>
  );
}

/** Form values of a stored directive. */
export function directiveValues(d: CaseDirective | undefined): Values {
  if (!d) return { reportAtMeetings: 'on' };
  const v: Values = {};
  for (const part of directiveParts) v[part.field] = d[part.field] ?? '';
  v.reportAtMeetings = d.reportAtMeetings ? 'on' : undefined;
  v.reportDates = d.reportDates.join('\n');
  for (const s of medicalSteps) v[`medicalSteps.${s}`] = d.medicalSteps[s] ? 'on' : undefined;
  v.version = String(d.version);
  return v;
}

export function DirectiveForm(props: { t: Translate; csrf: string; kase: Case; errors: FieldError[]; values: Values }) {
  const { t, values, errors } = props;
  const id = (f: string) => `dir-${f.replace(/\./g, '-')}`;
  return (
    <form method="post" action={`/cases/${props.kase.id}/directive`}>
      <Summary t={t} errors={errors} idOf={id} />
      <CsrfInput token={props.csrf} />
      {str(values.version) ? <input type="hidden" name="version" value={str(values.version)} /> : null}
      {directiveParts.map((part) =>
        part.field === 'endDate' ? (
          <TextInput t={t} id={id(part.field)} name={part.field} type="date" label={t('cases.directive.endDate')} errors={errors} value={str(values[part.field])} />
        ) : (
          <TextInput
            t={t}
            id={id(part.field)}
            name={part.field}
            multiline
            rows={part.field === 'shortDescription' ? 3 : 4}
            label={t(`cases.directive.${part.field}` as MessageKey)}
            errors={errors}
            value={str(values[part.field])}
          />
        ),
      )}
      <fieldset>
        <legend>{t('cases.directive.reporting')}</legend>
        <div id={id('reportAtMeetings')}>
          <Checkbox id={id('reportAtMeetings-box')} name="reportAtMeetings" label={t('cases.directive.reportAtMeetings')} checked={str(values.reportAtMeetings) === 'on'} />
        </div>
        <TextInput
          t={t}
          id={id('reportDates')}
          name="reportDates"
          multiline
          rows={2}
          label={t('cases.directive.reportDates')}
          hint={t('cases.directive.reportDatesHint')}
          errors={errors}
          value={str(values.reportDates)}
        />
      </fieldset>
      {props.kase.newMedicalTask ? (
        <fieldset>
          <legend>{t('cases.directive.steps')}</legend>
          <p class="hint">{t('cases.directive.stepsHint')}</p>
          {medicalSteps.map((s) => (
            <div id={id(`medicalSteps.${s}`)}>
              <Checkbox id={id(`medicalSteps.${s}-box`)} name={`medicalSteps.${s}`} label={t(`cases.directive.step.${s}` as MessageKey)} checked={str(values[`medicalSteps.${s}`]) === 'on'} />
            </div>
          ))}
        </fieldset>
      ) : null}
      <div class="actions">
        <button type="submit" class="button button-secondary" name="action" value="save">
          {t('cases.directive.save')}
        </button>
        <button type="submit" class="button" name="action" value="issue">
          {t('cases.directive.issue')}
        </button>
      </div>
    </form>
  );
}
