import type { FieldError } from '../../../platform/http/errors.js';
import { formMany, formOne, type FormData } from '../../../platform/http/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { CheckboxField, Field, SelectField } from '../../../platform/views/fields.js';
import { bodyKinds, bodyLevels, chairKindRules, minutesKinds, type Body } from '../schema.js';
import { kindLabel, levelLabel } from './common.js';

/** The settings of a body as form values (from the stored body). */
export function bodyFormValues(b: Body): Record<string, string> {
  const s = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    name: b.name,
    shortName: s(b.shortName),
    slug: b.slug,
    parentId: s(b.parentId),
    level: b.level,
    kind: b.kind,
    isPublic: b.isPublic ? '1' : '',
    minutesKind: b.minutesKind,
    substitutesAllowed: b.substitutesAllowed ? '1' : '',
    sizeMin: s(b.sizeMin),
    sizeMax: s(b.sizeMax),
    meetingsMin: s(b.meetingsMin),
    meetingsMax: s(b.meetingsMax),
    meetingsPer: b.meetingsPer,
    physicalMeetingsMinPerYear: s(b.physicalMeetingsMinPerYear),
    jointMeetingsWithSubBodiesPerYear: s(b.jointMeetingsWithSubBodiesPerYear),
    activeFrom: b.activeFrom,
    activeTo: s(b.activeTo),
    chairPeriodMonths: s(b.chairPeriodMonths),
    chairPeriodAnchor: s(b.chairPeriodAnchor),
    chairKindRule: b.chairKindRule,
    chairFirstKind: s(b.chairFirstKind),
    chairFollowsBodyId: s(b.chairFollowsBodyId),
    chairRotation: b.chairRotation.join(','),
    viceChairOtherKind: b.viceChairOtherKind ? '1' : '',
    chairReminderDays: String(b.chairReminderDays),
    callOpensDays: String(b.callOpensDays),
    submissionDeadlineDays: String(b.submissionDeadlineDays),
    agendaPublishDays: String(b.agendaPublishDays),
    managesSubBodies: b.managesSubBodies ? '1' : '',
    paragraphNumbering: b.paragraphNumbering ? '1' : '',
  };
}

/** The command input of the body settings from a submitted form. */
export function bodyInputFromForm(f: FormData) {
  return {
    name: formOne(f, 'name'),
    shortName: formOne(f, 'shortName'),
    level: formOne(f, 'level') as Body['level'],
    kind: formOne(f, 'kind') as Body['kind'],
    isPublic: formOne(f, 'isPublic') === '1',
    minutesKind: formOne(f, 'minutesKind') as Body['minutesKind'],
    substitutesAllowed: formOne(f, 'substitutesAllowed') === '1',
    sizeMin: formOne(f, 'sizeMin'),
    sizeMax: formOne(f, 'sizeMax'),
    meetingsMin: formOne(f, 'meetingsMin'),
    meetingsMax: formOne(f, 'meetingsMax'),
    meetingsPer: formOne(f, 'meetingsPer') as Body['meetingsPer'],
    physicalMeetingsMinPerYear: formOne(f, 'physicalMeetingsMinPerYear'),
    jointMeetingsWithSubBodiesPerYear: formOne(f, 'jointMeetingsWithSubBodiesPerYear'),
    activeFrom: formOne(f, 'activeFrom'),
    activeTo: formOne(f, 'activeTo'),
    chairPeriodMonths: formOne(f, 'chairPeriodMonths'),
    chairPeriodAnchor: formOne(f, 'chairPeriodAnchor'),
    chairKindRule: formOne(f, 'chairKindRule') as Body['chairKindRule'],
    chairFirstKind: formOne(f, 'chairFirstKind'),
    chairFollowsBodyId: formOne(f, 'chairFollowsBodyId'),
    chairRotation: formMany(f, 'chairRotation').filter(Boolean),
    viceChairOtherKind: formOne(f, 'viceChairOtherKind') === '1',
    chairReminderDays: formOne(f, 'chairReminderDays') || undefined,
    callOpensDays: formOne(f, 'callOpensDays') || undefined,
    submissionDeadlineDays: formOne(f, 'submissionDeadlineDays') || undefined,
    agendaPublishDays: formOne(f, 'agendaPublishDays') || undefined,
    managesSubBodies: formOne(f, 'managesSubBodies') === '1',
    paragraphNumbering: formOne(f, 'paragraphNumbering') === '1',
  };
}

