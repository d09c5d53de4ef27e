import { renderPage } from '../../../platform/http/render.js';
import { readForm, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { formatDateTime, formatTime } from '../../../platform/time.js';
import { publishAgenda } from '../commands/publish-agenda.js';
import { publicationPreview, type PublicationPreview } from '../publication.js';
import { dateLabel } from './meeting-pages.js';
import { meetingCrumbs, meetingPage, pageDeps, type C } from './common.js';
import { presenterNames } from '../views/presenters.js';

/*
 * Publishing an agenda sends the meeting call to everyone called, so it goes through a
 * preview: /meetings/:id/agenda/publish shows the call as the recipients get it and who
 * gets it (names, organisations, e-mail addresses), and only its confirm button publishes.
 * The form carries the preview's token: a call that changed since (an item, a recipient,
 * the meeting) is shown again instead of sent, and a second confirmation sends nothing.
 */

function CallPreview(props: { t: Translate; preview: PublicationPreview }) {
  const { t, preview } = props;
  return (
    <section aria-labelledby="call-title">
      <h2 id="call-title">{t('meetings.preview.call')}</h2>
      <dl class="facts">
        <dt>{t('meetings.preview.subject')}</dt>
        <dd>{preview.call.subject}</dd>
        <dt>{t('meetings.preview.text')}</dt>
        <dd class="pre-line">{preview.call.text}</dd>
      </dl>
      <h3>{t('meetings.agenda.title')}</h3>
      <ol class="plain-list">
        {preview.items.map(({ item, number, start }) => (
          <li>
            {number}. {formatTime(start)} {item.title}
            {presenterNames(item.presenters) ? ` (${presenterNames(item.presenters)})` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

function RecipientTable(props: { t: Translate; preview: PublicationPreview }) {
  const { t, preview } = props;
  if (!preview.recipients.length) return <p class="warning">{t('meetings.preview.noRecipients')}</p>;
  return (
    <>
      <p>{t('meetings.preview.recipientCount', { count: preview.recipients.length })}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('meetings.preview.recipients')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.preview.name')}</th>
              <th scope="col">{t('meetings.preview.role')}</th>
              <th scope="col">{t('meetings.preview.organisation')}</th>
              <th scope="col">{t('meetings.preview.email')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.recipients.map((r) => (
              <tr>
                <th scope="row">{r.name}</th>
                <td>{t(`meetings.role.${r.role}` as Parameters<Translate>[0])}</td>
                <td>{r.organisation ?? '–'}</td>
                <td>{r.email ?? <span class="muted">{t('meetings.preview.noEmail')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** GET /meetings/:id/agenda/publish: the call and its recipients, and the confirmation (also after a stale confirmation, with status 409). */
export async function publicationPage(c: C, state: { message?: string; status?: number } = {}) {
  const { t, lang, db, csrf } = pageDeps(c);
  const data = await meetingPage(c, 'meetings.manage');
  const { meeting } = data;
  const title = t('meetings.preview.title');
  const crumbs = meetingCrumbs(c, data, dateLabel(data), title);
  const back = `/meetings/${meeting.id}/agenda`;
  if (meeting.agendaPublishedAt) {
    return renderPage(
      c,
      { title, breadcrumbs: crumbs, status: state.status },
      <>
        <h1>{title}</h1>
        <p>{t('meetings.builder.publishedAt', { when: formatDateTime(meeting.agendaPublishedAt), sequence: meeting.sequence })}</p>
        <p>
          <a href={back}>{t('meetings.builder.backToBuilder')}</a>
        </p>
      </>,
    );
  }
  const preview = await publicationPreview(db, data, lang, c.get('deps').config.PUBLIC_URL);
  const cancelled = meeting.status === 'cancelled';
  return renderPage(
    c,
    { title: `${title} – ${meeting.title} ${dateLabel(data)}`, breadcrumbs: crumbs, status: state.status },
    <>
      <h1>{title}</h1>
      {state.message ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{state.message}</p>
        </div>
      ) : null}
      <p>{t('meetings.preview.intro')}</p>
      <CallPreview t={t} preview={preview} />
      <section aria-labelledby="recipients-title">
        <h2 id="recipients-title">{t('meetings.preview.recipients')}</h2>
        <RecipientTable t={t} preview={preview} />
      </section>
      {preview.items.length === 0 ? <p class="warning">{t('meetings.preview.emptyAgenda')}</p> : null}
      {cancelled ? <p class="warning">{t('meetings.builder.cancelled')}</p> : null}
      {preview.items.length && !cancelled ? (
        <form method="post" action={`/meetings/${meeting.id}/agenda/publish`} class="publish-form">
          <CsrfInput token={csrf} />
          <input type="hidden" name="preview" value={preview.token} />
          <button type="submit" class="button">
            {t('meetings.preview.confirm')}
          </button>
        </form>
      ) : null}
      <p>
        <a href={back}>{t('meetings.preview.back')}</a>
      </p>
    </>,
  );
}

/**
 * POST /meetings/:id/agenda/publish: the confirmation. Without a preview token it leads to
 * the preview; a stale token shows the new preview (409); a second confirmation of a call
 * already sent sends nothing and says so.
 */
export async function confirmPublication(c: C): Promise<Response> {
  const t = c.get('t');
  const id = c.req.param('id') ?? '';
  const values = await readForm(c);
  const preview = values.preview?.trim();
  if (!preview) return publicationPage(c, { message: t('meetings.refusal.previewMissing'), status: 422 });
  const result = await tryCommand(c, publishAgenda, { meetingId: id, preview });
  if (result.ok) {
    setFlash(c, { kind: 'success', message: t('meetings.builder.published') });
    return c.redirect(`/meetings/${id}`, 303);
  }
  if (result.errors.some((e) => e.key === 'meetings.refusal.alreadyPublished')) {
    const data = await meetingPage(c, 'meetings.manage');
    setFlash(c, { kind: 'info', message: t('meetings.preview.alreadySent', { when: formatDateTime(data.meeting.agendaPublishedAt ?? new Date()) }) });
    return c.redirect(`/meetings/${id}`, 303);
  }
  return publicationPage(c, { message: result.errors.map((e) => e.message).join(' '), status: result.status });
}
