import PDFDocument from 'pdfkit';
import * as pdfkitModule from 'pdfkit';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unbreakableSpans, type Block, type DocumentModel, type TableColumn } from './model.js';
import { parsedFont } from './fonts.js';

/**
 * Renders a document model to PDF with pdfkit: A4, Inter embedded (WOFF; pdfkit cannot
 * subset WOFF2) so every font is in the file as PDF/A-2b asks, PDF/A-2b metadata, a tagged
 * structure tree (headings, paragraphs, lists, tables; page numbers as pagination artifacts),
 * the document language and title.
 *
 * Built to PDF/A-2b, not validated (no validator is at hand): pdfa.test.ts checks what can be
 * checked here (fonts embedded, the XMP identification, Info and XMP alike, the sRGB output
 * intent, no encryption, annotations printable). pdfkit's own XMP is mended in PdfADocument.
 *
 * The font is Fontsource's Latin subset of Inter with its Latin Extended subset merged in, so
 * names such as Łukasz, Šimić or Doğan are drawn (and read back) as written.
 *
 * Lines break at spaces only (not after hyphens or dashes, as pdfkit's Unicode line breaking
 * would), never inside a date or time (model.ts: unbreakableSpans); only a word longer than
 * the line is split. A heading is kept on the page of the text that follows it.
 */

const require = createRequire(import.meta.url);
const fontDir = join(dirname(require.resolve('@fontsource/inter/package.json')), 'files');
/** Each weight: Fontsource's Latin subset of Inter with its Latin Extended subset merged in (fonts.ts). */
const PDF_FONTS = {
  regular: [join(fontDir, 'inter-latin-400-normal.woff'), join(fontDir, 'inter-latin-ext-400-normal.woff')] as const,
  bold: [join(fontDir, 'inter-latin-700-normal.woff'), join(fontDir, 'inter-latin-ext-700-normal.woff')] as const,
};

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

