import { createHash } from 'node:crypto';

/*
 * Canonical JSON for the locked versions of minutes: object keys sorted by code point,
 * no white space, strings in Unicode NFC, undefined members left out, only finite numbers.
 * The SHA-256 of its UTF-8 bytes identifies a version: anyone holding a copy of the JSON
 * can compute the digest (e.g. `sha256sum minutes.json`) and compare it with the one printed
 * on the minutes.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function canon(value: unknown): Json | undefined {
  if (value === null) return null;
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('Canonical JSON takes finite numbers only');
    return value;
  }
  if (typeof value === 'string') return value.normalize('NFC');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => canon(v) ?? null);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = canon((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key.normalize('NFC')] = v;
    }
    return out;
  }
  throw new Error(`Canonical JSON cannot hold a ${typeof value}`);
}

function write(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  // Keys are already in order: canon() built the object that way.
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}:${write(v)}`)
    .join(',')}}`;
}

export function canonicalJson(value: unknown): string {
  return write(canon(value) ?? null);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The digest grouped in blocks of eight, for reading aloud or comparing by eye. */
export function groupedDigest(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}
