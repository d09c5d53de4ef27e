/**
 * Address names (slugs) made from a name: "Nätverk läkemedel" → `natverk-lakemedel`. Lower
 * case; å, ä → a and ö → o; other diacritics stripped (é → e, ü → u) and a few letters that
 * have none spelled out (æ → ae, ø → o, ß → ss); every run of other characters becomes one
 * hyphen, none at the ends. At most `max` characters, cut at a hyphen where one is near.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const SPELLED: Record<string, string> = { æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', þ: 'th', ð: 'd', đ: 'd', ł: 'l', ı: 'i' };

export function slugFrom(name: string, max = 60): string {
  const plain = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[æøœßþðđłı]/g, (ch) => SPELLED[ch] ?? '');
  const slug = plain.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return cut(slug, max);
}

/** The slug at most `max` long, cut at its last hyphen when that keeps at least half of it. */
function cut(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max);
  const hyphen = head.lastIndexOf('-');
  return (hyphen >= max / 2 ? head.slice(0, hyphen) : head).replace(/-+$/, '');
}

/** Whether a text already is a valid slug. */
export function isSlug(text: string): boolean {
  return SLUG_PATTERN.test(text);
}

/**
 * The first of `base`, `base-2`, `base-3` … that `taken` does not hold, at most `max` long
 * (the base is shortened to leave room for the number).
 */
export function freeSlug(base: string, taken: ReadonlySet<string>, max = 60): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${cut(base, max - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
