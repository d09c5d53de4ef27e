import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Response } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../src/platform/http/security.js';
import { axeViolations, describeBrowser, formatViolations, launchBrowser, newPage, type NewPageOptions, type TrackedPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { errorPages, type CatalogEntry } from './route-catalog.js';
import { accessibilityPart, ACCESSIBILITY_PARTS, partOfFile } from './accessibility-parts.js';
import { roleLogins } from './roles.js';

/**
 * The accessibility guarantee over every page (split into parts: tests/e2e/accessibility-parts.ts): each catalog route, each example URL,
 * each role that can see it, in Swedish and English. axe-core (WCAG 2.2 A/AA) finds
 * nothing, the browser reports no CSP violation, the page reflows at 320 px, works
 * without JavaScript, and its skip link is the first stop of the keyboard. All checks
 * share one page load per URL, role and language: what a reader without JavaScript gets
 * is the server's HTML of that same answer, read as it came over HTTP (a second browser
 * visit with JavaScript off would add nothing but time).
 */

const LANGS = ['sv', 'en'] as const;
type Lang = (typeof LANGS)[number];

/** Each test visits several URLs as several roles; generous for a loaded two-core machine. */
const TEST_TIMEOUT = 180_000;

let server: TestServer;
let browser: Browser;

/** A path visited in the given language, through the language switch. */
function inLang(lang: Lang, url: string): string {
  return `${server.url}/lang/${lang}?next=${encodeURIComponent(url)}`;
}

/** Collects every problem of a test so that one run reports them all, then fails once. */
class Problems {
  readonly list: string[] = [];
  add(where: string, what: string) {
    this.list.push(`${where}: ${what}`);
  }
  /** Records CSP violations and page errors; clears them so each URL reports its own. */
  takeBrowserErrors(where: string, tracked: TrackedPage) {
    try {
      tracked.assertNoCspViolations();
    } catch (err) {
      this.add(where, (err as Error).message);
    }
    tracked.consoleMessages.length = 0;
    tracked.pageErrors.length = 0;
  }
  assertNone() {
    if (this.list.length) throw new Error(`${this.list.length} problem(s):\n\n${this.list.join('\n\n')}`);
  }
}

type StorageState = NonNullable<NewPageOptions['storageState']>;
const sessions = new Map<string, Promise<StorageState>>();

/** The cookies of a role, logged in once per run through its login in tests/e2e/roles.ts. */
function sessionOf(role: string, entry: CatalogEntry): Promise<StorageState> {
  let session = sessions.get(role);
  if (!session) {
    const login = roleLogins[role];
    if (!login) throw new Error(`No login for role '${role}' in tests/e2e/roles.ts (needed by ${entry.pattern})`);
    session = (async () => {
      const tracked = await newPage(browser);
      try {
        await login(tracked, server);
        tracked.assertNoCspViolations();
        return await tracked.context.storageState();
      } finally {
        await tracked.close();
      }
    })();
    sessions.set(role, session);
  }
  return session;
}

/** Visits each example URL of an entry as each of the given roles (all of its roles unless told), in a fresh page per role. */
async function forEachVisit(
  entry: CatalogEntry,
  options: NewPageOptions,
  visit: (tracked: TrackedPage, url: string, role: string) => Promise<void>,
  roles: readonly string[] = entry.roles,
): Promise<void> {
  for (const role of roles) {
    const storageState = await sessionOf(role, entry);
    const examples = await entry.examples({ database: server.database, role });
    expect(examples.length, `${entry.pattern} has no example URL as ${role}`).toBeGreaterThan(0);
    const tracked = await newPage(browser, { ...options, storageState });
    try {
      for (const url of examples) await visit(tracked, url, role);
    } finally {
      await tracked.close();
    }
  }
}

/** True when the page itself answered, not a redirect elsewhere (such as to the login page). */
function landedOn(response: Response | null, url: string): boolean {
  return !!response && response.url() === `${server.url}${url}`;
}

/** The page answered itself with the expected status and the exact Content-Security-Policy. */
function checkResponse(problems: Problems, where: string, response: Response | null, url: string, status = 200) {
  if (!response) return problems.add(where, 'no response');
  if (!landedOn(response, url)) problems.add(where, `ended at ${response.url()} instead`);
  if (response.status() !== status) problems.add(where, `status ${response.status()}, expected ${status}`);
  const csp = response.headers()['content-security-policy'];
  if (csp !== CONTENT_SECURITY_POLICY) problems.add(where, `Content-Security-Policy is ${JSON.stringify(csp)}`);
}

/**
 * Without JavaScript the reader gets the server's HTML as it is: it must hold exactly one
 * main landmark with exactly one visible, non-empty h1 in it.
 */
function checkWithoutJavaScript(problems: Problems, where: string, html: string) {
  const mains = html.match(/<main\b[^>]*>[\s\S]*?<\/main>/g) ?? [];
  if (mains.length !== 1 || (html.match(/<main\b/g) ?? []).length !== 1) return problems.add(where, `${(html.match(/<main\b/g) ?? []).length} main landmarks, expected 1`);
  const h1s = [...mains[0]!.matchAll(/<h1\b([^>]*)>([\s\S]*?)<\/h1>/g)];
  if (h1s.length !== 1) return problems.add(where, `${h1s.length} h1 in main, expected 1`);
  const [, attrs, inner] = h1s[0]!;
  const text = inner!.replace(/<[^>]+>/g, '').trim();
  if (!text || /\bhidden\b|visually-hidden/.test(attrs!)) problems.add(where, 'the h1 is hidden or empty');
}

/** The WCAG check of one loaded page: language, axe-core, browser console. */
async function checkLoadedPage(problems: Problems, where: string, tracked: TrackedPage, lang: Lang) {
  const htmlLang = await tracked.page.evaluate(() => document.documentElement.lang);
  if (htmlLang !== lang) problems.add(where, `<html lang="${htmlLang}">, expected ${lang}`);
  const violations = await axeViolations(tracked.page);
  if (violations.length) problems.add(where, `axe-core found ${violations.length} violation(s):\n${formatViolations(violations)}`);
  problems.takeBrowserErrors(where, tracked);
}

const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 320, height: 640 };

