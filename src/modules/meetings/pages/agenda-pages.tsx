import { Hono } from 'hono';
import { notFound } from '../../../platform/refusals.js';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { readForm, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import type { FieldError } from '../../../platform/http/errors.js';
import type { MessageKey, Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { CheckboxField, ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { formatDateTime } from '../../../platform/time.js';
import { agendaOf } from '../access.js';
import { ACCEPT_ATTRIBUTE } from '../attachments.js';
import { stockholmClock, stockholmDay, stockholmInstant } from '../../../platform/time.js';
import { attachmentsOf, submissionsOf } from '../queries.js';
import { agendaItemKinds, standardSections, type AgendaItem } from '../schema.js';
import { openProposals, SUBMISSION_SOURCE } from '../sources.js';
import { addItem } from '../commands/add-item.js';
import { updateItem } from '../commands/update-item.js';
import { moveItem } from '../commands/move-item.js';
import { removeItem } from '../commands/remove-item.js';
import { acceptProposal, dismissProposal } from '../commands/proposals.js';
import { acceptSubmission, declineSubmission, mergeSubmission } from '../commands/decide-submission.js';
import { publishAgenda } from '../commands/publish-agenda.js';
import { removeAttachment, uploadAttachment } from '../commands/attachment-commands.js';
import { AgendaTable, fileSize } from '../views.js';
import { dateLabel } from './meeting-pages.js';
import { fileInput, meetingCrumbs, meetingPage, pageDeps, readMultipart, type C } from './common.js';

interface FormState {
  /** Which form the errors belong to ('add', 'decline-<id>', …). */
  form?: string;
  values?: Record<string, string>;
  errors?: FieldError[];
  status?: number;
}

const kindOptions = (t: Translate) => agendaItemKinds.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }));

function SectionList(props: { id: string; sections: string[] }) {
  return (
    <datalist id={props.id}>
      {props.sections.map((s) => (
        <option value={s} />
      ))}
    </datalist>
  );
}

/** Item fields (shared by the add form and the item page). */
function ItemFields(props: { t: Translate; values: Record<string, string>; errors: FieldError[]; sectionsId: string }) {
  const { t, values, errors } = props;
  const sectionError = errors.find((e) => e.field === 'section');
  return (
    <>
      <Field t={t} name="title" label={t('meetings.item.title')} value={values.title} errors={errors} required maxlength={300} />
      <Field t={t} name="description" label={t('meetings.item.description')} multiline rows={4} value={values.description} errors={errors} />
      <SelectField t={t} name="kind" label={t('meetings.item.kind')} value={values.kind ?? 'information'} options={kindOptions(t)} errors={errors} />
      <div class={`field${sectionError ? ' field-error' : ''}`}>
        <label for="field-section">{t('meetings.item.section')}</label>
        <p class="hint" id="field-section-hint">
          {t('meetings.item.sectionHint')}
        </p>
        {sectionError ? (
          <p class="error-message" id="field-section-error">
            {sectionError.message}
          </p>
        ) : null}
        <input
          id="field-section"
          name="section"
          type="text"
          list={props.sectionsId}
          value={values.section ?? ''}
          maxlength={100}
          aria-describedby={`field-section-hint${sectionError ? ' field-section-error' : ''}`}
        />
      </div>
      <Field t={t} name="presenterName" label={t('meetings.item.presenter')} hint={t('meetings.item.presenterHint')} value={values.presenterName} errors={errors} maxlength={200} />
      <Field t={t} name="durationMinutes" label={t('meetings.item.duration')} type="number" value={values.durationMinutes} errors={errors} />
      <Field t={t} name="number" label={t('meetings.item.number')} hint={t('meetings.item.numberHint')} value={values.number} errors={errors} maxlength={20} />
      <CheckboxField t={t} name="internal" value="on" label={t('meetings.item.internalLabel')} checked={values.internal === 'on'} errors={errors} />
    </>
  );
}

/** The builder's data: the meeting (for someone who manages it), its agenda, proposals, submissions and files. */
async function loadBuilder(c: C) {
  const { lang, db } = pageDeps(c);
  const data = await meetingPage(c, 'meetings.manage');
  const { meeting, body } = data;
  const [items, proposals, submissions, files] = await Promise.all([
    agendaOf(db, meeting.id),
    openProposals({ tx: db, meeting, body, lang }),
    submissionsOf(db, meeting.id, { all: true }),
    attachmentsOf(db, meeting.id),
  ]);
  return { data, items, proposals, submissions, files };
}

