import { describe, expect, it } from 'vitest';
import { renderDocx, renderPdf, fileSlug, attachmentDisposition, type DocumentModel } from './index.js';
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

describe('file names', () => {
  it('makes an ASCII slug and a UTF-8 Content-Disposition', () => {
    expect(fileSlug('Dagordning Chefsgruppen 2026-11-13 Örebro')).toBe('dagordning-chefsgruppen-2026-11-13-orebro');
    expect(attachmentDisposition('Dagordning Åre.pdf', 'dagordning-are.pdf')).toBe(`attachment; filename="dagordning-are.pdf"; filename*=UTF-8''Dagordning%20%C3%85re.pdf`);
  });
});
