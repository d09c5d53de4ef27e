/**
 * Paths that carry a secret (a password-reset token, the token of a personal calendar
 * feed) are logged with the secret replaced, so that log readers cannot use them.
 */
const SECRET_PATHS: RegExp[] = [/^(\/password\/reset\/)[^/]+()/, /^(\/calendar\/)[A-Za-z0-9_-]{10,200}(\.ics)$/];

export function loggablePath(path: string): string {
  for (const pattern of SECRET_PATHS) {
    if (pattern.test(path)) return path.replace(pattern, '$1…$2');
  }
  return path;
}
