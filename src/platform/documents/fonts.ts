import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { create, type Font } from 'fontkit';

/*
 * The PDF fonts as plain TrueType (SFNT) data, read once per process. pdfkit reads WOFF
 * through fontkit, which inflates a WOFF table again on every access of it: most of the
 * time of a long PDF went to decompressing the same font tables (a 20-item protocol took
 * 4× longer with WOFF). Decompressing the WOFF tables once into an SFNT gives fontkit the
 * same font without the work; the PDF embeds (and subsets) the same glyphs.
 */

/** A WOFF 1.0 file as the SFNT (TrueType/OpenType) it wraps (tables inflated, directory rebuilt). */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) return woff; // not 'wOFF': already an SFNT
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const o = 44 + i * 20;
    const offset = woff.readUInt32BE(o + 4);
    const compLength = woff.readUInt32BE(o + 8);
    const origLength = woff.readUInt32BE(o + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag: woff.readUInt32BE(o), checksum: woff.readUInt32BE(o + 16), data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw) });
  }
  tables.sort((a, b) => a.tag - b.tag);
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const o = 12 + i * 16;
    header.writeUInt32BE(t.tag, o);
    header.writeUInt32BE(t.checksum, o + 4);
    header.writeUInt32BE(offset, o + 8);
    header.writeUInt32BE(t.data.length, o + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/** The tables of an SFNT by tag. */
function sfntTables(sfnt: Buffer): Map<string, Buffer> {
  const tables = new Map<string, Buffer>();
  const numTables = sfnt.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const o = 12 + i * 16;
    const offset = sfnt.readUInt32BE(o + 8);
    tables.set(sfnt.toString('latin1', o, o + 4), sfnt.subarray(offset, offset + sfnt.readUInt32BE(o + 12)));
  }
  return tables;
}

