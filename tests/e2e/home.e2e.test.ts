import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { checkPage, describeBrowser, launchBrowser, newPage, type TrackedPage } from '../helpers/browser.js';
import { startTestServer, TEST_DEMO_PASSWORD, type TestServer } from '../helpers/server.js';
import { demoMeetings, type DemoMeetings } from './meetings-catalog.js';
import { roleAccounts } from './roles.js';

/**
 * The daily path in the browser: the demo secretary's home page shows their next meetings,
 * what waits, their actions and the groups they lead, and leads to a group's follow-up;
 * both pages pass axe-core and reflow at 320 px. (axe-core runs with JavaScript on: it needs
 * the page's timers.)
 */
describeBrowser('home page and follow-up in the browser', () => {
  let browser: Browser;
  let server: TestServer;
  let demo: DemoMeetings;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    demo = await demoMeetings(server.database);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function loginAs(email: string, viewport?: { width: number; height: number }): Promise<TrackedPage> {
    const tracked = await newPage(browser, { javaScriptEnabled: true, ...(viewport ? { viewport } : {}) });
    const { page } = tracked;
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/login`);
    await page.fill('#field-email', email);
    await page.fill('#field-password', TEST_DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
    return tracked;
  }

  const headings = (tracked: TrackedPage) => tracked.page.locator('main section > h2').allTextContents();

  it("shows the secretary's home page in its order and leads to a group's follow-up; both pass axe-core", async () => {
    const secretary = await loginAs(roleAccounts.secretary!);
    const { page } = secretary;
    await page.goto(`${server.url}/`);
    const titles = await headings(secretary);
    expect(titles.slice(0, 4)).toEqual(['Mina nästa möten', 'Väntar på dig', 'Mina åtgärder', 'Grupper du leder']);
    expect(titles).not.toContain('Huvudmän i systemet');
    // The next meeting of the demo body links to its page.
    await expect(page.locator(`#home-next-meetings ~ ul a[href="/meetings/${demo.upcomingId}"]`).count()).resolves.toBe(1);
    await checkPage(secretary);

    // The group's own follow-up link (its warnings may lead there too).
    const followUp = page.locator(`section.led-bodies a[href="/bodies/${demo.bodyId}/follow-up"]`, { hasText: 'Uppföljning' });
    await expect(followUp.count()).resolves.toBe(1);
    await Promise.all([page.waitForNavigation(), followUp.click()]);
    expect(new URL(page.url()).pathname).toBe(`/bodies/${demo.bodyId}/follow-up`);
    expect(await page.locator('h1').textContent()).toMatch(/^Uppföljning – /);
    expect(await headings(secretary)).toEqual(['Öppna åtgärder', 'Justeringar som väntar', 'Inskickade punkter att ta ställning till', 'Möten utan klara minnesanteckningar']);
    await checkPage(secretary);
    await secretary.close();
  }, 180_000);

  it('reflows both pages at 320 px, and refuses the follow-up to a member', async () => {
    const narrow = await loginAs(roleAccounts.secretary!, { width: 320, height: 640 });
    for (const path of ['/', `/bodies/${demo.bodyId}/follow-up`]) {
      await narrow.page.goto(`${server.url}${path}`);
      const width = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(320);
    }
    await narrow.close();

    const member = await loginAs(roleAccounts.person!);
    const response = await member.page.goto(`${server.url}/bodies/${demo.bodyId}/follow-up`);
    expect(response?.status()).toBe(403);
    await member.page.goto(`${server.url}/`);
    expect(await headings(member)).not.toContain('Grupper du leder');
    await checkPage(member);
    await member.close();
  }, 180_000);
});
