import type { FieldError } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import type { Body, StructureCategory } from '../../structure/schema.js';
import { directiveParts } from '../inputs.js';
import { medicalSteps, type Case, type CaseDirective } from '../schema.js';
import { formMany, formOne, type FormData } from '../../../platform/http/forms.js';
import { CheckboxField, ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';

/*
 * The full-page forms: raising (and editing) a case, appointing a working group and
 * writing the assignment directive. A refused form comes back with what was typed.
 */

type Values = FormData;

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
              <CheckboxField t={props.t} id={`${props.prefix}-cat-${c.id}`} name="categoryIds" value={c.id} label={c.name} checked={props.chosen.includes(c.id)} />
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
      <ErrorSummary t={t} errors={errors} idOf={(f) => id(f === 'categoryIds' ? 'categories' : f)} />
      <CsrfInput token={props.csrf} />
      {props.kase ? <input type="hidden" name="version" value={String(props.kase.version)} /> : null}
      <Field t={t} id={id('title')} name="title" label={t('cases.field.title')} required maxlength={300} errors={errors} value={formOne(values, 'title')} />
      <Field t={t} id={id('description')} name="description" label={t('cases.field.description')} multiline rows={8} errors={errors} value={formOne(values, 'description')} />
      <div id={id('categories')}>
        <CategoryChoices t={t} categories={props.categories} chosen={formMany(values, 'categoryIds')} prefix="raise" />
      </div>
      <CheckboxField
        t={t}
        id={id('newMedicalTask')}
        name="newMedicalTask"
        label={t('cases.field.newMedicalTask')}
        hint={t('cases.field.newMedicalTaskHint')}
        checked={formOne(values, 'newMedicalTask') === 'on'}
        value="on"
      />
      {!editing ? (
        <>
          <SelectField
            t={t}
            id={id('raisedByOrganisationId')}
            name="raisedByOrganisationId"
            label={t('cases.field.organisation')}
            hint={t('cases.field.organisationHint')}
            errors={errors}
            value={formOne(values, 'raisedByOrganisationId')}
            empty="–"
            options={props.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.principalName})` }))}
          />
          {props.manager ? (
            <fieldset>
              <legend>{t('cases.raise.onBehalf')}</legend>
              <p class="hint">{t('cases.raise.onBehalfHint')}</p>
              <SelectField
                t={t}
                id={id('raisedByPersonId')}
                name="raisedByPersonId"
                label={t('cases.field.raisedBy')}
                errors={errors}
                value={formOne(values, 'raisedByPersonId')}
                empty={t('cases.raise.self')}
                options={props.people.map((p) => ({ value: p.personId, label: p.name }))}
              />
              <Field t={t} id={id('raisedByName')} name="raisedByName" label={t('cases.field.raisedByName')} errors={errors} value={formOne(values, 'raisedByName')} />
              <Field
                t={t}
                id={id('raisedByOrganisationName')}
                name="raisedByOrganisationName"
                label={t('cases.field.organisation')}
                errors={errors}
                value={formOne(values, 'raisedByOrganisationName')}
              />
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
  const members = formMany(values, 'memberPersonIds');
  return (
    <form method="post" action={`/cases/${props.kase.id}/working-group`}>
      <ErrorSummary t={t} errors={errors} idOf={(f) => id(f === 'memberPersonIds' ? 'members' : f)} />
      <CsrfInput token={props.csrf} />
      <input type="hidden" name="version" value={String(props.kase.version)} />
      <Field t={t} id={id('name')} name="name" label={t('cases.wg.name')} errors={errors} value={'name' in values ? formOne(values, 'name') : `Arbetsgrupp: ${props.kase.title}`.slice(0, 200)} />
      <SelectField
        t={t}
        id={id('convenorPersonId')}
        name="convenorPersonId"
        label={t('cases.wg.convenor')}
        required
        errors={errors}
        value={formOne(values, 'convenorPersonId')}
        empty={t('cases.choose')}
        options={props.people.map((p) => ({ value: p.personId, label: p.name }))}
      />
      <fieldset id={id('members')}>
        <legend>{t('cases.wg.members')}</legend>
        {props.people.map((p) => (
          <CheckboxField t={t} id={id(`member-${p.personId}`)} name="memberPersonIds" value={p.personId} label={p.name} checked={members.includes(p.personId)} />
        ))}
      </fieldset>
      {[0, 1].map((i) => (
        <fieldset>
          <legend>{t('cases.wg.adjunct', { n: i + 1 })}</legend>
          <Field
            t={t}
            id={id(`adjuncts.${i}.personEmail`)}
            name={`adjuncts.${i}.personEmail`}
            type="email"
            label={t('cases.wg.adjunctEmail')}
            errors={errors}
            value={formOne(values, `adjuncts.${i}.personEmail`)}
          />
          <Field t={t} id={id(`adjuncts.${i}.personName`)} name={`adjuncts.${i}.personName`} label={t('cases.wg.adjunctName')} errors={errors} value={formOne(values, `adjuncts.${i}.personName`)} />
          <Field t={t} id={id(`adjuncts.${i}.reason`)} name={`adjuncts.${i}.reason`} label={t('cases.wg.adjunctReason')} errors={errors} value={formOne(values, `adjuncts.${i}.reason`)} />
        </fieldset>
      ))}
      <Field t={t} id={id('endOn')} name="endOn" type="date" label={t('cases.wg.endOn')} hint={t('cases.wg.endOnHint')} errors={errors} value={formOne(values, 'endOn')} />
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
  for (const part of directiveParts) v[part] = d[part] ?? '';
  if (d.reportAtMeetings) v.reportAtMeetings = 'on';
  v.reportDates = d.reportDates.join('\n');
  for (const s of medicalSteps) if (d.medicalSteps[s]) v[`medicalSteps.${s}`] = 'on';
  v.version = String(d.version);
  return v;
}

export function DirectiveForm(props: { t: Translate; csrf: string; kase: Case; errors: FieldError[]; values: Values }) {
  const { t, values, errors } = props;
  const id = (f: string) => `dir-${f.replace(/\./g, '-')}`;
  return (
    <form method="post" action={`/cases/${props.kase.id}/directive`}>
      <ErrorSummary t={t} errors={errors} idOf={id} />
      <CsrfInput token={props.csrf} />
      {formOne(values, 'version') ? <input type="hidden" name="version" value={formOne(values, 'version')} /> : null}
      {directiveParts.map((part) =>
        part === 'endDate' ? (
          <Field t={t} id={id(part)} name={part} type="date" label={t('cases.directive.endDate')} errors={errors} value={formOne(values, part)} />
        ) : (
          <Field t={t} id={id(part)} name={part} multiline rows={part === 'shortDescription' ? 3 : 4} label={t(`cases.directive.${part}`)} errors={errors} value={formOne(values, part)} />
        ),
      )}
      <fieldset>
        <legend>{t('cases.directive.reporting')}</legend>
        <div id={id('reportAtMeetings')}>
          <CheckboxField
            t={t}
            id={id('reportAtMeetings-box')}
            name="reportAtMeetings"
            label={t('cases.directive.reportAtMeetings')}
            checked={formOne(values, 'reportAtMeetings') === 'on'}
            value="on"
          />
        </div>
        <Field
          t={t}
          id={id('reportDates')}
          name="reportDates"
          multiline
          rows={2}
          label={t('cases.directive.reportDates')}
          hint={t('cases.directive.reportDatesHint')}
          errors={errors}
          value={formOne(values, 'reportDates')}
        />
      </fieldset>
      {props.kase.newMedicalTask ? (
        <fieldset>
          <legend>{t('cases.directive.steps')}</legend>
          <p class="hint">{t('cases.directive.stepsHint')}</p>
          {medicalSteps.map((s) => (
            <div id={id(`medicalSteps.${s}`)}>
              <CheckboxField
                t={t}
                id={id(`medicalSteps.${s}-box`)}
                name={`medicalSteps.${s}`}
                label={t(`cases.directive.step.${s}`)}
                checked={formOne(values, `medicalSteps.${s}`) === 'on'}
                value="on"
              />
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
