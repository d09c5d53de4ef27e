import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';
import { AppError } from './errors.js';

/**
 * The first line of defence for every request, before authentication, CSRF or any handler
 * reads it:
 * - a body larger than the route's limit is refused with 413: by its Content-Length before a
 *   byte is read, otherwise while it streams in (nothing past the limit is kept);
 * - the path, the query and every text of the body (form fields, JSON, multipart fields but
 *   not files) must be valid UTF-8 without NUL characters, or the request is refused with 400;
 * - a multipart body that cannot be parsed is refused with 400.
 * The body is read once here and handed on as a buffer, so the handlers read it as before.
 */

interface BodyLimits {
  /** Forms and JSON. */
  defaultBytes: number;
  /** Requests that carry files (attachments, CSV imports). */
  uploadBytes: number;
  /** Paths (without query) whose unsafe requests may carry files. */
  uploadPaths: readonly RegExp[];
}

const MIB = 1024 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextEncoder();

type Refusal = 'encoding' | 'nul' | 'multipart';

/** Why a text is not acceptable, or undefined: invalid UTF-8 or a NUL character. */
export function textRefusal(bytes: Uint8Array): Refusal | undefined {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return 'encoding';
  }
  return text.includes('\0') ? 'nul' : undefined;
}

/**
 * Why a percent-encoded text (a path, a query or a urlencoded form) is not acceptable once
 * decoded: a broken %-sequence or invalid UTF-8 ('encoding'), or a NUL character.
 */
export function encodedRefusal(encoded: string): Refusal | undefined {
  if (encoded.includes('\0')) return 'nul';
  if (!encoded.includes('%')) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded.charCodeAt(i);
    if (ch === 0x25 /* % */) {
      const hex = encoded.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return 'encoding';
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ch < 0x80) {
      bytes.push(ch);
    } else {
      // A character sent unencoded: keep its UTF-8 bytes (the string is already valid text).
      let end = i + 1;
      if (ch >= 0xd800 && ch <= 0xdbff) end++;
      for (const b of utf8.encode(encoded.slice(i, end))) bytes.push(b);
      i = end - 1;
    }
  }
  return textRefusal(Uint8Array.from(bytes));
}

/** JSON text: valid UTF-8, and no NUL character either raw or as the escape \u0000. */
export function jsonRefusal(bytes: Uint8Array): Refusal | undefined {
  const raw = textRefusal(bytes);
  if (raw) return raw;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // An escape \u0000 whose backslash is not itself escaped.
  return /(?:^|[^\\])(?:\\\\)*\\u0000/i.test(text) ? 'nul' : undefined;
}

function boundaryOf(contentType: string): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/**
 * The multipart body's text fields (parts without a file name) and the part headers must be
 * valid UTF-8 without NUL; files are left as they are (their encodings are detected later).
 */
export function multipartRefusal(body: Uint8Array, contentType: string): Refusal | undefined {
  const boundary = boundaryOf(contentType);
  if (!boundary) return 'multipart';
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  let at = buf.indexOf(delimiter);
  if (at < 0) return 'multipart';
  for (;;) {
    const start = at + delimiter.length;
    if (buf.subarray(start, start + 2).toString('latin1') === '--') return undefined;
    const next = buf.indexOf(delimiter, start);
    if (next < 0) return 'multipart';
    const part = buf.subarray(start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) return 'multipart';
    const headerBytes = part.subarray(0, headerEnd);
    const headerProblem = textRefusal(headerBytes);
    if (headerProblem) return headerProblem;
    const headers = headerBytes.toString('utf8');
    if (!/content-disposition:[^\r\n]*\bname=/i.test(headers)) return 'multipart';
    const isFile = /content-disposition:[^\r\n]*\bfilename\*?=/i.test(headers);
    if (!isFile) {
      // The part's content ends with the CRLF that precedes the next delimiter.
      const content = part.subarray(headerEnd + 4, Math.max(headerEnd + 4, part.length - 2));
      const problem = textRefusal(content);
      if (problem) return problem;
    }
    at = next;
  }
}

function refusalError(kind: Refusal, where: string, t: AppEnv['Variables']['t']): AppError {
  if (kind === 'nul') return new AppError(400, 'nul-character', t('request.nul', { where }));
  if (kind === 'multipart') return new AppError(400, 'bad-multipart', t('request.badMultipart'));
  return new AppError(400, 'bad-encoding', t('request.badEncoding', { where }));
}

async function readLimited(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

export function requestGuard(limits: BodyLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const t = c.get('t');
    const url = c.req.url;
    const queryAt = url.indexOf('?');
    const rawPath = queryAt < 0 ? url.slice(url.indexOf('/', url.indexOf('//') + 2)) : url.slice(url.indexOf('/', url.indexOf('//') + 2), queryAt);
    const pathProblem = encodedRefusal(rawPath);
    if (pathProblem) throw refusalError(pathProblem, t('request.where.path'), t);
    if (queryAt >= 0) {
      const queryProblem = encodedRefusal(url.slice(queryAt + 1).replace(/\+/g, ' '));
      if (queryProblem) throw refusalError(queryProblem, t('request.where.query'), t);
    }
    const raw = c.req.raw;
    if (!hasBody(c.req.method) || !raw.body) return next();

    const upload = limits.uploadPaths.some((p) => p.test(c.req.path));
    const limit = upload ? limits.uploadBytes : limits.defaultBytes;
    const tooLarge = () => new AppError(413, 'too-large', t('request.tooLarge', { mb: Math.max(1, Math.round(limit / MIB)) }));
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      const n = Number(declared);
      if (!Number.isFinite(n) || n < 0) throw new AppError(400, 'bad-length', t('request.badMultipart'));
      // Refused before a byte of the body is read.
      if (n > limit) throw tooLarge();
    }
    const body = await readLimited(raw.body, limit);
    if (!body) throw tooLarge();

    const type = (raw.headers.get('content-type') ?? '').toLowerCase();
    let problem: Refusal | undefined;
    if (type.startsWith('application/x-www-form-urlencoded')) {
      problem = textRefusal(body) ?? encodedRefusal(Buffer.from(body).toString('utf8').replace(/\+/g, ' '));
    } else if (type.startsWith('multipart/form-data')) {
      problem = multipartRefusal(body, raw.headers.get('content-type') ?? '');
    } else if (type.includes('json')) {
      problem = jsonRefusal(body);
    } else if (type.startsWith('text/')) {
      problem = textRefusal(body);
    }
    if (problem) throw refusalError(problem, t('request.where.body'), t);

    c.req.raw = new Request(raw, { body: body as Uint8Array<ArrayBuffer> });
    return next();
  };
}

export const DEFAULT_BODY_BYTES = 1 * MIB;
