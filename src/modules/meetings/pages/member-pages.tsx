import { actorId } from '../../../platform/auth/actor.js';
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { readForm, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import { agendaOf } from '../queries/index.js';
import { hasStarted } from '../policy.js';
import { readerAgenda } from '../policy.js';
import { ACCEPT_ATTRIBUTE } from '../attachments.js';
import { absenceOf, absencePlan } from '../queries/index.js';
import { agendaItemKinds } from '../schema.js';
import { submitItem } from '../commands/submit-item.js';
import { reportAbsence } from '../commands/report-absence.js';
import { whenText } from '../views/meeting.js';
import { deadlineLabel } from '../notices.js';
import { dateLabel } from './meeting-pages.js';
import { fileInput, meetingCrumbs, meetingPage, pageDeps, readMultipart, type C } from './common.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

interface FormState {
  values?: Record<string, string>;
  errors?: FieldError[];
  status?: number;
}

const SUBMIT_FIELDS = ['title', 'description', 'kind', 'presenterName', 'wishedMinutes', 'attachments'];

async function submitForm(c: C, state: FormState = {}) {
  const { t, lang } = pageDeps(c);
  const data = await meetingPage(c, 'meetings.submit');
  const { meeting } = data;
  const values = state.values ?? {};
  const errors = state.errors ?? [];
  const now = new Date();
  const deadline = meeting.submissionDeadline;
  const closed = meeting.status === 'cancelled' || hasStarted(meeting, now) || (!!deadline && deadline.getTime() < now.getTime());
  const title = t('meetings.submit.title');
  return renderPage(
    c,
    { title, status: state.status, breadcrumbs: meetingCrumbs(c, data, dateLabel(data), title) },
    <>
      <h1>{title}</h1>
      <p>
        {meeting.title}, {whenText(meeting, lang)}
      </p>
      <ErrorSummary t={t} errors={errors} />
      {deadline ? (
        <p class={closed ? 'warning' : undefined}>
          {closed ? t('meetings.submit.closed', { deadline: deadlineLabel(deadline, lang) }) : t('meetings.submit.deadline', { deadline: deadlineLabel(deadline, lang) })}
        </p>
      ) : null}
      {closed && !state.errors ? null : (
        <form method="post" action={`/meetings/${meeting.id}/submit`} enctype="multipart/form-data">
          <CsrfInput token={csrfToken(c)} />
          <Field t={t} name="title" label={t('meetings.item.title')} value={values.title} errors={errors} required maxlength={300} />
          <Field t={t} name="description" label={t('meetings.submit.description')} hint={t('meetings.submit.descriptionHint')} multiline rows={6} value={values.description} errors={errors} />
          <SelectField
            t={t}
            name="kind"
            label={t('meetings.item.kind')}
            value={values.kind ?? 'information'}
            options={agendaItemKinds.filter((k) => k !== 'break' && k !== 'formal').map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }))}
            errors={errors}
          />
          <Field t={t} name="presenterName" label={t('meetings.item.presenter')} hint={t('meetings.submit.presenterHint')} value={values.presenterName} errors={errors} maxlength={200} />
          <Field t={t} name="wishedMinutes" label={t('meetings.submit.wishedMinutes')} type="number" value={values.wishedMinutes} errors={errors} />
          <div class={`field${errors.some((e) => e.field === 'attachments') ? ' field-error' : ''}`}>
            <label for="field-attachments">{t('meetings.attachments.files')}</label>
            <p class="hint" id="field-attachments-hint">
              {t('meetings.attachments.hint')}
            </p>
            <input id="field-attachments" name="attachments" type="file" multiple accept={ACCEPT_ATTRIBUTE} aria-describedby="field-attachments-hint" />
          </div>
          <button type="submit" class="button">
            {t('meetings.submit.submit')}
          </button>
        </form>
      )}
      <p>
        <a href={`/meetings/${meeting.id}`}>{t('meetings.builder.back')}</a>
      </p>
    </>,
  );
}

