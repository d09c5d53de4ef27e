import { notFound } from '../../../platform/refusals.js';
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { readForm, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { ErrorSummary, Field } from '../../../platform/views/fields.js';
import { requireLogin, csrfToken } from '../../../platform/auth/middleware.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { formatDate } from '../../../platform/time.js';
import { agendaOf, loadMeeting } from '../queries/index.js';
import { targetOf } from '../policy.js';
import { stockholmClock, stockholmDay } from '../../../platform/time.js';
import { attachmentById } from '../queries/index.js';
import { cancelMeeting } from '../commands/cancel-meeting.js';
import { updateMeeting } from '../commands/update-meeting.js';
import { whenText } from '../views/meeting.js';
import { MeetingFields, meetingFieldNames } from './body-pages.js';
import { readerAgenda, readerFiles } from '../policy.js';
import { loadMeetingView } from './meeting-view.js';
import { MeetingView } from '../views/meeting-page.js';
import { meetingCrumbs, meetingPage, onlyKnown, pageDeps, type C, type MeetingPageData } from './common.js';

export function dateLabel(data: Pick<MeetingPageData, 'meeting'>): string {
  return formatDate(data.meeting.startsAt);
}

/** The meeting page: the loader reads (pages/meeting-view.ts), the view renders (views/meeting-page.tsx). */
async function meetingView(c: C) {
  const { t, lang } = pageDeps(c);
  const d = await loadMeetingView(c, new Date());
  const { data } = d;
  return renderPage(c, { title: `${data.meeting.title} ${formatDate(data.meeting.startsAt)}`, breadcrumbs: meetingCrumbs(c, data, dateLabel(data)) }, <MeetingView t={t} lang={lang} d={d} />);
}

// ---------------------------------------------------------------------------------------
// Edit and cancel

function currentValues(data: MeetingPageData): Record<string, string> {
  const m = data.meeting;
  const endDay = stockholmDay(m.endsAt);
  return {
    title: m.title,
    date: stockholmDay(m.startsAt),
    // A meeting known by its day only: the times are left empty.
    startTime: m.timesKnown ? stockholmClock(m.startsAt) : '',
    endTime: m.timesKnown ? stockholmClock(m.endsAt) : '',
    endDate: endDay === stockholmDay(m.startsAt) ? '' : endDay,
    format: m.format,
    address: m.address ?? '',
    room: m.room ?? '',
    link: m.link ?? '',
    notes: m.notes ?? '',
    callOpensDate: m.callOpensOn ? stockholmDay(m.callOpensOn) : '',
    submissionDeadlineDate: m.submissionDeadline ? stockholmDay(m.submissionDeadline) : '',
    agendaPublishDate: m.agendaPublishOn ? stockholmDay(m.agendaPublishOn) : '',
    version: String(m.version),
  };
}

async function editForm(c: C, extra: { values?: Record<string, string>; errors?: FieldError[]; status?: number } = {}) {
  const { t } = pageDeps(c);
  const data = await meetingPage(c, 'meetings.manage');
  const values = extra.values ?? currentValues(data);
  const errors = extra.errors ?? [];
  const title = t('meetings.edit.title');
  return renderPage(
    c,
    { title, status: extra.status, breadcrumbs: meetingCrumbs(c, data, dateLabel(data), title) },
    <>
      <h1>{title}</h1>
      {data.meeting.agendaPublishedAt ? <p class="warning">{t('meetings.edit.published')}</p> : null}
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/meetings/${data.meeting.id}/edit`}>
        <CsrfInput token={csrfToken(c)} />
        <input type="hidden" name="version" value={values.version ?? ''} />
        <MeetingFields t={t} values={values} errors={errors} defaultTitle={data.body.shortName ?? data.body.name} past={data.meeting.registeredAfterwards} />
        {data.meeting.registeredAfterwards ? null : (
          <fieldset>
            <legend>{t('meetings.dates.legend')}</legend>
            <p class="hint">{t('meetings.dates.hint')}</p>
            <Field t={t} name="callOpensDate" label={t('meetings.dates.callOpens')} type="date" value={values.callOpensDate} errors={errors} />
            <Field t={t} name="submissionDeadlineDate" label={t('meetings.dates.submissionDeadline')} type="date" value={values.submissionDeadlineDate} errors={errors} />
            <Field t={t} name="agendaPublishDate" label={t('meetings.dates.agendaPublish')} type="date" value={values.agendaPublishDate} errors={errors} />
          </fieldset>
        )}
        <button type="submit" class="button">
          {t('form.save')}
        </button>
      </form>
    </>,
  );
}

async function cancelForm(c: C, extra: { values?: Record<string, string>; errors?: FieldError[]; status?: number } = {}) {
  const { t, lang } = pageDeps(c);
  const data = await meetingPage(c, 'meetings.manage');
  const errors = extra.errors ?? [];
  const title = t('meetings.cancel.title');
  return renderPage(
    c,
    { title, status: extra.status, breadcrumbs: meetingCrumbs(c, data, dateLabel(data), title) },
    <>
      <h1>{title}</h1>
      <p>{t('meetings.cancel.intro', { meeting: `${data.meeting.title}, ${whenText(data.meeting, lang)}` })}</p>
      <ErrorSummary t={t} errors={errors} />
      {data.meeting.status === 'cancelled' ? (
        <p>{t('meetings.cancel.already')}</p>
      ) : (
        <form method="post" action={`/meetings/${data.meeting.id}/cancel`}>
          <CsrfInput token={csrfToken(c)} />
          <input type="hidden" name="version" value={String(data.meeting.version)} />
          <Field t={t} name="reason" label={t('meetings.cancel.reason')} multiline rows={3} value={extra.values?.reason} errors={errors} />
          <button type="submit" class="button button-danger">
            {t('meetings.cancel.submit')}
          </button>
        </form>
      )}
    </>,
  );
}

export function meetingPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/meetings/:id', requireLogin);
  app.use('/meetings/:id/*', requireLogin);

  app.get('/meetings/:id', (c) => meetingView(c));

  app.get('/meetings/:id/edit', (c) => editForm(c));
  app.post('/meetings/:id/edit', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, updateMeeting, { meetingId: c.req.param('id'), ...values });
    if (!result.ok) return editForm(c, { values, errors: onlyKnown(result.errors, [...meetingFieldNames, 'callOpensDate', 'submissionDeadlineDate', 'agendaPublishDate']), status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('meetings.edit.done') });
    return c.redirect(`/meetings/${c.req.param('id')}`, 303);
  });

  app.get('/meetings/:id/cancel', (c) => cancelForm(c));
  app.post('/meetings/:id/cancel', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, cancelMeeting, { meetingId: c.req.param('id'), version: values.version, reason: values.reason });
    if (!result.ok) return cancelForm(c, { values, errors: onlyKnown(result.errors, ['reason']), status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('meetings.cancel.done') });
    return c.redirect(`/meetings/${c.req.param('id')}`, 303);
  });

  // Attachment download: the files the reader may see beside the agenda (readerFiles).
  app.get('/meetings/:id/attachments/:attachmentId', async (c) => {
    const { db, actor } = pageDeps(c);
    const loaded = await loadMeeting(db, actor, c.req.param('id'));
    authorize(actor, 'meetings.view', targetOf(loaded, 'meetings.view'));
    const file = await attachmentById(db, c.req.param('attachmentId'));
    const visible = file && file.meetingId === loaded.meeting.id && readerFiles(readerAgenda(actor, loaded, await agendaOf(db, loaded.meeting.id)), [file]).length > 0;
    if (!file || !visible) notFound('meetings.refusal.attachmentNotFound');
    const inline = file.contentType === 'application/pdf' || file.contentType.startsWith('image/');
    return c.body(new Uint8Array(file.data), 200, {
      'content-type': file.contentType,
      'content-length': String(file.size),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });

  return app;
}
