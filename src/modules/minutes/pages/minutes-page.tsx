import type { Hono } from 'hono';
import { eq, inArray, isNull, and } from 'drizzle-orm';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { formMany, formOne, readFormAll, tryCommand, type FormData } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { AppError, fieldErrorsIn, messageIn, type FieldError } from '../../../platform/http/errors.js';
import { StaleError } from '../../../platform/refusals.js';
import type { Lang, MessageKey, Translate } from '../../../platform/i18n/index.js';
import { people } from '../../../platform/auth/schema.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { CheckboxGroup, ErrorSummary, Field, fieldId, prefixed } from '../../../platform/views/fields.js';
import { formatDateTime } from '../../../platform/time.js';
import { addDays, today } from '../../../platform/days.js';
import { attachmentsOf } from '../../meetings/index.js';
import { contentVersion, isLocked, itemsOf } from '../access.js';
import type { CommandDef } from '../../../platform/commands.js';
import type { z } from 'zod';
import { DEFAULT_APPROVAL_DAYS } from '../commands/send-for-approval.js';
import {
  addAction,
  addMinuteItem,
  approveMinutes,
  commentMinutes,
  completeAction,
  finaliseMinutes,
  publishMinutes,
  saveHeader,
  saveItem,
  sendForApproval,
  setDistribution,
  startCorrection,
  startMinutes,
  unpublishMinutes,
} from '../commands/index.js';
import { autosaveItem } from '../commands/save-item.js';
import { decisionLabel } from '../numbering.js';
import { actionsOfMeeting, evaluationsOf, foldEvaluations, peopleChoices, snapshotOf, versionInfo, versionsOf } from '../queries.js';
import { appointees } from '../appointees.js';
import { buildSnapshot, itemNumber } from '../snapshot.js';
import { tabledOrigin } from '../sources.js';
import { agendaItems, meetings } from '../../meetings/schema.js';
import { decisions, minuteItems, minutesDistribution, type MinuteItem } from '../schema.js';
import type { FormState } from '../views/form-state.js';
import { ConflictPanel, ItemForm, itemPrefix } from '../views/item-form.js';
import { AttendanceView, MinutesFacts, MinutesView, minutesKindLabel } from '../views/minutes-view.js';
import { ActionsTable, AddActionForm, ApprovalTable, HeaderForm, VersionsList } from '../views/panels.js';
import { minutesCrumbs, minutesPage, pageDeps, type C } from './common.js';
import { formatDate } from '../../../platform/time.js';

interface PageState {
  item?: { id: string; state: FormState; conflict?: MinuteItem };
  header?: FormState;
  action?: FormState;
  errors?: FieldError[];
  status?: number;
}

