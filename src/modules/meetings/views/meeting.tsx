import type { Lang, Translate } from '../../../platform/i18n/index.js';
import { formatLongDate, formatTime, stockholmDay } from '../../../platform/time.js';
import type { Meeting } from '../schema.js';

// The small pieces every meeting page shows: when, where, status, agenda dates, file sizes.

/** "torsdag 12 februari 2026, 09:00–12:00" (or over several days); only the date(s) when the times are not known. */
export function whenText(m: Pick<Meeting, 'startsAt' | 'endsAt'> & { timesKnown?: boolean | undefined }, lang: Lang): string {
  if (m.timesKnown === false) {
    const [first, last] = [formatLongDate(m.startsAt, lang), formatLongDate(m.endsAt, lang)];
    return first === last ? first : `${first} – ${last}`;
  }
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
/** A meeting's files as a list of links with their sizes; nothing when there are none. */
export function AttachmentList(props: { meetingId: string; files: readonly { id: string; filename: string; size: number }[] }) {
  if (!props.files.length) return null;
  return (
    <ul class="attachments">
      {props.files.map((f) => (
        <li>
          <a href={`/meetings/${props.meetingId}/attachments/${f.id}`}>{f.filename}</a> <span class="muted">({fileSize(f.size)})</span>
        </li>
      ))}
    </ul>
  );
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
