import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../src/platform/http/security.js';
import { checkA11y, checkPage, describeBrowser, isCspViolation, launchBrowser, newPage, type TrackedPage } from '../helpers/browser.js';

/**
 * The harness itself: a detector that never fires would let every page pass. Synthetic
 * pages, served by request interception under the app's exact CSP, must trip it.
 */

const ORIGIN = 'http://harness.invalid';

function html(body: string, head = ''): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harness</title>${head}</head><body><main><h1>Harness</h1>${body}</main></body></html>`;
}

let browser: Browser;

async function open(body: string, head = ''): Promise<TrackedPage> {
  const tracked = await newPage(browser);
  await tracked.page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CONTENT_SECURITY_POLICY },
      body: html(body, head),
    }),
  );
  await tracked.page.goto(`${ORIGIN}/`);
  return tracked;
}

describeBrowser('browser test harness', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('passes a clean page', async () => {
    const tracked = await open('<p>Nothing wrong here.</p>');
    try {
      await checkPage(tracked);
    } finally {
      await tracked.close();
    }
  });

  it('fails on an inline script refused by the CSP', async () => {
    const tracked = await open('<script>document.title = "ran";</script>');
    try {
      expect(await tracked.page.title()).toBe('Harness');
      expect(tracked.cspViolations().length).toBeGreaterThan(0);
      expect(() => tracked.assertNoCspViolations()).toThrow(/CSP violation.*script/i);
    } finally {
      await tracked.close();
    }
  });

  it('fails on an inline style refused by the CSP', async () => {
    const tracked = await open('<p>Styled</p>', '<style>p { color: red; }</style>');
    try {
      expect(() => tracked.assertNoCspViolations()).toThrow(/CSP violation.*style/i);
    } finally {
      await tracked.close();
    }
  });

  it('fails on an uncaught page error', async () => {
    const tracked = await open('<p>Broken</p>');
    try {
      // Evaluated through DevTools, so the CSP allows it; the throw happens in a task of the page.
      await tracked.page.evaluate(() => {
        setTimeout(() => {
          throw new Error('boom from the page');
        });
      });
      await tracked.page.waitForTimeout(100);
      expect(() => tracked.assertNoCspViolations()).toThrow(/Page error: boom from the page/);
    } finally {
      await tracked.close();
    }
  });

  it('runs axe-core under the strict CSP and lists violations readably', async () => {
    const tracked = await open('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="/x"></a>');
    try {
      const failure = await checkA11y(tracked.page).then(
        () => undefined,
        (err: Error) => err.message,
      );
      expect(failure).toMatch(/image-alt \((critical|serious)\)/);
      expect(failure).toMatch(/link-name/);
      expect(failure).toContain('at img');
      expect(tracked.cspViolations()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it('recognises Chromium CSP messages', () => {
    expect(isCspViolation({ type: 'error', url: '', text: 'Refused to execute inline script because it violates the following Content Security Policy directive: "script-src \'self\'".' })).toBe(true);
    expect(isCspViolation({ type: 'error', url: '', text: 'Failed to load resource: the server responded with a status of 404' })).toBe(false);
    expect(isCspViolation({ type: 'log', url: '', text: 'Refused to worry' })).toBe(false);
  });
});
