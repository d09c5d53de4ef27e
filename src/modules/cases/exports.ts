import { type Lang, translator } from '../../platform/i18n/index.js';
import { formatDate } from '../../platform/time.js';
import type { Block, DocumentModel } from '../../platform/documents/index.js';
import type { Body } from '../structure/schema.js';
import { writeCsv } from '../structure/index.js';
import { phaseNames, phaseOf, phases, type CaseState } from './flow.js';
import { caseRef } from './wording.js';
import type { PlanLine, ReportCase } from './queries/index.js';

/*
 * Exports through the shared document renderer (src/platform/documents): the activity plan
 * as PDF, DOCX and CSV, and the yearly report on the cases and their phases (the same three).
 */

const docLang = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'sv-SE');

function planRows(lines: PlanLine[], lang: Lang, prefix: string): string[][] {
  const t = translator(lang);
  return lines.map((l) => [
    l.caseYear && l.caseNumber ? `${l.title} (${caseRef({ year: l.caseYear, number: l.caseNumber }, prefix)})` : l.title,
    l.goalAreaName ?? '',
    l.ownerName ?? '',
    l.startOn ?? '',
    l.endOn ?? '',
    t(`cases.light.${l.status}`),
  ]);
}

export function planDocument(body: Body, year: number, lines: PlanLine[], lang: Lang, prefix: string): DocumentModel {
  const t = translator(lang);
  const columns = [
    { header: t('cases.plan.activity'), width: 6 },
    { header: t('cases.plan.goalArea'), width: 3 },
    { header: t('cases.plan.owner'), width: 3 },
    { header: t('cases.plan.start'), width: 2 },
    { header: t('cases.plan.end'), width: 2 },
    { header: t('cases.plan.status'), width: 3 },
  ];
  const decided = lines.filter((l) => !l.waiting);
  const waiting = lines.filter((l) => l.waiting);
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: t('cases.plan.decided') },
    decided.length ? { type: 'table', columns, rows: planRows(decided, lang, prefix) } : { type: 'paragraph', text: t('cases.plan.empty'), style: 'muted' },
    { type: 'heading', level: 1, text: t('cases.plan.waitingList') },
    waiting.length ? { type: 'table', columns, rows: planRows(waiting, lang, prefix) } : { type: 'paragraph', text: t('cases.plan.waitingList.empty'), style: 'muted' },
  ];
  return {
    title: t('cases.plan.title', { year, body: body.name }),
    lang: docLang(lang),
    subject: t('cases.plan'),
    keywords: [t('cases.plan'), body.name, String(year)],
    metadata: [
      { label: t('cases.field.body'), value: body.name },
      { label: t('cases.plan.years'), value: String(year) },
    ],
    blocks,
    footer: `Samverka – ${t('cases.plan')} ${year}`,
    pageLabel: (page, pages) => (lang === 'en' ? `Page ${page} of ${pages}` : `Sida ${page} av ${pages}`),
  };
}

/** The activity plan as CSV with a header row (the shared writer: UTF-8 with BOM and semicolons, as Swedish Excel expects). */
export function planCsv(lines: PlanLine[], lang: Lang, prefix: string): string {
  const t = translator(lang);
  const header = [
    t('cases.plan.activity'),
    t('cases.col.ref'),
    t('cases.plan.goalArea'),
    t('cases.plan.owner'),
    t('cases.plan.start'),
    t('cases.plan.end'),
    t('cases.plan.status'),
    t('cases.plan.waitingList'),
  ];
  const rows = lines.map((l) => [
    l.title,
    l.caseYear && l.caseNumber ? caseRef({ year: l.caseYear, number: l.caseNumber }, prefix) : '',
    l.goalAreaName ?? '',
    l.ownerName ?? '',
    l.startOn ?? '',
    l.endOn ?? '',
    t(`cases.light.${l.status}`),
    l.waiting ? t('cases.yes') : t('cases.no'),
  ]);
  return writeCsv([header, ...rows]);
}

