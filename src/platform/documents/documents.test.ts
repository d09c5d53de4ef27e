import { describe, expect, it } from 'vitest';
import { renderDocx, renderPdf, fileSlug, attachmentDisposition, type Block, type DocumentModel } from './index.js';
import { pdfFonts, pdfInfo, pdfText, readDocx } from '../../../tests/helpers/documents.js';

const model: DocumentModel = {
  title: 'Dagordning – Chefsgrupp för samverkan social välfärd och vård',
  lang: 'sv-SE',
  author: 'Ann-Louise Gustafsson',
  subject: 'Möte 13 november 2026',
  keywords: ['dagordning', 'Örebro'],
  metadata: [
    { label: 'Grupp', value: 'Chefsgruppen i Örebro län' },
    { label: 'Plats', value: 'Digitalt via Zoom, rum Älvsjö' },
  ],
  blocks: [
    { type: 'heading', level: 1, text: 'Ärenden' },
    { type: 'paragraph', text: 'Ingmar Ångman hälsar deltagarna välkomna; närvarokontroll görs.' },
    { type: 'list', ordered: true, items: ['Föregående mötes anteckningar', 'Överenskommelse om kunskapsstyrning'] },
    { type: 'list', items: ['Bilaga: Förslag på ändrad sammansättning av AU.pdf'] },
    {
      type: 'table',
      caption: 'Punkter',
      columns: [
        { header: 'Nr', width: 1 },
        { header: 'Tid', width: 2 },
        { header: 'Punkt', width: 7 },
        { header: 'Föredragande', width: 4 },
      ],
      rows: [
        ['1', '13:00–13:10', 'Inledning', 'Ingmar Ångman'],
        ['2', '13:10–13:40', 'Covidfrågor\nLäget i länet', 'Märtha Lundkvist'],
      ],
    },
    { type: 'paragraph', text: 'Välkomna!', style: 'muted' },
  ],
  footer: 'Samverka – dagordning',
  pageLabel: (page, pages) => `Sida ${page} av ${pages}`,
};

describe('PDF rendering', () => {
  it('writes Swedish text that reads back exactly, with title, language, tags and embedded fonts', async () => {
    const pdf = await renderPdf(model);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    // Lines wrap and table columns are spaced out: compare with white space collapsed.
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const s of [
      'Dagordning – Chefsgrupp för samverkan social välfärd och vård',
      'Chefsgruppen i Örebro län',
      'Digitalt via Zoom, rum Älvsjö',
      'Ingmar Ångman hälsar deltagarna välkomna; närvarokontroll görs.',
      'Överenskommelse om kunskapsstyrning',
      'Förslag på ändrad sammansättning av AU.pdf',
      'Märtha Lundkvist',
      '13:10–13:40',
      'Sida 1 av 1',
    ]) {
      expect(text).toContain(s);
    }
    const info = pdfInfo(pdf);
    expect(info.Title).toBe(model.title);
    expect(info.Author).toBe('Ann-Louise Gustafsson');
    expect(info.Tagged).toBe('yes');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Lang (sv-SE)');
    expect(raw).toContain('pdfaid:part');
    expect(raw).toMatch(/\/S \/H1/);
    expect(raw).toMatch(/\/S \/Table/);
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && /Inter/.test(f.name))).toBe(true);
  });

  it('breaks long content over pages and numbers each page', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [String(i + 1), '10:00', `Punkt nummer ${i + 1} om äldreomsorg`, 'Åsa Öberg']);
    const columns = [{ header: 'Nr' }, { header: 'Tid' }, { header: 'Punkt', width: 4 }, { header: 'Föredragande', width: 2 }];
    const pdf = await renderPdf({ ...model, blocks: [{ type: 'table', columns, rows }] });
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThan(1);
    const text = pdfText(pdf);
    expect(text).toContain(`Sida ${pages} av ${pages}`);
    expect(text).toContain('Punkt nummer 80 om äldreomsorg');
  });
});

describe('PDF rendering with the fonts parsed once per process', () => {
  it('keeps documents rendered at the same time apart: each embeds the glyphs of its own text', async () => {
    const one = { ...model, title: 'Protokoll ett', blocks: [{ type: 'paragraph' as const, text: 'Åtgärder för äldre: Överenskommelse' }] };
    const two = { ...model, title: 'Protokoll två', blocks: [{ type: 'paragraph' as const, text: 'Qvist, Xerxes och Zäta: jämför' }] };
    const [a, b, a2] = await Promise.all([renderPdf(one), renderPdf(two), renderPdf(one)]);
    expect(pdfText(a)).toContain('Åtgärder för äldre: Överenskommelse');
    expect(pdfText(a)).not.toContain('Xerxes');
    expect(pdfText(b)).toContain('Qvist, Xerxes och Zäta: jämför');
    // The same model gives the same text and fonts whether rendered first or beside another.
    expect(pdfText(a2)).toBe(pdfText(a));
    expect(pdfFonts(a2)).toEqual(pdfFonts(a));
    expect(pdfFonts(b).every((f) => f.embedded && /Inter/.test(f.name))).toBe(true);
  });
});