/** Everything the minutes page shows, loaded for the reader: the loader of `minutesMain`. */
async function loadMinutesMain(c: C, state: PageState) {
  const { t, db, actor } = pageDeps(c);
  const data = await minutesPage(c);
  const { meeting, body, minutes: m, can } = data;
  const kind = minutesKindLabel(t, m?.kind ?? body.minutesKind);
  const title = t('minutes.title', { kind, meeting: `${meeting.title} ${formatDate(meeting.startsAt)}` });
  const crumbs = minutesCrumbs(c, data, kind).slice(0, -1).concat({ label: kind });
  const base = `/meetings/${meeting.id}/minutes`;

  if (!m) return { data, title, crumbs, base, started: undefined };

  const locked = isLocked(m);
  const editing = can.write && !locked;
  const versions = await versionsOf(db, m.id);
  const latest = versions.at(-1);
  const [items, actions, answers, cv, choices, files, decisionRows, agenda, appointable] = await Promise.all([
    itemsOf(db, m.id),
    actionsOfMeeting(db, meeting.id),
    evaluationsOf(db, meeting.id),
    contentVersion(db, m),
    can.write || can.approve ? peopleChoices(db, meeting) : Promise.resolve([]),
    can.write ? attachmentsOf(db, meeting.id) : Promise.resolve([]),
    db
      .select()
      .from(decisions)
      .where(and(eq(decisions.meetingId, meeting.id), isNull(decisions.withdrawnAt))),
    db.select({ id: agendaItems.id, sourceRef: agendaItems.sourceRef }).from(agendaItems).where(eq(agendaItems.meetingId, meeting.id)),
    can.write ? appointees(db, data) : Promise.resolve([]),
  ]);
  const snapshot = locked && latest ? snapshotOf(latest) : await buildSnapshot(db, meeting, m, { body });
  const decisionOf = new Map(decisionRows.map((d) => [d.minuteItemId, decisionLabel(body, d)]));
  const names = new Map<string, string>();
  const personIds = [...data.approvals.map((a) => a.personId), ...(state.item?.conflict?.updatedBy ? [state.item.conflict.updatedBy] : [])];
  if (personIds.length) for (const p of await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds))) names.set(p.id, p.name);
  const me = actor.kind === 'person' ? actor.personId : null;
  const myApproval = data.approvals.find((a) => a.personId === me);

  // "Bordlagd på mötet …": where a tabled item taken up again comes from.
  const tabledFrom = new Map<string, string>();
  const origins = agenda.map((a) => ({ id: a.id, origin: tabledOrigin(a.sourceRef) })).filter((a) => a.origin);
  if (origins.length) {
    const rows = await db
      .select({ item: minuteItems, startsAt: meetings.startsAt })
      .from(minuteItems)
      .innerJoin(meetings, eq(meetings.id, minuteItems.meetingId))
      .where(
        inArray(
          minuteItems.id,
          origins.map((o) => o.origin!),
        ),
      );
    for (const o of origins) {
      const row = rows.find((r) => r.item.id === o.origin);
      if (row) tabledFrom.set(o.id, t('minutes.item.tabledFrom', { date: formatDate(row.startsAt), number: row.item.number ?? String(row.item.position) }));
    }
  }

  const errors = [
    ...(state.errors ?? []),
    ...(state.header ? prefixed('header', state.header.errors) : []),
    ...(state.action ? prefixed('action', state.action.errors) : []),
    ...(state.item && !state.item.conflict ? prefixed(itemPrefix({ id: state.item.id }), state.item.state.errors) : []),
  ];
  const folded =
    c.req.query('fold') === '1' && can.write
      ? foldEvaluations(
          answers.map((a) => a.e),
          { drive: t('minutes.evaluation.drive'), hinder: t('minutes.evaluation.hinder') },
        )
      : undefined;
  const [distribution] = can.write ? await db.select().from(minutesDistribution).where(eq(minutesDistribution.bodyId, body.id)) : [];
  const numbered = items.map((item, i) => ({ item, number: itemNumber(item, i) }));
  return {
    data,
    title,
    crumbs,
    base,
    started: {
      m,
      locked,
      editing,
      versions,
      latest,
      items,
      actions,
      answers,
      cv,
      choices,
      files,
      appointable,
      snapshot,
      decisionOf,
      names,
      me,
      myApproval,
      tabledFrom,
      errors,
      folded,
      distribution,
      numbered,
    },
  };
}

type MinutesMainData = Awaited<ReturnType<typeof loadMinutesMain>>;

/** The page of a meeting without minutes: the button that starts them. */
function NoMinutesView(props: { t: Translate; csrf: string; d: MinutesMainData; state: PageState }) {
  const { t, csrf, d, state } = props;
  return (
    <>
      <h1>{d.title}</h1>
      <ErrorSummary t={t} errors={state.errors ?? []} />
      <p>{t('minutes.none')}</p>
      {d.data.can.write ? (
        <form method="post" action={d.base}>
          <CsrfInput token={csrf} />
          <button type="submit" class="button">
            {t('minutes.start')}
          </button>
        </form>
      ) : null}
    </>
  );
}

