import { inflateRawSync } from 'node:zlib';

/*
 * A small ZIP reader for office files (DOCX, XLSX, PPTX are ZIP archives of XML). It reads
 * the central directory and inflates only the entries asked for, each with node's zlib and
 * a hard cap on the inflated size, so a "zip bomb" stops at the cap instead of filling the
 * memory. ZIP64, encryption and compression other than stored/deflate are refused.
 */

export class ZipError extends Error {
  constructor(
    readonly reason: 'unreadable' | 'tooLarge',
    message: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

export interface ZipLimits {
  /** Most bytes all the entries read may inflate to together. */
  maxTotalBytes: number;
  /** Most entries read. */
  maxEntries: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function endOfCentralDirectory(data: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the end.
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === EOCD) return i;
  }
  throw new ZipError('unreadable', 'no end of central directory');
}

/** The inflated contents of the entries whose names pass `wanted`, in directory order. */
export function readZipEntries(data: Buffer, wanted: (name: string) => boolean, limits: ZipLimits): { name: string; content: Buffer }[] {
  if (data.length < 22) throw new ZipError('unreadable', 'too short');
  const eocd = endOfCentralDirectory(data);
  const count = data.readUInt16LE(eocd + 10);
  let at = data.readUInt32LE(eocd + 16);
  const out: { name: string; content: Buffer }[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) throw new ZipError('unreadable', 'bad central directory');
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const compressedSize = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const localOffset = data.readUInt32LE(at + 42);
    const name = data.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (!wanted(name)) continue;
    if (out.length >= limits.maxEntries) throw new ZipError('tooLarge', 'too many entries');
    if (flags & 0x1) throw new ZipError('unreadable', 'encrypted entry');
    if (localOffset + 30 > data.length || data.readUInt32LE(localOffset) !== LOCAL) throw new ZipError('unreadable', 'bad local header');
    const start = localOffset + 30 + data.readUInt16LE(localOffset + 26) + data.readUInt16LE(localOffset + 28);
    if (start + compressedSize > data.length) throw new ZipError('unreadable', 'entry past the end');
    const raw = data.subarray(start, start + compressedSize);
    const room = limits.maxTotalBytes - total;
    let content: Buffer;
    if (method === 0) {
      if (raw.length > room) throw new ZipError('tooLarge', 'entries too large');
      content = raw;
    } else if (method === 8) {
      try {
        content = inflateRawSync(raw, { maxOutputLength: Math.max(1, room) });
      } catch (err) {
        const code = (err as { code?: string }).code;
        throw new ZipError(code === 'ERR_BUFFER_TOO_LARGE' ? 'tooLarge' : 'unreadable', `cannot inflate ${name}`);
      }
    } else {
      throw new ZipError('unreadable', `compression method ${method}`);
    }
    total += content.length;
    out.push({ name, content });
  }
  return out;
}
