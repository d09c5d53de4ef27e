import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  NoBreakHyphen,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { unbreakableSpans, type Block, type DocumentModel, type TableColumn } from './model.js';

/**
 * Renders a document model to DOCX with `docx`: real Word headings (so the navigation
 * pane and screen readers see the outline), numbered and bulleted lists, tables with a
 * repeated header row, the document language on every run, title and author properties,
 * and a footer with "Sida N av M" (Word's PAGE and NUMPAGES fields, in the model's words).
 * Headings are kept with the paragraph after them (keepNext); a date or time is not broken
 * over lines (its spaces non-breaking, its hyphens Word's non-breaking hyphens).
 */

const FONT = 'Calibri';
const NUMBERED = 'samverka-numbered';
const BULLETED = 'samverka-bulleted';
const CONTENT_WIDTH_TWIPS = 9026; // A4 (11906) minus 2 × 2.54 cm margins (1440 each)

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [new Paragraph({ heading: HeadingLevel.TITLE, keepNext: true, children: [run(model.title)] })];
  if (model.metadata?.length) {
    children.push(
      table(
        [
          { header: '', width: 1 },
          { header: '', width: 3 },
        ],
        model.metadata.map((m) => [m.label, m.value]),
        { labelsInFirstColumn: true },
      ),
      new Paragraph({}),
    );
  }
  let listInstance = 0;
  for (const block of model.blocks) {
    if (block.type === 'list') listInstance++;
    children.push(...renderBlock(block, listInstance));
  }

  const footerRuns: ParagraphChild[] = [];
  if (model.footer) footerRuns.push(new TextRun(`${model.footer}    `));
  footerRuns.push(new TextRun({ children: pageLabelRun(model) }));

  const createdAt = model.createdAt ?? new Date();
  const document = new Document({
    title: model.title,
    creator: model.author ?? 'Samverka',
    lastModifiedBy: 'Samverka',
    ...(model.subject ? { subject: model.subject } : {}),
    ...(model.keywords?.length ? { keywords: model.keywords.join(', ') } : {}),
    description: model.title,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: { value: model.lang } } },
        title: { run: { font: FONT, size: 40, bold: true, language: { value: model.lang } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, color: '000000' }, paragraph: { spacing: { before: 200, after: 100 } } },
        heading3: { run: { font: FONT, size: 23, bold: true, color: '000000' }, paragraph: { spacing: { before: 160, after: 80 } } },
      },
    },
    numbering: {
      config: [
        { reference: NUMBERED, levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }] },
        { reference: BULLETED, levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 360, hanging: 360 } } } }] },
      ],
    },
    customProperties: [{ name: 'Created', value: createdAt.toISOString() }],
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: footerRuns })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

const PAGE = 1_000_003;
const PAGES = 2_000_003;

/**
 * The model's page label ("Sida 1 av 3", "Page 1 of 3") with Word's PAGE and NUMPAGES fields
 * where the numbers go: the label is asked for with two marker numbers and split around them.
 */
function pageLabelRun(model: DocumentModel): (string | (typeof PageNumber)[keyof typeof PageNumber])[] {
  const label = model.pageLabel ? model.pageLabel(PAGE, PAGES) : `${PAGE} / ${PAGES}`;
  const out: (string | (typeof PageNumber)[keyof typeof PageNumber])[] = [];
  for (const part of label.split(new RegExp(`(${PAGE}|${PAGES})`))) {
    if (part === String(PAGE)) out.push(PageNumber.CURRENT);
    else if (part === String(PAGES)) out.push(PageNumber.TOTAL_PAGES);
    else if (part) out.push(part);
  }
  return out;
}

/**
 * A text as runs' children in which dates and times do not break: their spaces become
 * no-break spaces and their hyphens Word's non-breaking hyphens (Word breaks after "-"
 * even between digits, "2026-11-|13").
 */
function unbreakable(text: string): (string | NoBreakHyphen)[] {
  const spans = unbreakableSpans(text);
  if (!spans.length) return [text];
  const out: (string | NoBreakHyphen)[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start > at) out.push(text.slice(at, start));
    text
      .slice(start, end)
      .replace(/ /g, '\u00a0')
      .split('-')
      .forEach((piece, i) => {
        if (i > 0) out.push(new NoBreakHyphen());
        if (piece) out.push(piece);
      });
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** A run of text with dates kept whole (see unbreakable). */
function run(text: string, options: Omit<IRunOptions, 'text' | 'children'> = {}): TextRun {
  return new TextRun({ ...options, children: unbreakable(text) });
}

function renderBlock(block: Block, listInstance: number): (Paragraph | Table)[] {
  switch (block.type) {
    case 'heading':
      return [
        new Paragraph({
          heading: block.level === 1 ? HeadingLevel.HEADING_1 : block.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3,
          keepNext: true,
          keepLines: true,
          children: [run(block.text)],
        }),
      ];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 120 }, children: [run(block.text, block.style === 'muted' ? { color: '4A4A4A' } : {})] })];
    case 'list':
      return block.items.map(
        (item) =>
          new Paragraph({
            numbering: { reference: block.ordered ? NUMBERED : BULLETED, level: 0, instance: listInstance },
            children: [run(item)],
          }),
      );
    case 'table':
      return [
        ...(block.caption ? [new Paragraph({ keepNext: true, keepLines: true, children: [run(block.caption, { bold: true })] })] : []),
        table(block.columns, block.rows, { header: true }),
        new Paragraph({}),
      ];
  }
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '888888' };
const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function table(columns: TableColumn[], rows: string[][], options: { header?: boolean; labelsInFirstColumn?: boolean }): Table {
  const total = columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
  const widths = columns.map((c) => Math.round((CONTENT_WIDTH_TWIPS * (c.width ?? 1)) / total));
  const borders = options.labelsInFirstColumn
    ? { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none }
    : { top: none, bottom: thin, left: none, right: none, insideHorizontal: thin, insideVertical: none };
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 0, right: 80 },
      // One paragraph per line, so line breaks in a cell survive.
      children: text.split('\n').map(
        (line) =>
          new Paragraph({
            alignment: columns[i]?.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
            children: [run(line, { bold })],
          }),
      ),
    });
  const header = options.header ? [new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.header, i, true)) })] : [];
  return new Table({
    width: { size: CONTENT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    borders,
    rows: [...header, ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i, !!options.labelsInFirstColumn && i === 0)) }))],
  });
}
