import type { FieldError } from '../../platform/http/errors.js';
import type { Translate } from '../../platform/i18n/index.js';
import { Field, SelectField } from '../../platform/views/components.js';
import { bodyKinds, bodyLevels, chairKindRules, minutesKinds, type Body } from './schema.js';
import { flag, one, type FormData } from './form-helpers.js';
import { Checkbox, kindLabel, levelLabel, tk } from './views.js';

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
    viceChairOtherKind: b.viceChairOtherKind ? '1' : '',
    chairReminderDays: String(b.chairReminderDays),
    callOpensDays: String(b.callOpensDays),
    submissionDeadlineDays: String(b.submissionDeadlineDays),
    agendaPublishDays: String(b.agendaPublishDays),
  };
}

/** The command input of the body settings from a submitted form. */
export function bodyInputFromForm(f: FormData) {
  return {
    name: one(f, 'name'),
    shortName: one(f, 'shortName'),
    level: one(f, 'level') as Body['level'],
    kind: one(f, 'kind') as Body['kind'],
    isPublic: flag(f, 'isPublic'),
    minutesKind: one(f, 'minutesKind') as Body['minutesKind'],
    substitutesAllowed: flag(f, 'substitutesAllowed'),
    sizeMin: one(f, 'sizeMin'),
    sizeMax: one(f, 'sizeMax'),
    meetingsMin: one(f, 'meetingsMin'),
    meetingsMax: one(f, 'meetingsMax'),
    meetingsPer: one(f, 'meetingsPer') as Body['meetingsPer'],
    physicalMeetingsMinPerYear: one(f, 'physicalMeetingsMinPerYear'),
    jointMeetingsWithSubBodiesPerYear: one(f, 'jointMeetingsWithSubBodiesPerYear'),
    activeFrom: one(f, 'activeFrom'),
    activeTo: one(f, 'activeTo'),
    chairPeriodMonths: one(f, 'chairPeriodMonths'),
    chairPeriodAnchor: one(f, 'chairPeriodAnchor'),
    chairKindRule: one(f, 'chairKindRule') as Body['chairKindRule'],
    chairFirstKind: one(f, 'chairFirstKind'),
    chairFollowsBodyId: one(f, 'chairFollowsBodyId'),
    viceChairOtherKind: flag(f, 'viceChairOtherKind'),
    chairReminderDays: one(f, 'chairReminderDays') || undefined,
    callOpensDays: one(f, 'callOpensDays') || undefined,
    submissionDeadlineDays: one(f, 'submissionDeadlineDays') || undefined,
    agendaPublishDays: one(f, 'agendaPublishDays') || undefined,
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
}) {
  const { t, v, errors } = props;
  const num = (name: string, label: string) => <Field t={t} name={name} label={label} type="number" value={v[name]} errors={errors} />;
  return (
    <>
      <fieldset>
        <legend>{t('body.basics')}</legend>
        <Field t={t} name="name" label={t('structure.name')} value={v.name} errors={errors} required maxlength={200} />
        <Field t={t} name="shortName" label={t('structure.shortName')} value={v.shortName} errors={errors} maxlength={60} />
        {props.withSlug ? <Field t={t} name="slug" label={t('structure.slug')} hint={t('structure.slugHint')} value={v.slug} errors={errors} required maxlength={60} /> : null}
        {props.withParent ? (
          <SelectField
            t={t}
            name="parentId"
            label={t('body.parent')}
            value={v.parentId}
            options={[...(props.parentRequired ? [] : [{ value: '', label: t('body.parent.none') }]), ...props.bodies.map((b) => ({ value: b.id, label: b.name }))]}
            errors={errors}
          />
        ) : null}
        <SelectField t={t} name="level" label={t('body.level')} value={v.level} options={bodyLevels.map((l) => ({ value: l, label: levelLabel(t, l) }))} errors={errors} required />
        <SelectField t={t} name="kind" label={t('body.kind')} value={v.kind} options={bodyKinds.map((k) => ({ value: k, label: kindLabel(t, k) }))} errors={errors} required />
        <SelectField
          t={t}
          name="minutesKind"
          label={t('body.minutesKind')}
          value={v.minutesKind}
          options={minutesKinds.map((k) => ({ value: k, label: tk(t, `body.minutesKind.${k}`) }))}
          errors={errors}
        />
        <Checkbox name="isPublic" label={t('body.isPublic')} checked={v.isPublic === '1'} />
        <Field t={t} name="activeFrom" label={t('body.activeFrom')} type="date" value={v.activeFrom} errors={errors} required />
        <Field t={t} name="activeTo" label={t('body.activeTo')} hint={t('body.activeToHint')} type="date" value={v.activeTo} errors={errors} />
      </fieldset>
      <fieldset>
        <legend>{t('body.sizeAndMembers')}</legend>
        {num('sizeMin', t('body.sizeMin'))}
        {num('sizeMax', t('body.sizeMax'))}
        <Checkbox name="substitutesAllowed" label={t('body.substitutesAllowed')} checked={v.substitutesAllowed === '1'} />
      </fieldset>
      <fieldset>
        <legend>{t('body.frequency')}</legend>
        {num('meetingsMin', t('body.meetingsMin'))}
        {num('meetingsMax', t('body.meetingsMax'))}
        <SelectField
          t={t}
          name="meetingsPer"
          label={t('body.meetingsPer')}
          value={v.meetingsPer}
          options={[
            { value: 'year', label: t('body.meetingsPer.year') },
            { value: 'termin', label: t('body.meetingsPer.termin') },
          ]}
          errors={errors}
        />
        {num('physicalMeetingsMinPerYear', t('body.physicalMeetings'))}
        {num('jointMeetingsWithSubBodiesPerYear', t('body.jointMeetings'))}
      </fieldset>
      <fieldset>
        <legend>{t('body.chairRule')}</legend>
        {num('chairPeriodMonths', t('body.chairPeriodMonths'))}
        <Field t={t} name="chairPeriodAnchor" label={t('body.chairPeriodAnchor')} type="date" value={v.chairPeriodAnchor} errors={errors} />
        <SelectField
          t={t}
          name="chairKindRule"
          label={t('body.chairKindRule')}
          value={v.chairKindRule}
          options={chairKindRules.map((r) => ({ value: r, label: tk(t, `body.chairKindRule.${r}`) }))}
          errors={errors}
        />
        <SelectField
          t={t}
          name="chairFirstKind"
          label={t('body.chairFirstKind')}
          value={v.chairFirstKind}
          options={[
            { value: '', label: t('body.chairFirstKind.none') },
            { value: 'region', label: t('principals.kind.region') },
            { value: 'municipality', label: t('principals.kind.municipality') },
          ]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="chairFollowsBodyId"
          label={t('body.chairFollowsBody')}
          value={v.chairFollowsBodyId}
          options={[{ value: '', label: t('body.chairFollowsBody.none') }, ...props.bodies.map((b) => ({ value: b.id, label: b.name }))]}
          errors={errors}
        />
        <Checkbox name="viceChairOtherKind" label={t('body.viceChairOtherKind')} checked={v.viceChairOtherKind === '1'} />
        {num('chairReminderDays', t('body.chairReminderDays'))}
      </fieldset>
      <fieldset>
        <legend>{t('body.deadlines')}</legend>
        {num('callOpensDays', t('body.callOpensDays'))}
        {num('submissionDeadlineDays', t('body.submissionDeadlineDays'))}
        {num('agendaPublishDays', t('body.agendaPublishDays'))}
      </fieldset>
    </>
  );
}