describe('DOCX rendering', () => {
  it('writes Swedish text that reads back exactly, with headings, lists, a table, language and title', async () => {
    const docx = await renderDocx(model);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const { text, documentXml, coreXml, stylesXml, footerXml } = await readDocx(docx);
    const lines = text.split('\n');
    for (const s of [
      'Dagordning – Chefsgrupp för samverkan social välfärd och vård',
      'Chefsgruppen i Örebro län',
      'Ingmar Ångman hälsar deltagarna välkomna; närvarokontroll görs.',
      'Överenskommelse om kunskapsstyrning',
      'Covidfrågor',
      'Läget i länet',
      'Märtha Lundkvist',
    ]) {
      expect(lines).toContain(s);
    }
    expect(documentXml).toContain('w:val="Title"');
    expect(documentXml).toContain('w:val="Heading1"');
    expect(documentXml).toContain('<w:numPr>');
    expect(documentXml).toContain('<w:tblHeader');
    expect(stylesXml).toContain('w:val="sv-SE"');
    expect(coreXml).toContain('<dc:title>Dagordning – Chefsgrupp för samverkan social välfärd och vård</dc:title>');
    expect(coreXml).toContain('Ann-Louise Gustafsson');
    expect(footerXml).toContain('Samverka – dagordning');
  });
});

/** The pages of a PDF's text (pdftotext separates them with form feeds), each without its footer lines. */
function pageLines(pdf: Buffer, footer: RegExp): string[][] {
  return pdfText(pdf)
    .split('\f')
    .filter((page) => page.trim())
    .map((page) =>
      page
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !footer.test(l)),
    );
}

