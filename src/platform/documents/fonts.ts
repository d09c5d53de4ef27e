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

const cache = new Map<string, Buffer>();

/** The font at a path as SFNT data, converted once per process. */
function fontData(path: string): Buffer {
  let data = cache.get(path);
  if (!data) {
    data = woffToSfnt(readFileSync(path));
    cache.set(path, data);
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
 * makes its own subset of the glyphs it uses.
 */
export function parsedFont(path: string): Font {
  const data = fontData(path);
  let shared = parsed.get(path);
  if (!shared) {
    shared = create(data);
    parsed.set(path, shared);
  }
  const font = create(data);
  font._tables = shared._tables;
  return font;
}
