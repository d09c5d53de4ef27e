import type { Child } from 'hono/jsx';
import type { Lang, Translate } from '../../platform/i18n/index.js';
import { formatLongDate, formatTime } from '../../platform/time.js';
import { timedAgenda, type TimedItem } from './agenda.js';
import { stockholmDay } from '../../platform/time.js';
import type { FrequencyCheck } from './frequency.js';
import type { AgendaItem, Meeting } from './schema.js';

/** "torsdag 12 februari 2026, 09:00–12:00" (or over several days). */
export function whenText(m: Pick<Meeting, 'startsAt' | 'endsAt'>, lang: Lang): string {
  if (stockholmDay(m.startsAt) === stockholmDay(m.endsAt)) return `${formatLongDate(m.startsAt, lang)}, ${formatTime(m.startsAt)}–${formatTime(m.endsAt)}`;
  return `${formatLongDate(m.startsAt, lang)} ${formatTime(m.startsAt)} – ${formatLongDate(m.endsAt, lang)} ${formatTime(m.endsAt)}`;
}

export function whereText(m: Pick<Meeting, 'format' | 'address' | 'room'>, t: Translate): string {
  const place = [m.address, m.room].filter(Boolean).join(', ');
  if (m.format === 'digital') return place ? `${t('meetings.format.digital')} (${place})` : t('meetings.format.digital');
  if (m.format === 'hybrid') return place ? `${place} ${t('meetings.format.hybridSuffix')}` : t('meetings.format.hybrid');
  return place || '–';
}

export function StatusTag(props: { t: Translate; meeting: Pick<Meeting, 'status' | 'registeredAfterwards' | 'changedAfterPublishAt'> }) {
  const { t, meeting } = props;
  return (
    <>
      <span class={`tag status-${meeting.status}`}>{t(`meetings.status.${meeting.status}`)}</span>
      {meeting.registeredAfterwards ? (
        <>
          {' '}
          <span class="tag">{t('meetings.registeredAfterwards')}</span>
        </>
      ) : null}
      {meeting.changedAfterPublishAt && meeting.status === 'called' ? (
        <>
          {' '}
          <span class="tag tag-changed">{t('meetings.changed')}</span>
        </>
      ) : null}
    </>
  );
}

/** The timed agenda (tidsatt agenda): number, clock times, title, presenter. */
export function AgendaTable(props: {
  t: Translate;
  meeting: Pick<Meeting, 'startsAt' | 'endsAt' | 'agendaPublishedAt'>;
  items: AgendaItem[];
  caption: string;
  /** Extra cells at the end of each row (builder buttons). */
  actions?: (item: AgendaItem, index: number, count: number) => Child;
  actionsLabel?: string;
  attachmentsOf?: (item: AgendaItem) => Child;
  /** The items already timed (a reader's agenda keeps the numbers and times of the whole agenda). */
  timed?: { items: TimedItem<AgendaItem>[]; ends: Date };
}) {
  const { t, items } = props;
  const timed = props.timed ?? timedAgenda(props.meeting.startsAt, items);
  const overrun = timed.ends.getTime() > props.meeting.endsAt.getTime();
  let section: string | null = null;
  return (
    <>
      <div class="table-wrap">
        <table class="agenda">
          <caption>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.agenda.number')}</th>
              <th scope="col">{t('meetings.agenda.time')}</th>
              <th scope="col">{t('meetings.agenda.item')}</th>
              <th scope="col">{t('meetings.agenda.presenter')}</th>
              {props.actions ? <th scope="col">{props.actionsLabel ?? t('meetings.agenda.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {timed.items.map((ti, i) => {
              const item = ti.item;
              const newSection = item.section && item.section !== section ? item.section : null;
              if (item.section) section = item.section;
              return (
                <>
                  {newSection ? (
                    <tr class="agenda-section">
                      <th scope="rowgroup" colspan={props.actions ? 5 : 4}>
                        {newSection}
                      </th>
                    </tr>
                  ) : null}
                  <tr id={`item-${item.id}`}>
                    <td>{ti.number}</td>
                    <td class="nowrap">
                      {item.durationMinutes ? (
                        <>
                          <time datetime={ti.start.toISOString()}>{formatTime(ti.start)}</time>–<time datetime={ti.end.toISOString()}>{formatTime(ti.end)}</time>
                          <span class="muted"> ({t('meetings.agenda.minutes', { minutes: item.durationMinutes })})</span>
                        </>
                      ) : (
                        <time datetime={ti.start.toISOString()}>{formatTime(ti.start)}</time>
                      )}
                    </td>
                    <td>
                      <strong>{item.title}</strong>
                      {item.kind !== 'information' ? <span class="muted"> · {t(`meetings.kind.${item.kind}`)}</span> : null}
                      {item.internal ? (
                        <>
                          {' '}
                          <span class="tag">{t('meetings.item.internal')}</span>
                        </>
                      ) : null}
                      {props.meeting.agendaPublishedAt && item.changedAfterPublishAt ? (
                        <>
                          {' '}
                          <span class="tag tag-changed">{t('meetings.item.changedAfterPublish')}</span>
                        </>
                      ) : null}
                      {item.description ? <p class="item-description">{item.description}</p> : null}
                      {props.attachmentsOf?.(item)}
                    </td>
                    <td>{item.presenterName ?? ''}</td>
                    {props.actions ? <td class="agenda-actions">{props.actions(item, i, items.length)}</td> : null}
                  </tr>
                </>
              );
            })}
          </tbody>
        </table>
      </div>
      {items.length ? (
        <p class={overrun ? 'warning' : 'muted'}>
          {overrun ? t('meetings.agenda.overrun', { ends: formatTime(timed.ends), planned: formatTime(props.meeting.endsAt) }) : t('meetings.agenda.ends', { ends: formatTime(timed.ends) })}
        </p>
      ) : null}
    </>
  );
}

