import { execFileSync } from 'node:child_process';
import JSZip from 'jszip';

/**
 * Reading generated documents back in tests: PDF through Debian's poppler-utils
 * (pdftotext, pdfinfo; .ci/run installs them), DOCX by unzipping it with jszip.
 */

export function pdfText(pdf: Buffer): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
}

/** pdfinfo's key: value lines (Title, Tagged, PDF version, Pages…). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', '-'], { input: pdf }).toString('utf8');
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1]!.trim()] = m[2]!.trim();
  }
  return info;
}

/** The fonts of a PDF as pdffonts lists them: name and whether each is embedded. */
export function pdfFonts(pdf: Buffer): { name: string; embedded: boolean }[] {
  const out = execFileSync('pdffonts', ['-'], { input: pdf }).toString('utf8');
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type [type…] encoding emb sub uni object ID: "emb" is the 5th column from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

export interface DocxContent {
  /** The body's paragraphs as plain text, one per line (table cells too); no-break spaces and hyphens as plain ones. */
  text: string;
  documentXml: string;
  coreXml: string;
  stylesXml: string;
  footerXml: string;
}

export async function readDocx(docx: Buffer): Promise<DocxContent> {
  const zip = await JSZip.loadAsync(docx);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const documentXml = await read('word/document.xml');
  const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n));
  const footerXml = (await Promise.all(footers.map(read))).join('\n');
  const text = documentXml
    .split('</w:p>')
    .map((p) =>
      // Word's non-breaking hyphens and spaces (dates, docx.ts) read as the hyphen and space they show.
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>/g)]
        .map((m) => m[1] ?? '-')
        .join('')
        .replace(/\u00a0/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .filter((line) => line !== '')
    .join('\n');
  return { text, documentXml, coreXml: await read('docProps/core.xml'), stylesXml: await read('word/styles.xml'), footerXml };
}