/** XML text (the XMP packet is XML; pdfkit writes the document's title and names into it as they are). */
function xml(text: unknown): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An instant as XMP writes it, to the second in UTC (as pdfkit writes the Info dictionary's dates). */
function xmpDate(d: Date): string {
  return d.toISOString().split('.')[0] + 'Z';
}

interface PdfKitInternals {
  info: Record<string, unknown>;
  metadata: { end(): void; getXML(): string };
  appendXML(xml: string, newline?: boolean): void;
  ref(data: Record<string, unknown>): { compress: boolean; write(data: Uint8Array): void; end(): void };
  _root: { data: Record<string, unknown> };
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown;
}

/**
 * pdfkit's document with its PDF/A parts mended: the XMP packet escapes its text (a title
 * with "&" made it ill-formed), carries xmp:ModifyDate and xmp:MetadataDate for the Info
 * dictionary's ModDate (PDF/A asks that the two agree), and its stream has no stray
 * lower-case "length" key; every annotation is printable (/F 4: pdfkit sets it on links only).
 */
export class PdfADocument extends (PDFDocument as unknown as new (options?: PDFKit.PDFDocumentOptions) => Doc) {
  _addInfo(this: PdfKitInternals): void {
    const info = this.info;
    const created = info.CreationDate as Date;
    const modified = (info.ModDate as Date | undefined) ?? created;
    const parts = [
      `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
      `<xmp:CreateDate>${xmpDate(created)}</xmp:CreateDate>`,
      `<xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate>`,
      `<xmp:MetadataDate>${xmpDate(modified)}</xmp:MetadataDate>`,
      ...(info.Creator ? [`<xmp:CreatorTool>${xml(info.Creator)}</xmp:CreatorTool>`] : []),
      `</rdf:Description>`,
    ];
    if (info.Title || info.Author || info.Subject) {
      parts.push(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`);
      if (info.Title) parts.push(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Title)}</rdf:li></rdf:Alt></dc:title>`);
      if (info.Author) parts.push(`<dc:creator><rdf:Seq><rdf:li>${xml(info.Author)}</rdf:li></rdf:Seq></dc:creator>`);
      if (info.Subject) parts.push(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.Subject)}</rdf:li></rdf:Alt></dc:description>`);
      parts.push(`</rdf:Description>`);
    }
    parts.push(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`);
    if (info.Producer) parts.push(`<pdf:Producer>${xml(info.Producer)}</pdf:Producer>`);
    if (info.Keywords) parts.push(`<pdf:Keywords>${xml(info.Keywords)}</pdf:Keywords>`);
    parts.push(`</rdf:Description>`);
    this.appendXML(parts.join('\n'));
  }

  override endMetadata(this: PdfKitInternals & { _addInfo(): void }): void {
    this._addInfo();
    this.metadata.end();
    const ref = this.ref({ Type: 'Metadata', Subtype: 'XML' });
    ref.compress = false; // PDF/A: the XMP packet stays readable as it is
    ref.write(new TextEncoder().encode(this.metadata.getXML()));
    ref.end();
    this._root.data.Metadata = ref;
  }

  override annotate(x: number, y: number, w: number, h: number, options: PDFKit.Mixins.AnnotationOption): this {
    // Print on, Hidden/Invisible/NoView off (PDF/A-2, 6.3.2).
    const given = (options as { F?: unknown }).F;
    const flags = typeof given === 'number' ? (given | 4) & ~(1 | 2 | 32) : 4;
    (PDFDocument.prototype as unknown as PdfKitInternals).annotate.call(this, x, y, w, h, { ...options, F: flags });
    return this;
  }
}

/* ------------------------------------------------------------------------------------------
 * Line breaking. pdfkit breaks lines wherever Unicode's line breaking allows (after a hyphen
 * or a dash too: "Ann-|Louise", "13:00–|16:00") and splits a word that does not fit what is
 * left of a table cell. Its LineWrapper.eachWord is replaced for PdfADocument's documents by
 * one that breaks at spaces only, keeps dates and times whole (unless one is longer than the
 * line, then it breaks at its spaces), and splits only a word longer than the whole line.
 * ------------------------------------------------------------------------------------------ */

interface Wrapper {
  document: Doc;
  lineWidth: number;
  continuedX: number;
  spaceLeft: number;
  wordWidth(word: string): number;
}
type Break = { position: number; required: boolean };
type WordFn = (word: string, width: number, bk: Break, last: Break | null) => unknown;

const BREAK_SPACE = /[ \t\u200b\u2002-\u2006\u2008-\u200a\u205f\u3000]/;
const NEWLINE = /[\n\r\u2028\u2029\v\f\u0085]/;

/** Where a text may break: after each run of spaces outside a date, after a soft hyphen, and (required) after a line end. */
function spaceBreaks(text: string, keep: [number, number][]): Break[] {
  const kept = (i: number) => keep.some(([a, b]) => i > a && i < b);
  const breaks: Break[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (NEWLINE.test(c)) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      breaks.push({ position: i + 1, required: true });
    } else if (c === '\u00ad') {
      breaks.push({ position: i + 1, required: false });
    } else if (BREAK_SPACE.test(c) && !kept(i)) {
      while (i + 1 < text.length && BREAK_SPACE.test(text[i + 1]!)) i++;
      if (i + 1 < text.length) breaks.push({ position: i + 1, required: false });
    }
  }
  if (!breaks.length || breaks[breaks.length - 1]!.position < text.length) breaks.push({ position: text.length, required: false });
  return breaks;
}

// pdfkit exports its LineWrapper (missing from its type definitions).
const LineWrapper = (pdfkitModule as unknown as { LineWrapper: { prototype: object } }).LineWrapper;
const pdfkitEachWord = (LineWrapper.prototype as unknown as { eachWord(this: Wrapper, text: string, fn: WordFn): void }).eachWord;

/** LineWrapper.eachWord (pdfkit 0.17–0.20) with spaceBreaks for its break opportunities. */
function eachWordAtSpaces(this: Wrapper, text: string, fn: WordFn): void {
  if (!(this.document instanceof PdfADocument)) return pdfkitEachWord.call(this, text, fn);
  const keep = unbreakableSpans(text);
  let breaks = spaceBreaks(text, keep);
  // A date or time longer than the line breaks at its own spaces rather than inside a word.
  if (keep.length) {
    const all = spaceBreaks(text, []);
    let start = 0;
    breaks = breaks.flatMap((bk) => {
      const word = text.slice(start, bk.position);
      const from = start;
      start = bk.position;
      if (this.wordWidth(word) <= this.lineWidth) return [bk];
      return [...all.filter((b) => b.position > from && b.position < bk.position), bk];
    });
  }
  let last: Break | null = null;
  const widths = new Map<string, number>();
  for (const bk of breaks) {
    let shouldContinue: unknown;
    let word = text.slice(last?.position ?? 0, bk.position);
    let w = widths.get(word) ?? this.wordWidth(word);
    widths.set(word, w);
    if (w > this.lineWidth + this.continuedX) {
      // Longer than a whole line: as many characters as fit on each line.
      let lbk: Break | null = last;
      while (word.length) {
        let l: number;
        let mightGrow = false;
        if (w > this.spaceLeft) {
          l = Math.ceil(this.spaceLeft / (w / word.length));
          w = this.wordWidth(word.slice(0, l));
          mightGrow = w <= this.spaceLeft && l < word.length;
        } else {
          l = word.length;
        }
        let mustShrink = w > this.spaceLeft && l > 0;
        while (mustShrink || mightGrow) {
          if (mustShrink) {
            w = this.wordWidth(word.slice(0, --l));
            mustShrink = w > this.spaceLeft && l > 0;
          } else {
            w = this.wordWidth(word.slice(0, ++l));
            mustShrink = w > this.spaceLeft && l > 0;
            mightGrow = w <= this.spaceLeft && l < word.length;
          }
        }
        if (l === 0 && this.spaceLeft === this.lineWidth) l = 1;
        const fbk = { position: bk.position, required: bk.required || l < word.length };
        shouldContinue = fn(word.slice(0, l), w, fbk, lbk);
        lbk = { position: bk.position, required: false };
        word = word.slice(l);
        w = this.wordWidth(word);
        if (shouldContinue === false) break;
      }
    } else {
      shouldContinue = fn(word, w, bk, last);
    }
    if (shouldContinue === false) break;
    last = bk;
  }
}
(LineWrapper.prototype as unknown as { eachWord: typeof eachWordAtSpaces }).eachWord = eachWordAtSpaces;

const MARGIN = 56; // 2 cm
const FOOTER_SPACE = 28;
const SIZE = { title: 20, h1: 16, h2: 13, h3: 11.5, body: 10.5, small: 8.5 };
const MUTED = '#4a4a4a';

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const createdAt = model.createdAt ?? new Date();
  const doc = new PdfADocument({
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
  doc.registerFont('Inter', parsedFont(...PDF_FONTS.regular));
  doc.registerFont('Inter-Bold', parsedFont(...PDF_FONTS.bold));
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
  model.blocks.forEach((block, i) => {
    if (block.type === 'heading' || (block.type === 'table' && block.caption)) keepWithNext(doc, model.blocks, i);
    renderBlock(doc, root, block);
  });

  addFooters(doc, model);
  root.end();
  doc.end();
  return done;
}

function renderBlock(doc: Doc, root: Struct, block: Block): void {
  switch (block.type) {
    case 'heading':
      heading(doc, root, block.level + 1, block.text, headingSize(block.level));
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

const headingSize = (level: 1 | 2 | 3) => (level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3);

/**
 * The height that block i takes before the text after it may go to the next page: a heading
 * with the first lines of what follows it (more headings, two lines of a paragraph, a list's
 * first item, a table's caption, header and first row).
 */
function leadHeight(doc: Doc, blocks: Block[], i: number): number {
  const block = blocks[i];
  if (!block) return 0;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bodyLine = () => doc.font('Inter').fontSize(SIZE.body).currentLineHeight(true) + 2;
  switch (block.type) {
    case 'heading': {
      doc.font('Inter-Bold').fontSize(headingSize(block.level));
      const own = doc.currentLineHeight(true) * 0.6 + doc.heightOfString(block.text, { width }) + 6;
      return own + leadHeight(doc, blocks, i + 1);
    }
    case 'paragraph':
      return Math.min(doc.font('Inter').fontSize(SIZE.body).heightOfString(block.text, { width, lineGap: 2 }), 2 * bodyLine());
    case 'list':
      return block.items.length ? bodyLine() : leadHeight(doc, blocks, i + 1);
    case 'table': {
      const caption = block.caption ? bodyLine() + 4 : 0;
      const total = block.columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
      doc.font('Inter').fontSize(SIZE.body);
      const rowHeight = (cells: string[]) =>
        6 + Math.max(doc.currentLineHeight(true), ...cells.map((text, c) => doc.heightOfString(text, { width: Math.max(1, (width * (block.columns[c]?.width ?? 1)) / total - 8) })));
      return caption + rowHeight(block.columns.map((c) => c.header)) + (block.rows[0] ? rowHeight(block.rows[0]) : 0);
    }
  }
}

/** A new page before block i when it and the start of what follows it do not fit on this one. */
function keepWithNext(doc: Doc, blocks: Block[], i: number): void {
  const top = doc.page.margins.top;
  const need = leadHeight(doc, blocks, i);
  // Not on an empty page, and not when the block with its lead would not fit on any page.
  if (doc.y > top + 1 && doc.y + need > doc.page.maxY() && top + need <= doc.page.maxY()) doc.addPage();
  doc.font('Inter').fontSize(SIZE.body);
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
