import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from './helpers/db.js';
import { TEST_DEMO_PASSWORD } from './helpers/demo-password.js';
import { createTestApp } from './helpers/app.js';
import { TestClient } from './helpers/http.js';
import { isExcluded, patternToRegExp, routeCatalog } from './e2e/route-catalog.js';
import { roleAccounts } from './e2e/roles.js';

/**
 * Every page of the route catalog can be found by following links from the home page, as
 * some role that may see it: people use Samverka from its navigation, not from URLs in the
 * README. A plain HTTP crawl (every page works without JavaScript): log in as each demo role,
 * follow the <a href> links of each page from `/`, and note the route pattern each reached
 * URL belongs to. A page that only an e-mail links to says so in its catalog entry
 * (`notLinked`, with the reason).
 */

// Starts from the run's seeded demo (tests/helpers/db.ts).
const db = useTestDatabase({ demo: true });
const ORIGIN = 'http://localhost';
/**
 * Concrete URLs followed per route pattern and role (other ids of the same page mostly add
 * nothing); beyond that each fetched page may lead to one more URL of a pattern, so that a
 * filtered list leads to a page in that state (the accepted cases to an accepted case, the
 * past meetings to a held meeting).
 */
const PER_PATTERN = 3;
/** Filtered views of one list followed (its filter and pager links). */
const FILTERS = 12;
/** A bound on the pages one role's crawl fetches. */
const MAX_PAGES = 400;
/** Links to files and feeds: counted as reached, never fetched as pages. */
const FILE = /\.(pdf|docx|ics|csv|json|xlsx|txt|png|jpe?g|svg)$|\/(pdf|docx|json)$/i;

const patterns = routeCatalog.map((e) => ({ pattern: e.pattern, regexp: patternToRegExp(e.pattern), params: (e.pattern.match(/:/g) ?? []).length }));

/** The catalog pattern a path belongs to (the most literal one when several match), or the path itself. */
function patternOf(path: string): string {
  let best: (typeof patterns)[number] | undefined;
  for (const p of patterns) if (p.regexp.test(path) && (!best || p.params < best.params)) best = p;
  return best?.pattern ?? path;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ENTITIES[e]!);

/** The href of every link of a page, and the action of every form sent with GET (a button that opens a page), as written. */
function linksOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/gi)) out.push(decode(m[1]!));
  for (const m of html.matchAll(/<form\b[^>]*>/gi)) {
    const method = /\smethod="([^"]*)"/i.exec(m[0])?.[1] ?? 'get';
    const action = /\saction="([^"]*)"/i.exec(m[0])?.[1];
    if (method.toLowerCase() === 'get' && action) out.push(decode(action));
  }
  return out;
}

interface Crawl {
  /** Patterns (or unmatched paths) reached, pages or files. */
  reached: Set<string>;
  pages: number;
  /** Pages that answered an error, to tell a broken link from an unreachable page. */
  broken: string[];
}

async function crawl(client: TestClient): Promise<Crawl> {
  const reached = new Set<string>();
  const followed = new Map<string, number>();
  const seen = new Set<string>(['/']);
  const queue: { url: string; from: string }[] = [{ url: '/', from: '(start)' }];
  const broken: string[] = [];
  let pages = 0;
  while (queue.length && pages < MAX_PAGES) {
    const { url, from } = queue.shift()!;
    const res = await client.get(url);
    pages++;
    const path = url.split('?')[0]!;
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location');
      if (location) enqueue(location, url);
      continue;
    }
    if (res.status !== 200) {
      // A refusal of a link shown to this person is a defect of its own; the path is still not counted as reached.
      broken.push(`${url} (${res.status}, linked from ${from})`);
      continue;
    }
    reached.add(patternOf(path));
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    for (const href of linksOf(await res.text())) enqueue(href, url);
  }
  return { reached, pages, broken };

  function enqueue(href: string, from: string) {
    if (!href || href.startsWith('#') || /^(mailto|tel|javascript):/i.test(href)) return;
    const target = new URL(href, ORIGIN + from);
    if (target.origin !== ORIGIN) return;
    const path = target.pathname;
    // Changing the language and the static files are not pages of the catalog.
    if (path.startsWith('/lang/') || path.startsWith('/static/') || path === '/logout') return;
    const url = path + target.search;
    if (seen.has(url)) return;
    const pattern = patternOf(path);
    if (FILE.test(path) || isExcluded(pattern)) {
      seen.add(url);
      reached.add(pattern);
      return;
    }
    // The filters and pages of a list link to the list itself: each is a view of its own (the accepted cases), up to a bound.
    if (path === from.split('?')[0]) {
      const views = followed.get(`views of ${path}`) ?? 0;
      if (views >= FILTERS) return;
      followed.set(`views of ${path}`, views + 1);
      seen.add(url);
      queue.push({ url, from });
      return;
    }
    const n = followed.get(pattern) ?? 0;
    // Each page may lead to one more URL of a pattern beyond the cap (the accepted cases lead to an accepted case).
    const pair = `${from} → ${pattern}`;
    if (n >= PER_PATTERN && followed.has(pair)) return;
    followed.set(pattern, n + 1);
    followed.set(pair, 1);
    seen.add(url);
    queue.push({ url, from });
  }
}

describe('every page can be reached by following links', () => {
  const results = new Map<string, Crawl>();

  beforeAll(async () => {
    // The catalog's examples add what the demo lacks (a live meeting, a kept mail, notifications …).
    // (Only what they add matters here: an example that fails is the route-catalog test's to report.)
    for (const entry of routeCatalog) for (const role of entry.roles) await Promise.resolve(entry.examples({ database: db.current, role })).catch(() => []);
    const { app } = createTestApp(db.current);
    // One role after another: each crawl is a person clicking through the whole site.
    for (const role of ['anonymous', ...Object.keys(roleAccounts)]) {
      const client = new TestClient(app);
      const email = roleAccounts[role];
      if (email) {
        const res = await client.login(email, TEST_DEMO_PASSWORD);
        if (res.status !== 303) throw new Error(`Logging in as ${role} (${email}) answered ${res.status}`);
      }
      results.set(role, await crawl(client));
    }
  });

  it('reaches every catalogued page as some role that may see it', () => {
    const unreachable = routeCatalog
      .filter((e) => e.pending === undefined && e.notLinked === undefined)
      .filter((e) => !e.roles.some((role) => results.get(role)?.reached.has(e.pattern)))
      .map((e) => `${e.pattern} (as ${e.roles.join(', ')})`);
    expect(unreachable, `Pages no link leads to (add a link in the navigation, or mark the catalog entry notLinked with the reason):\n${unreachable.join('\n')}`).toEqual([]);
  });

  it('gives a reason for every page that no link leads to, and such a page is indeed not linked', () => {
    for (const e of routeCatalog.filter((e) => e.notLinked !== undefined)) {
      expect(e.notLinked!.trim(), e.pattern).not.toBe('');
      const linkedAs = e.roles.filter((role) => results.get(role)?.reached.has(e.pattern));
      expect(linkedAs, `${e.pattern} is reached by links now: remove its notLinked marker`).toEqual([]);
    }
  });

  it('follows no link that answers an error', () => {
    const broken = [...results].flatMap(([role, r]) => r.broken.map((b) => `${role}: ${b}`));
    expect(broken).toEqual([]);
  });
});
