import { raw } from 'hono/html';
import type { Lang, Translate } from '../../../platform/i18n/index.js';
import { formatDateTime } from '../../../platform/time.js';
import { isDecisionOutcome } from '../decisions.js';
import { kindKey, meetingDate, outcomeKey, type DocumentVersion } from '../document.js';
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
      <dt>{t('minutes.header.date')}</dt>
      <dd>{meetingDate(s, lang)}</dd>
      <dt>{t('minutes.header.time')}</dt>
      <dd>
        {s.meeting.startTime}–{s.meeting.endTime}
      </dd>
      {s.meeting.place ? (
        <>
          <dt>{t('minutes.header.place')}</dt>
          <dd>{s.meeting.place}</dd>
        </>
      ) : null}
      {s.noteTakers.length ? (
        <>
          <dt>{t('minutes.header.secretary')}</dt>
          <dd>{s.noteTakers.join(', ')}</dd>
        </>
      ) : null}
      {s.chair ? (
        <>
          <dt>{t('minutes.header.chair')}</dt>
          <dd>{s.chair}</dd>
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

export function AttendanceView(props: { t: Translate; s: MinutesSnapshot; headingLevel?: 2 | 3 }) {
  const { t, s } = props;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section aria-labelledby="minutes-attendance">
      <H id="minutes-attendance">{t('minutes.attendance')}</H>
      {s.present.length === 0 ? (
        <p class="muted">{t('minutes.attendance.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('minutes.attendance')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('minutes.attendance.organisation')}</th>
                <th scope="col">{t('minutes.attendance.name')}</th>
              </tr>
            </thead>
            <tbody>
              {s.present.map((g) => (
                <tr>
                  <th scope="row">{g.organisation || '–'}</th>
                  <td>
                    <ul class="plain-list">
                      {g.people.map((p) => (
                        <li>
                          {p.name}
                          {p.substituteFor ? ` (${t('minutes.attendance.substituteFor', { name: p.substituteFor })})` : ''}
                          {p.guest ? ` (${t('minutes.attendance.guest')})` : ''}
                          {p.adjunct ? ` (${t('minutes.attendance.adjunct')})` : ''}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {s.absent.length ? (
        <>
          <h3>{t('minutes.attendance.absent')}</h3>
          <ul>
            {s.absent.map((a) => (
              <li>{[a.name, a.organisation || null, a.excused ? t('minutes.attendance.excused') : null].filter(Boolean).join(', ')}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function DecisionPart(props: { t: Translate; item: Pick<SnapshotItem, 'outcome' | 'decisionNumber' | 'decisionText' | 'condition'> }) {
  const { t, item } = props;
  if (!item.outcome && !item.decisionText) return null;
  const decided = isDecisionOutcome(item.outcome);
  const heading = decided
    ? item.decisionNumber
      ? t('minutes.item.decisionNumbered', { number: item.decisionNumber })
      : t('minutes.item.decision')
    : item.outcome === 'concluded_no_decision'
      ? t('minutes.item.conclusion')
      : null;
  return (
    <div class="decision">
      {heading ? <h4>{heading}</h4> : null}
      <p>
        {item.outcome ? <span class="tag">{t(outcomeKey(item.outcome))}</span> : null} {item.decisionText?.trim() || ''}
      </p>
      {item.condition ? (
        <p>
          <strong>{t('minutes.action.condition')}:</strong> {item.condition}
        </p>
      ) : null}
    </div>
  );
}

function ItemView(props: { t: Translate; item: SnapshotItem }) {
  const { t, item } = props;
  return (
    <section class="minute-item" aria-labelledby={`mi-${item.id}`}>
      <h3 id={`mi-${item.id}`}>
        {item.number}. {item.title} {item.internal ? <span class="tag">{t('minutes.item.internalTag')}</span> : null}
      </h3>
      {item.presenter ? <p>{t('minutes.item.presents', { name: item.presenter })}</p> : null}
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
              <li>{t('minutes.item.att', { clause: c })}</li>
            ))}
          </ul>
        </>
      ) : null}
      <DecisionPart t={t} item={item} />
      {item.actions.filter((a) => a.title !== item.condition).length ? (
        <ul>
          {item.actions
            .filter((a) => a.title !== item.condition)
            .map((a) => (
              <li>{[a.title, a.owner, a.due ? `${t('minutes.action.due').toLowerCase()} ${a.due}` : null].filter(Boolean).join(' – ')}</li>
            ))}
        </ul>
      ) : null}
    </section>
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
export function MinutesView(props: { t: Translate; lang: Lang; s: MinutesSnapshot; version?: DocumentVersion | undefined; jsonHref?: string }) {
  const { t, lang, s } = props;
  return (
    <article class="minutes">
      <MinutesFacts t={t} lang={lang} s={s} />
      <AttendanceView t={t} s={s} />
      <Markdown source={s.preamble} />
      <section aria-labelledby="minutes-items">
        <h2 id="minutes-items">{t('minutes.items')}</h2>
        {s.items.map((item) => (
          <ItemView t={t} item={item} />
        ))}
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
