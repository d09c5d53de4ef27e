/**
 * A return path that stays on this site: it must start with one "/", and may not contain a
 * backslash or control characters (browsers read "/\evil.example" as "//evil.example").
 */
export function safeLocalPath(next: string | undefined | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f]/.test(next)) return '/';
  return next.slice(0, 2000);
}