/** The fields of a body's settings, grouped. `bodies` are the other bodies of the structure. */
export function BodySettingsFields(props: {
  t: Translate;
  v: Record<string, string>;
  errors: FieldError[];
  bodies: { id: string; name: string }[];
  withSlug?: boolean;
  withParent?: boolean;
  parentRequired?: boolean;
  /** The principal kinds an alternation is between (region, municipality), named from principal_kinds. */
  kinds?: { value: string; label: string }[];
  /** The structure's principals, for a rotation of the chair. */
  principals?: { id: string; name: string }[];
}) {
  const { t, v, errors } = props;
  const num = (name: string, label: string) => <Field t={t} name={name} label={label} type="number" value={v[name]} errors={errors} />;
  return (
    <>
      <fieldset>
        <legend>{t('structure.body.basics')}</legend>
        <Field t={t} name="name" label={t('structure.name')} value={v.name} errors={errors} required maxlength={200} />
        <Field t={t} name="shortName" label={t('structure.shortName')} value={v.shortName} errors={errors} maxlength={60} />
        {props.withSlug ? <Field t={t} name="slug" label={t('structure.slug')} hint={t('structure.slugHint')} value={v.slug} errors={errors} maxlength={60} /> : null}
        {props.withParent ? (
          <SelectField
            t={t}
            name="parentId"
            label={t('structure.body.parent')}
            value={v.parentId}
            options={[...(props.parentRequired ? [] : [{ value: '', label: t('structure.body.parent.none') }]), ...props.bodies.map((b) => ({ value: b.id, label: b.name }))]}
            errors={errors}
          />
        ) : null}
        <SelectField t={t} name="level" label={t('structure.body.level')} value={v.level} options={bodyLevels.map((l) => ({ value: l, label: levelLabel(t, l) }))} errors={errors} required />
        <SelectField t={t} name="kind" label={t('structure.body.kind')} value={v.kind} options={bodyKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))} errors={errors} required />
        <SelectField
          t={t}
          name="minutesKind"
          label={t('structure.body.minutesKind')}
          value={v.minutesKind}
          options={minutesKinds.map((k) => ({ value: k, label: t(`structure.body.minutesKind.${k}`) }))}
          errors={errors}
        />
        <CheckboxField t={t} name="paragraphNumbering" label={t('structure.body.paragraphNumbering')} checked={v.paragraphNumbering === '1'} />
        <CheckboxField t={t} name="isPublic" label={t('structure.body.isPublic')} checked={v.isPublic === '1'} />
        <CheckboxField t={t} name="managesSubBodies" label={t('structure.body.managesSubBodies')} hint={t('structure.body.managesSubBodies.hint')} checked={v.managesSubBodies === '1'} />
        <Field t={t} name="activeFrom" label={t('structure.body.activeFrom')} type="date" value={v.activeFrom} errors={errors} required />
        <Field t={t} name="activeTo" label={t('structure.body.activeTo')} hint={t('structure.body.activeToHint')} type="date" value={v.activeTo} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t('structure.body.sizeAndMembers')}</legend>
        {num('sizeMin', t('structure.body.sizeMin'))}
        {num('sizeMax', t('structure.body.sizeMax'))}
        <CheckboxField t={t} name="substitutesAllowed" label={t('structure.body.substitutesAllowed')} checked={v.substitutesAllowed === '1'} />
      </fieldset>
      <fieldset>
        <legend>{t('structure.body.frequency')}</legend>
        {num('meetingsMin', t('structure.body.meetingsMin'))}
        {num('meetingsMax', t('structure.body.meetingsMax'))}
        <SelectField
          t={t}
          name="meetingsPer"
          label={t('structure.body.meetingsPer')}
          value={v.meetingsPer}
          options={[
            { value: 'year', label: t('structure.body.meetingsPer.year') },
            { value: 'termin', label: t('structure.body.meetingsPer.termin') },
          ]}
          errors={errors}
        />
        {num('physicalMeetingsMinPerYear', t('structure.body.physicalMeetings'))}
        {num('jointMeetingsWithSubBodiesPerYear', t('structure.body.jointMeetings'))}
      </fieldset>
      <fieldset>
        <legend>{t('structure.body.chairRule')}</legend>
        {num('chairPeriodMonths', t('structure.body.chairPeriodMonths'))}
        <Field t={t} name="chairPeriodAnchor" label={t('structure.body.chairPeriodAnchor')} type="date" value={v.chairPeriodAnchor} errors={errors} />
        <SelectField
          t={t}
          name="chairKindRule"
          label={t('structure.body.chairKindRule')}
          value={v.chairKindRule}
          options={chairKindRules.map((r) => ({ value: r, label: t(`structure.body.chairKindRule.${r}`) }))}
          errors={errors}
        />
        <SelectField
          t={t}
          name="chairFirstKind"
          label={t('structure.body.chairFirstKind')}
          value={v.chairFirstKind}
          options={[{ value: '', label: t('structure.body.chairFirstKind.none') }, ...(props.kinds ?? []).filter((k) => k.value === 'region' || k.value === 'municipality')]}
          errors={errors}
        />
        <ChairRotationFields t={t} v={v} errors={errors} principals={props.principals ?? []} />
        <SelectField
          t={t}
          name="chairFollowsBodyId"
          label={t('structure.body.chairFollowsBody')}
          value={v.chairFollowsBodyId}
          options={[{ value: '', label: t('structure.body.chairFollowsBody.none') }, ...props.bodies.map((b) => ({ value: b.id, label: b.name }))]}
          errors={errors}
        />
        <CheckboxField t={t} name="viceChairOtherKind" label={t('structure.body.viceChairOtherKind')} checked={v.viceChairOtherKind === '1'} />
        {num('chairReminderDays', t('structure.body.chairReminderDays'))}
      </fieldset>
      <fieldset>
        <legend>{t('structure.body.deadlines')}</legend>
        {num('callOpensDays', t('structure.body.callOpensDays'))}
        {num('submissionDeadlineDays', t('structure.body.submissionDeadlineDays'))}
        {num('agendaPublishDays', t('structure.body.agendaPublishDays'))}
      </fieldset>
    </>
  );
}

