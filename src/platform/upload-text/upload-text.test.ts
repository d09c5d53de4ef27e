import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import JSZip from 'jszip';
import { Document, Footer, FootnoteReferenceRun, Header, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { checkUploadText, uploadText, UPLOAD_TEXT_LIMITS } from './index.js';

/** A real PDF written by pdfkit, one page per entry. */
async function pdf(pages: string[], options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  pages.forEach((text, i) => {
    if (i > 0) doc.addPage();
    doc.text(text);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A real DOCX written by the docx package. */
function docx(options: { body: (Paragraph | Table)[]; header?: string; footer?: string; footnote?: string }): Promise<Buffer> {
  const document = new Document({
    ...(options.footnote ? { footnotes: { 1: { children: [new Paragraph(options.footnote)] } } } : {}),
    sections: [
      {
        ...(options.header ? { headers: { default: new Header({ children: [new Paragraph(options.header)] }) } } : {}),
        ...(options.footer ? { footers: { default: new Footer({ children: [new Paragraph(options.footer)] }) } } : {}),
        children: [...options.body, ...(options.footnote ? [new Paragraph({ children: [new TextRun('Se fotnoten'), new FootnoteReferenceRun(1)] })] : [])],
      },
    ],
  });
  return Packer.toBuffer(document);
}

async function zip(files: Record<string, string | Buffer>): Promise<Buffer> {
  const z = new JSZip();
  for (const [name, content] of Object.entries(files)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const found = async (...args: Parameters<typeof checkUploadText>) => {
  const check = await checkUploadText(...args);
  return check.ok ? [] : check.reason === 'identityNumber' ? check.found.map((f) => f.match) : [check.reason];
};

describe('the text of uploaded files', () => {
  it('reads a PDF and finds a number written with spaces around the hyphen, on any page', async () => {
    expect(await found('pdf', await pdf(['Lägesbild vecka 45', 'Gäller 121212 - 1212 som ringde.']))).toEqual(['121212 - 1212']);
    const clean = await pdf(['Lägesbild vecka 45: 12 fall, möte 2024-12-12 kl. 09.00–12.00, ring 070-123 45 67.']);
    expect(await found('pdf', clean)).toEqual([]);
    expect(await uploadText('pdf', clean)).toEqual({ ok: true, text: expect.stringContaining('Lägesbild vecka 45') });
  });

  it('refuses a PDF it cannot read: encrypted, broken, past the page limit or too slow', async () => {
    expect(await found('pdf', await pdf(['121212-1212'], { userPassword: 'hemligt' }))).toEqual(['unreadable']);
    expect(await found('pdf', Buffer.from('%PDF-1.7\n1 0 obj <<'))).toEqual(['unreadable']);
    expect(await found('pdf', await pdf(['ett', 'två', 'tre']), { ...UPLOAD_TEXT_LIMITS, maxPages: 2 })).toEqual(['tooLarge']);
    expect(await found('pdf', await pdf(['ett', 'två']), { ...UPLOAD_TEXT_LIMITS, maxChars: 4 })).toEqual(['tooLarge']);
    expect(await found('pdf', await pdf(['ett']), { ...UPLOAD_TEXT_LIMITS, timeoutMs: 1 })).toEqual(['timeout']);
  });

  it('reads several PDFs sent at once, a few at a time, each with its own answer', async () => {
    const files = await Promise.all([0, 1, 2, 3, 4].map((i) => pdf([i === 3 ? 'Avser 121212-1212' : `Bilaga ${i}`])));
    const answers = await Promise.all(files.map((f) => found('pdf', f)));
    expect(answers).toEqual([[], [], [], ['121212-1212'], []]);
  });

  it('reads a DOCX: body, runs split inside a number, header, footer and footnotes', async () => {
    expect(await found('docx', await docx({ body: [new Paragraph({ children: [new TextRun('Patient 1912'), new TextRun({ text: '1212-1212', bold: true })] })] }))).toEqual(['19121212-1212']);
    expect(await found('docx', await docx({ body: [new Paragraph('Dagordning')], header: 'Avser 121212-1212' }))).toEqual(['121212-1212']);
    expect(await found('docx', await docx({ body: [new Paragraph('Dagordning')], footer: 'Avser 1212121212' }))).toEqual(['1212121212']);
    expect(await found('docx', await docx({ body: [new Paragraph('Dagordning')], footnote: 'Gäller 121212 - 1212' }))).toEqual(['121212 - 1212']);
  });

  it('keeps paragraphs and table cells apart, so numbers in different cells never join into one', async () => {
    const table = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('121212')] }), new TableCell({ children: [new Paragraph('1212')] })] })] });
    expect(await found('docx', await docx({ body: [table, new Paragraph('121212'), new Paragraph('1212')] }))).toEqual([]);
    const text = await uploadText('docx', await docx({ body: [new Paragraph('Första stycket &amp; <mer>'), new Paragraph('Andra')] }));
    expect(text).toEqual({ ok: true, text: expect.stringContaining('Första stycket &amp; <mer>\nAndra') });
  });

  it('reads spreadsheets and presentations, cell by cell', async () => {
    const xlsx = await zip({
      'xl/sharedStrings.xml': '<sst><si><t>Namn</t></si><si><t>121212-1212</t></si></sst>',
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row><c><v>121212</v></c><c><v>1212</v></c></row></sheetData></worksheet>',
    });
    expect(await found('xlsx', xlsx)).toEqual(['121212-1212']);
    const cellsOnly = await zip({ 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row><c><v>121212</v></c><c><v>1212</v></c></row></sheetData></worksheet>' });
    expect(await found('xlsx', cellsOnly)).toEqual([]);
    const pptx = await zip({ 'ppt/slides/slide1.xml': '<p:sld><a:p><a:r><a:t>Om 121212</a:t></a:r><a:r><a:t>-1212</a:t></a:r></a:p></p:sld>' });
    expect(await found('pptx', pptx)).toEqual(['121212-1212']);
  });

  it('stops a zip bomb at the inflated-size cap and refuses broken archives', async () => {
    const bomb = await zip({ 'word/document.xml': Buffer.alloc(8 * 1024 * 1024, 0x41) });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await found('docx', bomb, { ...UPLOAD_TEXT_LIMITS, maxInflatedBytes: 1024 * 1024 })).toEqual(['tooLarge']);
    expect(await found('docx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100, 1)]))).toEqual(['unreadable']);
  });

  it('decodes text files as UTF-8 or Windows-1252', async () => {
    expect(await found('txt', Buffer.from('Åsa, 121212 - 1212', 'utf8'))).toEqual(['121212 - 1212']);
    const latin1 = Buffer.from('Åsa Öberg, 19121212-1212', 'latin1');
    expect(await uploadText('csv', latin1)).toEqual({ ok: true, text: 'Åsa Öberg, 19121212-1212' });
    expect(await found('csv', latin1)).toEqual(['19121212-1212']);
    expect(await found('image', Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toEqual([]);
  });
});