/**
 * The shape of a page's markup: its elements, their attribute names and classes, without
 * text or other attribute values (ids, tokens, dates). Two roles that get the same shape of
 * the same URL see the same view, so the browser's checks run on it once.
 */
function markupShape(html: string): string {
  return html
    .replace(/>[^<]*</g, '><')
    .replace(/<script\b[\s\S]*?<\/script>/g, '<script>')
    .replace(/\s([a-zA-Z:-]+)(?:=("[^"]*"|'[^']*'|[^\s>]+))?/g, (_all, name: string, value?: string) => (name === 'class' && value ? ` class=${value}` : ` ${name}`));
}

/** The first Tab stop of a freshly loaded page is the skip link, and Enter moves focus to main. */
async function checkSkipLink(problems: Problems, where: string, tracked: TrackedPage) {
  const { page } = tracked;
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const box = el?.getBoundingClientRect();
    return {
      isSkipLink: !!el?.classList.contains('skip-link'),
      href: el?.getAttribute('href') ?? null,
      text: el?.textContent?.trim() ?? '',
      inViewport: !!box && box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth,
    };
  });
  if (!first.isSkipLink || first.href !== '#main') {
    return problems.add(where, `first Tab focused ${JSON.stringify(first)}, expected the skip link to #main`);
  }
  if (!first.inViewport) problems.add(where, 'the focused skip link is not visible in the viewport');
  if (!first.text) problems.add(where, 'the skip link has no text');
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => document.activeElement?.id ?? null);
  if (focused !== 'main') problems.add(where, `after activating the skip link focus is on #${focused}, expected #main`);
}

