import { readZipEntries, type ZipLimits } from './zip.js';

/*
 * The text of Office Open XML files, for checking what people upload. Word splits a word
 * into runs at will (spelling marks, formatting), so runs are joined without a space;
 * paragraphs, table cells, line breaks and tabs become line breaks or spaces, so that
 * numbers in different cells or paragraphs never run together.
 */

type OfficeKind = 'docx' | 'xlsx' | 'pptx';

/** The parts holding text in each kind of file. */
const PARTS: Record<OfficeKind, RegExp> = {
  docx: /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/,
  xlsx: /^xl\/(sharedStrings|worksheets\/sheet\d+|comments\d*)\.xml$/,
  pptx: /^ppt\/(slides\/slide\d+|notesSlides\/notesSlide\d+|comments\/comment\d+)\.xml$/,
};

/** Elements whose end separates text (paragraphs, cells, rows, shared strings) and breaks. */
const BREAKS = /<\/(?:w:p|w:tc|w:tr|a:p|c|si|row|text)>|<(?:w:br|w:cr|w:tab|a:br|w:sym)\b[^>]*\/?>/g;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** The text of one XML part: tags removed, separators kept as line breaks. */
function xmlText(xml: string): string {
  return decodeEntities(xml.replace(BREAKS, '\n').replace(/<[^>]*>/g, ''));
}

/** The text of an Office file's text parts, in archive order. Throws ZipError. */
export function officeText(kind: OfficeKind, data: Buffer, limits: ZipLimits): string {
  return readZipEntries(data, (name) => PARTS[kind].test(name), limits)
    .map((e) => xmlText(e.content.toString('utf8')))
    .join('\n');
}
