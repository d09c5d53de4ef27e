import type { Lang, Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { CheckboxGroup, ErrorSummary, Field, fieldId, SelectField } from '../../../platform/views/fields.js';
import { addDays, today } from '../../../platform/days.js';
import { DEFAULT_APPROVAL_DAYS } from '../commands/send-for-approval.js';
import { versionInfo } from '../queries/index.js';
import { ConflictPanel, ItemForm } from '../views/item-form.js';
import { caseStepLabel } from '../case-subjects.js';
import { AttendanceView, MinutesFacts, MinutesView } from '../views/minutes-view.js';
import { ActionsTable, AddActionForm, ApprovalTable, HeaderForm, VersionsList } from '../views/panels.js';
import { formatDate, formatDateTime } from '../../../platform/time.js';
import type { MinutesMainData, PageState } from '../pages/minutes-main.js';
import { contradictionText, type Contradiction } from '../consistency.js';
import type { ViewInAdvance } from '../views-in-advance.js';

/** The contradictions with the attendance, shown as warnings before the button that locks the minutes (or sends them). */
function ContradictionList(props: { t: Translate; list: readonly Contradiction[] }) {
  const { t, list } = props;
  if (!list.length) return null;
  return (
    <div class="warning" role="alert" id="minutes-contradictions">
      <p>{t('minutes.contradiction.title')}</p>
      <ul>
        {list.map((c) => {
          const text = contradictionText(c);
          return <li>{t(text.key, text.params)}</li>;
        })}
      </ul>
    </div>
  );
}

/** Views sent in advance by absent members, read-only and with their line breaks, with who sent them. */
function ViewsInAdvanceList(props: { t: Translate; views: readonly ViewInAdvance[]; id: string }) {
  const { t, views, id } = props;
  return (
    <aside class="card views-in-advance" aria-labelledby={id}>
      <h4 id={id}>{t('minutes.views.title')}</h4>
      {views.map((v) => (
        <figure>
          <figcaption>{t('minutes.views.from', { name: v.name })}</figcaption>
          <blockquote class="pre-line">{v.views}</blockquote>
        </figure>
      ))}
    </aside>
  );
}

/* The view of the minutes page: renders what the loader (pages/minutes-main.ts) read; no queries. */

/** The page of a meeting without minutes: the button that starts them. */
export function NoMinutesView(props: { t: Translate; csrf: string; d: MinutesMainData; state: PageState }) {
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
export function MinutesMainView(props: { t: Translate; lang: Lang; csrf: string; d: MinutesMainData; s: NonNullable<MinutesMainData['started']>; state: PageState }) {
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
    caseRefs,
    caseSteps,
    contradictions,
    chairChoices,
    chairInPlaceOf,
    views,
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
      {can.write ? (
        <p class="history-link">
          <a href={`/history/minutes/${m.id}`}>{t('admin.history.changes')}</a>
        </p>
      ) : null}

      {editing ? (
        <>
          <section aria-labelledby="minutes-header">
            <h2 id="minutes-header">{t('minutes.header.legend')}</h2>
            <MinutesFacts t={t} lang={lang} s={snapshot} />
            <AttendanceView t={t} s={snapshot} headingLevel={3} />
            <p>
              <a href={`/meetings/${meeting.id}/attendance`}>{t('minutes.attendance')}</a>
            </p>
            {chairInPlaceOf ? <p>{t('minutes.header.chairInPlaceOf', { name: chairInPlaceOf })}</p> : null}
            {views?.general.length ? <ViewsInAdvanceList t={t} views={views.general} id="views-general" /> : null}
            <HeaderForm t={t} csrf={csrf} meetingId={meeting.id} minutes={m} choices={choices} appointees={appointable} chairChoices={chairChoices} state={state.header} folded={folded} />
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
                  {item.agendaItemId && views?.byAgendaItem.get(item.agendaItemId)?.length ? (
                    <ViewsInAdvanceList t={t} views={views.byAgendaItem.get(item.agendaItemId)!} id={`views-${item.id}`} />
                  ) : null}
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
                    caseInfo={item.caseId ? { ref: caseRefs.get(item.caseId), steps: caseSteps.get(item.caseId) ?? [], stepLabel: (name) => caseStepLabel(name, lang) } : undefined}
                  />
                </section>
              );
            })}
            <form method="post" action={`${base}/items`} class="card">
              <CsrfInput token={csrf} />
              <Field t={t} prefix="add" name="title" label={t('minutes.item.addTitle')} required maxlength={300} />
              <Field t={t} prefix="add" name="number" label={t('minutes.label.number')} hint={t('meetings.item.numberHint')} maxlength={20} />
              <SelectField
                t={t}
                prefix="add"
                name="parentId"
                label={t('minutes.item.parent')}
                options={[{ value: '', label: t('minutes.item.parentNone') }, ...numbered.map(({ item, number }) => ({ value: item.id, label: `${number}. ${item.title}` }))]}
              />
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
            <ContradictionList t={t} list={contradictions} />
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
            <ContradictionList t={t} list={contradictions} />
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
