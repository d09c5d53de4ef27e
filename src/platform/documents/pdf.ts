import PDFDocument from 'pdfkit';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Block, DocumentModel, TableColumn } from './model.js';
import { parsedFont } from './fonts.js';

/**
 * Renders a document model to PDF with pdfkit: A4, Inter embedded (WOFF; pdfkit cannot
 * subset WOFF2) so every font is in the file as PDF/A-2b asks, PDF/A-2b metadata (pdfkit
 * writes it, it does not validate it), a tagged structure tree (headings, paragraphs,
 * lists, tables; page numbers as pagination artifacts), the document language and title.
 *
 * Limitation: the Latin subset of Inter covers Swedish, the other Nordic and the Western
 * European languages; a character outside it (e.g. Polish ł) is drawn as an empty box.
 */

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('@fontsource/inter/package.json')), 'files');
const PDF_FONTS = {
  regular: join(fontDir, 'inter-latin-400-normal.woff'),
  bold: join(fontDir, 'inter-latin-700-normal.woff'),
};

const MARGIN = 56; // 2 cm
const FOOTER_SPACE = 28;
const SIZE = { title: 20, h1: 16, h2: 13, h3: 11.5, body: 10.5, small: 8.5 };
const MUTED = '#4a4a4a';

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const createdAt = model.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: model.lang,
    displayTitle: true,
    bufferPages: true,
    // No default font: pdfkit's would be Helvetica (not embedded), and one given here could
    // not be found again by name (see below).
    font: null as unknown as string,
    info: {
      Title: model.title,
      ...(model.author ? { Author: model.author } : {}),
      ...(model.subject ? { Subject: model.subject } : {}),
      ...(model.keywords?.length ? { Keywords: model.keywords.join(', ') } : {}),
      Creator: 'Samverka',
      Producer: 'Samverka (pdfkit)',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('Inter', parsedFont(PDF_FONTS.regular));
  doc.registerFont('Inter-Bold', parsedFont(PDF_FONTS.bold));
  // The fonts go by these names everywhere, so that pdfkit finds them in its cache. (pdfkit
  // parses a font again on every switch to a name it has not cached, and it does not cache a
  // name when a font of the same PostScript name is already loaded, e.g. as the default font.)
  doc.font('Inter');

  const root = doc.struct('Document');
  doc.addStructure(root);

  heading(doc, root, 1, model.title, SIZE.title);
  if (model.metadata?.length) {
    table(
      doc,
      root,
      [
        { header: '', width: 1 },
        { header: '', width: 3 },
      ],
      model.metadata.map((m) => [m.label, m.value]),
      { labelsInFirstColumn: true },
    );
  }
  for (const block of model.blocks) renderBlock(doc, root, block);

  addFooters(doc, model);
  root.end();
  doc.end();
  return done;
}

function renderBlock(doc: Doc, root: Struct, block: Block): void {
  switch (block.type) {
    case 'heading':
      heading(doc, root, block.level + 1, block.text, block.level === 1 ? SIZE.h1 : block.level === 2 ? SIZE.h2 : SIZE.h3);
      return;
    case 'paragraph':
      doc
        .font('Inter')
        .fontSize(SIZE.body)
        .fillColor(block.style === 'muted' ? MUTED : 'black')
        .text(block.text, { structParent: root, structType: 'P', lineGap: 2, paragraphGap: 6 });
      doc.fillColor('black');
      return;
    case 'list': {
      if (block.items.length === 0) return;
      doc.font('Inter').fontSize(SIZE.body);
      const list = doc.struct('L');
      root.add(list);
      doc.list(block.items, { structParent: list, listType: block.ordered ? 'numbered' : 'bullet', bulletRadius: 2, textIndent: 14, lineGap: 2 });
      list.end();
      doc.moveDown(0.5);
      return;
    }
    case 'table':
      if (block.caption) {
        doc.font('Inter-Bold').fontSize(SIZE.body).text(block.caption, { structParent: root, structType: 'Caption', paragraphGap: 4 });
      }
      table(doc, root, block.columns, block.rows, { header: true });
      return;
  }
}

function heading(doc: Doc, root: Struct, level: number, text: string, size: number): void {
  const tag = `H${Math.min(level, 6)}`;
  if (level > 1) doc.moveDown(0.6);
  doc.font('Inter-Bold').fontSize(size).fillColor('black').text(text, { structParent: root, structType: tag, paragraphGap: 6 });
  doc.font('Inter').fontSize(SIZE.body);
}

function table(doc: Doc, root: Struct, columns: TableColumn[], rows: string[][], options: { header?: boolean; labelsInFirstColumn?: boolean }): void {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
  const widths = columns.map((c) => (width * (c.width ?? 1)) / total);
  // [top, right, bottom, left]: rules under the rows only.
  const border = options.labelsInFirstColumn ? [0, 0, 0, 0] : [0, 0, 0.5, 0];
  const data = [
    ...(options.header ? [columns.map((c) => ({ text: c.header, type: 'TH' as const, font: { src: 'Inter-Bold' }, border: [0, 0, 1, 0], align: { x: c.align ?? 'left' } }))] : []),
    ...rows.map((row) =>
      row.map((text, i) => ({
        text,
        type: options.labelsInFirstColumn && i === 0 ? ('TH' as const) : ('TD' as const),
        font: { src: options.labelsInFirstColumn && i === 0 ? 'Inter-Bold' : 'Inter' },
        border,
        align: { x: columns[i]?.align ?? 'left' },
      })),
    ),
  ];
  doc.font('Inter').fontSize(SIZE.body);
  // structParent is supported by pdfkit's table but missing from its type definitions.
  doc.table({
    data,
    columnStyles: widths,
    defaultStyle: { border, borderColor: '#888888', padding: [3, 8, 3, 0] },
    position: { x: doc.page.margins.left },
    structParent: root,
  } as Parameters<Doc['table']>[0] & { data: unknown[] });
  doc.x = doc.page.margins.left;
  doc.moveDown(0.6);
}

/** Footer text and "page n of m" on every page, marked as pagination artifacts. */
function addFooters(doc: Doc, model: DocumentModel): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the bottom margin must not add a page
    const y = doc.page.height - MARGIN - SIZE.small;
    const width = doc.page.width - 2 * MARGIN;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('Inter').fontSize(SIZE.small).fillColor(MUTED);
    if (model.footer) doc.text(model.footer, MARGIN, y, { width, align: 'left', lineBreak: false });
    const label = model.pageLabel ? model.pageLabel(i + 1, range.count) : `${i + 1} / ${range.count}`;
    doc.text(label, MARGIN, y, { width, align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}
