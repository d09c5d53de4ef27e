import type { Block, DocumentModel } from '../../platform/documents/index.js';
import { translator, type Lang, type MessageKey } from '../../platform/i18n/index.js';
import { formatDateTime, formatLongDate } from '../../platform/time.js';
import { stockholmInstant } from '../../platform/time.js';
import { isDecisionOutcome } from './decisions.js';
import { markdownToPlain } from '../../platform/views/markdown.js';
import { withoutAtt, type MinutesSnapshot, type SnapshotAbsent, type SnapshotAttendee, type SnapshotItem } from './snapshot.js';
import { caseStepLabel } from './case-subjects.js';
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

/** "13:00–16:00", or that the time is not recorded. */
export function timeText(s: MinutesSnapshot, t: T): string {
  return s.meeting.timesKnown ? `${s.meeting.startTime}–${s.meeting.endTime}` : t('minutes.header.timeNotKnown');
}

/** "fredag 13 november 2020" (and the last day of a meeting over several days). */
export function meetingDate(s: MinutesSnapshot, lang: Lang): string {
  const day = (d: string) => formatLongDate(stockholmInstant(d, '12:00'), lang);
  return s.meeting.endDate ? `${day(s.meeting.date)} – ${day(s.meeting.endDate)}` : day(s.meeting.date);
}

type T = ReturnType<typeof translator>;

