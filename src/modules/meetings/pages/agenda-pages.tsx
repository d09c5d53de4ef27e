import { Hono } from 'hono';
import { notFound } from '../../../platform/refusals.js';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { readForm, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import type { FieldError } from '../../../platform/http/errors.js';
import type { MessageKey } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { ErrorSummary, Field } from '../../../platform/views/fields.js';
import { requireLogin, csrfToken } from '../../../platform/auth/middleware.js';
import { agendaOf, meetingRoster, rosterPeople } from '../queries/index.js';
import { presentersFromForm } from '../inputs.js';
import { presenterValues } from '../views/presenters.js';
import { stockholmClock, stockholmDay, stockholmInstant } from '../../../platform/time.js';
import { standardSections, type AgendaItem } from '../schema.js';
import { addItem } from '../commands/add-item.js';
import { updateItem } from '../commands/update-item.js';
import { moveItem } from '../commands/move-item.js';
import { removeItem } from '../commands/remove-item.js';
import { acceptProposal } from '../commands/accept-proposal.js';
import { dismissProposal } from '../commands/dismiss-proposal.js';
import { acceptSubmission } from '../commands/accept-submission.js';
import { declineSubmission } from '../commands/decline-submission.js';
import { mergeSubmission } from '../commands/merge-submission.js';
import { confirmPublication, publicationPage } from './publication-page.js';
import { removeAttachment } from '../commands/remove-attachment.js';
import { uploadAttachment } from '../commands/upload-attachment.js';
import { dateLabel } from './meeting-pages.js';
import { loadBuilder } from './agenda-builder.js';
import { AgendaBuilderView, ItemFields, SectionList, type FormState } from '../views/agenda-builder.js';
import { fileInput, meetingCrumbs, meetingPage, pageDeps, readMultipart, type C } from './common.js';

/** The agenda builder: the loader reads (pages/agenda-builder.ts), the view renders (views/agenda-builder.tsx). */
async function builderPage(c: C, state: FormState = {}) {
  const { t, lang, csrf } = pageDeps(c);
  const d = await loadBuilder(c);
  const { data } = d;
  const title = t('meetings.builder.title');
  return renderPage(
    c,
    { title: `${title} – ${data.meeting.title} ${d.dateLabel}`, status: state.status, breadcrumbs: meetingCrumbs(c, data, d.dateLabel, title) },
    <AgendaBuilderView t={t} lang={lang} csrf={csrf} d={d} state={state} />,
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
    ...presenterValues(item.presenters),
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
  const people = rosterPeople(await meetingRoster(db, data.meeting, data.jointBodyIds))
    .filter((p): p is typeof p & { personId: string } => !!p.personId)
    .map((p) => ({ id: p.personId, name: p.name }));
  const sections = [...new Set([...standardSections, ...items.map((i) => i.section).filter((s): s is string => !!s)])];
  const title = t('meetings.item.editTitle', { title: item.title });
  return renderPage(
    c,
    { title, status: state.status, breadcrumbs: meetingCrumbs(c, data, dateLabel(data), t('meetings.builder.title')) },
    <>
      <h1>{title}</h1>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/meetings/${data.meeting.id}/agenda/items/${item.id}`}>
        <CsrfInput token={csrfToken(c)} />
        <ItemFields t={t} values={values} errors={errors} sectionsId="sections" people={people} />
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
    presenters: presentersFromForm(values),
    durationMinutes: values.durationMinutes,
    internal: values.internal ?? '',
  };
}

const ITEM_FIELDS = ['title', 'description', 'kind', 'section', 'number', 'durationMinutes', 'internal', 'fixedStart'];
/** A field of the item form (presenter rows included). */
const itemField = (field: string) => ITEM_FIELDS.includes(field) || /^presenters\.\d+\.(personId|name|organisation)$/.test(field);

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

  // Publishing sends the meeting call: first the preview of the call and its recipients, then the confirmation.
  app.get('/meetings/:id/agenda/publish', (c) => publicationPage(c));
  app.post('/meetings/:id/agenda/publish', (c) => confirmPublication(c));

  app.post('/meetings/:id/agenda/items', async (c) => {
    const { values, files } = await readMultipart(c);
    const attachments = (await Promise.all(files.map(fileInput))).filter((f) => !!f);
    const result = await tryCommand(c, addItem, { meetingId: c.req.param('id'), ...itemInput(values), parentId: values.parentId, attachments });
    if (!result.ok) {
      const errors = result.errors.map((e) => (itemField(e.field) || e.field === 'parentId' ? e : { field: e.field.startsWith('attachments') ? 'attachments' : '_', message: e.message }));
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
    if (!result.ok) return itemPage(c, { values, errors: result.errors.map((e) => (itemField(e.field) ? e : { field: '_', message: e.message })), status: result.status });
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