type BuilderData = Awaited<ReturnType<typeof loadBuilder>>;

async function builderPage(c: C, state: FormState = {}) {
  return builderView(c, await loadBuilder(c), state);
}

/** The agenda builder as a page (renders only; the data comes from loadBuilder). */
function builderView(c: C, loaded: BuilderData, state: FormState) {
  const { t, lang } = pageDeps(c);
  const { data, items, proposals, submissions, files } = loaded;
  const { meeting } = data;
  const csrf = c.get('csrfToken');
  const errors = state.errors ?? [];
  const formValues = (form: string) => (state.form === form ? (state.values ?? {}) : {});
  const formErrors = (form: string) => (state.form === form ? errors : []);
  const sections = [...new Set([...standardSections, ...items.map((i) => i.section).filter((s): s is string => !!s)])];
  const base = `/meetings/${meeting.id}/agenda`;
  const cancelled = meeting.status === 'cancelled';
  const title = t('meetings.builder.title');
  const itemFiles = (itemId: string) => files.filter((f) => f.itemId === itemId);
  const submissionProposals = proposals.find((p) => p.source.id === SUBMISSION_SOURCE)?.proposals ?? [];
  const submissionById = new Map(submissions.map((s) => [s.submission.id, s]));
  const decided = submissions.filter((s) => s.submission.status !== 'proposed');

  const itemActions = (item: AgendaItem, i: number, count: number) => (
    <div class="button-row">
      <form method="post" action={`${base}/items/${item.id}/move`} class="inline-form">
        <CsrfInput token={csrf} />
        <input type="hidden" name="direction" value="up" />
        <button type="submit" class="button button-secondary button-small" disabled={i === 0}>
          {t('meetings.builder.up')}
          <span class="visually-hidden">: {item.title}</span>
        </button>
      </form>
      <form method="post" action={`${base}/items/${item.id}/move`} class="inline-form">
        <CsrfInput token={csrf} />
        <input type="hidden" name="direction" value="down" />
        <button type="submit" class="button button-secondary button-small" disabled={i === count - 1}>
          {t('meetings.builder.down')}
          <span class="visually-hidden">: {item.title}</span>
        </button>
      </form>
      <a href={`${base}/items/${item.id}`}>
        {t('meetings.builder.edit')}
        <span class="visually-hidden">: {item.title}</span>
      </a>
      <form method="post" action={`${base}/items/${item.id}/remove`} class="inline-form">
        <CsrfInput token={csrf} />
        <button type="submit" class="button button-danger button-small">
          {t('meetings.builder.remove')}
          <span class="visually-hidden">: {item.title}</span>
        </button>
      </form>
    </div>
  );

  return renderPage(
    c,
    { title: `${title} – ${meeting.title} ${dateLabel(data)}`, status: state.status, breadcrumbs: meetingCrumbs(c, data, dateLabel(data), title) },
    <>
      <h1>
        {title}: {meeting.title} <span class="muted">{dateLabel(data)}</span>
      </h1>
      <ErrorSummary t={t} errors={errors} />
      {cancelled ? <p class="warning">{t('meetings.builder.cancelled')}</p> : null}
      {meeting.agendaPublishedAt ? (
        <p>{t('meetings.builder.publishedAt', { when: formatDateTime(meeting.agendaPublishedAt), sequence: meeting.sequence })}</p>
      ) : !cancelled ? (
        <form method="post" action={`${base}/publish`} class="publish-form">
          <CsrfInput token={csrf} />
          <p>
            {meeting.agendaPublishOn ? t('meetings.builder.publishBy', { date: formatDateTime(meeting.agendaPublishOn) }) : null} {t('meetings.builder.publishExplain')}
          </p>
          <button type="submit" class="button" disabled={items.length === 0}>
            {t('meetings.builder.publish')}
          </button>
        </form>
      ) : null}

      <section aria-labelledby="agenda-title" id="agenda-section">
        <h2 id="agenda-title">{t('meetings.agenda.title')}</h2>
        {items.length === 0 ? (
          <p>{t('meetings.builder.empty')}</p>
        ) : (
          <AgendaTable
            t={t}
            meeting={meeting}
            items={items}
            caption={t('meetings.agenda.caption', { start: stockholmClock(meeting.startsAt) })}
            actions={cancelled ? undefined : itemActions}
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
      </section>

      {cancelled ? null : (
        <>
          <section aria-labelledby="submissions-title">
            <h2 id="submissions-title">{t('meetings.builder.submissions')}</h2>
            {submissionProposals.length === 0 ? <p>{t('meetings.builder.noSubmissions')}</p> : null}
            {submissionProposals.map((p) => {
              const s = submissionById.get(p.key);
              const declineErrors = formErrors(`decline-${p.key}`);
              return (
                <article class="card proposal" aria-labelledby={`submission-${p.key}`}>
                  <h3 id={`submission-${p.key}`}>{p.title}</h3>
                  <p class="muted">
                    {p.reason}
                    {p.durationMinutes ? ` · ${t('meetings.agenda.minutes', { minutes: p.durationMinutes })}` : ''}
                    {p.presenterName ? ` · ${t('meetings.item.presenter')}: ${p.presenterName}` : ''}
                  </p>
                  {p.description ? <p class="pre-line">{p.description}</p> : null}
                  {s && files.some((f) => f.submissionId === p.key) ? (
                    <ul class="attachments">
                      {files
                        .filter((f) => f.submissionId === p.key)
                        .map((f) => (
                          <li>
                            <a href={`/meetings/${meeting.id}/attachments/${f.id}`}>{f.filename}</a> <span class="muted">({fileSize(f.size)})</span>
                          </li>
                        ))}
                    </ul>
                  ) : null}
                  <form method="post" action={`${base}/submissions/${p.key}/accept`}>
                    <CsrfInput token={csrf} />
                    <label for={`accept-section-${p.key}`}>{t('meetings.item.section')}</label>
                    <input id={`accept-section-${p.key}`} name="section" type="text" list="sections" maxlength={100} />
                    <label for={`accept-minutes-${p.key}`}>{t('meetings.item.duration')}</label>
                    <input id={`accept-minutes-${p.key}`} name="durationMinutes" type="number" min="0" max="1440" value={p.durationMinutes ? String(p.durationMinutes) : ''} />
                    <button type="submit" class="button">
                      {t('meetings.builder.accept')}
                      <span class="visually-hidden">: {p.title}</span>
                    </button>
                  </form>
                  {items.length ? (
                    <form method="post" action={`${base}/submissions/${p.key}/merge`}>
                      <CsrfInput token={csrf} />
                      <label for={`merge-item-${p.key}`}>{t('meetings.builder.mergeInto')}</label>
                      <select id={`merge-item-${p.key}`} name="itemId">
                        {items.map((i, n) => (
                          <option value={i.id}>
                            {i.number ?? n + 1}. {i.title}
                          </option>
                        ))}
                      </select>
                      <label for={`merge-reply-${p.key}`}>{t('meetings.builder.mergeReply')}</label>
                      <input id={`merge-reply-${p.key}`} name="reply" type="text" maxlength={2000} />
                      <button type="submit" class="button button-secondary">
                        {t('meetings.builder.merge')}
                        <span class="visually-hidden">: {p.title}</span>
                      </button>
                    </form>
                  ) : null}
                  <form method="post" action={`${base}/submissions/${p.key}/decline`}>
                    <CsrfInput token={csrf} />
                    <Field
                      t={t}
                      id={`field-reply-${p.key}`}
                      name="reply"
                      errorField={`reply-${p.key}`}
                      label={t('meetings.builder.declineReply')}
                      multiline
                      rows={2}
                      value={formValues(`decline-${p.key}`).reply ?? ''}
                      errors={declineErrors}
                    />
                    <button type="submit" class="button button-danger">
                      {t('meetings.builder.decline')}
                      <span class="visually-hidden">: {p.title}</span>
                    </button>
                  </form>
                </article>
              );
            })}
            {decided.length ? (
              <>
                <h3>{t('meetings.builder.decided')}</h3>
                <ul>
                  {decided.map(({ submission: s, submitterName }) => (
                    <li>
                      {s.title} ({submitterName}): {t(`meetings.submission.status.${s.status}`)}
                      {s.reply ? ` – ${s.reply}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>

          <section aria-labelledby="proposals-title">
            <h2 id="proposals-title">{t('meetings.builder.proposals')}</h2>
            {proposals.filter((p) => p.source.id !== SUBMISSION_SOURCE && p.proposals.length).length === 0 ? <p>{t('meetings.builder.noProposals')}</p> : null}
            {proposals
              .filter((p) => p.source.id !== SUBMISSION_SOURCE && p.proposals.length)
              .map(({ source, proposals: list }) => (
                <>
                  <h3>{source.label[lang]}</h3>
                  <ul class="proposal-list">
                    {list.map((p) => (
                      <li>
                        <strong>{p.title}</strong>
                        {p.section ? <span class="muted"> · {p.section}</span> : null}
                        {p.durationMinutes ? <span class="muted"> · {t('meetings.agenda.minutes', { minutes: p.durationMinutes })}</span> : null}
                        {p.reason ? <span class="muted"> · {p.reason}</span> : null}
                        <div class="button-row">
                          <form method="post" action={`${base}/proposals/accept`} class="inline-form">
                            <CsrfInput token={csrf} />
                            <input type="hidden" name="sourceId" value={source.id} />
                            <input type="hidden" name="key" value={p.key} />
                            <button type="submit" class="button button-small">
                              {t('meetings.builder.add')}
                              <span class="visually-hidden">: {p.title}</span>
                            </button>
                          </form>
                          <form method="post" action={`${base}/proposals/dismiss`} class="inline-form">
                            <CsrfInput token={csrf} />
                            <input type="hidden" name="sourceId" value={source.id} />
                            <input type="hidden" name="key" value={p.key} />
                            <button type="submit" class="button button-secondary button-small">
                              {t('meetings.builder.dismiss')}
                              <span class="visually-hidden">: {p.title}</span>
                            </button>
                          </form>
                        </div>
                      </li>
                    ))}
                  </ul>
                </>
              ))}
          </section>

          <section aria-labelledby="add-title">
            <h2 id="add-title">{t('meetings.builder.addItem')}</h2>
            <p>{t('meetings.builder.addItemHint')}</p>
            <form method="post" action={`${base}/items`} enctype="multipart/form-data">
              <CsrfInput token={csrf} />
              <ItemFields t={t} values={formValues('add')} errors={formErrors('add')} sectionsId="sections" />
              <div class="field">
                <label for="field-attachments">{t('meetings.attachments.files')}</label>
                <p class="hint" id="field-attachments-hint">
                  {t('meetings.attachments.hint')}
                </p>
                <input id="field-attachments" name="attachments" type="file" multiple accept={ACCEPT_ATTRIBUTE} aria-describedby="field-attachments-hint" />
              </div>
              <button type="submit" class="button">
                {t('meetings.builder.addSubmit')}
              </button>
            </form>
          </section>

          <section aria-labelledby="files-title">
            <h2 id="files-title">{t('meetings.attachments.title')}</h2>
            {files.length ? (
              <ul class="attachments">
                {files.map((f) => {
                  const item = items.find((i) => i.id === f.itemId);
                  return (
                    <li>
                      <a href={`/meetings/${meeting.id}/attachments/${f.id}`}>{f.filename}</a>{' '}
                      <span class="muted">
                        ({fileSize(f.size)}
                        {item ? ` · ${item.title}` : ''})
                      </span>{' '}
                      <form method="post" action={`/meetings/${meeting.id}/attachments/${f.id}/remove`} class="inline-form">
                        <CsrfInput token={csrf} />
                        <button type="submit" class="linklike">
                          {t('meetings.builder.remove')}
                          <span class="visually-hidden">: {f.filename}</span>
                        </button>
                      </form>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p>{t('meetings.attachments.none')}</p>
            )}
            <form method="post" action={`/meetings/${meeting.id}/attachments`} enctype="multipart/form-data">
              <CsrfInput token={csrf} />
              <div class="field">
                <label for="upload-file">{t('meetings.attachments.file')}</label>
                <input id="upload-file" name="file" type="file" accept={ACCEPT_ATTRIBUTE} required />
              </div>
              <div class="field">
                <label for="upload-item">{t('meetings.attachments.forItem')}</label>
                <select id="upload-item" name="itemId">
                  <option value="">{t('meetings.attachments.wholeMeeting')}</option>
                  {items.map((i, n) => (
                    <option value={i.id}>
                      {i.number ?? n + 1}. {i.title}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" class="button button-secondary">
                {t('meetings.attachments.upload')}
              </button>
            </form>
          </section>
          <SectionList id="sections" sections={sections} />
        </>
      )}
      <p>
        <a href={`/meetings/${meeting.id}`}>{t('meetings.builder.back')}</a>
      </p>
    </>,
  );
}

// ---------------------------------------------------------------------------------------
// One item

function itemValues(item: AgendaItem): Record<string, string> {
  return {
    title: item.title,
    description: item.description ?? '',
    kind: item.kind,
    section: item.section ?? '',
    number: item.number ?? '',
    presenterName: item.presenterName ?? '',
    durationMinutes: item.durationMinutes === null ? '' : String(item.durationMinutes),
    internal: item.internal ? 'on' : '',
    fixedStart: item.fixedStartAt ? `${stockholmDay(item.fixedStartAt)}T${stockholmClock(item.fixedStartAt)}` : '',
  };
}

async function itemPage(c: C, state: FormState = {}) {
  const { t, db } = pageDeps(c);
  const data = await meetingPage(c, 'meetings.manage');
  const items = await agendaOf(db, data.meeting.id);
  const item = items.find((i) => i.id === c.req.param('itemId'));
  if (!item) notFound('meetings.refusal.itemNotFound');
  const values = state.values ?? itemValues(item);
  const errors = state.errors ?? [];
  const sections = [...new Set([...standardSections, ...items.map((i) => i.section).filter((s): s is string => !!s)])];
  const title = t('meetings.item.editTitle', { title: item.title });
  return renderPage(
    c,
    { title, status: state.status, breadcrumbs: meetingCrumbs(c, data, dateLabel(data), t('meetings.builder.title')) },
    <>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/meetings/${data.meeting.id}/agenda/items/${item.id}`}>
        <CsrfInput token={c.get('csrfToken')} />
        <ItemFields t={t} values={values} errors={errors} sectionsId="sections" />
        <Field t={t} name="fixedStart" label={t('meetings.item.fixedStart')} hint={t('meetings.item.fixedStartHint')} type="datetime-local" value={values.fixedStart} errors={errors} />
        <button type="submit" class="button">
          {t('form.save')}
        </button>
      </form>
      <SectionList id="sections" sections={sections} />
      <p>
        <a href={`/meetings/${data.meeting.id}/agenda`}>{t('meetings.builder.backToBuilder')}</a>
      </p>
    </>,
  );
}

function itemInput(values: Record<string, string>) {
  return {
    title: values.title,
    description: values.description,
    kind: values.kind,
    section: values.section,
    number: values.number,
    presenterName: values.presenterName,
    durationMinutes: values.durationMinutes,
    internal: values.internal ?? '',
  };
}

const ITEM_FIELDS = ['title', 'description', 'kind', 'section', 'number', 'presenterName', 'durationMinutes', 'internal', 'fixedStart'];

export function agendaPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/meetings/:id/agenda', requireLogin);
  app.use('/meetings/:id/agenda/*', requireLogin);
  app.use('/meetings/:id/attachments', requireLogin);
  app.use('/meetings/:id/attachments/*', requireLogin);

  const back = (c: C, anchor = '') => c.redirect(`/meetings/${c.req.param('id')}/agenda${anchor}`, 303);
  const flash = (c: C, key: MessageKey, params?: Record<string, string | number>) => setFlash(c, { kind: 'success', message: c.get('t')(key, params) });
  /** A refusal of a small form (no typed text to keep): back to the builder with the message. */
  const refused = (c: C, errors: FieldError[]) => {
    setFlash(c, { kind: 'error', message: errors.map((e) => e.message).join(' ') });
    return back(c);
  };

  app.get('/meetings/:id/agenda', (c) => builderPage(c));

  app.post('/meetings/:id/agenda/publish', async (c) => {
    const result = await tryCommand(c, publishAgenda, { meetingId: c.req.param('id') });
    if (!result.ok) return refused(c, result.errors);
    flash(c, 'meetings.builder.published');
    return c.redirect(`/meetings/${c.req.param('id')}`, 303);
  });

  app.post('/meetings/:id/agenda/items', async (c) => {
    const { values, files } = await readMultipart(c);
    const attachments = (await Promise.all(files.map(fileInput))).filter((f) => !!f);
    const result = await tryCommand(c, addItem, { meetingId: c.req.param('id'), ...itemInput(values), attachments });
    if (!result.ok) {
      const errors = result.errors.map((e) => (ITEM_FIELDS.includes(e.field) ? e : { field: e.field.startsWith('attachments') ? 'attachments' : '_', message: e.message }));
      return builderPage(c, { form: 'add', values, errors, status: result.status });
    }
    flash(c, 'meetings.builder.added', { title: result.value.title });
    return back(c, `#item-${result.value.id}`);
  });

  app.get('/meetings/:id/agenda/items/:itemId', (c) => itemPage(c));
  app.post('/meetings/:id/agenda/items/:itemId', async (c) => {
    const values = await readForm(c);
    let fixedStartAt: string | null = null;
    if (values.fixedStart && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(values.fixedStart)) {
      const [day, time] = values.fixedStart.split('T') as [string, string];
      fixedStartAt = stockholmInstant(day, time.slice(0, 5)).toISOString();
    }
    const result = await tryCommand(c, updateItem, { itemId: c.req.param('itemId'), ...itemInput(values), fixedStartAt });
    if (!result.ok) return itemPage(c, { values, errors: result.errors.map((e) => (ITEM_FIELDS.includes(e.field) ? e : { field: '_', message: e.message })), status: result.status });
    flash(c, 'meetings.builder.saved');
    return back(c, `#item-${c.req.param('itemId')}`);
  });

  app.post('/meetings/:id/agenda/items/:itemId/move', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, moveItem, { itemId: c.req.param('itemId'), direction: values.direction });
    if (!result.ok) return refused(c, result.errors);
    return back(c, `#item-${c.req.param('itemId')}`);
  });

  app.post('/meetings/:id/agenda/items/:itemId/remove', async (c) => {
    const result = await tryCommand(c, removeItem, { itemId: c.req.param('itemId') });
    if (!result.ok) return refused(c, result.errors);
    flash(c, 'meetings.builder.removed');
    return back(c);
  });

  app.post('/meetings/:id/agenda/proposals/accept', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, acceptProposal, { meetingId: c.req.param('id'), sourceId: values.sourceId, key: values.key });
    if (!result.ok) return refused(c, result.errors);
    flash(c, 'meetings.builder.added', { title: result.value.title });
    return back(c, `#item-${result.value.id}`);
  });

  app.post('/meetings/:id/agenda/proposals/dismiss', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, dismissProposal, { meetingId: c.req.param('id'), sourceId: values.sourceId, key: values.key });
    if (!result.ok) return refused(c, result.errors);
    flash(c, 'meetings.builder.dismissed');
    return back(c);
  });

  app.post('/meetings/:id/agenda/submissions/:sid/accept', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, acceptSubmission, { submissionId: c.req.param('sid'), section: values.section, durationMinutes: values.durationMinutes });
    if (!result.ok) return refused(c, result.errors);
    flash(c, 'meetings.builder.added', { title: result.value.title });
    return back(c, `#item-${result.value.id}`);
  });

  app.post('/meetings/:id/agenda/submissions/:sid/merge', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, mergeSubmission, { submissionId: c.req.param('sid'), itemId: values.itemId, reply: values.reply });
    if (!result.ok) return refused(c, result.errors);
    flash(c, 'meetings.builder.merged');
    return back(c);
  });

  app.post('/meetings/:id/agenda/submissions/:sid/decline', async (c) => {
    const sid = c.req.param('sid');
    const values = await readForm(c);
    const result = await tryCommand(c, declineSubmission, { submissionId: sid, reply: values.reply ?? '' });
    if (!result.ok) {
      const errors = result.errors.map((e) => (e.field === 'reply' ? { field: `reply-${sid}`, message: e.message } : { field: '_', message: e.message }));
      return builderPage(c, { form: `decline-${sid}`, values, errors, status: result.status });
    }
    flash(c, 'meetings.builder.declined');
    return back(c);
  });

  app.post('/meetings/:id/attachments', async (c) => {
    const { values, files } = await readMultipart(c);
    const file = files[0] ? await fileInput(files[0]) : undefined;
    if (!file) return refused(c, [{ field: 'file', message: c.get('t')('meetings.attachments.choose') }]);
    const result = await tryCommand(c, uploadAttachment, { meetingId: c.req.param('id'), itemId: values.itemId, file });
    if (!result.ok) return refused(c, result.errors);
    flash(c, 'meetings.attachments.uploaded', { name: result.value.filename });
    return back(c);
  });

  app.post('/meetings/:id/attachments/:attachmentId/remove', async (c) => {
    const result = await tryCommand(c, removeAttachment, { attachmentId: c.req.param('attachmentId') });
    if (!result.ok) return refused(c, result.errors);
    flash(c, 'meetings.attachments.removed');
    return back(c);
  });

  return app;
}
