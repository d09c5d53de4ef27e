import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { checkPage, describeBrowser, launchBrowser, newPage, type TrackedPage } from '../helpers/browser.js';
import { startTestServer, TEST_DEMO_PASSWORD, type TestServer } from '../helpers/server.js';
import { meetings } from '../../src/modules/meetings/schema.js';
import { minuteItems } from '../../src/modules/minutes/schema.js';
import { demoMinutes, type DemoMinutes } from './minutes-catalog.js';
import { roleAccounts } from './roles.js';

/**
 * Minutes in the browser: a tabled item is proposed for the body's next meeting; locked
 * minutes cannot be edited, only corrected as a new version; two writers saving the same
 * item see the conflict instead of overwriting each other (the first one's draft autosaved
 * with htmx); the published minutes pass axe-core. (axe-core runs in pages with JavaScript
 * on: it needs the page's timers.)
 */
describeBrowser('minutes in the browser', () => {
  let browser: Browser;
  let server: TestServer;
  let demo: DemoMinutes;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    demo = await demoMinutes(server.database);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function loginAs(email: string, javaScriptEnabled = false): Promise<TrackedPage> {
    const tracked = await newPage(browser, { javaScriptEnabled });
    const { page } = tracked;
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/login`);
    await page.fill('#field-email', email);
    await page.fill('#field-password', TEST_DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
    return tracked;
  }

  const submit = (page: Page, selector: string) => Promise.all([page.waitForNavigation(), page.click(selector)]);

  it('proposes the tabled item for the body’s next meeting, with where it was tabled', async () => {
    const [tabled] = await server.database.db
      .select({ title: minuteItems.title })
      .from(minuteItems)
      .where(and(eq(minuteItems.meetingId, demo.draftMeetingId), eq(minuteItems.outcome, 'tabled')));
    expect(tabled, 'the demo tables an item at the latest meeting').toBeDefined();
    const [next] = await server.database.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.bodyId, demo.bodyId), gt(meetings.startsAt, new Date())))
      .orderBy(asc(meetings.startsAt))
      .limit(1);
    const secretary = await loginAs(roleAccounts.secretary!);
    await secretary.page.goto(`${server.url}/meetings/${next!.id}/agenda`);
    const section = secretary.page.locator('section[aria-labelledby="proposals-title"]');
    await expect(section.textContent()).resolves.toContain('Bordlagda punkter');
    const proposal = section.locator('li', { hasText: tabled!.title });
    await expect(proposal.count()).resolves.toBeGreaterThan(0);
    await expect(proposal.first().textContent()).resolves.toMatch(/Bordlagd på mötet \d{4}-\d{2}-\d{2} \(punkt \d+\)/);
    // (The agenda builder's accessibility is checked with the other pages in accessibility-suite.ts.)
    secretary.assertNoCspViolations();
    await secretary.close();
  }, 180_000);

  it('shows a stale save as a conflict with both versions; nothing is overwritten', async () => {
    const url = `${server.url}/meetings/${demo.draftMeetingId}/minutes`;
    // A writes with JavaScript (autosave); B opened the page before and saves without waiting for an autosave.
    const a = await loginAs(roleAccounts.secretary!, true);
    const b = await loginAs(roleAccounts.secretary!, true);
    await a.page.goto(url);
    await b.page.goto(url);
    const form = (p: Page) => p.locator('form.minute-item-form').nth(1);
    const notes = (p: Page) => form(p).locator('textarea[name="notes"]');

    await notes(a.page).fill('Anteckning från den första skrivaren.');
    // The draft is autosaved a moment after typing stops (not audited), and the form's version follows.
    await expect(form(a.page).locator('.autosave-status').filter({ hasText: 'sparades automatiskt' }).waitFor()).resolves.toBeUndefined();
    await submit(a.page, 'form.minute-item-form >> nth=1 >> button[type=submit]');
    await expect(a.page.textContent('main')).resolves.toContain('Punkten har sparats.');

    await notes(b.page).fill('Anteckning från den andra skrivaren.');
    const [response] = await Promise.all([b.page.waitForNavigation(), b.page.click('form.minute-item-form >> nth=1 >> button[type=submit]')]);
    expect(response?.status()).toBe(409);
    const main = (await b.page.textContent('main'))!;
    expect(main).toContain('Någon annan har sparat samma punkt');
    expect(await b.page.locator('.conflict-theirs').allTextContents()).toContain('Anteckning från den första skrivaren.');
    expect(await b.page.locator('.conflict-mine').allTextContents()).toContain('Anteckning från den andra skrivaren.');
    await checkPage(b);
    // The stored text is still the first writer's.
    await a.page.goto(url);
    await expect(notes(a.page).inputValue()).resolves.toBe('Anteckning från den första skrivaren.');
    a.assertNoCspViolations();
    await a.close();
    await b.close();
  }, 180_000);

  it('shows the roll call at 1,280 px with names readable: the name column is wide, no name broken letter by letter', async () => {
    const secretary = await loginAs(roleAccounts.secretary!);
    try {
      const { page } = secretary;
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${server.url}/meetings/${demo.draftMeetingId}/attendance`);
      const names = page.locator('table.roll-call tbody th[scope=row]');
      expect(await names.count()).toBeGreaterThan(0);
      const widths = await names.evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
      // 14rem at the default 16 px: room for a full name on a line or two.
      expect(Math.min(...widths)).toBeGreaterThanOrEqual(200);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    } finally {
      await secretary.close();
    }
  }, 180_000);

  it('does not let locked minutes be edited; a correction becomes a new version', async () => {
    const secretary = await loginAs(roleAccounts.secretary!, true);
    const { page } = secretary;
    const url = `${server.url}/meetings/${demo.lockedMeetingId}/minutes`;
    await page.goto(url);
    expect(await page.locator('form.minute-item-form').count()).toBe(0);
    const main = (await page.textContent('main'))!;
    expect(main).toContain('Kontrollsumma (SHA-256)');
    expect(main).toContain('Den här versionen är låst');
    await checkPage(secretary);

    await page.fill('#field-correction-reason', 'Fel datum under punkt 3.');
    await submit(page, 'form[action$="/minutes/correction"] button[type=submit]');
    expect(await page.textContent('main')).toContain('Rättelse pågår: Fel datum under punkt 3.');
    expect(await page.locator('form.minute-item-form').count()).toBeGreaterThan(0);
    await page.locator('form.minute-item-form').first().locator('textarea[name="notes"]').fill('Rättad anteckning.');
    await submit(page, 'form.minute-item-form >> nth=0 >> button[type=submit]');
    // Version 1 is still there, unchanged.
    await submit(page, 'a:has-text("Version 1")');
    expect(await page.textContent('main')).not.toContain('Rättad anteckning.');
    await page.goto(url);
    if (await page.locator('form[action$="/minutes/finalise"]').count()) {
      await submit(page, 'form[action$="/minutes/finalise"] button[type=submit]');
      await submit(page, 'a:has-text("Version 2")');
      const v2 = (await page.textContent('main'))!;
      expect(v2).toContain('Ändringar mot föregående version');
      expect(v2).toContain('Rättad anteckning.');
      expect(v2).toContain('Fel datum under punkt 3.');
    } else {
      await submit(page, 'form[action$="/minutes/approval"] button[type=submit]');
      expect(await page.textContent('main')).toContain('På justering');
    }
    await secretary.close();
  }, 180_000);

  it('publishes minutes that pass axe-core, readable without an account', async () => {
    const visitor = await newPage(browser, { javaScriptEnabled: true });
    await visitor.page.goto(`${server.url}/bodies/${demo.publicBodyId}/published/${demo.publishedMeetingId}`);
    expect(await visitor.page.textContent('main')).toContain('Kontrollsumma (SHA-256)');
    await checkPage(visitor);
    const pdf = await visitor.page.request.get(`${server.url}/bodies/${demo.publicBodyId}/published/${demo.publishedMeetingId}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await visitor.close();
  }, 180_000);
});
