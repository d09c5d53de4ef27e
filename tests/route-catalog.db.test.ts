import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './helpers/db.js';
import { createTestApp } from './helpers/app.js';
import { errorPages, isExcluded, NON_PAGE_ROUTES, patternToRegExp, routeCatalog } from './e2e/route-catalog.js';
import { roleLogins } from './e2e/roles.js';

// Starts from the run's seeded demo (tests/helpers/db.ts).
const db = useTestDatabase({ demo: true });
const app = () => createTestApp(db.current).app;

/** GET routes the app registers that render HTML pages: everything not explicitly excluded. */
function pageRoutes(): string[] {
  const paths = app()
    .routes.filter((r) => r.method === 'GET')
    .map((r) => r.path)
    .filter((path) => !isExcluded(path));
  return [...new Set(paths)].sort();
}

describe('route catalog for the accessibility tests', () => {
  it('lists every HTML page route the app registers', () => {
    const catalogued = new Set(routeCatalog.map((e) => e.pattern));
    const missing = pageRoutes().filter((p) => !catalogued.has(p));
    expect(missing, `Page routes missing from tests/e2e/route-catalog.ts (add them with examples and roles, or to NON_PAGE_ROUTES with a reason): ${missing.join(', ')}`).toEqual([]);
  });

  it('lists only routes that exist, each once', () => {
    const registered = new Set(
      app()
        .routes.filter((r) => r.method === 'GET')
        .map((r) => r.path),
    );
    const patterns = routeCatalog.map((e) => e.pattern);
    expect(
      patterns.filter((p) => !registered.has(p)),
      'catalog entries with no such GET route',
    ).toEqual([]);
    expect(
      patterns.filter((p, i) => patterns.indexOf(p) !== i),
      'catalog entries listed twice',
    ).toEqual([]);
  });

  it('gives a reason for every excluded route', () => {
    for (const e of NON_PAGE_ROUTES) expect(e.reason.trim(), e.pattern).not.toBe('');
    expect(isExcluded('/api/principals')).toBe(true);
    expect(isExcluded('/principals')).toBe(false);
  });

  it('names, for every page, roles that the browser tests know how to log in as', () => {
    const problems: string[] = [];
    for (const entry of routeCatalog) {
      if (!entry.roles.length) problems.push(`${entry.pattern}: no roles`);
      const unknown = entry.roles.filter((role) => !roleLogins[role]);
      if (unknown.length) problems.push(`${entry.pattern}: no login in tests/e2e/roles.ts for ${unknown.join(', ')}`);
      if (entry.pending !== undefined && !entry.pending.trim()) problems.push(`${entry.pattern}: 'pending' needs a reason`);
    }
    expect(problems).toEqual([]);
  });

  it('has examples for every role that match their pattern; public ones render HTML with status 200', async () => {
    const problems: string[] = [];
    for (const entry of routeCatalog) {
      const regexp = patternToRegExp(entry.pattern);
      for (const role of entry.roles) {
        const examples = await entry.examples({ database: db.current, role });
        if (!examples.length) problems.push(`${entry.pattern}: no example URL as ${role}`);
        for (const url of examples) {
          if (!url.startsWith('/') || url.startsWith('//')) problems.push(`${entry.pattern}: example ${url} is not a local path`);
          if (!regexp.test(url.split('?')[0]!)) problems.push(`${entry.pattern}: example ${url} does not match the pattern`);
          // Pages behind a login are opened in the browser tests; here only the public ones.
          if (role !== 'anonymous') continue;
          const res = await app().request(url);
          const type = res.headers.get('content-type') ?? '';
          if (res.status !== 200 || !type.startsWith('text/html')) problems.push(`${entry.pattern}: ${url} answered ${res.status} ${type}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has error page examples that answer their status with HTML', async () => {
    for (const e of errorPages) {
      const res = await app().request(e.url);
      expect(res.status, e.url).toBe(e.status);
      expect(res.headers.get('content-type'), e.url).toMatch(/^text\/html/);
    }
  });

  it('turns Hono patterns into matching regular expressions', () => {
    expect(patternToRegExp('/bodies/:id').test('/bodies/12')).toBe(true);
    expect(patternToRegExp('/bodies/:id').test('/bodies/12/x')).toBe(false);
    expect(patternToRegExp('/bodies/:id{[0-9]+}').test('/bodies/ab')).toBe(false);
    expect(patternToRegExp('/files/:name?').test('/files')).toBe(true);
    expect(patternToRegExp('/files/:name?').test('/files/a.pdf')).toBe(true);
    expect(patternToRegExp('/a.b').test('/axb')).toBe(false);
  });
});
