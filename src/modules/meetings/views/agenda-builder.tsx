import type { FieldError } from '../../../platform/http/errors.js';
import type { Lang, Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { CheckboxField, ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import { formatDateTime, stockholmClock } from '../../../platform/time.js';
import { ACCEPT_ATTRIBUTE } from '../attachments.js';
import type { BuilderData } from '../pages/agenda-builder.js';
import { agendaItemKinds, standardSections, type AgendaItem } from '../schema.js';
import { SUBMISSION_SOURCE } from '../sources.js';
import { AgendaTable } from './agenda-table.js';
import { depthOf, itemNumbers } from '../numbering.js';
import { AttachmentList, fileSize } from './meeting.js';
import { PresenterFields, presenterNames } from './presenters.js';

// The agenda builder (renders only; the data comes from loadBuilder in pages/agenda-builder.ts) and the item fields it shares with the item page.

/** Which form of a page with several forms the values and errors belong to. */
export interface FormState {
  /** Which form the errors belong to ('add', 'decline-<id>', …). */
  form?: string;
  values?: Record<string, string>;
  errors?: FieldError[];
  status?: number;
}

const kindOptions = (t: Translate) => agendaItemKinds.map((k) => ({ value: k, label: t(`meetings.kind.${k}`) }));

export function SectionList(props: { id: string; sections: string[] }) {
  return (
    <datalist id={props.id}>
      {props.sections.map((s) => (
        <option value={s} />
      ))}
    </datalist>
  );
}

/** Item fields (shared by the add form and the item page). */
export function ItemFields(props: { t: Translate; values: Record<string, string>; errors: FieldError[]; sectionsId: string; people?: readonly { id: string; name: string }[] }) {
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
      <PresenterFields t={t} values={values} errors={errors} people={props.people} />
      <Field t={t} name="durationMinutes" label={t('meetings.item.duration')} type="number" value={values.durationMinutes} errors={errors} />
      <Field t={t} name="number" label={t('meetings.item.number')} hint={t('meetings.item.numberHint')} value={values.number} errors={errors} maxlength={20} />
      <CheckboxField t={t} name="internal" value="on" label={t('meetings.item.internalLabel')} checked={values.internal === 'on'} errors={errors} />
    </>
  );
}

/** The agenda builder: the timed agenda with its buttons, proposals, submissions, files and the add form. */
export function AgendaBuilderView(props: { t: Translate; lang: Lang; csrf: string; d: BuilderData; state: FormState }) {
  const { t, lang, csrf, d, state } = props;
  const { data, items, proposals, submissions, files, dateLabel } = d;
  const { meeting } = data;
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

  const numbers = itemNumbers(items);
  // Up and down move an item among its siblings (a sub-item under its parent).
  const itemActions = (item: AgendaItem) => {
    const siblings = items.filter((x) => x.parentId === item.parentId);
    const i = siblings.findIndex((x) => x.id === item.id);
    const count = siblings.length;
    return (
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
  };

  return (
    <>
      <h1>
        {title}: {meeting.title} <span class="muted">{dateLabel}</span>
      </h1>
      <ErrorSummary t={t} errors={errors} />
      {cancelled ? <p class="warning">{t('meetings.builder.cancelled')}</p> : null}
      {meeting.agendaPublishedAt ? (
        <p>{t('meetings.builder.publishedAt', { when: formatDateTime(meeting.agendaPublishedAt), sequence: meeting.sequence })}</p>
      ) : !cancelled ? (
        <div class="publish-form">
          <p>
            {meeting.agendaPublishOn ? t('meetings.builder.publishBy', { date: formatDateTime(meeting.agendaPublishOn) }) : null} {t('meetings.builder.publishExplain')}
          </p>
          {/* Publishing sends the call: it goes through the preview of the call and its recipients. */}
          {items.length ? (
            <p>
              <a class="button" href={`${base}/publish`}>
                {t('meetings.preview.open')}
              </a>
            </p>
          ) : (
            <p class="muted">{t('meetings.preview.emptyAgenda')}</p>
          )}
        </div>
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
            attachmentsOf={(item) => <AttachmentList meetingId={meeting.id} files={itemFiles(item.id)} />}
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
                    {presenterNames(p.presenters) || p.presenterName ? ` · ${t('meetings.item.presenter')}: ${presenterNames(p.presenters) || p.presenterName}` : ''}
                  </p>
                  {p.description ? <p class="pre-line">{p.description}</p> : null}
                  {s ? <AttachmentList meetingId={meeting.id} files={files.filter((f) => f.submissionId === p.key)} /> : null}
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
              {items.length ? (
                <SelectField
                  t={t}
                  name="parentId"
                  label={t('meetings.item.parent')}
                  hint={t('meetings.item.parentHint')}
                  value={formValues('add').parentId ?? ''}
                  options={[
                    { value: '', label: t('meetings.item.parentNone') },
                    ...items.filter((x) => depthOf(items, x.id) < 2).map((x) => ({ value: x.id, label: `${numbers.get(x.id)}. ${x.title}` })),
                  ]}
                  errors={formErrors('add')}
                />
              ) : null}
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
    </>
  );
}
