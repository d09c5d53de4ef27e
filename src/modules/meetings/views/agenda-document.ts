import type { DocumentModel, MetadataRow } from '../../../platform/documents/index.js';
import { translator, type Lang } from '../../../platform/i18n/index.js';
import { formatDateTime, formatLongDate, formatTime } from '../../../platform/time.js';
import type { ReaderAgenda } from '../policy.js';
import type { Meeting } from '../schema.js';
import { presenterNames } from './presenters.js';
import type { Body } from '../../structure/schema.js';

/**
 * The agenda of a meeting as a document model (rendered to PDF and DOCX by
 * src/platform/documents): a header with the body, date, time and place, the numbered
 * items with their clock times and presenters, each item's description and attachments,
 * and the list of every attachment at the end.
 */

interface AgendaSource {
  meeting: Meeting;
  body: Pick<Body, 'name'>;
  /** The other bodies of a joint meeting. */
  jointBodies?: { name: string }[];
  /** The items the reader may see (readerAgenda), numbered and timed on the whole agenda. */
  agenda: Pick<ReaderAgenda, 'items'>;
  /** The files the reader may see (readerFiles). */
  attachments: { filename: string; itemId: string | null }[];
  lang: Lang;
  /** The person the document is made for (the author metadata is the body). */
  now?: Date;
}

export function agendaDocument(source: AgendaSource): DocumentModel {
  const { meeting, body, lang } = source;
  const t = translator(lang);
  const timed = source.agenda;
  const sameDay = formatLongDate(meeting.startsAt, lang) === formatLongDate(meeting.endsAt, lang);
  const when = sameDay ? `${formatTime(meeting.startsAt)}–${formatTime(meeting.endsAt)}` : `${formatTime(meeting.startsAt)} – ${formatLongDate(meeting.endsAt, lang)} ${formatTime(meeting.endsAt)}`;
  const place = [meeting.address, meeting.room].filter(Boolean).join(', ');
  const bodies = [body.name, ...(source.jointBodies ?? []).map((b) => b.name)].join(', ');

  const metadata: MetadataRow[] = [
    { label: t('meetings.agendaDoc.body'), value: bodies },
    { label: t('meetings.agendaDoc.date'), value: formatLongDate(meeting.startsAt, lang) },
  ];
  // A meeting registered afterwards by its day only: no times.
  if (meeting.timesKnown !== false) metadata.push({ label: t('meetings.agendaDoc.time'), value: when });
  if (meeting.format === 'physical') {
    if (place) metadata.push({ label: t('meetings.agendaDoc.place'), value: place });
  } else {
    const kind = t(meeting.format === 'digital' ? 'meetings.agendaDoc.format.digital' : 'meetings.agendaDoc.format.hybrid');
    metadata.push({ label: t('meetings.agendaDoc.place'), value: meeting.format === 'hybrid' && place ? `${place} (${kind.toLowerCase()})` : kind });
    if (meeting.link) metadata.push({ label: t('meetings.agendaDoc.link'), value: meeting.link });
  }

  const blocks: DocumentModel['blocks'] = [];
  if (meeting.status === 'cancelled') blocks.push({ type: 'paragraph', text: t('meetings.agendaDoc.cancelled') });
  else if (meeting.registeredAfterwards) blocks.push({ type: 'paragraph', text: t('meetings.agendaDoc.registeredAfterwards') });
  else if (meeting.status === 'held' && !meeting.agendaPublishedAt) blocks.push({ type: 'paragraph', text: t('meetings.agendaDoc.held'), style: 'muted' });
  else if (!meeting.agendaPublishedAt) blocks.push({ type: 'paragraph', text: t('meetings.agendaDoc.draft'), style: 'muted' });
  else if (meeting.changedAfterPublishAt) {
    blocks.push({ type: 'paragraph', text: t('meetings.agendaDoc.changed', { when: formatDateTime(meeting.changedAfterPublishAt) }), style: 'muted' });
  }

  const filesOf = new Map<string, string[]>();
  for (const a of source.attachments) if (a.itemId) filesOf.set(a.itemId, [...(filesOf.get(a.itemId) ?? []), a.filename]);

  blocks.push({ type: 'heading', level: 1, text: meeting.registeredAfterwards || meeting.status === 'held' ? t('meetings.agendaDoc.heldTitle') : t('meetings.agendaDoc.items') });
  if (timed.items.length === 0) {
    blocks.push({ type: 'paragraph', text: t('meetings.agendaDoc.empty') });
  } else {
    const rows: string[][] = [];
    let section: string | null = null;
    for (const { item, number, start, end } of timed.items) {
      const lines = [item.section && item.section !== section ? `${item.section.toUpperCase()}\n${item.title}` : item.title];
      section = item.section ?? section;
      if (item.description?.trim()) lines.push(item.description.trim());
      const files = filesOf.get(item.id);
      if (files?.length) lines.push(t('meetings.agendaDoc.attachmentLine', { files: files.join(', ') }));
      const time = meeting.timesKnown === false ? '' : item.durationMinutes ? `${formatTime(start)}–${formatTime(end)}` : formatTime(start);
      rows.push([number, time, lines.join('\n'), presenterNames(item.presenters)]);
    }
    blocks.push({
      type: 'table',
      columns: [
        { header: t('meetings.agendaDoc.col.number'), width: 1 },
        { header: t('meetings.agendaDoc.col.time'), width: 2.2 },
        { header: t('meetings.agendaDoc.col.item'), width: 7 },
        { header: t('meetings.agendaDoc.col.presenter'), width: 3.3 },
      ],
      rows,
    });
  }

  if (source.attachments.length) {
    const numberOf = new Map(timed.items.map((x) => [x.item.id, x.number]));
    blocks.push({ type: 'heading', level: 1, text: t('meetings.agendaDoc.attachments') });
    blocks.push({
      type: 'list',
      items: source.attachments.map((a) => {
        const number = a.itemId ? numberOf.get(a.itemId) : undefined;
        return number ? t('meetings.agendaDoc.attachmentOf', { file: a.filename, number }) : a.filename;
      }),
    });
  }
  if (meeting.notes?.trim()) {
    blocks.push({ type: 'heading', level: 1, text: t('meetings.agendaDoc.notes') }, { type: 'paragraph', text: meeting.notes.trim() });
  }

  const title = t('meetings.agendaDoc.titleFor', { meeting: meeting.title });
  return {
    title,
    lang: lang === 'en' ? 'en-GB' : 'sv-SE',
    author: body.name,
    subject: `${t('meetings.agendaDoc.title')} ${formatLongDate(meeting.startsAt, lang)}`,
    keywords: [t('meetings.agendaDoc.title'), body.name],
    createdAt: source.now,
    metadata,
    blocks,
    footer: `${t('meetings.agendaDoc.title')} · ${meeting.title} · ${formatLongDate(meeting.startsAt, lang)}`,
    pageLabel: (page, pages) => t('meetings.agendaDoc.page', { page, pages }),
  };
}

/** "Dagordning Chefsgruppen 2026-11-13" as a file name. */
export function agendaFilename(meeting: Pick<Meeting, 'title' | 'startsAt'>, lang: Lang, ext: 'pdf' | 'docx'): string {
  const day = meeting.startsAt.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  return `${translator(lang)('meetings.agendaDoc.title')} ${meeting.title} ${day}.${ext}`.replace(/[\\/:*?"<>|\r\n]+/g, ' ');
}
