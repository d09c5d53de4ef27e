import { inflateSync } from 'node:zlib';

/**
 * A small reader of the objects of an uncompressed-structure PDF (as pdfkit writes it: every
 * object at top level, a classic xref table, no object streams), enough to check what PDF/A-2b
 * asks of a file's structure in tests (pdfa.test.ts). Not a general PDF parser.
 */

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict;
export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfString {
  constructor(readonly bytes: Buffer) {}
  /** The text of a text string: UTF-16BE with a byte order mark, else PDFDocEncoding (taken as Latin-1). */
  get text(): string {
    const b = this.bytes;
    if (b[0] === 0xfe && b[1] === 0xff) {
      const swapped = Buffer.from(b.subarray(2));
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    return b.toString('latin1');
  }
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export interface PdfDict {
  [key: string]: PdfValue;
}
export interface PdfObject {
  num: number;
  value: PdfValue;
  /** The stream's raw bytes (before its filters) when the object is a stream. */
  stream?: Buffer;
}

const DELIMITERS = '()<>[]{}/%';
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isRegular = (c: number) => !isSpace(c) && !DELIMITERS.includes(String.fromCharCode(c));

class Lexer {
  pos: number;
  constructor(
    private readonly b: Buffer,
    start: number,
  ) {
    this.pos = start;
  }

  private skip(): void {
    for (;;) {
      while (this.pos < this.b.length && isSpace(this.b[this.pos]!)) this.pos++;
      if (this.b[this.pos] === 0x25 /* % */) {
        while (this.pos < this.b.length && this.b[this.pos] !== 0x0a && this.b[this.pos] !== 0x0d) this.pos++;
      } else return;
    }
  }

  private word(): string {
    const start = this.pos;
    while (this.pos < this.b.length && isRegular(this.b[this.pos]!)) this.pos++;
    return this.b.toString('latin1', start, this.pos);
  }

  private literal(): PdfString {
    const out: number[] = [];
    let depth = 1;
    this.pos++; // (
    while (this.pos < this.b.length) {
      const c = this.b[this.pos++]!;
      if (c === 0x5c /* \ */) {
        const e = this.b[this.pos++]!;
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (e in simple) out.push(simple[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let oct = String.fromCharCode(e);
          while (oct.length < 3 && this.b[this.pos]! >= 0x30 && this.b[this.pos]! <= 0x37) oct += String.fromCharCode(this.b[this.pos++]!);
          out.push(parseInt(oct, 8) & 0xff);
        } else if (e === 0x0d) {
          if (this.b[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) break;
        out.push(c);
      } else out.push(c);
    }
    return new PdfString(Buffer.from(out));
  }

  value(): PdfValue {
    this.skip();
    const c = this.b[this.pos]!;
    if (c === 0x2f /* / */) {
      this.pos++;
      return new PdfName(this.word().replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
    }
    if (c === 0x28) return this.literal();
    if (c === 0x3c /* < */) {
      if (this.b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        const dict: PdfDict = {};
        for (;;) {
          this.skip();
          if (this.b[this.pos] === 0x3e && this.b[this.pos + 1] === 0x3e) {
            this.pos += 2;
            return dict;
          }
          const key = this.value();
          if (!(key instanceof PdfName)) throw new Error(`PDF: a dictionary key at ${this.pos} is not a name`);
          dict[key.name] = this.value();
        }
      }
      const end = this.b.indexOf(0x3e, this.pos);
      const hex = this.b.toString('latin1', this.pos + 1, end).replace(/\s/g, '');
      this.pos = end + 1;
      return new PdfString(Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex'));
    }
    if (c === 0x5b /* [ */) {
      this.pos++;
      const array: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (this.b[this.pos] === 0x5d) {
          this.pos++;
          return array;
        }
        array.push(this.value());
      }
    }
    const w = this.word();
    if (w === 'true' || w === 'false') return w === 'true';
    if (w === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) throw new Error(`PDF: unexpected "${w}" at ${this.pos}`);
    // An indirect reference: "num gen R".
    const save = this.pos;
    if (/^\d+$/.test(w)) {
      this.skip();
      const gen = this.word();
      this.skip();
      if (/^\d+$/.test(gen) && this.b[this.pos] === 0x52 /* R */ && !isRegular(this.b[this.pos + 1] ?? 0x20)) {
        this.pos++;
        return new PdfRef(Number(w), Number(gen));
      }
      this.pos = save;
    }
    return Number(w);
  }
}

export interface ParsedPdf {
  objects: Map<number, PdfObject>;
  trailer: PdfDict;
  get(value: PdfValue | undefined): PdfValue | undefined;
  /** The decoded bytes of a stream object (FlateDecode or none). */
  streamData(ref: PdfValue | undefined): Buffer;
}

export function parsePdf(pdf: Buffer): ParsedPdf {
  const objects = new Map<number, PdfObject>();
  const text = pdf.toString('latin1');
  const header = /(\d+) (\d+) obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text))) {
    const lexer = new Lexer(pdf, m.index + m[0].length);
    const value = lexer.value();
    const rest = text.slice(lexer.pos, lexer.pos + 20);
    const object: PdfObject = { num: Number(m[1]), value };
    const s = /^\s*stream(\r\n|\n)/.exec(rest);
    if (s && value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof PdfName)) {
      const start = lexer.pos + s[0].length;
      const length = (value as PdfDict).Length;
      if (typeof length !== 'number') throw new Error(`PDF: object ${object.num} has a stream without a direct Length`);
      object.stream = pdf.subarray(start, start + length);
      if (!/^\s*endstream/.test(text.slice(start + length, start + length + 12))) throw new Error(`PDF: object ${object.num}'s Length does not end at endstream`);
      header.lastIndex = start + length;
    } else header.lastIndex = lexer.pos;
    objects.set(object.num, object);
  }
  const t = text.lastIndexOf('trailer');
  const trailer = new Lexer(pdf, t + 'trailer'.length).value() as PdfDict;
  const get = (value: PdfValue | undefined): PdfValue | undefined => (value instanceof PdfRef ? objects.get(value.num)?.value : value);
  const streamData = (ref: PdfValue | undefined): Buffer => {
    const object = ref instanceof PdfRef ? objects.get(ref.num) : undefined;
    if (!object?.stream) throw new Error('PDF: not a stream');
    const filter = (object.value as PdfDict).Filter;
    if (filter === undefined) return object.stream;
    if (filter instanceof PdfName && filter.name === 'FlateDecode') return inflateSync(object.stream);
    throw new Error(`PDF: filter ${JSON.stringify(filter)} not read here`);
  };
  return { objects, trailer, get, streamData };
}

/** A PDF date ("D:20261113123456Z", "D:20261113133456+01'00'") as an instant. */
export function pdfDate(value: string): Date {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?$/.exec(value);
  if (!m) throw new Error(`not a PDF date: ${value}`);
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', , sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = sign ? (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) : 0;
  return new Date(utc - offset * 60_000);
}