/** The minutes page: the editor for those who write, the read-only minutes for the others (no queries). */
function MinutesMainView(props: { t: Translate; lang: Lang; csrf: string; d: MinutesMainData; s: NonNullable<MinutesMainData['started']>; state: PageState }) {
  const { t, lang, csrf, state } = props;
  const { data, title, base } = props.d;
  const { meeting, body, can } = data;
  const {
    m,
    locked,
    editing,
    versions,
    latest,
    items,
    actions,
    answers,
    cv,
    choices,
    files,
    appointable,
    snapshot,
    decisionOf,
    names,
    me,
    myApproval,
    tabledFrom,
    errors,
    folded,
    distribution,
    numbered,
  } = props.s;
  return (
    <>
      <h1>{title}</h1>
      <p>
        <span class={`tag status-${m.status}`}>{t(`minutes.status.${m.status}`)}</span> {m.lockedVersion ? <span class="muted">{t('minutes.versionOf', { number: m.lockedVersion })}</span> : null}
      </p>
      {m.correctionReason && !locked ? <p class="warning">{t('minutes.correction.pending', { reason: m.correctionReason })}</p> : null}
      {state.item?.conflict ? (
        <p class="warning" role="alert">
          <a href={`#conflict-${state.item.id}`}>{t('minutes.conflict.title')}</a>
        </p>
      ) : null}
      <ErrorSummary t={t} errors={errors} />
      <p>
        {t('minutes.downloads')}: <a href={`${base}/pdf`}>{t('minutes.pdf')}</a> · <a href={`${base}/docx`}>{t('minutes.docx')}</a> · <a href={`/meetings/${meeting.id}`}>{t('minutes.meetingLink')}</a>
      </p>

      {editing ? (
        <>
          <section aria-labelledby="minutes-header">
            <h2 id="minutes-header">{t('minutes.header.legend')}</h2>
            <MinutesFacts t={t} lang={lang} s={snapshot} />
            <AttendanceView t={t} s={snapshot} headingLevel={3} />
            <p>
              <a href={`/meetings/${meeting.id}/attendance`}>{t('minutes.attendance')}</a>
            </p>
            <HeaderForm t={t} csrf={csrf} meetingId={meeting.id} minutes={m} choices={choices} appointees={appointable} state={state.header} folded={folded} />
          </section>
          <section aria-labelledby="minutes-items">
            <h2 id="minutes-items">{t('minutes.items')}</h2>
            {items.length === 0 ? <p>{t('minutes.items.none')}</p> : null}
            {numbered.map(({ item, number }) => {
              const mine = state.item?.id === item.id ? state.item : undefined;
              return (
                <section id={`item-${item.id}`} class="minute-item" aria-labelledby={`item-${item.id}-title`}>
                  <h3 id={`item-${item.id}-title`}>
                    {number}. {item.title}
                  </h3>
                  {mine?.conflict ? <ConflictPanel t={t} mine={mine.state.values} theirs={mine.conflict} who={names.get(mine.conflict.updatedBy ?? '') ?? '–'} /> : null}
                  <ItemForm
                    t={t}
                    csrf={csrf}
                    meetingId={meeting.id}
                    item={mine?.conflict ?? item}
                    number={number}
                    choices={choices}
                    decisionNumber={decisionOf.get(item.id)}
                    tabledFrom={item.agendaItemId ? tabledFrom.get(item.agendaItemId) : undefined}
                    state={mine?.state}
                    version={mine?.conflict?.version}
                  />
                </section>
              );
            })}
            <form method="post" action={`${base}/items`} class="card">
              <CsrfInput token={csrf} />
              <Field t={t} prefix="add" name="title" label={t('minutes.item.addTitle')} required maxlength={300} />
              <button type="submit" class="button button-secondary">
                {t('minutes.item.add')}
              </button>
            </form>
          </section>
        </>
      ) : (
        <MinutesView t={t} lang={lang} s={snapshot} version={locked && latest ? versionInfo(latest) : undefined} jsonHref={latest && locked ? `${base}/versions/${latest.number}/json` : undefined} />
      )}

      <section aria-labelledby="minutes-actions">
        <h2 id="minutes-actions">{t('minutes.actions')}</h2>
        <ActionsTable t={t} csrf={csrf} actions={actions} canComplete={(a) => can.write || (!!me && a.ownerPersonId === me)} returnTo={base} />
        {can.write ? <AddActionForm t={t} csrf={csrf} meetingId={meeting.id} items={numbered} choices={appointable} state={state.action} /> : null}
      </section>

      <section aria-labelledby="minutes-evaluation-answers">
        <h2 id="minutes-evaluation-answers">{t('minutes.evaluation')}</h2>
        {can.evaluate ? (
          <p>
            <a href={`/meetings/${meeting.id}/evaluation`}>{t('minutes.evaluation.answer')}</a>
          </p>
        ) : null}
        {can.write ? (
          <>
            <h3>{t('minutes.evaluation.answers', { count: answers.length })}</h3>
            {answers.length === 0 ? (
              <p class="muted">{t('minutes.evaluation.none')}</p>
            ) : (
              <>
                <ul>
                  {answers.map((a) => (
                    <li>
                      {a.name}:{' '}
                      {[a.e.forward ? `${t('minutes.evaluation.drive')}: ${a.e.forward}` : null, a.e.hindered ? `${t('minutes.evaluation.hinder')}: ${a.e.hindered}` : null]
                        .filter(Boolean)
                        .join(' · ')}
                    </li>
                  ))}
                </ul>
                {editing ? (
                  <p>
                    <a href={`${base}?fold=1#${fieldId('header', 'evaluationSummary')}`}>{t('minutes.evaluation.fold')}</a>
                  </p>
                ) : null}
              </>
            )}
          </>
        ) : null}
      </section>

      <section aria-labelledby="minutes-approval">
        <h2 id="minutes-approval">{m.kind === 'protocol' ? t('minutes.approval') : t('minutes.finalise')}</h2>
        {m.status === 'in_approval' ? (
          <>
            <p>{t('minutes.approval.intro')}</p>
            {m.approvalDeadline ? (
              <p>
                {t('minutes.approval.deadline')}: {formatDate(m.approvalDeadline)}
              </p>
            ) : null}
            <ApprovalTable t={t} approvals={data.approvals} names={names} contentVersion={cv} />
            {myApproval ? (
              <>
                {myApproval.approvedVersion !== cv ? (
                  <form method="post" action={`${base}/approve`}>
                    <CsrfInput token={csrf} />
                    <input type="hidden" name="version" value={String(cv)} />
                    <button type="submit" class="button">
                      {t('minutes.approval.approve')}
                    </button>
                  </form>
                ) : null}
                <form method="post" action={`${base}/comment`}>
                  <CsrfInput token={csrf} />
                  <Field t={t} prefix="approval" name="comment" label={t('minutes.approval.comment')} multiline rows={3} required maxlength={5000} />
                  <button type="submit" class="button button-secondary">
                    {t('minutes.approval.sendComment')}
                  </button>
                </form>
              </>
            ) : null}
          </>
        ) : null}
        {m.status === 'draft' && can.write && m.kind === 'protocol' ? (
          <form method="post" action={`${base}/approval`}>
            <CsrfInput token={csrf} />
            <p>{t('minutes.approval.intro')}</p>
            {!m.chairPersonId && !m.adjusterIds.length ? <p class="warning">{t('minutes.approval.needsChair')}</p> : null}
            <Field
              t={t}
              prefix="approval"
              name="deadline"
              type="date"
              label={t('minutes.approval.deadline')}
              hint={t('minutes.approval.deadlineHint')}
              value={addDays(today(), DEFAULT_APPROVAL_DAYS)}
            />
            <button type="submit" class="button">
              {t('minutes.approval.send')}
            </button>
          </form>
        ) : null}
        {m.status === 'draft' && can.write && m.kind === 'notes' ? (
          <form method="post" action={`${base}/finalise`}>
            <CsrfInput token={csrf} />
            <p>{t('minutes.finalise.intro')}</p>
            <input type="hidden" name="version" value={String(cv)} />
            <button type="submit" class="button">
              {t('minutes.finalise')}
            </button>
          </form>
        ) : null}
        {locked ? <p>{t('minutes.locked')}</p> : null}
        {locked && can.write ? (
          <form method="post" action={`${base}/correction`} class="card">
            <p>{t('minutes.correction.intro')}</p>
            <CsrfInput token={csrf} />
            <Field t={t} prefix="correction" name="reason" label={t('minutes.correction.reason')} required maxlength={2000} />
            <button type="submit" class="button button-secondary">
              {t('minutes.correction.start')}
            </button>
          </form>
        ) : null}
        {m.distributedAt ? <p class="muted">{t('minutes.distributed', { when: formatDateTime(m.distributedAt) })}</p> : null}
      </section>

      <VersionsList t={t} meetingId={meeting.id} versions={versions} />

      {can.write ? (
        <section aria-labelledby="minutes-publish">
          <h2 id="minutes-publish">{t('minutes.publish')}</h2>
          <p>{t('minutes.publish.intro')}</p>
          {!body.isPublic ? (
            <p class="muted">{t('minutes.publish.notPublic')}</p>
          ) : m.lockedVersion > 0 ? (
            <>
              {m.publishedAt ? (
                <p>
                  {t('minutes.publish.published', { when: formatDateTime(m.publishedAt) })}
                  <a href={`/bodies/${body.id}/published/${meeting.id}`}>{t('minutes.publish.publicPage')}</a>
                </p>
              ) : null}
              <form method="post" action={`${base}/publish`}>
                <CsrfInput token={csrf} />
                {files.length ? (
                  <CheckboxGroup
                    t={t}
                    prefix="publish"
                    name="attachmentIds"
                    legend={t('minutes.publish.attachments')}
                    options={files.map((f) => ({ value: f.id, label: f.filename }))}
                    checked={m.publicAttachmentIds}
                  />
                ) : (
                  <p class="muted">{t('minutes.publish.noAttachments')}</p>
                )}
                <button type="submit" class="button">
                  {t('minutes.publish.do')}
                </button>
              </form>
              {m.publishedAt ? (
                <form method="post" action={`${base}/unpublish`}>
                  <CsrfInput token={csrf} />
                  <button type="submit" class="button button-secondary">
                    {t('minutes.publish.undo')}
                  </button>
                </form>
              ) : null}
            </>
          ) : null}
          <h3>{t('minutes.distribution')}</h3>
          <form method="post" action={`/bodies/${body.id}/minutes-distribution`}>
            <CsrfInput token={csrf} />
            <input type="hidden" name="returnTo" value={base} />
            <p>{t('minutes.distribution.intro')}</p>
            <Field
              t={t}
              prefix="distribution"
              name="emails"
              label={t('minutes.distribution.emails')}
              hint={t('minutes.distribution.emailsHint')}
              value={(distribution?.emails ?? []).join('\n')}
              multiline
              rows={3}
            />
            <button type="submit" class="button button-secondary">
              {t('minutes.distribution.save')}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}

async function minutesMain(c: C, state: PageState = {}) {
  const { t, lang, csrf } = pageDeps(c);
  const d = await loadMinutesMain(c, state);
  return renderPage(
    c,
    { title: d.title, breadcrumbs: d.crumbs, status: state.status },
    d.started ? <MinutesMainView t={t} lang={lang} csrf={csrf} d={d} s={d.started} state={state} /> : <NoMinutesView t={t} csrf={csrf} d={d} state={state} />,
  );
}

const flash = (c: C, key: MessageKey) => setFlash(c, { kind: 'success', message: c.get('t')(key) });
const back = (c: C, anchor = '') => c.redirect(`/meetings/${c.req.param('id')}/minutes${anchor}`, 303);

/** Errors of a form whose fields are not shown in it go to the summary as they are. */
const general = (errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ field: '_', message: e.message }));

export function minutesEditorRoutes(app: Hono<AppEnv>): void {
  app.use('/meetings/:id/minutes', requireLogin);
  app.use('/meetings/:id/minutes/*', requireLogin);
  app.use('/actions/*', requireLogin);

  app.get('/meetings/:id/minutes', (c) => minutesMain(c));

  app.post('/meetings/:id/minutes', async (c) => {
    const r = await tryCommand(c, startMinutes, { meetingId: c.req.param('id') });
    if (!r.ok && r.error.code !== 'exists') return minutesMain(c, { errors: general(r.errors), status: r.status });
    if (r.ok) flash(c, 'minutes.started');
    return back(c);
  });

  app.post('/meetings/:id/minutes/header', async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, saveHeader, { meetingId: c.req.param('id'), ...values });
    // A stale save keeps what the person wrote; the refusal (with both versions' numbers) heads the form.
    if (!r.ok) return minutesMain(c, { header: { values, errors: r.errors }, status: r.status });
    flash(c, 'minutes.header.saved');
    return back(c, '#minutes-header');
  });

  app.post('/meetings/:id/minutes/items', async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, addMinuteItem, { meetingId: c.req.param('id'), title: formOne(values, 'title') });
    if (!r.ok) return minutesMain(c, { errors: r.errors.map((e) => ({ field: e.field === 'title' ? 'add-title' : '_', message: e.message })), status: r.status });
    flash(c, 'minutes.item.added');
    return back(c, `#item-${r.value.id}`);
  });

  app.post('/meetings/:id/minutes/items/:itemId', async (c) => {
    const values = await readFormAll(c);
    const itemId = c.req.param('itemId');
    const r = await tryCommand(c, saveItem, { ...values, itemId });
    if (!r.ok) {
      // A stale save: the person's text is kept beside the stored version, and the form now saves from the stored one.
      if (r.error instanceof StaleError) {
        return minutesMain(c, { item: { id: itemId, state: { values, errors: [] }, conflict: r.error.current as MinuteItem }, status: r.status });
      }
      return minutesMain(c, { item: { id: itemId, state: { values, errors: r.errors } }, status: r.status });
    }
    flash(c, 'minutes.item.saved');
    return back(c, `#item-${itemId}`);
  });

  // The autosave of a draft (htmx): answers a status line and the form's new version.
  app.post('/meetings/:id/minutes/items/:itemId/autosave', async (c) => {
    const t = c.get('t');
    const values = await readFormAll(c);
    const itemId = c.req.param('itemId');
    try {
      const item = await autosaveItem(c.get('deps'), c.get('actor'), { ...values, itemId }, t);
      const now = new Date();
      return c.html(
        `${escape(t('minutes.item.autosaved', { time: formatDateTime(now).slice(11) }))}<input type="hidden" name="version" id="version-${item.id}" value="${item.version}" hx-swap-oob="true">`,
      );
    } catch (err) {
      if (err instanceof AppError && err.status < 500) {
        const message = err.fieldErrors.length
          ? fieldErrorsIn(err.fieldErrors, t)
              .map((e) => e.message)
              .join(' ')
          : messageIn(err, t);
        return c.html(`<strong>${escape(t('minutes.item.autosaveFailed', { message }))}</strong>`);
      }
      throw err;
    }
  });

  app.post('/meetings/:id/minutes/actions', async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, addAction, { meetingId: c.req.param('id'), ...values });
    if (!r.ok) return minutesMain(c, { action: { values, errors: r.errors }, status: r.status });
    flash(c, 'minutes.action.added');
    return back(c, '#minutes-actions');
  });

  app.post('/actions/:actionId/complete', async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, completeAction, { actionId: c.req.param('actionId'), note: formOne(values, 'note') });
    if (!r.ok) throw r.error;
    flash(c, 'minutes.action.completed');
    const returnTo = formOne(values, 'returnTo');
    return c.redirect(returnTo && /^\/(meetings\/[0-9a-f-]{36}\/minutes|actions)$/.test(returnTo) ? returnTo : '/actions', 303);
  });

  const simple = <S extends z.ZodType, O>(path: string, def: CommandDef<S, O>, done: MessageKey, fields: (v: FormData) => Record<string, unknown>) => {
    app.post(`/meetings/:id/minutes/${path}`, async (c) => {
      const values = await readFormAll(c);
      const r = await tryCommand(c, def, { meetingId: c.req.param('id'), ...fields(values) });
      if (!r.ok) return minutesMain(c, { errors: general(r.errors), status: r.status });
      flash(c, done);
      return back(c, '#minutes-approval');
    });
  };
  simple('approval', sendForApproval, 'minutes.approval.sent', (v) => ({ deadline: formOne(v, 'deadline') }));
  simple('approve', approveMinutes, 'minutes.approval.approved', (v) => ({ version: formOne(v, 'version') }));
  simple('comment', commentMinutes, 'minutes.approval.commented', (v) => ({ comment: formOne(v, 'comment') }));
  simple('finalise', finaliseMinutes, 'minutes.finalised', (v) => ({ version: formOne(v, 'version') }));
  simple('correction', startCorrection, 'minutes.correction.started', (v) => ({ reason: formOne(v, 'reason') }));
  simple('publish', publishMinutes, 'minutes.publish.done', (v) => ({ attachmentIds: formMany(v, 'attachmentIds') }));
  simple('unpublish', unpublishMinutes, 'minutes.publish.undone', () => ({}));

  app.post('/bodies/:bodyId/minutes-distribution', requireLogin, async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, setDistribution, { bodyId: c.req.param('bodyId'), emails: formOne(values, 'emails') });
    if (!r.ok) throw new AppError(r.status, r.error.code, r.errors.map((e) => e.message).join(' '), r.errors);
    flash(c, 'minutes.distribution.saved');
    const returnTo = formOne(values, 'returnTo');
    return c.redirect(returnTo && /^\/meetings\/[0-9a-f-]{36}\/minutes$/.test(returnTo) ? returnTo : `/bodies/${c.req.param('bodyId')}/decisions`, 303);
  });
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