/** At 320 CSS pixels nothing makes the page scroll sideways (WCAG 1.4.10). */
async function checkReflow(problems: Problems, where: string, tracked: TrackedPage) {
  const scrollWidth = await tracked.page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth <= NARROW.width) return;
  const wide = await tracked.page.evaluate(
    (limit) =>
      Array.from(document.querySelectorAll('body *'))
        .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
        .slice(0, 5)
        .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}>`),
    NARROW.width,
  );
  problems.add(where, `scrollWidth ${scrollWidth} > ${NARROW.width}; too wide: ${wide.join(', ')}`);
}

/** Declares the checks of one part; tests/e2e/accessibility-<n>.e2e.test.ts calls it with its own file name. */
export function accessibilitySuite(file: string): void {
  const part = partOfFile(file);
  const { entries, errorPages: withErrorPages } = accessibilityPart(part);
  describeBrowser(`accessibility of every page (part ${part} of ${ACCESSIBILITY_PARTS})`, () => {
    beforeAll(async () => {
      server = await startTestServer();
      browser = await launchBrowser();
    }, TEST_TIMEOUT);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    for (const entry of entries) {
      if (entry.pending) {
        it.todo(`${entry.pattern}: not checked yet, ${entry.pending}`);
        it(
          `${entry.pattern} is still closed to its roles (else remove 'pending' from the catalog)`,
          async () => {
            const problems = new Problems();
            await forEachVisit(entry, {}, async (tracked, url, role) => {
              const response = await tracked.page.goto(`${server.url}${url}`);
              if (response?.ok() && landedOn(response, url)) problems.add(`${url} as ${role}`, `opens now (status ${response.status()}): remove 'pending' so that it is checked`);
            });
            problems.assertNone();
          },
          TEST_TIMEOUT,
        );
        continue;
      }

      // One visit per distinct view: in Swedish every role, and a role whose page has the
      // same markup as one already checked is checked over HTTP only (status, CSP, h1 and
      // main); in English the entry's last role (the one that sees most, e.g. the
      // administrator), since a language changes the words, not the markup.
      for (const lang of LANGS) {
        it(
          `${entry.pattern} (${lang}): skip link first, axe-core finds no WCAG 2.2 AA violation, exact CSP, reflows at 320 px, h1 and main landmark without JavaScript`,
          async () => {
            const problems = new Problems();
            const checked = new Set<string>();
            const roles = lang === 'sv' ? entry.roles : entry.roles.slice(-1);
            await forEachVisit(
              entry,
              {},
              async (tracked, url, role) => {
                const where = `${url} as ${role} in ${lang}`;
                await tracked.page.setViewportSize(DESKTOP);
                const response = await tracked.page.goto(inLang(lang, url));
                checkResponse(problems, where, response, url);
                const html = response ? await response.text() : '';
                if (response) checkWithoutJavaScript(problems, `${where} without JavaScript`, html);
                const shape = `${url}\n${markupShape(html)}`;
                if (checked.has(shape)) return problems.takeBrowserErrors(where, tracked);
                checked.add(shape);
                await checkSkipLink(problems, where, tracked);
                await checkLoadedPage(problems, where, tracked, lang);
                await tracked.page.setViewportSize(NARROW);
                await checkReflow(problems, `${where} at 320 px`, tracked);
                problems.takeBrowserErrors(where, tracked);
              },
              roles,
            );
            problems.assertNone();
          },
          TEST_TIMEOUT,
        );
      }
    }

    for (const lang of withErrorPages ? LANGS : []) {
      it(
        `error pages (${lang}): axe-core finds no violation, exact CSP, no CSP violation`,
        async () => {
          const problems = new Problems();
          const tracked = await newPage(browser);
          try {
            for (const e of errorPages) {
              const where = `${e.url} (${e.why}) in ${lang}`;
              const response = await tracked.page.goto(inLang(lang, e.url));
              checkResponse(problems, where, response, e.url, e.status);
              await checkLoadedPage(problems, where, tracked, lang);
            }
          } finally {
            await tracked.close();
          }
          problems.assertNone();
        },
        TEST_TIMEOUT,
      );
    }
  });
}
