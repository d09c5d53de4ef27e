import type { FieldError } from '../../platform/http/errors.js';
import type { Translate } from '../../platform/i18n/index.js';
import { bodyRoles } from '../../platform/auth/roles.js';
import { CsrfInput, ErrorSummary, Field, SelectField } from '../../platform/views/components.js';
import type { Composition } from './composition.js';
import type { MembershipRow } from './queries.js';
import { principalKindLabel, roleLabel, seatRepresentationOptions } from './admin-options.js';
import { CheckboxGroup, periodText } from './views.js';

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
      <h2 id="appoint">{t('body.chair.appoint')}</h2>
      <p class="hint">{t('body.chair.appointHint')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${props.bodyId}/chair`} novalidate>
        <CsrfInput token={props.csrf} />
        <SelectField
          t={t}
          name="chairRole"
          label={t('member.role')}
          value={v.chairRole}
          options={[
            { value: 'chair', label: t('role.chair') },
            { value: 'vice_chair', label: t('role.vice_chair') },
          ]}
          errors={errors}
        />
        <Field t={t} name="chairPersonEmail" label={t('member.personEmail')} type="email" value={v.chairPersonEmail} errors={errors} required />
        <Field t={t} name="chairStartOn" label={t('member.startOn')} type="date" value={v.chairStartOn} errors={errors} />
        <Field t={t} name="chairEndOn" label={t('member.endOn')} type="date" value={v.chairEndOn} errors={errors} />
        <button type="submit" class="button">
          {t('body.chair.appoint')}
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
  },
) {
  const { t, v, errors } = props;
  const seats = props.comp.groups.flatMap((g) => g.seats.map((s) => ({ ...s, principalName: g.principalName })));
  return (
    <section aria-labelledby="seats">
      <h2 id="seats">{t('body.admin.seats')}</h2>
      {seats.length ? (
        <form method="post" action={`/bodies/${props.bodyId}/seats/end`} novalidate>
          <CsrfInput token={props.csrf} />
          <ErrorSummary t={t} errors={props.endErrors ?? []} />
          <div class="table-wrap" id="field-seatIds">
            <table>
              <caption>{t('body.admin.seatsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('body.admin.chooseColumn')}</th>
                  <th scope="col">{t('seat.function')}</th>
                  <th scope="col">{t('seat.representation')}</th>
                  <th scope="col">{t('body.admin.seatHolder')}</th>
                </tr>
              </thead>
              <tbody>
                {seats.map((s) => (
                  <tr>
                    <td>
                      <input type="checkbox" id={`seat-${s.id}`} name="seatIds" value={s.id} />
                      <label for={`seat-${s.id}`} class="visually-hidden">
                        {t('body.admin.select', { name: s.function })}
                      </label>
                    </td>
                    <td>{s.function}</td>
                    <td>
                      {s.principalName ?? s.groupLabel ?? s.groupPrincipalNames.join(', ')}
                      {s.principalKind ? <span class="muted"> ({principalKindLabel(t, s.principalKind)})</span> : null}
                      {s.exOfficio ? <div class="muted">{t('body.composition.exOfficio', { role: roleLabel(t, s.exOfficio.role).toLowerCase(), body: s.exOfficio.bodyName })}</div> : null}
                    </td>
                    <td>{s.vacant ? <strong>{t('body.composition.vacant')}</strong> : s.holders.map((h) => h.name).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Field t={t} name="seatsEndedOn" label={t('body.admin.removeSeatsOn')} type="date" value={undefined} errors={props.endErrors ?? []} />
          <button type="submit" class="button button-secondary">
            {t('body.admin.removeSelectedSeats')}
          </button>
        </form>
      ) : (
        <p>{t('body.composition.noSeats')}</p>
      )}
      <h3 id="add-seat">{t('seat.create')}</h3>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${props.bodyId}/seats`} novalidate>
        <CsrfInput token={props.csrf} />
        <Field t={t} name="function" label={t('seat.function')} hint={t('seat.functionHint')} value={v.function} errors={errors} required maxlength={200} />
        <SelectField t={t} name="representation" label={t('seat.representation')} value={v.representation} options={seatRepresentationOptions(t)} errors={errors} />
        <SelectField
          t={t}
          name="principalId"
          label={t('seat.principal')}
          value={v.principalId}
          options={[{ value: '', label: t('body.admin.principalNone') }, ...props.principals.map((p) => ({ value: p.id, label: p.name }))]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="seatOrganisationId"
          label={t('seat.organisation')}
          value={v.seatOrganisationId}
          options={[{ value: '', label: t('body.admin.noOrganisation') }, ...props.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.principalName})` }))]}
          errors={errors}
        />
        <CheckboxGroup
          t={t}
          name="groupPrincipalIds"
          legend={t('seat.groupPrincipals')}
          options={props.principals.map((p) => ({ value: p.id, label: p.name }))}
          checked={props.groupChecked}
          errors={errors}
        />
        <Field t={t} name="groupLabel" label={t('seat.groupLabel')} value={v.groupLabel} errors={errors} maxlength={200} />
        <SelectField
          t={t}
          name="principalKind"
          label={t('seat.principalKind')}
          value={v.principalKind}
          options={[{ value: '', label: t('body.admin.kindNone') }, ...(['region', 'municipality', 'other'] as const).map((k) => ({ value: k, label: principalKindLabel(t, k) }))]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="contactSurfaceId"
          label={t('structure.contactSurface')}
          value={v.contactSurfaceId}
          options={[{ value: '', label: t('body.admin.contactSurfaceNone') }, ...props.surfaces.map((s) => ({ value: s.id, label: s.name }))]}
          errors={errors}
        />
        <fieldset>
          <legend>{t('body.admin.seatSource')}</legend>
          <p class="hint">{t('seat.exOfficioHint')}</p>
          <SelectField
            t={t}
            name="exOfficioBodyId"
            label={t('seat.exOfficioBody')}
            value={v.exOfficioBodyId}
            options={[{ value: '', label: t('body.admin.exOfficioNone') }, ...props.bodies.map((b) => ({ value: b.id, label: b.name }))]}
            errors={errors}
          />
          <SelectField
            t={t}
            name="exOfficioRole"
            label={t('seat.exOfficioRole')}
            value={v.exOfficioRole}
            options={[{ value: '', label: t('body.admin.exOfficioRoleNone') }, ...bodyRoles.map((r) => ({ value: r, label: roleLabel(t, r) }))]}
            errors={errors}
          />
        </fieldset>
        <Field t={t} name="createdOn" label={t('seat.createdOn')} type="date" value={v.createdOn} errors={errors} />
        <Field t={t} name="position" label={t('seat.position')} type="number" value={v.position} errors={errors} />
        <button type="submit" class="button">
          {t('seat.create')}
        </button>
      </form>
    </section>
  );
}

export function MembersTable(props: { t: Translate; csrf: string; bodyId: string; rows: MembershipRow[]; caption: string; endable: boolean; endErrors?: FieldError[] | undefined }) {
  const { t } = props;
  if (!props.rows.length) return <p>{t('body.admin.noMembers')}</p>;
  const table = (
    <div class="table-wrap" id="field-membershipIds">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.endable ? <th scope="col">{t('body.admin.chooseColumn')}</th> : null}
            <th scope="col">{t('member.person')}</th>
            <th scope="col">{t('member.role')}</th>
            <th scope="col">{t('member.seat')}</th>
            <th scope="col">{t('member.period')}</th>
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
                        {t('body.admin.select', { name: m.personName })}
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
                {m.exOfficio ? <span class="muted"> ({t('member.exOfficio')})</span> : null}
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
      <Field t={t} name="endSelectedOn" label={t('body.admin.endSelectedOn')} type="date" value={undefined} errors={props.endErrors ?? []} />
      <button type="submit" class="button button-secondary">
        {t('body.admin.endSelected')}
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
      <h2 id="add-member">{t('member.add')}</h2>
      <p class="hint">{t('body.admin.addMemberHint')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${props.bodyId}/members`} novalidate>
        <CsrfInput token={props.csrf} />
        <Field t={t} name="personEmail" label={t('member.personEmail')} hint={t('member.personHint')} type="email" value={v.personEmail} errors={errors} />
        <Field t={t} name="personName" label={t('member.personName')} value={v.personName} errors={errors} maxlength={200} />
        <SelectField t={t} name="role" label={t('member.role')} value={v.role ?? 'member'} options={bodyRoles.map((r) => ({ value: r, label: roleLabel(t, r) }))} errors={errors} required />
        <SelectField
          t={t}
          name="seatId"
          label={t('member.seat')}
          value={v.seatId}
          options={[{ value: '', label: t('seat.none') }, ...props.seats.map((s) => ({ value: s.id, label: s.name }))]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="substituteForMembershipId"
          label={t('member.substituteFor')}
          value={v.substituteForMembershipId}
          options={[{ value: '', label: t('body.admin.chooseMember') }, ...props.holders.map((h) => ({ value: h.id, label: h.name }))]}
          errors={errors}
        />
        <SelectField
          t={t}
          name="organisationId"
          label={t('member.organisation')}
          value={v.organisationId}
          options={[{ value: '', label: t('body.admin.noOrganisation') }, ...props.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.principalName})` }))]}
          errors={errors}
        />
        <Field t={t} name="reason" label={t('member.reason')} value={v.reason} errors={errors} multiline rows={2} />
        <Field t={t} name="startOn" label={t('member.startOn')} type="date" value={v.startOn} errors={errors} />
        <Field t={t} name="endOn" label={t('member.endOn')} hint={t('member.endOnHint')} type="date" value={v.endOn} errors={errors} />
        <button type="submit" class="button">
          {t('member.add')}
        </button>
      </form>
    </section>
  );
}