/** The order of a rotation of the chair: one choice per place, as many places as principals (at least two). */
function ChairRotationFields(props: { t: Translate; v: Record<string, string>; errors: FieldError[]; principals: { id: string; name: string }[] }) {
  const { t, principals } = props;
  const chosen = (props.v.chairRotation ?? '').split(',').filter(Boolean);
  const places = Math.max(2, Math.min(principals.length, 12), chosen.length);
  const error = props.errors.find((e) => e.field === 'chairRotation' || e.field.startsWith('chairRotation.'));
  return (
    <fieldset class={`field${error ? ' field-error' : ''}`} id="field-chairRotation" tabindex={error ? -1 : undefined}>
      <legend>{t('structure.body.chairRotation')}</legend>
      <p class="hint">{t('structure.body.chairRotation.hint')}</p>
      {error ? <p class="error-message">{error.message}</p> : null}
      {Array.from({ length: places }, (_, i) => (
        <p>
          <label for={`chairRotation-${i}`}>{t('structure.body.chairRotation.place', { n: i + 1 })}</label>{' '}
          <select id={`chairRotation-${i}`} name="chairRotation">
            <option value="">{t('structure.body.chairFirstKind.none')}</option>
            {principals.map((p) => (
              <option value={p.id} selected={chosen[i] === p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </p>
      ))}
    </fieldset>
  );
}