async function absenceForm(c: C, state: FormState = {}) {
  const { t, lang, db, actor } = pageDeps(c);
  const data = await meetingPage(c, 'meetings.reportAbsence');
  const { meeting } = data;
  const me = actorId({ actor }.actor)!;
  const [items, existing, plan] = await Promise.all([agendaOf(db, meeting.id), absenceOf(db, meeting.id, me), absencePlan(db, data, me)]);
  const visible = readerAgenda(actor, data, items).items;
  const values = state.values ?? {
    views: existing?.views ?? '',
    ...Object.fromEntries((existing?.itemViews ?? []).map((v) => [`item.${v.itemId}`, v.views])),
  };
  const errors = state.errors ?? [];
  const closed = meeting.status === 'cancelled' || hasStarted(meeting, new Date());
  const title = t('meetings.absence.title');
  return renderPage(
    c,
    { title, status: state.status, breadcrumbs: meetingCrumbs(c, data, dateLabel(data), title) },
    <>
      <h1>{title}</h1>
      <p>
        {meeting.title}, {whenText(meeting, lang)}
      </p>
      <p id="absence-outcome">
        {plan.substitute
          ? t('meetings.absence.introSubstitute', { name: plan.substitute.name })
          : plan.substitutesAllowed
            ? t('meetings.absence.introNoSubstitute')
            : t('meetings.absence.introNoSubstitutes')}{' '}
        {plan.informedSecretary
          ? t('meetings.absence.informSecretary')
          : plan.informed.length
            ? t('meetings.absence.informOthers', { names: new Intl.ListFormat(lang, { type: 'conjunction' }).format(plan.informed.map((p) => p.name)) })
            : t('meetings.absence.informNobody')}{' '}
        {t('meetings.absence.viewsInvite')}
      </p>
      {existing ? <p class="muted">{t('meetings.absence.existing')}</p> : null}
      <ErrorSummary t={t} errors={errors} />
      {closed ? (
        <p class="warning">{t('meetings.absence.closed')}</p>
      ) : (
        <form method="post" action={`/meetings/${meeting.id}/absence`}>
          <CsrfInput token={csrfToken(c)} />
          <Field t={t} name="views" label={t('meetings.absence.views')} hint={t('meetings.absence.viewsHint')} multiline rows={4} value={values.views} errors={errors} />
          {visible.length ? (
            <fieldset>
              <legend>{t('meetings.absence.itemViews')}</legend>
              {visible.map(({ item, number }) => (
                <Field t={t} name={`item.${item.id}`} label={`${number}. ${item.title}`} multiline rows={2} value={values[`item.${item.id}`]} errors={errors} />
              ))}
            </fieldset>
          ) : null}
          <button type="submit" class="button">
            {existing ? t('meetings.absence.update') : t('meetings.absence.submit')}
          </button>
        </form>
      )}
      <p>
        <a href={`/meetings/${meeting.id}`}>{t('meetings.builder.back')}</a>
      </p>
    </>,
  );
}

export function memberPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/meetings/:id/submit', (c) => submitForm(c));
  app.post('/meetings/:id/submit', async (c) => {
    const { values, files } = await readMultipart(c);
    const attachments = (await Promise.all(files.map(fileInput))).filter((f) => !!f);
    const result = await tryCommand(c, submitItem, {
      meetingId: c.req.param('id'),
      title: values.title ?? '',
      description: values.description,
      kind: values.kind,
      presenterName: values.presenterName,
      wishedMinutes: values.wishedMinutes,
      attachments,
    });
    if (!result.ok) {
      const errors = result.errors.map((e) => (SUBMIT_FIELDS.includes(e.field) ? e : { field: e.field.startsWith('attachments') ? 'attachments' : '_', message: e.message }));
      return submitForm(c, { values, errors, status: result.status });
    }
    setFlash(c, { kind: 'success', message: c.get('t')('meetings.submit.done', { title: result.value.title }) });
    return c.redirect(`/meetings/${c.req.param('id')}`, 303);
  });

  app.get('/meetings/:id/absence', (c) => absenceForm(c));
  app.post('/meetings/:id/absence', async (c) => {
    const values = await readForm(c);
    const itemViews = Object.entries(values)
      .filter(([k, v]) => k.startsWith('item.') && v.trim())
      .map(([k, v]) => ({ itemId: k.slice(5), views: v }));
    const result = await tryCommand(c, reportAbsence, { meetingId: c.req.param('id'), views: values.views, itemViews });
    if (!result.ok) {
      const errors = result.errors.map((e) => {
        const m = /^itemViews\.(\d+)\.views$/.exec(e.field);
        if (m) return { field: `item.${itemViews[Number(m[1])]?.itemId}`, message: e.message };
        return e.field === 'views' ? e : { field: '_', message: e.message };
      });
      return absenceForm(c, { values, errors, status: result.status });
    }
    const t = c.get('t');
    const sub = result.value.substitute;
    setFlash(c, { kind: 'success', message: sub ? t('meetings.absence.doneSubstitute', { name: sub.name }) : t('meetings.absence.done') });
    return c.redirect(`/meetings/${c.req.param('id')}`, 303);
  });

  return app;
}
