import type { FieldError } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { bodyRoles } from '../../../platform/auth/roles.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { CheckboxGroup, ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import type { Composition } from '../queries/composition.js';
import type { MembershipRow } from '../queries/index.js';
import { roleLabel, seatRepresentationOptions } from './admin-options.js';
import { periodText } from './common.js';

interface Common {
  t: Translate;
  csrf: string;
  bodyId: string;
  errors: FieldError[];
  v: Record<string, string>;
}

export function ChairForm(props: Common) {
  const { t, v, errors } = props;
  return (
    <section aria-labelledby="appoint">
      <h2 id="appoint">{t('structure.body.chair.appoint')}</h2>
      <p class="hint">{t('structure.body.chair.appointHint')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${props.bodyId}/chair`} novalidate>
        <CsrfInput token={props.csrf} />
        <SelectField
          t={t}
          name="chairRole"
          label={t('structure.member.role')}
          value={v.chairRole}
          options={[
            { value: 'chair', label: t('structure.role.chair') },
            { value: 'vice_chair', label: t('structure.role.vice_chair') },
          ]}
          errors={errors}
        />
        <Field t={t} name="chairPersonEmail" label={t('structure.member.personEmail')} type="email" value={v.chairPersonEmail} errors={errors} required />
        <Field t={t} name="chairPersonName" label={t('structure.member.personName')} hint={t('structure.body.chair.personNameHint')} value={v.chairPersonName} errors={errors} maxlength={200} />
        <Field t={t} name="chairStartOn" label={t('structure.member.startOn')} type="date" value={v.chairStartOn} errors={errors} />
        <Field t={t} name="chairEndOn" label={t('structure.member.endOn')} type="date" value={v.chairEndOn} errors={errors} />
        <button type="submit" class="button">
          {t('structure.body.chair.appoint')}
        </button>
      </form>
    </section>
  );
}

export function SeatsSection(
  props: Common & {
    comp: Composition;
    endErrors: FieldError[] | undefined;
    principals: { id: string; name: string }[];
    organisations: { id: string; name: string; principalName: string }[];
    surfaces: { id: string; name: string }[];
    bodies: { id: string; name: string }[];
    groupChecked: string[];
    /** The principal kinds, named in the reader's language (principal_kinds). */
    kinds: { value: string; label: string }[];
  },
) {
  const { t, v, errors } = props;
  const seats = props.comp.groups.flatMap((g) => g.seats.map((s) => ({ ...s, principalName: g.principalName })));
  return (
    <section aria-labelledby="seats">
      <h2 id="seats">{t('structure.body.admin.seats')}</h2>
      {seats.length ? (
        <form method="post" action={`/bodies/${props.bodyId}/seats/end`} novalidate>
          <CsrfInput token={props.csrf} />
          <ErrorSummary t={t} errors={props.endErrors ?? []} />
          <div class="table-wrap" id="field-seatIds">
            <table>
              <caption>{t('structure.body.admin.seatsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('structure.body.admin.chooseColumn')}</th>
                  <th scope="col">{t('structure.seat.function')}</th>
                  <th scope="col">{t('structure.seat.representation')}</th>
                  <th scope="col">{t('structure.body.admin.seatHolder')}</th>
                </tr>
              </thead>
              <tbody>
                {seats.map((s) => (
                  <tr>
                    <td>
                      <input type="checkbox" id={`seat-${s.id}`} name="seatIds" value={s.id} />
                      <label for={`seat-${s.id}`} class="visually-hidden">
                        {t('structure.body.admin.select', { name: s.function })}
                      </label>
                    </td>
                    <td>{s.function}</td>
                    <td>
                      {s.principalName ?? s.groupLabel ?? s.groupPrincipalNames.join(', ')}
                      {s.principalKind ? <span class="muted"> ({props.kinds.find((k) => k.value === s.principalKind)?.label ?? s.principalKind})</span> : null}
                      {s.exOfficio ? <div class="muted">{t('structure.body.composition.exOfficio', { role: roleLabel(t, s.exOfficio.role).toLowerCase(), body: s.exOfficio.bodyName })}</div> : null}
                    </td>
                    <td>{s.vacant ? <strong>{t('structure.body.composition.vacant')}</strong> : s.holders.map((h) => h.name).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Field t={t} name="seatsEndedOn" label={t('structure.body.admin.removeSeatsOn')} type="date" value={undefined} errors={props.endErrors ?? []} />
          <button type="submit" class="button button-secondary">
            {t('structure.body.admin.removeSelectedSeats')}
          </button>
        </form>
      ) : (
        <p>{t('structure.body.composition.noSeats')}</p>
      )}
      <h3 id="add-seat">{t('structure.seat.create')}</h3>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${props.bodyId}/seats`} novalidate>
        <CsrfInput token={props.csrf} />
        <Field t={t} name="function" label={t('structure.seat.function')} hint={t('structure.seat.functionHint')} value={v.function} errors={errors} required maxlength={200} />
        <SelectField t={t} name="representation" label={t('structure.seat.representation')} value={v.representation} options={seatRepresentationOptions(t)} errors={errors} />
        <SelectField
          t={t}
          name="principalId"
          label={t('structure.seat.principal')}
          value={v.principalId}
          options={[{ value: '', label: t('structure.body.admin.principalNone') }, ...props.principals.map((p) => ({ value: p.id, label: p.name }))]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="seatOrganisationId"
          label={t('structure.seat.organisation')}
          value={v.seatOrganisationId}
          options={[{ value: '', label: t('structure.body.admin.noOrganisation') }, ...props.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.principalName})` }))]}
          errors={errors}
        />
        <CheckboxGroup
          t={t}
          name="groupPrincipalIds"
          legend={t('structure.seat.groupPrincipals')}
          options={props.principals.map((p) => ({ value: p.id, label: p.name }))}
          checked={props.groupChecked}
          errors={errors}
        />
        <Field t={t} name="groupLabel" label={t('structure.seat.groupLabel')} value={v.groupLabel} errors={errors} maxlength={200} />
        <SelectField
          t={t}
          name="principalKind"
          label={t('structure.seat.principalKind')}
          value={v.principalKind}
          options={[{ value: '', label: t('structure.body.admin.kindNone') }, ...props.kinds]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="contactSurfaceId"
          label={t('structure.contactSurface')}
          value={v.contactSurfaceId}
          options={[{ value: '', label: t('structure.body.admin.contactSurfaceNone') }, ...props.surfaces.map((s) => ({ value: s.id, label: s.name }))]}
          errors={errors}
        />
        <fieldset>
          <legend>{t('structure.body.admin.seatSource')}</legend>
          <p class="hint">{t('structure.seat.exOfficioHint')}</p>
          <SelectField
            t={t}
            name="exOfficioBodyId"
            label={t('structure.seat.exOfficioBody')}
            value={v.exOfficioBodyId}
            options={[{ value: '', label: t('structure.body.admin.exOfficioNone') }, ...props.bodies.map((b) => ({ value: b.id, label: b.name }))]}
            errors={errors}
          />
          <SelectField
            t={t}
            name="exOfficioRole"
            label={t('structure.seat.exOfficioRole')}
            value={v.exOfficioRole}
            options={[{ value: '', label: t('structure.body.admin.exOfficioRoleNone') }, ...bodyRoles.map((r) => ({ value: r, label: roleLabel(t, r) }))]}
            errors={errors}
          />
        </fieldset>
        <Field t={t} name="createdOn" label={t('structure.seat.createdOn')} type="date" value={v.createdOn} errors={errors} />
        <Field t={t} name="position" label={t('structure.seat.position')} type="number" value={v.position} errors={errors} />
        <button type="submit" class="button">
          {t('structure.seat.create')}
        </button>
      </form>
    </section>
  );
}

export function MembersTable(props: { t: Translate; csrf: string; bodyId: string; rows: MembershipRow[]; caption: string; endable: boolean; endErrors?: FieldError[] | undefined }) {
  const { t } = props;
  if (!props.rows.length) return <p>{t('structure.body.admin.noMembers')}</p>;
  const table = (
    <div class="table-wrap" id="field-membershipIds">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.endable ? <th scope="col">{t('structure.body.admin.chooseColumn')}</th> : null}
            <th scope="col">{t('structure.member.person')}</th>
            <th scope="col">{t('structure.member.role')}</th>
            <th scope="col">{t('structure.member.seat')}</th>
            <th scope="col">{t('structure.member.period')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((m) => (
            <tr>
              {props.endable ? (
                <td>
                  {m.exOfficio ? null : (
                    <>
                      <input type="checkbox" id={`m-${m.id}`} name="membershipIds" value={m.id} />
                      <label for={`m-${m.id}`} class="visually-hidden">
                        {t('structure.body.admin.select', { name: m.personName })}
                      </label>
                    </>
                  )}
                </td>
              ) : null}
              <td>
                <a href={`/people/${m.personId}`}>{m.personName}</a>
                {m.personEmail ? <div class="muted">{m.personEmail}</div> : null}
              </td>
              <td>
                {roleLabel(t, m.role)}
                {m.exOfficio ? <span class="muted"> ({t('structure.member.exOfficio')})</span> : null}
                {m.reason ? <div class="muted">{m.reason}</div> : null}
              </td>
              <td>{m.seatFunction ?? '–'}</td>
              <td>{periodText(t, m.startOn, m.endOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (!props.endable) return table;
  return (
    <form method="post" action={`/bodies/${props.bodyId}/memberships/end`} novalidate>
      <CsrfInput token={props.csrf} />
      <ErrorSummary t={t} errors={props.endErrors ?? []} />
      {table}
      <Field t={t} name="endSelectedOn" label={t('structure.body.admin.endSelectedOn')} type="date" value={undefined} errors={props.endErrors ?? []} />
      <button type="submit" class="button button-secondary">
        {t('structure.body.admin.endSelected')}
      </button>
    </form>
  );
}

export function AddMemberForm(
  props: Common & { seats: { id: string; name: string }[]; holders: { id: string; name: string }[]; organisations: { id: string; name: string; principalName: string }[] },
) {
  const { t, v, errors } = props;
  return (
    <section aria-labelledby="add-member">
      <h2 id="add-member">{t('structure.member.add')}</h2>
      <p class="hint">{t('structure.body.admin.addMemberHint')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${props.bodyId}/members`} novalidate>
        <CsrfInput token={props.csrf} />
        <Field t={t} name="personEmail" label={t('structure.member.personEmail')} hint={t('structure.member.personHint')} type="email" value={v.personEmail} errors={errors} />
        <Field t={t} name="personName" label={t('structure.member.personName')} value={v.personName} errors={errors} maxlength={200} />
        <SelectField t={t} name="role" label={t('structure.member.role')} value={v.role ?? 'member'} options={bodyRoles.map((r) => ({ value: r, label: roleLabel(t, r) }))} errors={errors} required />
        <SelectField
          t={t}
          name="seatId"
          label={t('structure.member.seat')}
          value={v.seatId}
          options={[{ value: '', label: t('structure.seat.none') }, ...props.seats.map((s) => ({ value: s.id, label: s.name }))]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="substituteForMembershipId"
          label={t('structure.member.substituteFor')}
          value={v.substituteForMembershipId}
          options={[{ value: '', label: t('structure.body.admin.chooseMember') }, ...props.holders.map((h) => ({ value: h.id, label: h.name }))]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="organisationId"
          label={t('structure.member.organisation')}
          value={v.organisationId}
          options={[{ value: '', label: t('structure.body.admin.noOrganisation') }, ...props.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.principalName})` }))]}
          errors={errors}
        />
        <Field t={t} name="reason" label={t('structure.member.reason')} value={v.reason} errors={errors} multiline rows={2} />
        <Field t={t} name="startOn" label={t('structure.member.startOn')} type="date" value={v.startOn} errors={errors} />
        <Field t={t} name="endOn" label={t('structure.member.endOn')} hint={t('structure.member.endOnHint')} type="date" value={v.endOn} errors={errors} />
        <button type="submit" class="button">
          {t('structure.member.add')}
        </button>
      </form>
    </section>
  );
}
