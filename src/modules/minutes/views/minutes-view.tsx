import { raw } from 'hono/html';
import type { Lang, Translate } from '../../../platform/i18n/index.js';
import { formatDateTime } from '../../../platform/time.js';
import { absentNote, actionText, attClause, attendanceRows, kindKey, meetingDate, outcomeHeading, presentersText, sectionsOf, timeText, type DocumentVersion } from '../document.js';
import { caseStepLabel } from '../case-subjects.js';
import { groupedDigest } from '../canonical.js';
import { markdownToHtml } from '../../../platform/views/markdown.js';
import type { MinutesSnapshot, SnapshotItem } from '../snapshot.js';

/*
 * Minutes rendered as HTML from a snapshot: the body of a locked version, of the public
 * page, and the read-only view of a draft. Notes pass through the safe Markdown subset
 * only (markdown.ts escapes everything else).
 */

/** Notes in the safe Markdown subset. */
function Markdown(props: { source: string | null | undefined }) {
  if (!props.source?.trim()) return null;
  return <div class="markdown">{raw(markdownToHtml(props.source))}</div>;
}

export function MinutesFacts(props: { t: Translate; lang: Lang; s: MinutesSnapshot }) {
  const { t, lang, s } = props;
  return (
    <dl class="facts">
      <dt>{t('minutes.header.body')}</dt>
      <dd>{s.body.name}</dd>
      {s.meeting.title.trim() && s.meeting.title.trim() !== s.body.name ? (
        <>
          <dt>{t('minutes.header.meeting')}</dt>
          <dd>{s.meeting.title}</dd>
        </>
      ) : null}
      {s.meeting.jointBodies.length ? (
        <>
          <dt>{t('minutes.header.jointWith')}</dt>
          <dd>{s.meeting.jointBodies.join(', ')}</dd>
        </>
      ) : null}
      <dt>{t('minutes.header.date')}</dt>
      <dd>{meetingDate(s, lang)}</dd>
      <dt>{t('minutes.header.time')}</dt>
      <dd>{timeText(s, t)}</dd>
      {s.meeting.place ? (
        <>
          <dt>{t('minutes.header.place')}</dt>
          <dd>{s.meeting.place}</dd>
        </>
      ) : null}
      <dt>{t('minutes.header.format')}</dt>
      <dd>{t(`meetings.format.${s.meeting.format}`)}</dd>
      {s.noteTakers.length ? (
        <>
          <dt>{t('minutes.header.secretary')}</dt>
          <dd>{s.noteTakers.join(', ')}</dd>
        </>
      ) : null}
      {s.chair ? (
        <>
          <dt>{t('minutes.header.chair')}</dt>
          <dd>
            {s.chair}
            {s.chairInPlaceOf ? ` (${t('minutes.header.chairInPlaceOf', { name: s.chairInPlaceOf })})` : ''}
          </dd>
        </>
      ) : null}
      {s.viceChair ? (
        <>
          <dt>{t('minutes.header.viceChair')}</dt>
          <dd>{s.viceChair}</dd>
        </>
      ) : null}
      {s.adjusters.length ? (
        <>
          <dt>{t('minutes.header.adjusters')}</dt>
          <dd>{s.adjusters.join(', ')}</dd>
        </>
      ) : null}
    </dl>
  );
}