/** "Anna Berg och Per Ek (Länsstyrelsen)": the presenters in order, an external with their organisation. */
export function presentersText(presenters: SnapshotItem['presenters'], t: T): string {
  const names = presenters.map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${t('minutes.item.and')} ${names.at(-1)}` : (names[0] ?? '');
}

/** The note on an attendance line: whom a substitute stands in for, guest, adjunct, digital. */
export function attendeeNote(p: SnapshotAttendee, t: T): string {
  return [
    p.substituteFor ? t('minutes.attendance.substituteFor', { name: p.substituteFor }) : null,
    p.guest ? t('minutes.attendance.guest') : null,
    p.adjunct ? t('minutes.attendance.adjunct') : null,
    p.digital ? t('minutes.attendance.digital') : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** The note on an absent member's line: excused, and whether views were sent in advance. */
export function absentNote(a: SnapshotAbsent, t: T): string {
  return [a.excused ? t('minutes.attendance.excused') : null, a.viewsInAdvance ? t('minutes.attendance.viewsSent') : t('minutes.attendance.noViews')].filter(Boolean).join(', ');
}

/** The attendance rows as page and documents show them: name, organisation, seat, note (vacant seats as "Vakant"). */
export function attendanceRows(s: MinutesSnapshot, t: T): string[][] {
  return [...s.present.map((p) => [p.name, p.organisation, p.seat ?? '', attendeeNote(p, t)]), ...s.vacant.map((v) => [t('minutes.attendance.vacant'), v.organisation, v.seat, ''])];
}

/** The label over an item's outcome: "Beslut SAMS 2026:12: Bifalls", "Sammanfattning: …", "Utfall: Informationen noteras". */
export function outcomeHeading(item: Pick<SnapshotItem, 'outcome' | 'decisionNumber'>, t: T): string | null {
  if (!item.outcome) return null;
  const label = isDecisionOutcome(item.outcome)
    ? item.decisionNumber
      ? t('minutes.item.decisionNumbered', { number: item.decisionNumber })
      : t('minutes.item.decision')
    : item.outcome === 'concluded_no_decision'
      ? t('minutes.item.conclusion')
      : t('minutes.item.outcome');
  return t('minutes.item.outcomeLabel', { label, outcome: t(outcomeKey(item.outcome)) });
}

/** An "att"-clause as printed: "Att godkänna …", never "Att att godkänna …". */
export const attClause = (clause: string, t: T) => t('minutes.item.att', { clause: withoutAtt(clause) });

export function actionText(a: SnapshotItem['actions'][number], t: T): string {
  return [a.title, a.owner, a.due ? `${t('minutes.action.due').toLowerCase()} ${a.due}` : null, a.done ? t('minutes.action.status.done').toLowerCase() : null, a.doneNote].filter(Boolean).join(' – ');
}

/** The main items' sections in order, each with its items (sub-items follow their parent). */
export function sectionsOf(items: SnapshotItem[]): { section: string | null; items: SnapshotItem[] }[] {
  const out: { section: string | null; items: SnapshotItem[] }[] = [];
  for (const item of items) {
    const last = out.at(-1);
    if (item.parentId && last) last.items.push(item);
    else if (last && last.section === item.section) last.items.push(item);
    else out.push({ section: item.section, items: [item] });
  }
  return out;
}

function itemBlocks(item: SnapshotItem, t: T, lang: Lang, level: 2 | 3): Block[] {
  const blocks: Block[] = [{ type: 'heading', level, text: `${item.number}. ${item.title}${item.internal ? ` (${t('minutes.item.internalTag')})` : ''}` }];
  if (item.case) blocks.push({ type: 'paragraph', text: t('minutes.item.caseRef', { ref: item.case.ref, title: item.case.title }) });
  if (item.presenters.length) blocks.push({ type: 'paragraph', text: t('minutes.item.presents', { name: presentersText(item.presenters, t) }) });
  if (item.description) blocks.push(...textBlocks(item.description));
  if (item.attachments.length) blocks.push({ type: 'paragraph', text: `${t('minutes.item.attachments')}: ${item.attachments.map((a) => a.filename).join(', ')}` });
  for (const v of item.viewsInAdvance) blocks.push({ type: 'paragraph', text: `${t('minutes.item.viewsFrom', { name: v.name })}: ${v.views}` });
  blocks.push(...textBlocks(item.notes));
  if (item.questions) blocks.push({ type: 'heading', level: 3, text: t('minutes.item.questions') }, ...textBlocks(item.questions));
  if (item.proposal.length) {
    blocks.push({ type: 'heading', level: 3, text: t('minutes.item.proposal') }, { type: 'list', items: item.proposal.map((c) => attClause(c, t)) });
  }
  const heading = outcomeHeading(item, t);
  if (heading) {
    blocks.push({ type: 'heading', level: 3, text: heading });
    if (item.decisionText?.trim()) blocks.push({ type: 'paragraph', text: item.decisionText.trim() });
  } else if (item.decisionText) {
    blocks.push({ type: 'paragraph', text: item.decisionText });
  }
  if (item.caseTransition) blocks.push({ type: 'paragraph', text: t('minutes.item.caseStep', { step: caseStepLabel(item.caseTransition, lang) }) });
  if (item.condition) blocks.push({ type: 'paragraph', text: `${t('minutes.action.condition')}: ${item.condition}` });
  const actions = item.actions.filter((a) => a.title !== item.condition || a.done || a.doneNote);
  if (actions.length) blocks.push({ type: 'list', items: actions.map((a) => actionText(a, t)) });
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
  const rows = attendanceRows(s, t);
  const columns = [
    { header: t('minutes.attendance.name'), width: 3 },
    { header: t('minutes.attendance.organisation'), width: 3 },
    { header: t('minutes.attendance.seat'), width: 3 },
    { header: t('minutes.attendance.note'), width: 2 },
  ];
  if (rows.length) blocks.push({ type: 'table', columns, rows });
  else blocks.push({ type: 'paragraph', text: t('minutes.attendance.none'), style: 'muted' });
  if (s.absent.length) {
    blocks.push({ type: 'heading', level: 2, text: t('minutes.attendance.absent') }, { type: 'table', columns, rows: s.absent.map((a) => [a.name, a.organisation, a.seat ?? '', absentNote(a, t)]) });
    const views = s.absent.filter((a) => a.viewsInAdvance);
    if (views.length) blocks.push({ type: 'heading', level: 3, text: t('minutes.attendance.views') }, ...views.map((a) => ({ type: 'paragraph' as const, text: `${a.name}: ${a.viewsInAdvance}` })));
  }
  blocks.push(...textBlocks(s.preamble));

  blocks.push({ type: 'heading', level: 1, text: t('minutes.items') });
  for (const group of sectionsOf(s.items)) {
    if (group.section) blocks.push({ type: 'heading', level: 2, text: group.section });
    for (const item of group.items) blocks.push(...itemBlocks(item, t, lang, group.section ? 3 : 2));
  }

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
    ...(s.meeting.title.trim() && s.meeting.title.trim() !== s.body.name ? [{ label: t('minutes.header.meeting'), value: s.meeting.title }] : []),
    { label: t('minutes.header.date'), value: meetingDate(s, lang) },
    { label: t('minutes.header.time'), value: timeText(s, t) },
    ...(s.meeting.place ? [{ label: t('minutes.header.place'), value: s.meeting.place }] : []),
    { label: t('minutes.header.format'), value: t(`meetings.format.${s.meeting.format}`) },
    ...(s.meeting.jointBodies.length ? [{ label: t('minutes.header.jointWith'), value: s.meeting.jointBodies.join(', ') }] : []),
    ...(s.noteTakers.length ? [{ label: t('minutes.header.secretary'), value: s.noteTakers.join(', ') }] : []),
    ...(s.chair ? [{ label: t('minutes.header.chair'), value: s.chairInPlaceOf ? `${s.chair} (${t('minutes.header.chairInPlaceOf', { name: s.chairInPlaceOf })})` : s.chair }] : []),
    ...(s.viceChair ? [{ label: t('minutes.header.viceChair'), value: s.viceChair }] : []),
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
