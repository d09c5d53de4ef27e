import { customType } from 'drizzle-orm/pg-core';

/**
 * Swedish alphabetical order that survives byte ("C") collation on every PostgreSQL:
 * a–z, then å, ä, ö. Letters are lower-cased; other accents fold to their base letter
 * (é → e), ü sorts as y, æ as ä and ø as ö, as Swedish dictionaries do.
 */
const AFTER_Z: Record<string, string> = { å: '{', ä: '|', ö: '}', æ: '|', ø: '}' };

export function sortKey(text: string): string {
  let out = '';
  for (const ch of text.trim().toLowerCase()) {
    const special = AFTER_Z[ch];
    if (special) {
      out += special;
      continue;
    }
    if (ch === 'ü') {
      out += 'y';
      continue;
    }
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base;
  }
  return out.replace(/\s+/g, ' ');
}

/** A text column compared byte by byte, so that a sortKey() value orders the Swedish way. */
export const sortKeyText = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'text COLLATE "C"';
  },
});

/** Compares two strings the Swedish way (for in-memory lists). */
export function compareSwedish(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
