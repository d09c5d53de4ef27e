import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { renderPdf, type DocumentModel } from './index.js';
import { PdfADocument } from './pdf.js';
import { pdfFonts, pdfInfo } from '../../../tests/helpers/documents.js';
import { parsePdf, pdfDate, PdfName, PdfRef, PdfString, type PdfDict, type PdfValue } from '../../../tests/helpers/pdf-objects.js';

/*
 * PDF/A-2b as far as it can be checked here (no PDF/A validator is in the registries): the
 * parts of ISO 19005-2 that a document of Samverka's could get wrong, read from the bytes.
 */

const isDict = (v: PdfValue | undefined): v is PdfDict => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof PdfName) && !(v instanceof PdfString) && !(v instanceof PdfRef);
const nameOf = (v: PdfValue | undefined) => (v instanceof PdfName ? v.name : undefined);
const isNumber = (v: PdfValue | undefined): v is number => typeof v === 'number';

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Problems of well-formedness of an XML packet: unbalanced tags, a bare "&" or "<" in text. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/<\?[\s\S]*?\?>/g, '');
  const stack: string[] = [];
  const tag = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(body))) {
    const text = body.slice(at, m.index);
    if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) problems.push(`XMP: bare markup in text "${text.trim().slice(0, 40)}"`);
    at = m.index + m[0].length;
    if (m[1]) {
      if (stack.pop() !== m[2]) problems.push(`XMP: </${m[2]}> closes nothing open`);
    } else if (!m[4]) stack.push(m[2]!);
  }
  if (/<|&(?!(amp|lt|gt|quot|apos);)/.test(body.slice(at))) problems.push('XMP: bare markup after the last tag');
  if (stack.length) problems.push(`XMP: unclosed ${stack.join(', ')}`);
  return problems;
}

/** The text of one XMP property (simple, or the first rdf:li of an Alt/Seq/Bag), unescaped. */
function xmpProperty(xmp: string, name: string): string | undefined {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xmp) ?? new RegExp(`\\s${name}="([^"]*)"`).exec(xmp);
  if (!m) return undefined;
  const li = /<rdf:li(?:\s[^>]*)?>([\s\S]*?)<\/rdf:li>/.exec(m[1]!);
  return unescapeXml((li ? li[1]! : m[1]!).trim());
}

