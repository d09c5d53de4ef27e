import type { Block, DocumentModel } from '../../platform/documents/index.js';
import { translator, type Lang, type MessageKey } from '../../platform/i18n/index.js';
import { formatDateTime, formatLongDate } from '../../platform/time.js';
import { stockholmInstant } from '../../platform/time.js';
import { isDecisionOutcome } from './decisions.js';
import { markdownToPlain } from '../../platform/views/markdown.js';
import type { MinutesSnapshot, SnapshotItem } from './snapshot.js';
import type { MinuteOutcome, MinutesStatus, VersionApprover, VersionChange } from './schema.js';

/*
 * Minutes as a document in the layout of a Swedish protocol: header with body, date, time,
 * place and secretary; attendance grouped by organisation with substitutes; numbered
 * items with presenter, notes, questions, proposals ("Att …") and decisions; evaluation;
 * next meetings; "Vid anteckningarna"; approvals with the SHA-256 digest. One model, rendered
 * to PDF and DOCX by the platform's document renderer.
 */

export interface DocumentVersion {
  number: number;
  status: MinutesStatus;
  sha256: string;
  lockedAt: Date;
  approvers: VersionApprover[];
  changes: VersionChange[];
  reason: string | null;
}

interface MinutesDocumentOptions {
  lang: Lang;
  /** The locked version the content is; absent for the current draft. */
  version?: DocumentVersion | undefined;
  /** The status of the draft (for its watermark). */
  status?: MinutesStatus;
}

function textBlocks(source: string | null | undefined): Block[] {
  return markdownToPlain(source).map((b) => (b.type === 'paragraph' ? { type: 'paragraph', text: b.lines.join('\n') } : { type: 'list', ordered: b.ordered, items: b.items }));
}

export const outcomeKey = (outcome: MinuteOutcome) => `minutes.outcome.${outcome}` as const;

export function kindKey(kind: 'protocol' | 'notes'): MessageKey {
  return kind === 'protocol' ? 'minutes.kind.protocol' : 'minutes.kind.notes';
}

/** "fredag 13 november 2020" (and the last day of a meeting over several days). */
export function meetingDate(s: MinutesSnapshot, lang: Lang): string {
  const day = (d: string) => formatLongDate(stockholmInstant(d, '12:00'), lang);
  return s.meeting.endDate ? `${day(s.meeting.date)} – ${day(s.meeting.endDate)}` : day(s.meeting.date);
}

function itemBlocks(item: SnapshotItem, t: ReturnType<typeof translator>): Block[] {
  const blocks: Block[] = [{ type: 'heading', level: 2, text: `${item.number}. ${item.title}${item.internal ? ` (${t('minutes.item.internalTag')})` : ''}` }];
  if (item.presenter) blocks.push({ type: 'paragraph', text: t('minutes.item.presents', { name: item.presenter }) });
  blocks.push(...textBlocks(item.notes));
  if (item.questions) blocks.push({ type: 'heading', level: 3, text: t('minutes.item.questions') }, ...textBlocks(item.questions));
  if (item.proposal.length) {
    blocks.push({ type: 'heading', level: 3, text: t('minutes.item.proposal') }, { type: 'list', items: item.proposal.map((c) => t('minutes.item.att', { clause: c })) });
  }
  if (item.outcome) {
    const decided = isDecisionOutcome(item.outcome);
    const heading = decided
      ? item.decisionNumber
        ? t('minutes.item.decisionNumbered', { number: item.decisionNumber })
        : t('minutes.item.decision')
      : item.outcome === 'concluded_no_decision'
        ? t('minutes.item.conclusion')
        : null;
    if (heading) blocks.push({ type: 'heading', level: 3, text: heading });
    blocks.push({ type: 'paragraph', text: item.decisionText?.trim() || t(outcomeKey(item.outcome)) });
  } else if (item.decisionText) {
    blocks.push({ type: 'paragraph', text: item.decisionText });
  }
  if (item.condition) blocks.push({ type: 'paragraph', text: `${t('minutes.action.condition')}: ${item.condition}` });
  const actions = item.actions.filter((a) => a.title !== item.condition);
  if (actions.length) {
    blocks.push({
      type: 'list',
      items: actions.map((a) => [a.title, a.owner, a.due ? `${t('minutes.action.due').toLowerCase()} ${a.due}` : null].filter(Boolean).join(' – ')),
    });
  }
  return blocks;
}

