import { accessSync, constants, closeSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { describe, it } from 'vitest';

/**
 * Browser-test harness: finds Debian's Chromium, launches it offline through
 * playwright-core, records console output to catch CSP violations and page errors,
 * and runs axe-core on a page without relaxing its Content-Security-Policy.
 */

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a machine without network: no first-run, sync, update or QUIC traffic. */
export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The axe-core rule tags every page must pass: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function wantedChromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;
}

/** The Chromium executable to drive: CHROMIUM_PATH, else /usr/bin/chromium; undefined when missing. */
export function chromiumPath(): string | undefined {
  const path = wantedChromiumPath();
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

function missingChromiumMessage(): string {
  return `no Chromium at ${wantedChromiumPath()} (install Debian's chromium or set CHROMIUM_PATH)`;
}

/**
 * Prints the skip line once per vitest run, however many browser test files skip:
 * the first worker of the run (all share the parent process) claims a marker file.
 */
function printSkipLineOnce(line: string): void {
  const marker = join(tmpdir(), `samverka-e2e-skip-notice-${runId()}`);
  try {
    closeSync(openSync(marker, 'wx'));
  } catch {
    return;
  }
  process.stdout.write(`\n${line}\n`);
}

/** Identifies this vitest run: the parent's pid and, on Linux, its start time (pids are reused). */
function runId(): string {
  let started = '';
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count after ')'.
    const stat = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
    started = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    started = '';
  }
  return started ? `${process.ppid}-${started}` : String(process.ppid);
}

/**
 * A browser test suite: runs when Chromium is found, otherwise is skipped with one clear
 * line, or fails (one failing test) when REQUIRE_E2E=1.
 */
export function describeBrowser(name: string, fn: () => void): void {
  if (chromiumPath()) {
    describe(name, fn);
    return;
  }
  if (process.env.REQUIRE_E2E === '1') {
    describe(name, () => {
      it('needs Chromium (REQUIRE_E2E=1)', () => {
        throw new Error(`Browser tests are required (REQUIRE_E2E=1) but there is ${missingChromiumMessage()}.`);
      });
    });
    return;
  }
  printSkipLineOnce(`Browser tests skipped: ${missingChromiumMessage()}.`);
  describe.skip(name, fn);
}

/** Launches headless Chromium; throws naming the path when there is none. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`Cannot launch a browser: ${missingChromiumMessage()}.`);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
}

export interface ConsoleEntry {
  type: string;
  text: string;
  url: string;
}

export interface TrackedPage {
  page: Page;
  context: BrowserContext;
  /** Every console message the page logged, including the browser's own (CSP, network). */
  readonly consoleMessages: ConsoleEntry[];
  /** Uncaught exceptions thrown by the page's scripts. */
  readonly pageErrors: Error[];
  /** Console messages that report a Content-Security-Policy violation. */
  cspViolations(): ConsoleEntry[];
  /** Throws listing every CSP violation and page error recorded so far. */
  assertNoCspViolations(): void;
  close(): Promise<void>;
}

export interface NewPageOptions {
  javaScriptEnabled?: boolean;
  viewport?: { width: number; height: number };
  /** Cookies to start with, e.g. a logged-in session saved with context.storageState(). */
  storageState?: BrowserContextOptions['storageState'];
}

export function isCspViolation(entry: ConsoleEntry): boolean {
  return entry.type === 'error' && (/Refused to /.test(entry.text) || /Content Security Policy/i.test(entry.text));
}

/** A page in a fresh browser context (own cookies) that records console output and errors. */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<TrackedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.storageState ? { storageState: options.storageState } : {}),
  });
  const page = await context.newPage();
  const consoleMessages: ConsoleEntry[] = [];
  const pageErrors: Error[] = [];
  page.on('console', (msg) => consoleMessages.push({ type: msg.type(), text: msg.text(), url: page.url() }));
  page.on('pageerror', (err) => pageErrors.push(err));
  const cspViolations = () => consoleMessages.filter(isCspViolation);
  return {
    page,
    context,
    consoleMessages,
    pageErrors,
    cspViolations,
    assertNoCspViolations() {
      const lines = [...cspViolations().map((e) => `CSP violation on ${e.url}: ${e.text}`), ...pageErrors.map((e) => `Page error: ${e.message}`)];
      if (lines.length) throw new Error(`The browser reported ${lines.length} problem(s):\n${lines.join('\n')}`);
    },
    close: () => context.close(),
  };
}

/** After a page has loaded: no CSP violation, no page error, no axe-core violation. */
export async function checkPage(tracked: TrackedPage): Promise<void> {
  tracked.assertNoCspViolations();
  await checkA11y(tracked.page);
}

let axeSource: string | undefined;

function readAxeSource(): string {
  if (!axeSource) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; summary: string }[];
}

/**
 * Runs axe-core on the page and returns its violations. axe is evaluated through the
 * DevTools protocol, which the page's CSP does not govern, so the policy stays strict.
 */
export async function axeViolations(page: Page, tags: string[] = AXE_TAGS): Promise<A11yViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(readAxeSource());
  return page.evaluate(async (values) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' })),
    }));
  }, tags);
}

/** Formats violations as a readable list: rule, impact, help, and each offending node. */
export function formatViolations(violations: A11yViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 10).map((n) => `    at ${n.target}${n.summary ? `\n      ${n.summary.replace(/\s*\n\s*/g, ' | ')}` : ''}`);
      if (v.nodes.length > 10) nodes.push(`    … and ${v.nodes.length - 10} more`);
      return `  - ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Fails with a readable list when axe-core finds any WCAG 2.2 A/AA violation on the page. */
export async function checkA11y(page: Page, tags: string[] = AXE_TAGS): Promise<void> {
  const violations = await axeViolations(page, tags);
  if (violations.length) {
    throw new Error(`axe-core found ${violations.length} accessibility violation(s) on ${page.url()}:\n${formatViolations(violations)}`);
  }
}