/** What in a PDF goes against PDF/A-2b, of what is checked here (an empty list: nothing found). */
function pdfaProblems(pdf: Buffer): string[] {
  const problems: string[] = [];
  const parsed = parsePdf(pdf);
  const { trailer, get } = parsed;

  // File header: a version, then a comment of at least four bytes above 127 (6.1.2).
  const header = pdf
    .subarray(0, 32)
    .toString('latin1')
    .split(/\r\n|\n|\r/);
  if (!/^%PDF-1\.[4-7]$/.test(header[0]!)) problems.push(`header: ${header[0]}`);
  if (!/^%[\x80-\xff]{4}/.test(header[1] ?? '')) problems.push('header: no binary comment on the second line');

  // Trailer: an ID, no encryption (6.1.3).
  if (trailer.Encrypt !== undefined) problems.push('trailer: the file is encrypted');
  if (!Array.isArray(trailer.ID) || trailer.ID.length !== 2 || !trailer.ID.every((v) => v instanceof PdfString)) problems.push('trailer: no ID of two strings');
  const catalog = get(trailer.Root);
  if (!isDict(catalog)) return [...problems, 'trailer: no catalog'];

  // Fonts: every font program embedded (6.2.11.4).
  for (const object of parsed.objects.values()) {
    const v = object.value;
    if (isDict(v) && nameOf(v.Type) === 'FontDescriptor' && !(v.FontFile || v.FontFile2 || v.FontFile3)) problems.push(`font ${nameOf(v.FontName)}: not embedded`);
    if (isDict(v) && nameOf(v.Type) === 'Font' && ['Type1', 'TrueType', 'CIDFontType2', 'CIDFontType0'].includes(nameOf(v.Subtype) ?? '') && !v.FontDescriptor)
      problems.push(`font ${nameOf(v.BaseFont)}: no font descriptor (a standard font, not embedded)`);
  }

  // Output intent: sRGB, as a PDF/A intent with an RGB ICC profile (6.2.3).
  const intents = get(catalog.OutputIntents);
  const intent = Array.isArray(intents) ? intents.map(get).find((i) => isDict(i) && nameOf(i.S) === 'GTS_PDFA1') : undefined;
  if (!isDict(intent)) problems.push('output intent: none with S GTS_PDFA1');
  else {
    const profileDict = get(intent.DestOutputProfile);
    if (!isDict(profileDict) || profileDict.N !== 3) problems.push('output intent: the profile is not a 3-component stream');
    else {
      const icc = parsed.streamData(intent.DestOutputProfile);
      if (icc.toString('latin1', 36, 40) !== 'acsp' || icc.toString('latin1', 16, 20) !== 'RGB ') problems.push('output intent: not an RGB ICC profile');
    }
    const id = intent.OutputConditionIdentifier;
    if (!(id instanceof PdfString) || !/sRGB/.test(id.text)) problems.push('output intent: not sRGB');
  }

  // XMP metadata: unfiltered, well-formed, identifying PDF/A-2b, agreeing with the Info dictionary (6.6).
  const metadataDict = get(catalog.Metadata);
  let xmp = '';
  if (!isDict(metadataDict)) problems.push('metadata: no Metadata stream in the catalog');
  else {
    if (nameOf(metadataDict.Type) !== 'Metadata' || nameOf(metadataDict.Subtype) !== 'XML') problems.push('metadata: Type/Subtype not Metadata/XML');
    if (metadataDict.Filter !== undefined) problems.push('metadata: the stream is filtered');
    const stray = Object.keys(metadataDict).filter((k) => !['Type', 'Subtype', 'Length'].includes(k));
    if (stray.length) problems.push(`metadata: stray keys ${stray.join(', ')}`);
    xmp = parsed.streamData(catalog.Metadata).toString('utf8');
    if (!/^<\?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"\?>/.test(xmp)) problems.push('metadata: no xpacket header');
    if (!/<\?xpacket end="[rw]"\?>\s*$/.test(xmp)) problems.push('metadata: no xpacket trailer');
    problems.push(...xmlProblems(xmp));
    if (xmpProperty(xmp, 'pdfaid:part') !== '2') problems.push(`metadata: pdfaid:part is ${xmpProperty(xmp, 'pdfaid:part')}`);
    if (xmpProperty(xmp, 'pdfaid:conformance') !== 'B') problems.push(`metadata: pdfaid:conformance is ${xmpProperty(xmp, 'pdfaid:conformance')}`);
  }
  const info = get(trailer.Info);
  if (isDict(info)) {
    const text = (key: string) => {
      const v = get(info[key]);
      return v instanceof PdfString ? v.text : undefined;
    };
    const pairs: [string, string][] = [
      ['Title', 'dc:title'],
      ['Author', 'dc:creator'],
      ['Subject', 'dc:description'],
      ['Keywords', 'pdf:Keywords'],
      ['Creator', 'xmp:CreatorTool'],
      ['Producer', 'pdf:Producer'],
    ];
    for (const [key, property] of pairs) {
      if (text(key) !== undefined && text(key) !== xmpProperty(xmp, property)) problems.push(`metadata: Info ${key} "${text(key)}" ≠ XMP ${property} "${xmpProperty(xmp, property)}"`);
    }
    for (const [key, property] of [
      ['CreationDate', 'xmp:CreateDate'],
      ['ModDate', 'xmp:ModifyDate'],
    ] as const) {
      const value = text(key);
      if (value === undefined) continue;
      const inXmp = xmpProperty(xmp, property);
      if (!inXmp) problems.push(`metadata: Info ${key} without XMP ${property}`);
      else if (pdfDate(value).getTime() !== new Date(inXmp).getTime()) problems.push(`metadata: Info ${key} ${value} ≠ XMP ${property} ${inXmp}`);
    }
  }

  // Annotations: printable, never hidden, and each attribute of its type (6.3).
  for (const object of parsed.objects.values()) {
    const page = object.value;
    if (!isDict(page) || nameOf(page.Type) !== 'Page') continue;
    const annots = get(page.Annots);
    for (const ref of Array.isArray(annots) ? annots : []) {
      const a = get(ref);
      const where = `annotation ${ref instanceof PdfRef ? ref.num : '?'}`;
      if (!isDict(a)) {
        problems.push(`${where}: not a dictionary`);
        continue;
      }
      const subtype = nameOf(a.Subtype);
      if (!subtype) problems.push(`${where}: Subtype is not a name`);
      if (['FileAttachment', 'Sound', 'Movie', '3D', 'RichMedia'].includes(subtype ?? '')) problems.push(`${where}: ${subtype} is not allowed`);
      if (!isNumber(a.F) || !Number.isInteger(a.F)) problems.push(`${where}: F is not an integer`);
      else if ((a.F & 4) === 0 || (a.F & (1 | 2 | 32)) !== 0) problems.push(`${where}: F ${a.F} is not printable or is hidden`);
      if (!Array.isArray(a.Rect) || a.Rect.length !== 4 || !a.Rect.every(isNumber)) problems.push(`${where}: Rect is not four numbers`);
      if (a.Border !== undefined && (!Array.isArray(a.Border) || !a.Border.every(isNumber))) problems.push(`${where}: Border is not numbers`);
      if (a.C !== undefined && (!Array.isArray(a.C) || !a.C.every(isNumber) || ![0, 1, 3, 4].includes(a.C.length))) problems.push(`${where}: C is not a colour`);
      if (a.Contents !== undefined && !(get(a.Contents) instanceof PdfString)) problems.push(`${where}: Contents is not a text string`);
      if (a.CA !== undefined && a.CA !== 1) problems.push(`${where}: CA is not 1.0`);
      if (a.Dest !== undefined && !(get(a.Dest) instanceof PdfString) && !Array.isArray(get(a.Dest)) && !(a.Dest instanceof PdfName)) problems.push(`${where}: Dest is not a destination`);
      if (a.A !== undefined) {
        const action = get(a.A);
        if (!isDict(action) || !nameOf(action.S)) problems.push(`${where}: A is not an action`);
        else if (!['URI', 'GoTo', 'GoToR', 'Named', 'Thread', 'SubmitForm'].includes(nameOf(action.S)!)) problems.push(`${where}: action ${nameOf(action.S)} is not allowed`);
        else if (nameOf(action.S) === 'URI' && !(get(action.URI) instanceof PdfString)) problems.push(`${where}: URI is not a string`);
      }
    }
  }
  return problems;
}

const model: DocumentModel = {
  title: 'Protokoll – Vård & omsorg <utkast> för Łukasz Šimić Doğan',
  lang: 'sv-SE',
  author: 'Ann-Louise Gustafsson & Zoë Ćosić',
  subject: 'Möte fredag 13 november 2026',
  keywords: ['protokoll', 'Örebro', 'a & b'],
  createdAt: new Date('2026-11-13T12:34:56Z'),
  metadata: [{ label: 'Datum', value: 'fredag 13 november 2026' }],
  blocks: [
    { type: 'heading', level: 1, text: 'Ärenden' },
    ...Array.from({ length: 60 }, (_, i) => ({ type: 'paragraph' as const, text: `Punkt ${i + 1}: Łukasz Šimić Doğan föredrar ärendet om äldreomsorg.` })),
  ],
  footer: 'Samverka – protokoll',
  pageLabel: (page, pages) => `Sida ${page} av ${pages}`,
};

describe('PDF/A-2b, as far as it is checked here', () => {
  it('a rendered document has its fonts embedded, PDF/A-2b XMP agreeing with the Info dictionary, an sRGB output intent and no encryption', async () => {
    const pdf = await renderPdf(model);
    expect(pdfaProblems(pdf)).toEqual([]);
    expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThan(1);
    expect(pdfInfo(pdf).Encrypted).toBe('no');
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    // The XMP carries the title as written (escaped, not broken by "&" and "<") and the same instants as the Info dictionary.
    const parsed = parsePdf(pdf);
    const xmp = parsed.streamData((parsed.get(parsed.trailer.Root) as PdfDict).Metadata).toString('utf8');
    expect(xmpProperty(xmp, 'dc:title')).toBe(model.title);
    expect(xmpProperty(xmp, 'xmp:CreateDate')).toBe('2026-11-13T12:34:56Z');
    expect(xmpProperty(xmp, 'xmp:ModifyDate')).toBe('2026-11-13T12:34:56Z');
    expect(pdfInfo(pdf).Title).toBe(model.title);
  });

  it("makes every annotation printable with attributes of the right type (links, notes and highlights on Samverka's document class)", async () => {
    const doc = new PdfADocument({
      size: 'A4',
      pdfVersion: '1.7',
      subset: 'PDF/A-2b',
      tagged: true,
      lang: 'sv-SE',
      font: null as unknown as string,
      info: { Title: 'Länkar', CreationDate: model.createdAt!, ModDate: model.createdAt! },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
    });
    doc.link(56, 56, 100, 12, 'https://samverka.example/protokoll?a=1&b=2');
    doc.link(56, 80, 100, 12, 'https://samverka.example/dold', { F: 2 } as never);
    doc.note(56, 100, 20, 20, 'Anteckning');
    doc.highlight(56, 130, 100, 12);
    doc.end();
    const pdf = await done;
    const parsed = parsePdf(pdf);
    const annots = [...parsed.objects.values()].filter((o) => isDict(o.value) && nameOf(o.value.Type) === 'Annot');
    expect(annots).toHaveLength(4);
    expect(annots.map((o) => (o.value as PdfDict).F)).toEqual([4, 4, 4, 4]);
    expect(pdfaProblems(pdf)).toEqual([]);
  });

  it('the check finds what pdfkit alone gets wrong: XMP without ModifyDate, an unescaped title, a note without the Print flag', async () => {
    const doc = new PDFDocument({ size: 'A4', pdfVersion: '1.7', subset: 'PDF/A-2b', info: { Title: 'Vård & omsorg', CreationDate: model.createdAt!, ModDate: model.createdAt! } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
    });
    doc.text('Helvetica', 56, 56);
    doc.note(56, 100, 20, 20, 'Anteckning');
    doc.end();
    const problems = (await done) && pdfaProblems(Buffer.concat(chunks)).join('\n');
    expect(problems).toContain('Info ModDate without XMP xmp:ModifyDate');
    expect(problems).toContain('XMP: bare markup');
    expect(problems).toContain('F is not an integer');
    expect(problems).toContain('metadata: stray keys length');
    // pdfkit's default font is Helvetica, which it does not embed.
    expect(problems).toMatch(/font Helvetica: no font descriptor/);
  });
});