/** "1 av minst 2 denna termin" lines and warnings. */
function checkText(t: Translate, c: FrequencyCheck): string {
  if (c.state === 'info') return t('meetings.frequency.countOnly', { what: t(`meetings.frequency.what.${c.key}`), period: c.period, held: c.held, planned: c.planned });
  const target =
    c.min !== null
      ? c.max !== null && c.max !== c.min
        ? t('meetings.frequency.range', { min: c.min, max: c.max })
        : t('meetings.frequency.atLeast', { min: c.min })
      : c.max !== null
        ? t('meetings.frequency.atMost', { max: c.max })
        : null;
  return t(`meetings.frequency.${c.key}`, { period: c.period, held: c.held, planned: c.planned, target: target ?? t('meetings.frequency.noRule') });
}

export function FrequencyPanel(props: { t: Translate; checks: FrequencyCheck[] }) {
  const { t } = props;
  return (
    <section aria-labelledby="frequency-title">
      <h2 id="frequency-title">{t('meetings.frequency.title')}</h2>
      <ul class="frequency">
        {props.checks.map((c) => (
          <li class={`frequency-${c.state}`}>
            {checkText(t, c)} {c.state === 'info' ? null : <strong>{t(`meetings.frequency.state.${c.state}`)}</strong>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The three agenda dates. */
export function AgendaDates(props: { t: Translate; lang: Lang; meeting: Pick<Meeting, 'callOpensOn' | 'submissionDeadline' | 'agendaPublishOn' | 'agendaPublishedAt'> }) {
  const { t, lang, meeting } = props;
  const line = (label: string, d: Date | null) =>
    d ? (
      <>
        <dt>{label}</dt>
        <dd>
          <time datetime={d.toISOString()}>
            {formatLongDate(d, lang)} {formatTime(d)}
          </time>
        </dd>
      </>
    ) : null;
  return (
    <>
      {line(t('meetings.dates.callOpens'), meeting.callOpensOn)}
      {line(t('meetings.dates.submissionDeadline'), meeting.submissionDeadline)}
      {line(t('meetings.dates.agendaPublish'), meeting.agendaPublishOn)}
      {meeting.agendaPublishedAt ? line(t('meetings.dates.published'), meeting.agendaPublishedAt) : null}
    </>
  );
}

/** Bytes as "12 kB" / "1,2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