function checksum(data: Buffer): number {
  const padded = data.length % 4 ? Buffer.concat([data, Buffer.alloc(4 - (data.length % 4))]) : data;
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** An SFNT of the given tables (sorted by tag, checksums and the head's adjustment set). */
function buildSfnt(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const numTables = tags.length;
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const head = tables.get('head');
  if (head) head.writeUInt32BE(0, 8); // checkSumAdjustment: 0 while summing
  const parts: Buffer[] = [header];
  let offset = header.length;
  let headOffset = -1;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const o = 12 + i * 16;
    header.write(tag, o, 'latin1');
    header.writeUInt32BE(checksum(data), o + 4);
    header.writeUInt32BE(offset, o + 8);
    header.writeUInt32BE(data.length, o + 12);
    if (tag === 'head') headOffset = offset;
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat(parts);
  if (headOffset >= 0) font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}

/** The glyph ids of the font's characters (its Unicode cmap, as fontkit reads it). */
function characterMap(sfnt: Buffer): Map<number, number> {
  const font = create(sfnt);
  const map = new Map<number, number>();
  for (const codePoint of font.characterSet) map.set(codePoint, font.glyphForCodePoint(codePoint).id);
  return map;
}

/** Each glyph's bytes in the glyf table (by its loca offsets). */
function glyphs(tables: Map<string, Buffer>): Buffer[] {
  const numGlyphs = tables.get('maxp')!.readUInt16BE(4);
  const long = tables.get('head')!.readInt16BE(50) === 1;
  const loca = tables.get('loca')!;
  const glyf = tables.get('glyf')!;
  const at = (i: number) => (long ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2);
  return Array.from({ length: numGlyphs }, (_, i) => glyf.subarray(at(i), at(i + 1)));
}

/** Each glyph's advance width and left side bearing (hmtx, its short form expanded). */
function metrics(tables: Map<string, Buffer>): { advance: number; lsb: number }[] {
  const numGlyphs = tables.get('maxp')!.readUInt16BE(4);
  const numberOfHMetrics = tables.get('hhea')!.readUInt16BE(34);
  const hmtx = tables.get('hmtx')!;
  const out: { advance: number; lsb: number }[] = [];
  for (let i = 0; i < numGlyphs; i++) {
    if (i < numberOfHMetrics) out.push({ advance: hmtx.readUInt16BE(i * 4), lsb: hmtx.readInt16BE(i * 4 + 2) });
    else out.push({ advance: out[numberOfHMetrics - 1]!.advance, lsb: hmtx.readInt16BE(numberOfHMetrics * 4 + (i - numberOfHMetrics) * 2) });
  }
  return out;
}

/** A composite glyph with its component glyph ids moved by `shift` (a simple glyph as it is). */
function shiftComponents(glyph: Buffer, shift: number): Buffer {
  if (glyph.length === 0 || glyph.readInt16BE(0) >= 0) return glyph;
  const out = Buffer.from(glyph);
  let o = 10;
  for (;;) {
    const flags = out.readUInt16BE(o);
    out.writeUInt16BE(out.readUInt16BE(o + 2) + shift, o + 2);
    o += 4 + (flags & 0x0001 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
    if (flags & 0x0008)
      o += 2; // WE_HAVE_A_SCALE
    else if (flags & 0x0040)
      o += 4; // WE_HAVE_AN_X_AND_Y_SCALE
    else if (flags & 0x0080) o += 8; // WE_HAVE_A_TWO_BY_TWO
    if (!(flags & 0x0020)) break; // MORE_COMPONENTS
  }
  return out;
}

/** A cmap of one format 12 subtable (Unicode full repertoire and Windows UCS-4). */
function cmapTable(map: Map<number, number>): Buffer {
  const codePoints = [...map.keys()].sort((a, b) => a - b);
  const groups: [number, number, number][] = [];
  for (const cp of codePoints) {
    const gid = map.get(cp)!;
    const last = groups[groups.length - 1];
    if (last && cp === last[1] + 1 && gid === last[2] + (cp - last[0])) last[1] = cp;
    else groups.push([cp, cp, gid]);
  }
  const sub = Buffer.alloc(16 + groups.length * 12);
  sub.writeUInt16BE(12, 0);
  sub.writeUInt32BE(sub.length, 4);
  sub.writeUInt32BE(groups.length, 12);
  groups.forEach(([start, end, gid], i) => {
    sub.writeUInt32BE(start, 16 + i * 12);
    sub.writeUInt32BE(end, 20 + i * 12);
    sub.writeUInt32BE(gid, 24 + i * 12);
  });
  const header = Buffer.alloc(4 + 2 * 8);
  header.writeUInt16BE(2, 2);
  header.writeUInt16BE(0, 4); // Unicode
  header.writeUInt16BE(4, 6); // full repertoire
  header.writeUInt32BE(header.length, 8);
  header.writeUInt16BE(3, 12); // Windows
  header.writeUInt16BE(10, 14); // UCS-4
  header.writeUInt32BE(header.length, 16);
  return Buffer.concat([header, sub]);
}

/**
 * One font of a base font and the characters of another subset of the same typeface that the
 * base lacks (Fontsource splits Inter into Unicode-range subsets: "latin" has Swedish, "latin-ext"
 * has ł, š, ğ …). The other font's glyphs follow the base's (composite glyphs' components moved
 * with them), the cmap maps each character to its glyph (the base's where both have it), and
 * the base's layout tables (kerning, ligatures) stay as they are: they name the base's glyphs
 * only, so the added characters are set without kerning. Both fonts must share the units per em.
 */
export function mergeFonts(base: Buffer, extra: Buffer): Buffer {
  const a = sfntTables(base);
  const b = sfntTables(extra);
  if (a.get('head')!.readUInt16BE(18) !== b.get('head')!.readUInt16BE(18)) throw new Error('mergeFonts: the fonts have different units per em');
  const baseGlyphs = glyphs(a);
  const shift = baseGlyphs.length;
  const allGlyphs = [...baseGlyphs, ...glyphs(b).map((g) => shiftComponents(g, shift))];
  const allMetrics = [...metrics(a), ...metrics(b)];
  const numGlyphs = allGlyphs.length;
  if (numGlyphs > 0xffff) throw new Error('mergeFonts: too many glyphs');

  const map = characterMap(base);
  for (const [cp, gid] of characterMap(extra)) if (!map.has(cp)) map.set(cp, gid + shift);

  const glyf = Buffer.concat(allGlyphs.map((g) => (g.length % 2 ? Buffer.concat([g, Buffer.alloc(1)]) : g)));
  const loca = Buffer.alloc((numGlyphs + 1) * 4);
  let offset = 0;
  allGlyphs.forEach((g, i) => {
    loca.writeUInt32BE(offset, i * 4);
    offset += g.length + (g.length % 2);
  });
  loca.writeUInt32BE(offset, numGlyphs * 4);

  const hmtx = Buffer.alloc(numGlyphs * 4);
  allMetrics.forEach((m, i) => {
    hmtx.writeUInt16BE(m.advance, i * 4);
    hmtx.writeInt16BE(m.lsb, i * 4 + 2);
  });

  const head = Buffer.from(a.get('head')!);
  const headB = b.get('head')!;
  head.writeInt16BE(Math.min(head.readInt16BE(36), headB.readInt16BE(36)), 36); // xMin
  head.writeInt16BE(Math.min(head.readInt16BE(38), headB.readInt16BE(38)), 38); // yMin
  head.writeInt16BE(Math.max(head.readInt16BE(40), headB.readInt16BE(40)), 40); // xMax
  head.writeInt16BE(Math.max(head.readInt16BE(42), headB.readInt16BE(42)), 42); // yMax
  head.writeInt16BE(1, 50); // indexToLocFormat: long offsets

  const hhea = Buffer.from(a.get('hhea')!);
  const hheaB = b.get('hhea')!;
  hhea.writeUInt16BE(Math.max(hhea.readUInt16BE(10), hheaB.readUInt16BE(10)), 10); // advanceWidthMax
  hhea.writeInt16BE(Math.min(hhea.readInt16BE(12), hheaB.readInt16BE(12)), 12); // minLeftSideBearing
  hhea.writeInt16BE(Math.min(hhea.readInt16BE(14), hheaB.readInt16BE(14)), 14); // minRightSideBearing
  hhea.writeInt16BE(Math.max(hhea.readInt16BE(16), hheaB.readInt16BE(16)), 16); // xMaxExtent
  hhea.writeUInt16BE(numGlyphs, 34); // numberOfHMetrics

  const maxp = Buffer.from(a.get('maxp')!);
  const maxpB = b.get('maxp')!;
  maxp.writeUInt16BE(numGlyphs, 4);
  // Version 1.0: the maxima (points, contours, components, depth …) are the larger of the two.
  if (maxp.readUInt32BE(0) === 0x00010000 && maxpB.length >= 32) for (let o = 6; o < 32; o += 2) maxp.writeUInt16BE(Math.max(maxp.readUInt16BE(o), maxpB.readUInt16BE(o)), o);

  // post 3.0: no glyph names (the base's names would no longer match the glyphs).
  const post = Buffer.from(a.get('post')!.subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0);

  const tables = new Map(a);
  for (const [tag, data] of Object.entries({ glyf, loca, hmtx, head, hhea, maxp, post, cmap: cmapTable(map) })) tables.set(tag, data);
  return buildSfnt(tables);
}

const cache = new Map<string, Buffer>();

/** The font at a path as SFNT data, converted once per process; with more paths, the fonts merged into the first. */
function fontData(path: string, ...more: string[]): Buffer {
  const key = [path, ...more].join('\n');
  let data = cache.get(key);
  if (!data) {
    data = woffToSfnt(readFileSync(path));
    for (const other of more) data = mergeFonts(data, woffToSfnt(readFileSync(other)));
    cache.set(key, data);
  }
  return data;
}

const parsed = new Map<string, Font>();

/**
 * The font at a path for one document, its tables parsed once per process: parsing them
 * (fontkit's restructure) took a quarter of a 20-item protocol's rendering when each document
 * parsed its own copy. Each document gets its own font object over the shared decoded tables
 * (as fontkit itself does for a font's variations), so that what a document's layout caches
 * on the font (its glyphs and their characters) stays its own: a glyph first made without
 * its characters by one document would lose its text in the next one's PDF. Each document
 * makes its own subset of the glyphs it uses. With more paths, the font is the first with the
 * characters of the others that it lacks (mergeFonts).
 */
export function parsedFont(path: string, ...more: string[]): Font {
  const data = fontData(path, ...more);
  const key = [path, ...more].join('\n');
  let shared = parsed.get(key);
  if (!shared) {
    shared = create(data);
    parsed.set(key, shared);
  }
  const font = create(data);
  font._tables = shared._tables;
  return font;
}