/** The yearly report as CSV: one row per case, in the report's order, with its phase, step and latest status report. */
export function yearlyReportCsv(items: ReportCase[], lang: Lang, prefix: string): string {
  const t = translator(lang);
  const header = [
    t('cases.col.ref'),
    t('cases.col.title'),
    t('cases.col.phase'),
    t('cases.col.state'),
    t('cases.field.raisedBy'),
    t('cases.field.organisation'),
    t('cases.col.raised'),
    t('cases.report.col.closed'),
    t('cases.report.workingGroup'),
    t('cases.report.col.reportedOn'),
    t('cases.report.col.reportStatus'),
    t('cases.report.lastReport'),
  ];
  const rows = items.map((c) => [
    caseRef(c, prefix),
    c.title,
    t(`cases.phase.${phaseOf(c.state)}`),
    t(`cases.state.${c.state}`),
    c.raisedByName,
    c.raisedByOrganisationName,
    c.raisedOn,
    c.closedAt ? formatDate(c.closedAt) : '',
    c.workingGroupName,
    c.lastReport?.reportedOn,
    c.lastReport ? t(`cases.light.${c.lastReport.status}`) : '',
    c.lastReport?.text,
  ]);
  return writeCsv([header, ...rows]);
}

/** The yearly report to the commissioning body: every case and the phase it is in. */
export function yearlyReportDocument(body: Body, commissioner: string | null, year: number, items: ReportCase[], lang: Lang, prefix: string): DocumentModel {
  const t = translator(lang);
  const blocks: Block[] = [
    { type: 'paragraph', text: commissioner ? t('cases.report.yearlyIntro', { commissioner }) : t('cases.report.yearlyIntroTop') },
    { type: 'heading', level: 1, text: t('cases.report.summary') },
    {
      type: 'table',
      columns: [
        { header: t('cases.col.phase'), width: 3 },
        { header: t('cases.col.count'), width: 1, align: 'right' },
      ],
      rows: phaseNames.map((p) => [t(`cases.phase.${p}`), String(items.filter((c) => phaseOf(c.state) === p).length)]),
    },
  ];
  if (!items.length) blocks.push({ type: 'paragraph', text: t('cases.report.none'), style: 'muted' });
  for (const phase of phaseNames) {
    const inPhase = items.filter((c) => (phases[phase] as readonly CaseState[]).includes(c.state));
    if (!inPhase.length) continue;
    blocks.push({ type: 'heading', level: 1, text: t(`cases.phase.${phase}`) });
    blocks.push({
      type: 'table',
      columns: [
        { header: t('cases.col.ref'), width: 2 },
        { header: t('cases.col.title'), width: 5 },
        { header: t('cases.col.state'), width: 3 },
        { header: t('cases.report.lastReport'), width: 5 },
      ],
      rows: inPhase.map((c) => [
        caseRef(c, prefix),
        `${c.title}\n${c.raisedByOrganisationName ? `${c.raisedByName}, ${c.raisedByOrganisationName}` : c.raisedByName} ${c.raisedOn}`,
        `${t(`cases.state.${c.state}`)}${c.closedAt ? `\n${t('cases.report.closedOn', { date: formatDate(c.closedAt) })}` : ''}${c.workingGroupName ? `\n${t('cases.report.workingGroup')}: ${c.workingGroupName}` : ''}`,
        c.lastReport ? `${c.lastReport.reportedOn} ${t(`cases.light.${c.lastReport.status}`)}\n${c.lastReport.text}` : '',
      ]),
    });
  }
  return {
    title: t('cases.report.yearlyTitle', { year, body: body.name }),
    lang: docLang(lang),
    subject: t('cases.report.yearly'),
    keywords: [t('cases.report.yearly'), body.name, String(year)],
    metadata: [
      { label: t('cases.field.body'), value: body.name },
      { label: t('cases.plan.years'), value: String(year) },
      ...(commissioner ? [{ label: t('cases.report.commissioner'), value: commissioner }] : []),
    ],
    blocks,
    footer: `Samverka – ${t('cases.report.yearly')} ${year}`,
    pageLabel: (page, pages) => (lang === 'en' ? `Page ${page} of ${pages}` : `Sida ${page} av ${pages}`),
  };
}
