import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eq, inArray } from 'drizzle-orm';
import { checkPage, describeBrowser, launchBrowser, newPage } from '../helpers/browser.js';
import { startTestServer, TEST_DEMO_PASSWORD, type TestServer } from '../helpers/server.js';
import { people, sessions } from '../../src/platform/auth/schema.js';

const EMAIL = 'sekreterare@example.org';

/**
 * A form sent after the session ended keeps its text through the login and is sent again
 * with one button, with JavaScript on (axe-core checks both pages) and off.
 */
describeBrowser('a form sent after the session ended', () => {
  let browser: Browser;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function endSessions() {
    const db = server.database.db;
    const ids = db.select({ id: people.id }).from(people).where(eq(people.email, EMAIL));
    await db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 45 * 60_000) })
      .where(inArray(sessions.personId, ids));
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`is sent again after logging in (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const tracked = await newPage(browser, { javaScriptEnabled });
      const { page } = tracked;
      await page.goto(`${server.url}/login?next=%2Faccount`);
      await page.fill('#field-email', EMAIL);
      await page.fill('#field-password', TEST_DEMO_PASSWORD);
      await page.click('form[action="/login"] button[type=submit]');
      await page.waitForURL(`${server.url}/account`);
      const name = `Nyckel för intranätet ${javaScriptEnabled ? 'med' : 'utan'} skript`;
      await page.fill('#field-name', name);
      await endSessions();
      await page.click('form[action="/account/tokens"] button[type=submit]');
      await page.waitForLoadState();

      expect(await page.textContent('main')).toContain('Du har blivit utloggad. Logga in igen så skickas det du skrev.');
      expect(await page.textContent('main')).toContain(name);
      if (javaScriptEnabled) await checkPage(tracked);
      await page.fill('#field-email', EMAIL);
      await page.fill('#field-password', TEST_DEMO_PASSWORD);
      await page.click('form[action="/login"] button[type=submit]');
      await page.waitForLoadState();

      expect(await page.textContent('main h1')).toContain('Skicka det du skrev');
      expect(await page.textContent('main')).toContain(name);
      if (javaScriptEnabled) await checkPage(tracked);
      await page.click('main button:has-text("Skicka igen")');
      await page.waitForLoadState();
      expect(await page.textContent('#new-token')).toMatch(/^svk_/);
      expect(await page.textContent('main')).toContain(name);
      tracked.assertNoCspViolations();
      await tracked.close();
    }, 120_000);
  }
});
