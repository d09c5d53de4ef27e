import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { readForm, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import type { FieldError } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { CheckboxField, ErrorSummary, Field } from '../../../platform/views/fields.js';
import { requireLogin, csrfToken } from '../../../platform/auth/middleware.js';
import { meetingRoster, type RosterEntry } from '../queries/index.js';
import { attendanceStatuses } from '../schema.js';
import { addGuest } from '../commands/add-guest.js';
import { recordAttendance } from '../commands/record-attendance.js';
import { whenText } from '../views/meeting.js';
import { dateLabel } from './meeting-pages.js';
import { meetingCrumbs, meetingPage, pageDeps, type C } from './common.js';
import { refuseNotStarted } from './not-started.js';

interface FormState {
  form?: 'roll' | 'guest';
  values?: Record<string, string>;
  errors?: FieldError[];
  status?: number;
}

function PersonRow(props: { t: Translate; e: RosterEntry; values: Record<string, string>; substituteOptions?: RosterEntry[]; label?: string }) {
  const { t, e, values } = props;
  const id = e.personId ?? e.attendance?.id ?? '';
  const status = attendanceStatuses.find((s) => s === values[`status.${id}`]) ?? e.attendance?.status ?? 'expected';
  const subFor = values[`subfor.${id}`] ?? e.attendance?.substituteForPersonId ?? (e.attendance?.status === 'present' && e.role === 'substitute' ? 'alongside' : '');
  return (
    <tr>
      <th scope="row">
        {e.name}
        <span class="muted">
          {' '}
          · {props.label ?? t(`meetings.role.${e.role}`)}
          {e.organisationLabel ? ` · ${e.organisationLabel}` : ''}
        </span>
        {e.attendance?.calledAt ? <span class="tag">{t('meetings.attendance.called')}</span> : null}
      </th>
      <td>
        {e.personId ? (
          <>
            <label class="visually-hidden" for={`field-status-${id}`}>
              {t('meetings.attendance.statusFor', { name: e.name })}
            </label>
            <select id={`field-status-${id}`} name={`status.${id}`}>
              {attendanceStatuses.map((s) => (
                <option value={s} selected={s === status}>
                  {t(`meetings.attendance.${s}`)}
                </option>
              ))}
            </select>
          </>
        ) : (
          t(`meetings.attendance.${status}`)
        )}
      </td>
      <td>
        {props.substituteOptions && e.personId ? (
          <>
            <label class="visually-hidden" for={`field-subfor-${id}`}>
              {t('meetings.attendance.substituteForLabel', { name: e.name })}
            </label>
            <select id={`field-subfor-${id}`} name={`subfor.${id}`}>
              <option value="">{t('meetings.attendance.automatic')}</option>
              <option value="alongside" selected={subFor === 'alongside'}>
                {t('meetings.attendance.alongside')}
              </option>
              {props.substituteOptions
                .filter((h) => h.personId)
                .map((h) => (
                  <option value={h.personId!} selected={h.personId === subFor}>
                    {t('meetings.attendance.substituteFor', { name: h.name })}
                  </option>
                ))}
            </select>
          </>
        ) : null}
      </td>
      <td>
        {e.personId ? (
          <>
            <input
              id={`field-digital-${id}`}
              name={`digital.${id}`}
              type="checkbox"
              value="on"
              checked={values[`status.${id}`] !== undefined ? values[`digital.${id}`] === 'on' : (e.attendance?.digital ?? false)}
            />
            <label for={`field-digital-${id}`}>
              <span class="visually-hidden">{t('meetings.attendance.digitalFor', { name: e.name })}</span>
              <span aria-hidden="true">{t('meetings.attendance.digitalShort')}</span>
            </label>
          </>
        ) : e.attendance?.digital ? (
          t('meetings.attendance.digitalShort')
        ) : null}
      </td>
      <td>
        {e.personId ? (
          <>
            <label class="visually-hidden" for={`field-views-${id}`}>
              {t('meetings.attendance.viewsFor', { name: e.name })}
            </label>
            {/* A text area: views sent in advance keep their line breaks (a one-line field would lose them on save). */}
            <textarea id={`field-views-${id}`} name={`views.${id}`} rows={2} maxlength={5000}>
              {values[`views.${id}`] ?? e.attendance?.viewsInAdvance ?? ''}
            </textarea>
          </>
        ) : (
          <span class="pre-line">{e.attendance?.viewsInAdvance ?? ''}</span>
        )}
      </td>
    </tr>
  );
}

async function attendancePage(c: C, state: FormState = {}) {
  const { t, lang, db } = pageDeps(c);
  const data = await meetingPage(c, 'meetings.manage');
  const { meeting } = data;
  const notStarted = refuseNotStarted(c, meeting, meetingCrumbs(c, data, dateLabel(data), t('meetings.attendance.pageTitle')));
  if (notStarted) return notStarted;
  const roster = await meetingRoster(db, meeting, data.jointBodyIds);
  const values = state.form === 'roll' ? (state.values ?? {}) : {};
  const errors = state.errors ?? [];
  const title = t('meetings.attendance.pageTitle');
  const head = (
    <thead>
      <tr>
        <th scope="col">{t('meetings.attendance.person')}</th>
        <th scope="col">{t('meetings.attendance.status')}</th>
        <th scope="col">{t('meetings.attendance.substitute')}</th>
        <th scope="col">{t('meetings.attendance.digital')}</th>
        <th scope="col">{t('meetings.attendance.views')}</th>
      </tr>
    </thead>
  );
  return renderPage(
    c,
    { title, status: state.status, breadcrumbs: meetingCrumbs(c, data, dateLabel(data), title) },
    <>
      <h1>{title}</h1>
      <p>
        {meeting.title}, {whenText(meeting, lang)}
      </p>
      <p>{roster.substitutesAllowed ? t('meetings.attendance.introSubstitutes') : t('meetings.attendance.introNoSubstitutes')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/meetings/${meeting.id}/attendance`}>
        <CsrfInput token={csrfToken(c)} />
        {roster.seats.length ? (
          <div class="table-wrap">
            <table class="roll-call">
              <caption>{t('meetings.attendance.seats')}</caption>
              {head}
              {roster.seats.map((s) => (
                <tbody>
                  <tr class="agenda-section">
                    <th scope="rowgroup" colspan={5}>
                      {s.label}
                      {s.organisationLabel ? ` – ${s.organisationLabel}` : ''}
                      {s.vacant ? ` (${t('meetings.attendance.vacantSeat')})` : ''}
                    </th>
                  </tr>
                  {s.holders.map((e) => (
                    <PersonRow t={t} e={e} values={values} />
                  ))}
                  {s.substitutes.map((e) => (
                    <PersonRow t={t} e={e} values={values} substituteOptions={s.holders} />
                  ))}
                </tbody>
              ))}
            </table>
          </div>
        ) : (
          <p>{t('meetings.attendance.noSeats')}</p>
        )}
        {roster.others.length || roster.extra.length ? (
          <div class="table-wrap">
            <table class="roll-call">
              <caption>{t('meetings.attendance.others')}</caption>
              {head}
              <tbody>
                {roster.others.map((e) => (
                  <PersonRow t={t} e={e} values={values} />
                ))}
                {roster.extra.map((e) => (
                  <PersonRow t={t} e={e} values={values} label={e.role === 'adjunct' ? t('meetings.role.adjunct') : t('meetings.attendance.guest')} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <button type="submit" class="button">
          {t('meetings.attendance.save')}
        </button>
      </form>

      <section aria-labelledby="guest-title">
        <h2 id="guest-title">{t('meetings.attendance.addGuest')}</h2>
        <form method="post" action={`/meetings/${meeting.id}/attendance/guests`}>
          <CsrfInput token={csrfToken(c)} />
          <Field
            t={t}
            name="guestName"
            label={t('meetings.attendance.guestName')}
            value={state.form === 'guest' ? state.values?.guestName : ''}
            errors={state.form === 'guest' ? errors : []}
            required
            maxlength={200}
          />
          <Field
            t={t}
            name="organisationLabel"
            label={t('meetings.attendance.organisation')}
            value={state.form === 'guest' ? state.values?.organisationLabel : ''}
            errors={state.form === 'guest' ? errors : []}
            maxlength={200}
          />
          <CheckboxField t={t} name="adjunct" value="on" label={t('meetings.attendance.adjunctLabel')} checked={false} />
          <button type="submit" class="button button-secondary">
            {t('meetings.attendance.addGuestSubmit')}
          </button>
        </form>
      </section>
      <p>
        <a href={`/meetings/${meeting.id}`}>{t('meetings.builder.back')}</a>
      </p>
    </>,
  );
}

export function attendancePages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/meetings/:id/attendance', requireLogin);
  app.use('/meetings/:id/attendance/*', requireLogin);

  app.get('/meetings/:id/attendance', (c) => attendancePage(c));
  app.post('/meetings/:id/attendance', async (c) => {
    const values = await readForm(c);
    const ids = Object.keys(values)
      .filter((k) => k.startsWith('status.'))
      .map((k) => k.slice(7));
    const entries = ids.map((id) => ({
      personId: id,
      status: values[`status.${id}`],
      substituteForPersonId: values[`subfor.${id}`] === 'alongside' ? null : values[`subfor.${id}`],
      viewsInAdvance: values[`views.${id}`],
      digital: values[`digital.${id}`] === 'on',
    }));
    if (!entries.length) return c.redirect(`/meetings/${c.req.param('id')}/attendance`, 303);
    const result = await tryCommand(c, recordAttendance, { meetingId: c.req.param('id'), entries });
    if (!result.ok) {
      const errors = result.errors.map((e) => {
        const m = /^entries\.(\d+)\.(\w+)$/.exec(e.field);
        const id = m ? ids[Number(m[1])] : undefined;
        return id
          ? { field: `${m![2] === 'viewsInAdvance' ? 'views' : m![2] === 'substituteForPersonId' ? 'subfor' : m![2] === 'digital' ? 'digital' : 'status'}-${id}`, message: e.message }
          : { field: '_', message: e.message };
      });
      return attendancePage(c, { form: 'roll', values, errors, status: result.status });
    }
    setFlash(c, { kind: 'success', message: c.get('t')('meetings.attendance.saved') });
    return c.redirect(`/meetings/${c.req.param('id')}`, 303);
  });

  app.post('/meetings/:id/attendance/guests', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, addGuest, { meetingId: c.req.param('id'), guestName: values.guestName, organisationLabel: values.organisationLabel, adjunct: values.adjunct ?? '' });
    if (!result.ok)
      return attendancePage(c, {
        form: 'guest',
        values,
        errors: result.errors.map((e) => (['guestName', 'organisationLabel'].includes(e.field) ? e : { field: '_', message: e.message })),
        status: result.status,
      });
    setFlash(c, { kind: 'success', message: c.get('t')('meetings.attendance.guestAdded') });
    return c.redirect(`/meetings/${c.req.param('id')}/attendance`, 303);
  });

  return app;
}