export function minutesDocument(s: MinutesSnapshot, options: MinutesDocumentOptions): DocumentModel {
  const { lang, version } = options;
  const t = translator(lang);
  const kind = t(kindKey(s.kind));
  const status = version?.status ?? options.status ?? 'draft';
  const blocks: Block[] = [];
  if (!version) blocks.push({ type: 'paragraph', text: s.kind === 'protocol' ? t('minutes.draftWatermark') : t('minutes.draftWatermarkNotes'), style: 'muted' });

  blocks.push({ type: 'heading', level: 1, text: t('minutes.attendance') });
  if (s.present.length) {
    const rows = s.present.flatMap((g) =>
      g.people.map((p) => {
        const notes = [
          p.substituteFor ? t('minutes.attendance.substituteFor', { name: p.substituteFor }) : null,
          p.guest ? t('minutes.attendance.guest') : null,
          p.adjunct ? t('minutes.attendance.adjunct') : null,
        ].filter(Boolean);
        return [notes.length ? `${p.name} (${notes.join(', ')})` : p.name, g.organisation];
      }),
    );
    blocks.push({
      type: 'table',
      columns: [
        { header: t('minutes.attendance.name'), width: 3 },
        { header: t('minutes.attendance.organisation'), width: 3 },
      ],
      rows,
    });
  } else {
    blocks.push({ type: 'paragraph', text: t('minutes.attendance.none'), style: 'muted' });
  }
  if (s.absent.length) {
    blocks.push(
      { type: 'heading', level: 2, text: t('minutes.attendance.absent') },
      { type: 'list', items: s.absent.map((a) => [a.name, a.organisation || null, a.excused ? t('minutes.attendance.excused') : null].filter(Boolean).join(', ')) },
    );
  }
  blocks.push(...textBlocks(s.preamble));

  blocks.push({ type: 'heading', level: 1, text: t('minutes.items') });
  for (const item of s.items) blocks.push(...itemBlocks(item, t));

  if (s.evaluation) blocks.push({ type: 'heading', level: 1, text: t('minutes.evaluation') }, ...textBlocks(s.evaluation));
  if (s.nextMeetings) blocks.push({ type: 'heading', level: 1, text: t('minutes.header.nextMeetings') }, ...textBlocks(s.nextMeetings));
  if (s.noteTakers.length) blocks.push({ type: 'heading', level: 2, text: t('minutes.header.noteTakers') }, { type: 'paragraph', text: s.noteTakers.join('\n') });

  if (version) {
    blocks.push({ type: 'heading', level: 1, text: s.kind === 'protocol' ? t('minutes.approval') : t('minutes.status.final') });
    if (version.approvers.length) {
      blocks.push({
        type: 'table',
        columns: [
          { header: t('minutes.approval.approver'), width: 3 },
          { header: t('minutes.status'), width: 2 },
          { header: t('minutes.approval.approvedAt'), width: 2 },
        ],
        rows: version.approvers.map((a) => [a.name, t(`minutes.role.${a.role}`), formatDateTime(new Date(a.at))]),
      });
    }
    blocks.push(
      {
        type: 'paragraph',
        text: `${t('minutes.versionOf', { number: version.number })}, ${t(`minutes.status.${version.status}`).toLowerCase()}. ${t('minutes.lockedAt', { when: formatDateTime(version.lockedAt) })}.`,
      },
      { type: 'paragraph', text: `${t('minutes.digest')}: ${version.sha256}` },
      { type: 'paragraph', text: t('minutes.digest.explain'), style: 'muted' },
    );
    if (version.reason) blocks.push({ type: 'paragraph', text: `${t('minutes.correction.reason')}: ${version.reason}` });
    if (version.changes.length) {
      blocks.push({
        type: 'table',
        caption: t('minutes.changes'),
        columns: [
          { header: t('minutes.changes.where'), width: 2 },
          { header: t('minutes.changes.field'), width: 2 },
          { header: t('minutes.changes.before'), width: 3 },
          { header: t('minutes.changes.after'), width: 3 },
        ],
        rows: version.changes.map((c) => [c.where, c.field, c.before ?? '–', c.after ?? '–']),
      });
    }
  }

  const metadata = [
    { label: t('minutes.header.body'), value: s.body.name },
    { label: t('minutes.header.date'), value: meetingDate(s, lang) },
    { label: t('minutes.header.time'), value: `${s.meeting.startTime}–${s.meeting.endTime}` },
    ...(s.meeting.place ? [{ label: t('minutes.header.place'), value: s.meeting.place }] : []),
    ...(s.noteTakers.length ? [{ label: t('minutes.header.secretary'), value: s.noteTakers.join(', ') }] : []),
    ...(s.chair ? [{ label: t('minutes.header.chair'), value: s.chair }] : []),
    ...(s.adjusters.length ? [{ label: t('minutes.header.adjusters'), value: s.adjusters.join(', ') }] : []),
    {
      label: t('minutes.status'),
      value: version ? `${t(`minutes.status.${status}`)}, ${t('minutes.versionOf', { number: version.number }).toLowerCase()}` : t(`minutes.status.${status}`),
    },
  ];

  return {
    title: `${kind} – ${s.body.name}`,
    lang: lang === 'en' ? 'en-GB' : 'sv-SE',
    author: s.noteTakers.join(', ') || undefined,
    subject: `${s.meeting.title} ${s.meeting.date}`,
    keywords: [kind.toLowerCase(), s.body.shortName ?? s.body.name, s.meeting.date],
    createdAt: version?.lockedAt,
    metadata,
    blocks,
    footer: `${kind} ${s.body.shortName ?? s.body.name} ${s.meeting.date}${version ? ` · v${version.number} · SHA-256 ${version.sha256.slice(0, 16)}…` : ''}`,
    pageLabel: (page, pages) => (lang === 'en' ? `Page ${page} of ${pages}` : `Sida ${page} av ${pages}`),
  };
}
