import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * Random bytes are drawn from the system in blocks of 4 KiB and handed out once each (the
 * used bytes are zeroed), as Node does for randomUUID: one system call per 128 tokens instead
 * of one per token, which an anonymous visitor's first page (a new CSRF token) pays.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;

/** A random URL-safe token of 32 bytes (or as many as asked). */
export function newToken(bytes = 32): string {
  if (bytes > POOL_BYTES / 4) return randomBytes(bytes).toString('base64url');
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  const token = pool.toString('base64url', poolAt, poolAt + bytes);
  pool.fill(0, poolAt, poolAt + bytes);
  poolAt += bytes;
  return token;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
