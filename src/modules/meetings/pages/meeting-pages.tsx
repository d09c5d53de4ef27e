import { actorId } from '../../../platform/auth/actor.js';
import { notFound } from '../../../platform/refusals.js';
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { readForm, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { ErrorSummary, Field } from '../../../platform/views/fields.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { formatDate, formatDateTime } from '../../../platform/time.js';
import { agendaOf, hasStarted, loadMeeting, targetOf } from '../access.js';
import { stockholmClock, stockholmDay } from '../../../platform/time.js';
import { absenceOf, attachmentById, attachmentsOf, jointBodies, submissionsOf } from '../queries.js';
import { meetingRoster } from '../roster.js';
import { cancelMeeting } from '../commands/cancel-meeting.js';
import { updateMeeting } from '../commands/update-meeting.js';
import { AgendaDates, AgendaTable, StatusTag, fileSize, whenText, whereText } from '../views.js';
import { MeetingFields, meetingFieldNames } from './body-pages.js';
import { meetingLinks } from '../links.js';
import { readerAgenda, readerFiles } from '../reader-agenda.js';
import { meetingCrumbs, meetingPage, onlyKnown, pageDeps, type C, type MeetingPageData } from './common.js';

export function dateLabel(data: Pick<MeetingPageData, 'meeting'>): string {
  return formatDate(data.meeting.startsAt);
}

/** The meeting page's data: the meeting (for someone who may see it), its agenda, joint bodies, submissions, files, roster and the reader's own absence report. */
async function loadMeetingView(c: C) {
  const { db, actor } = pageDeps(c);
  const data = await meetingPage(c);
  const { meeting } = data;
  const me = actorId(actor);
  const manage = data.can['meetings.manage'];
  const [items, joint, submissions, files, roster, absence] = await Promise.all([
    agendaOf(db, meeting.id),
    jointBodies(db, meeting.id),
    submissionsOf(db, meeting.id, { all: manage, personId: me ?? undefined }),
    attachmentsOf(db, meeting.id),
    meetingRoster(db, meeting, data.jointBodyIds),
    me ? absenceOf(db, meeting.id, me) : Promise.resolve(undefined),
  ]);
  return { data, me, manage, items, joint, submissions, files, roster, absence };
}

type MeetingViewData = Awaited<ReturnType<typeof loadMeetingView>>;

async function meetingView(c: C) {
  return meetingViewPage(c, await loadMeetingView(c), new Date());
}

/** The meeting page (renders only; the data comes from loadMeetingView). */
function meetingViewPage(c: C, loaded: MeetingViewData, now: Date) {
  const { t, lang, actor } = pageDeps(c);
  const { data, manage, items, joint, submissions, files, roster, absence } = loaded;
  const { meeting, body } = data;
  // What this reader sees of the agenda: the same rule as the API and the PDF and DOCX agenda.
  const agenda = readerAgenda(actor, data, items, now);
  const showAgenda = agenda.open;
  const visibleItems = agenda.items.map((x) => x.item);
  const itemFiles = (itemId: string) => files.filter((f) => f.itemId === itemId);
  const upcoming = meeting.status !== 'cancelled' && !hasStarted(meeting, now);
  const deadlinePassed = !!meeting.submissionDeadline && meeting.submissionDeadline.getTime() < now.getTime();
  const recorded = [...roster.seats.flatMap((s) => [...s.holders, ...s.substitutes]), ...roster.others, ...roster.extra].filter((e) => e.attendance);
  const title = `${meeting.title} ${formatDate(meeting.startsAt)}`;
  const links = meetingLinks({ meeting, agendaVisible: showAgenda && meeting.status !== 'cancelled', started: hasStarted(meeting, now) });
  return renderPage(
    c,
    { title, breadcrumbs: meetingCrumbs(c, data, dateLabel(data)) },
    <>
      <h1>
        {meeting.title} <span class="muted">{formatDate(meeting.startsAt)}</span>
      </h1>
      <p>
        <StatusTag t={t} meeting={meeting} />
      </p>
      {meeting.status === 'cancelled' ? (
        <p class="warning">
          {t('meetings.cancelled.notice', { when: meeting.cancelledAt ? formatDateTime(meeting.cancelledAt) : '' })}
          {meeting.cancelReason ? ` ${t('meetings.cancelled.reason', { reason: meeting.cancelReason })}` : ''}
        </p>
      ) : null}
      {meeting.changedAfterPublishAt && meeting.status === 'called' ? <p class="warning">{t('meetings.changedNotice', { when: formatDateTime(meeting.changedAfterPublishAt) })}</p> : null}
      <dl class="facts">
        <dt>{t('meetings.body')}</dt>
        <dd>
          <a href={`/bodies/${body.id}/meetings`}>{body.name}</a>
        </dd>
        {joint.length ? (
          <>
            <dt>{t('meetings.jointWith')}</dt>
            <dd>{joint.map((b) => b.name).join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('meetings.when')}</dt>
        <dd>
          <time datetime={meeting.startsAt.toISOString()}>{whenText(meeting, lang)}</time>
        </dd>
        <dt>{t('meetings.where')}</dt>
        <dd>{whereText(meeting, t)}</dd>
        {meeting.link ? (
          <>
            <dt>{t('meetings.field.link')}</dt>
            <dd>
              <a href={meeting.link} rel="noopener noreferrer">
                {meeting.link}
              </a>
            </dd>
          </>
        ) : null}
        {meeting.notes ? (
          <>
            <dt>{t('meetings.field.notes')}</dt>
            <dd class="pre-line">{meeting.notes}</dd>
          </>
        ) : null}
        <AgendaDates t={t} lang={lang} meeting={meeting} />
      </dl>

      <ul class="actions">
        {data.can['meetings.submit'] && upcoming ? (
          <li>
            <a class={deadlinePassed ? 'button button-secondary' : 'button'} href={`/meetings/${meeting.id}/submit`}>
              {t('meetings.submit.link')}
            </a>
          </li>
        ) : null}
        {data.can['meetings.reportAbsence'] && upcoming ? (
          <li>
            <a class="button button-secondary" href={`/meetings/${meeting.id}/absence`}>
              {absence ? t('meetings.absence.change') : t('meetings.absence.link')}
            </a>
          </li>
        ) : null}
        {manage && meeting.status !== 'cancelled' ? (
          <>
            <li>
              <a class="button" href={`/meetings/${meeting.id}/agenda`}>
                {t('meetings.builder.link')}
              </a>
            </li>
            <li>
              <a class="button button-secondary" href={`/meetings/${meeting.id}/attendance`}>
                {t('meetings.attendance.link')}
              </a>
            </li>
            <li>
              <a href={`/meetings/${meeting.id}/edit`}>{t('meetings.edit.link')}</a>
            </li>
            {meeting.status !== 'held' ? (
              <li>
                <a href={`/meetings/${meeting.id}/cancel`}>{t('meetings.cancel.link')}</a>
              </li>
            ) : null}
          </>
        ) : null}
      </ul>
      {absence ? <p class="muted">{t('meetings.absence.reported', { when: formatDateTime(absence.createdAt) })}</p> : null}
      {links.length ? (
        <ul class="meeting-links">
          {links.map((l) => (
            <li>
              <a href={l.href}>{t(l.label)}</a>
            </li>
          ))}
        </ul>
      ) : null}

      <section aria-labelledby="agenda-title">
        <h2 id="agenda-title">{meeting.agendaPublishedAt ? t('meetings.agenda.title') : t('meetings.agenda.draftTitle')}</h2>
        {!showAgenda ? (
          <p>{t('meetings.agenda.notYet', { date: meeting.callOpensOn ? formatDate(meeting.callOpensOn) : '' })}</p>
        ) : visibleItems.length === 0 ? (
          <p>{t('meetings.agenda.empty')}</p>
        ) : (
          <AgendaTable
            t={t}
            meeting={meeting}
            items={visibleItems}
            timed={agenda}
            caption={t('meetings.agenda.caption', { start: stockholmClock(meeting.startsAt) })}
            attachmentsOf={(item) =>
              itemFiles(item.id).length ? (
                <ul class="attachments">
                  {itemFiles(item.id).map((f) => (
                    <li>
                      <a href={`/meetings/${meeting.id}/attachments/${f.id}`}>{f.filename}</a> <span class="muted">({fileSize(f.size)})</span>
                    </li>
                  ))}
                </ul>
              ) : null
            }
          />
        )}
        {files.some((f) => !f.itemId && !f.submissionId) ? (
          <>
            <h3>{t('meetings.attachments.meeting')}</h3>
            <ul class="attachments">
              {files
                .filter((f) => !f.itemId && !f.submissionId)
                .map((f) => (
                  <li>
                    <a href={`/meetings/${meeting.id}/attachments/${f.id}`}>{f.filename}</a> <span class="muted">({fileSize(f.size)})</span>
                  </li>
                ))}
            </ul>
          </>
        ) : null}
      </section>

      {submissions.length ? (
        <section aria-labelledby="submissions-title">
          <h2 id="submissions-title">{manage ? t('meetings.submissions.title') : t('meetings.submissions.mine')}</h2>
          <ul class="submission-list">
            {submissions.map(({ submission: s, submitterName }) => (
              <li>
                <strong>{s.title}</strong> <span class={`tag submission-${s.status}`}>{t(`meetings.submission.status.${s.status}`)}</span>
                <br />
                <span class="muted">
                  {t('meetings.submissions.by', { name: submitterName, date: formatDate(s.createdAt) })}
                  {s.wishedMinutes ? ` · ${t('meetings.agenda.minutes', { minutes: s.wishedMinutes })}` : ''}
                </span>
                {s.reply ? <p>{t('meetings.submissions.reply', { reply: s.reply })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {recorded.length || manage ? (
        <section aria-labelledby="attendance-title">
          <h2 id="attendance-title">{t('meetings.attendance.title')}</h2>
          {recorded.length === 0 ? (
            <p>{t('meetings.attendance.none')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>{t('meetings.attendance.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('meetings.attendance.person')}</th>
                    <th scope="col">{t('meetings.attendance.organisation')}</th>
                    <th scope="col">{t('meetings.attendance.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {recorded.map((e) => (
                    <tr>
                      <th scope="row">
                        {e.name}
                        {e.attendance?.substituteForPersonId ? ` (${t('meetings.attendance.substituteFor', { name: e.substituteForName ?? '' })})` : ''}
                      </th>
                      <td>{e.attendance?.organisationLabel ?? e.organisationLabel ?? ''}</td>
                      <td>{t(`meetings.attendance.${e.attendance!.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {roster.seats.some((s) => s.vacant) ? (
            <p>
              {t('meetings.attendance.vacant')}:{' '}
              {roster.seats
                .filter((s) => s.vacant)
                .map((s) => s.label + (s.organisationLabel ? ` (${s.organisationLabel})` : ''))
                .join('; ')}
            </p>
          ) : null}
        </section>
      ) : null}
      <p>
        <a href={`/bodies/${body.id}/meetings?year=${stockholmDay(meeting.startsAt).slice(0, 4)}`}>{t('meetings.backToList', { body: body.shortName ?? body.name })}</a>
      </p>
    </>,
  );
}

// ---------------------------------------------------------------------------------------
// Edit and cancel

function currentValues(data: MeetingPageData): Record<string, string> {
  const m = data.meeting;
  const endDay = stockholmDay(m.endsAt);
  return {
    title: m.title,
    date: stockholmDay(m.startsAt),
    startTime: stockholmClock(m.startsAt),
    endTime: stockholmClock(m.endsAt),
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
        <CsrfInput token={c.get('csrfToken')} />
        <input type="hidden" name="version" value={values.version ?? ''} />
        <MeetingFields t={t} values={values} errors={errors} defaultTitle={data.body.shortName ?? data.body.name} />
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
          <CsrfInput token={c.get('csrfToken')} />
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