function AttendanceTable(props: { t: Translate; caption: string; rows: string[][] }) {
  const { t } = props;
  return (
    <div class="table-wrap">
      <table class="attendance-table">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('minutes.attendance.name')}</th>
            <th scope="col">{t('minutes.attendance.organisation')}</th>
            <th scope="col">{t('minutes.attendance.seat')}</th>
            <th scope="col">{t('minutes.attendance.note')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([name, organisation, seat, note]) => (
            <tr>
              <th scope="row">{name}</th>
              <td>{organisation}</td>
              <td>{seat}</td>
              <td>{note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Attendance with the same columns as the documents: name, organisation, seat, and a note (vacant seats as "Vakant"). */
export function AttendanceView(props: { t: Translate; s: MinutesSnapshot; headingLevel?: 2 | 3 }) {
  const { t, s } = props;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  const H2 = props.headingLevel === 3 ? 'h4' : 'h3';
  const rows = attendanceRows(s, t);
  const views = s.absent.filter((a) => a.viewsInAdvance);
  return (
    <section aria-labelledby="minutes-attendance">
      <H id="minutes-attendance">{t('minutes.attendance')}</H>
      {rows.length === 0 ? <p class="muted">{t('minutes.attendance.none')}</p> : <AttendanceTable t={t} caption={t('minutes.attendance')} rows={rows} />}
      {s.absent.length ? (
        <>
          <H2>{t('minutes.attendance.absent')}</H2>
          <AttendanceTable t={t} caption={t('minutes.attendance.absent')} rows={s.absent.map((a) => [a.name, a.organisation, a.seat ?? '', absentNote(a, t)])} />
          {views.length ? (
            <dl class="views-in-advance">
              {views.map((a) => (
                <>
                  <dt>
                    {t('minutes.attendance.views')}: {a.name}
                  </dt>
                  <dd class="pre-line">{a.viewsInAdvance}</dd>
                </>
              ))}
            </dl>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function DecisionPart(props: { t: Translate; lang: Lang; item: Pick<SnapshotItem, 'outcome' | 'decisionNumber' | 'decisionText' | 'condition' | 'caseTransition'> }) {
  const { t, item } = props;
  if (!item.outcome && !item.decisionText) return null;
  const heading = outcomeHeading(item, t);
  return (
    <div class="decision">
      {heading ? <h4>{heading}</h4> : null}
      {item.decisionText?.trim() ? <p>{item.decisionText.trim()}</p> : null}
      {item.caseTransition ? <p>{t('minutes.item.caseStep', { step: caseStepLabel(item.caseTransition, props.lang) })}</p> : null}
      {item.condition ? (
        <p>
          <strong>{t('minutes.action.condition')}:</strong> {item.condition}
        </p>
      ) : null}
    </div>
  );
}

interface ItemViewProps {
  t: Translate;
  lang: Lang;
  item: SnapshotItem;
  subItems: SnapshotItem[];
  attachmentHref: (id: string) => string | null;
}

function ItemView(props: ItemViewProps) {
  const { t, item } = props;
  const actions = item.actions.filter((a) => a.title !== item.condition || a.done || a.doneNote);
  const children = props.subItems.filter((i) => i.parentId === item.id);
  return (
    <section class={`minute-item${item.parentId ? ' sub-item' : ''}`} aria-labelledby={`mi-${item.id}`}>
      <h3 id={`mi-${item.id}`}>
        {item.number}. {item.title} {item.internal ? <span class="tag">{t('minutes.item.internalTag')}</span> : null}
      </h3>
      {item.case ? <p>{t('minutes.item.caseRef', { ref: item.case.ref, title: item.case.title })}</p> : null}
      {item.presenters.length ? <p>{t('minutes.item.presents', { name: presentersText(item.presenters, t) })}</p> : null}
      <Markdown source={item.description} />
      {item.attachments.length ? (
        <p>
          {t('minutes.item.attachments')}:{' '}
          {item.attachments.map((a, i) => {
            const href = props.attachmentHref(a.id);
            return (
              <>
                {i ? ', ' : ''}
                {href ? <a href={href}>{a.filename}</a> : a.filename}
              </>
            );
          })}
        </p>
      ) : null}
      {item.viewsInAdvance.map((v) => (
        <div class="views-in-advance">
          <p>
            <strong>{t('minutes.item.viewsFrom', { name: v.name })}:</strong>
          </p>
          <p class="pre-line">{v.views}</p>
        </div>
      ))}
      <Markdown source={item.notes} />
      {item.questions ? (
        <>
          <h4>{t('minutes.item.questions')}</h4>
          <Markdown source={item.questions} />
        </>
      ) : null}
      {item.proposal.length ? (
        <>
          <h4>{t('minutes.item.proposal')}</h4>
          <ul>
            {item.proposal.map((c) => (
              <li>{attClause(c, t)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <DecisionPart t={t} lang={props.lang} item={item} />
      {actions.length ? (
        <ul>
          {actions.map((a) => (
            <li>{actionText(a, t)}</li>
          ))}
        </ul>
      ) : null}
      {children.map((child) => (
        <ItemView {...props} item={child} />
      ))}
    </section>
  );
}

/** The items under the agenda's section headings, sub-items inside their parent. */
export function ItemsView(props: { t: Translate; lang: Lang; s: MinutesSnapshot; attachmentHref?: (id: string) => string | null }) {
  const { t, lang, s } = props;
  const href = props.attachmentHref ?? ((id: string) => `/meetings/${s.meeting.id}/attachments/${id}`);
  const subItems = s.items.filter((i) => i.parentId);
  return (
    <>
      {sectionsOf(s.items).map((group) => (
        <>
          {group.section ? <h3 class="agenda-section-heading">{group.section}</h3> : null}
          {group.items
            .filter((i) => !i.parentId || !s.items.some((p) => p.id === i.parentId))
            .map((item) => (
              <ItemView t={t} lang={lang} item={item} subItems={subItems} attachmentHref={href} />
            ))}
        </>
      ))}
    </>
  );
}

function VersionBox(props: { t: Translate; kind: 'protocol' | 'notes'; version: DocumentVersion; jsonHref?: string }) {
  const { t, version } = props;
  return (
    <section class="card version-box" aria-labelledby={`version-${version.number}`}>
      <h2 id={`version-${version.number}`}>
        {props.kind === 'protocol' ? t('minutes.approval') : t('minutes.status.final')} – {t('minutes.versionOf', { number: version.number })}
      </h2>
      {version.approvers.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('minutes.approvedBy')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('minutes.approval.approver')}</th>
                <th scope="col">{t('minutes.status')}</th>
                <th scope="col">{t('minutes.approval.approvedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {version.approvers.map((a) => (
                <tr>
                  <td>{a.name}</td>
                  <td>{t(`minutes.role.${a.role}`)}</td>
                  <td>
                    <time datetime={a.at}>{formatDateTime(new Date(a.at))}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p>{t('minutes.lockedAt', { when: formatDateTime(version.lockedAt) })}</p>
      <p>
        {t('minutes.digest')}:{' '}
        <code class="digest" title={version.sha256}>
          {groupedDigest(version.sha256)}
        </code>
      </p>
      <p class="hint">
        {t('minutes.digest.explain')} {props.jsonHref ? <a href={props.jsonHref}>{t('minutes.json')}</a> : null}
      </p>
      {version.reason ? (
        <p>
          {t('minutes.correction.reason')}: {version.reason}
        </p>
      ) : null}
      <ChangesTable t={t} version={version} />
    </section>
  );
}

function ChangesTable(props: { t: Translate; version: DocumentVersion }) {
  const { t, version } = props;
  if (version.number === 1 || version.changes.length === 0) return <p class="muted">{version.number === 1 ? t('minutes.changes.none') : ''}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('minutes.changes')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('minutes.changes.where')}</th>
            <th scope="col">{t('minutes.changes.field')}</th>
            <th scope="col">{t('minutes.changes.before')}</th>
            <th scope="col">{t('minutes.changes.after')}</th>
          </tr>
        </thead>
        <tbody>
          {version.changes.map((c) => (
            <tr>
              <td>{c.where}</td>
              <td>{c.field}</td>
              <td class="pre-line">{c.before ?? '–'}</td>
              <td class="pre-line">{c.after ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The whole minutes: facts, attendance, items, evaluation, next meetings, note takers. */
export function MinutesView(props: {
  t: Translate;
  lang: Lang;
  s: MinutesSnapshot;
  version?: DocumentVersion | undefined;
  jsonHref?: string | undefined;
  /** Where an attachment is fetched from (null: named, not linked); the meeting's attachment page unless given. */
  attachmentHref?: ((id: string) => string | null) | undefined;
}) {
  const { t, lang, s } = props;
  return (
    <article class="minutes">
      <MinutesFacts t={t} lang={lang} s={s} />
      <AttendanceView t={t} s={s} />
      <Markdown source={s.preamble} />
      <section aria-labelledby="minutes-items">
        <h2 id="minutes-items">{t('minutes.items')}</h2>
        <ItemsView t={t} lang={lang} s={s} attachmentHref={props.attachmentHref} />
      </section>
      {s.evaluation ? (
        <section aria-labelledby="minutes-evaluation">
          <h2 id="minutes-evaluation">{t('minutes.evaluation')}</h2>
          <Markdown source={s.evaluation} />
        </section>
      ) : null}
      {s.nextMeetings ? (
        <section aria-labelledby="minutes-next">
          <h2 id="minutes-next">{t('minutes.header.nextMeetings')}</h2>
          <Markdown source={s.nextMeetings} />
        </section>
      ) : null}
      {s.noteTakers.length ? (
        <p>
          <strong>{t('minutes.header.noteTakers')}:</strong> {s.noteTakers.join(', ')}
        </p>
      ) : null}
      {props.version ? <VersionBox t={t} kind={s.kind} version={props.version} jsonHref={props.jsonHref} /> : null}
    </article>
  );
}

export const minutesKindLabel = (t: Translate, kind: 'protocol' | 'notes') => t(kindKey(kind));
