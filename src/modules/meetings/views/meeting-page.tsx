import type { Lang, Translate } from '../../../platform/i18n/index.js';
import { formatDate, formatDateTime, stockholmClock, stockholmDay } from '../../../platform/time.js';
import type { MeetingViewData } from '../pages/meeting-view.js';
import { AgendaTable } from './agenda-table.js';
import { AgendaDates, AttachmentList, StatusTag, whenText, whereText } from './meeting.js';

/** The meeting page (renders only; the data comes from loadMeetingView in pages/meeting-view.ts). */
export function MeetingView(props: { t: Translate; lang: Lang; d: MeetingViewData }) {
  const { t, lang, d } = props;
  const { data, manage, agenda, joint, submissions, files, roster, absence, upcoming, deadlinePassed, recorded, links, neighbours } = d;
  const { meeting, body } = data;
  const showAgenda = agenda.open;
  const visibleItems = agenda.items.map((x) => x.item);
  const itemFiles = (itemId: string) => files.filter((f) => f.itemId === itemId);
  return (
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
          <time datetime={meeting.timesKnown === false ? stockholmDay(meeting.startsAt) : meeting.startsAt.toISOString()}>{whenText(meeting, lang)}</time>
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
            {/* The roll call opens once the meeting has started. */}
            {!upcoming ? (
              <li>
                <a class="button button-secondary" href={`/meetings/${meeting.id}/attendance`}>
                  {t('meetings.attendance.link')}
                </a>
              </li>
            ) : null}
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
      {manage ? (
        <p class="history-link">
          <a href={`/history/meeting/${meeting.id}`}>{t('admin.history.changes')}</a>
        </p>
      ) : null}
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
        <h2 id="agenda-title">
          {meeting.registeredAfterwards || meeting.status === 'held' ? t('meetings.agenda.heldTitle') : meeting.agendaPublishedAt ? t('meetings.agenda.title') : t('meetings.agenda.draftTitle')}
        </h2>
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
            attachmentsOf={(item) => <AttachmentList meetingId={meeting.id} files={itemFiles(item.id)} />}
          />
        )}
        {files.some((f) => !f.itemId && !f.submissionId) ? (
          <>
            <h3>{t('meetings.attachments.meeting')}</h3>
            <AttachmentList meetingId={meeting.id} files={files.filter((f) => !f.itemId && !f.submissionId)} />
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
      {neighbours.previous || neighbours.next ? (
        <nav class="meeting-neighbours" aria-label={t('meetings.neighbours.label', { body: body.shortName ?? body.name })}>
          <ul>
            {neighbours.previous ? (
              <li>
                <a href={`/meetings/${neighbours.previous.id}`} rel="prev">
                  ← {t('meetings.neighbours.previous', { when: `${neighbours.previous.title} ${formatDate(neighbours.previous.startsAt)}` })}
                </a>
              </li>
            ) : null}
            {neighbours.next ? (
              <li>
                <a href={`/meetings/${neighbours.next.id}`} rel="next">
                  {t('meetings.neighbours.next', { when: `${neighbours.next.title} ${formatDate(neighbours.next.startsAt)}` })} →
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <p>
        <a href={`/bodies/${body.id}/meetings?year=${stockholmDay(meeting.startsAt).slice(0, 4)}`}>{t('meetings.backToList', { body: body.shortName ?? body.name })}</a>
      </p>
    </>
  );
}