describe('PDF and DOCX that look right', () => {
  const names = 'Łukasz Šimić Doğan, Zoë Ćosić och Ærø Øster';

  it('draws and keeps names in Latin Extended (ł, š, ğ, ć): pdftotext reads them back, the DOCX keeps them', async () => {
    const m: DocumentModel = {
      ...model,
      title: `Protokoll – ${names}`,
      blocks: [
        { type: 'paragraph', text: `Närvarande: ${names}.` },
        { type: 'table', columns: [{ header: 'Namn' }], rows: [[names]] },
      ],
    };
    const pdf = await renderPdf(m);
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain(`Protokoll – ${names}`);
    expect(text).toContain(`Närvarande: ${names}.`);
    // One embedded Inter per weight carries both subsets' glyphs.
    const fonts = pdfFonts(pdf);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['Inter-Bold', 'Inter-Regular']);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    const { text: docxText, coreXml } = await readDocx(await renderDocx(m));
    expect(docxText).toContain(`Närvarande: ${names}.`);
    expect(docxText.split('\n')).toContain(names);
    expect(coreXml).toContain(names);
  });

  it('breaks lines at spaces only: no word split at a hyphen or dash, no date or time over two lines', async () => {
    const source = (i: number) =>
      `${'Överenskommelse '.repeat(i % 6)}${'om '.repeat(i % 5)}Ann-Louise Gustafsson-Öberg (Region Örebro län) föredrar fredag 13 november 2026 kl. 13.00–16.00, beslut 2026-11-13 14:30 enligt § 14; Lindesbergs kommuns kunskapsstyrnings-/ledningsgrupp.`;
    const paragraphs = Array.from({ length: 36 }, (_, i) => source(i));
    const narrow = Array.from({ length: 12 }, (_, i) => [String(i + 1), source(i), 'Ann-Louise Gustafsson-Öberg']);
    const pdf = await renderPdf({
      ...model,
      blocks: [
        ...paragraphs.map((text) => ({ type: 'paragraph' as const, text })),
        { type: 'table', columns: [{ header: 'Nr' }, { header: 'Punkt', width: 5 }, { header: 'Föredragande', width: 2 }], rows: narrow },
      ],
    });
    const words = new Set(
      [...paragraphs, ...narrow.flat(), 'Nr', 'Punkt', 'Föredragande', model.title, ...model.metadata!.flatMap((r) => [r.label, r.value]), model.footer!, 'Sida', 'av'].flatMap((t) => t.split(/\s+/)),
    );
    const lines = pdfText(pdf)
      .split(/[\n\f]/)
      .map((l) => l.trim())
      .filter(Boolean);
    const broken = lines.flatMap((l) => l.split(/\s+/)).filter((w) => !words.has(w) && !/^\d+$/.test(w));
    expect(broken).toEqual([]);
    for (const line of lines) {
      if (/november/.test(line)) expect(line).toContain('fredag 13 november 2026 kl. 13.00–16.00');
      if (/2026-11-13/.test(line)) expect(line).toContain('2026-11-13 14:30');
      if (/§/.test(line)) expect(line).toContain('§ 14');
    }
  });

  it('keeps each heading on the page of the text after it (no heading alone at the foot of a page)', async () => {
    const blocks: Block[] = [];
    for (let i = 1; i <= 40; i++) {
      blocks.push({ type: 'heading', level: i % 3 === 0 ? 1 : 2, text: `Rubrik ${i}` });
      if (i % 3 === 0) blocks.push({ type: 'heading', level: 3, text: `Underrubrik ${i}` });
      for (let p = 0; p < (i % 4) + 1; p++) blocks.push({ type: 'paragraph', text: `Stycke ${i}.${p}: ${'text om samverkan '.repeat(((i * 7 + p * 3) % 11) + 1)}` });
      if (i % 5 === 0) blocks.push({ type: 'table', columns: [{ header: 'Namn' }, { header: 'Roll' }], rows: [['Åsa Öberg', 'Ordförande']] });
    }
    // And a heading after j small headings and k one-line paragraphs: among these, without the rule,
    // (0, 31), (2, 28) and (3, 27) leave "Rubrik" alone at the foot of the first page.
    const near = (j: number, k: number) =>
      renderPdf({
        title: 'Protokoll',
        lang: 'sv-SE',
        footer: 'Samverka – dagordning',
        pageLabel: model.pageLabel!,
        blocks: [
          ...Array.from({ length: j }, (_, p) => ({ type: 'heading' as const, level: 3 as const, text: `Underrubrik ${p}` })),
          ...Array.from({ length: k }, (_, p) => ({ type: 'paragraph' as const, text: `Stycke ${p}: text om samverkan` })),
          { type: 'heading' as const, level: 2 as const, text: `Rubrik ${k}` },
          { type: 'paragraph' as const, text: `Stycke ${k}: ${'text om samverkan '.repeat(12)}` },
        ],
      });
    const pdfs = await Promise.all([renderPdf({ ...model, blocks }), ...[0, 2, 3].flatMap((j) => [27, 28, 31].map((k) => near(j, k)))]);
    for (const pdf of pdfs) {
      const pages = pageLines(pdf, /^(Samverka – dagordning|Sida \d+ av \d+)/);
      for (const [n, lines] of pages.entries()) {
        expect(lines.at(-1), `page ${n + 1} ends with a heading`).not.toMatch(/^(Underrubrik|Rubrik) \d+$/);
        // Every heading is followed by its text on the same page.
        lines.forEach((line, i) => {
          if (/^Rubrik \d+$/.test(line)) expect(lines[i + 1], line).toMatch(/^(Underrubrik \d+|Stycke \d+)/);
        });
      }
    }
  });

  it('writes "Sida N av M" in the DOCX footer with Word\'s PAGE and NUMPAGES fields, in the document\'s language, and keeps headings and dates together', async () => {
    const m: DocumentModel = {
      ...model,
      blocks: [{ type: 'heading', level: 2, text: 'Beslut' }, { type: 'paragraph', text: 'Beslutat fredag 13 november 2026, justerat 2026-11-20 14:30.' }, ...model.blocks],
    };
    const { footerXml, documentXml, text } = await readDocx(await renderDocx(m));
    const footerText = [...footerXml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:instrText[^>]*>\s*([A-Z]+)/g)].map((x) => x[1] ?? `{${x[2]}}`).join('');
    expect(footerText).toContain('Samverka – dagordning');
    expect(footerText).toContain('Sida {PAGE} av {NUMPAGES}');
    const english = await readDocx(await renderDocx({ ...m, lang: 'en-GB', pageLabel: (page, pages) => `Page ${page} of ${pages}` }));
    expect([...english.footerXml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:instrText[^>]*>\s*([A-Z]+)/g)].map((x) => x[1] ?? `{${x[2]}}`).join('')).toContain('Page {PAGE} of {NUMPAGES}');
    // Headings keep with the next paragraph.
    const headings = documentXml.split('</w:p>').filter((p) => /w:val="Heading\d"/.test(p));
    expect(headings.length).toBe(2);
    for (const h of headings) expect(h).toContain('<w:keepNext/>');
    // Dates: no-break spaces, and Word's non-breaking hyphens in ISO dates; read back as written.
    expect(documentXml).toContain('fredag\u00a013\u00a0november\u00a02026');
    expect(documentXml).toMatch(/2026<\/w:t>\s*<w:noBreakHyphen\/>\s*<w:t[^>]*>11<\/w:t>\s*<w:noBreakHyphen\/>\s*<w:t[^>]*>20\u00a014:30/);
    expect(text).toContain('Beslutat fredag 13 november 2026, justerat 2026-11-20 14:30.');
  });
});

describe('file names', () => {
  it('makes an ASCII slug and a UTF-8 Content-Disposition', () => {
    expect(fileSlug('Dagordning Chefsgruppen 2026-11-13 Örebro')).toBe('dagordning-chefsgruppen-2026-11-13-orebro');
    expect(attachmentDisposition('Dagordning Åre.pdf', 'dagordning-are.pdf')).toBe(`attachment; filename="dagordning-are.pdf"; filename*=UTF-8''Dagordning%20%C3%85re.pdf`);
  });
});
