import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { checkPage, describeBrowser, launchBrowser, newPage, type TrackedPage } from '../helpers/browser.js';
import { startTestServer, TEST_DEMO_PASSWORD, type TestServer } from '../helpers/server.js';
import { startSmtpServer, type TestSmtp } from '../helpers/smtp.js';
import { testConfig } from '../helpers/app.js';
import { drainDueJobs } from '../../src/platform/worker.js';
import { createLogger } from '../../src/platform/logger.js';
import { meetings } from '../../src/modules/meetings/schema.js';
import { dayFromNow } from '../../src/modules/meetings/samples.js';
import { demoMeetings } from './meetings-catalog.js';
import { roleAccounts } from './roles.js';

/**
 * The meeting flow in a browser: the secretary (JavaScript on, every page checked with
 * axe-core) plans meetings, the call
 * opens (outbox jobs) and reaches a real SMTP server, a member (JavaScript off) sends in
 * an item before the deadline and is refused after it, and the secretary builds the agenda
 * with buttons that work without scripts and publishes it.
 */
describeBrowser('meetings in the browser', () => {
  let browser: Browser;
  let server: TestServer;
  let smtp: TestSmtp;
  let bodyId: string;
  const title = 'Planerat i webbläsaren';

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
    bodyId = (await demoMeetings(server.database)).bodyId;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  async function runJobs() {
    const deps = { database: server.database, config: testConfig({ SMTP_URL: smtp.url }), logger: createLogger('silent') };
    await drainDueJobs(deps);
  }

  async function loginAs(email: string, javaScriptEnabled: boolean): Promise<TrackedPage> {
    const tracked = await newPage(browser, { javaScriptEnabled });
    const { page } = tracked;
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/login`);
    await page.fill('#field-email', email);
    await page.fill('#field-password', TEST_DEMO_PASSWORD);
    await page.click('form[action="/login"] button[type=submit]');
    await page.waitForLoadState();
    return tracked;
  }

  async function submitAndWait(page: Page, selector: string) {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }

  async function plannedMeetings() {
    return server.database.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.bodyId, bodyId), eq(meetings.title, title)))
      .orderBy(asc(meetings.startsAt));
  }

  it('plans, opens the call by e-mail, takes a submission before the deadline and refuses one after it, and publishes the agenda', async () => {
    // The secretary plans two meetings: one with submissions open, one past its deadline.
    const secretary = await loginAs(roleAccounts.secretary!, true);
    const sp = secretary.page;
    await sp.goto(`${server.url}/bodies/${bodyId}/meetings`);
    await checkPage(secretary);
    await submitAndWait(sp, 'main a:has-text("Planera ett år")');
    await checkPage(secretary);
    const open = dayFromNow(10);
    const closed = dayFromNow(5);
    await sp.fill('#field-title', title);
    await sp.fill('#field-lines', `${open} 09:00-12:00 Region Örebro län, Eklundavägen 2, rum 101\n${closed} 13:00-16:00 Digitalt via Teams https://meet.example.org/sams`);
    await submitAndWait(sp, 'main button[type=submit]');
    expect(await sp.textContent('main')).toContain('2 möten är planerade.');
    const [sooner, later] = await plannedMeetings();
    const openMeeting = later!.id;
    const closedMeeting = sooner!.id;
    expect(sooner!.format).toBe('digital');
    expect(later!.room).toBe('rum 101');

    // The call for the first meeting is already due: the worker sends it through SMTP.
    await runJobs();
    const toMember = await Promise.all(smtp.received.filter((m) => m.to.includes(roleAccounts.person!)).map((m) => smtp.parse(m)));
    const parsed = toMember.find((m) => m.text?.includes(`/meetings/${openMeeting}`));
    expect(parsed, 'the call reached the member through the SMTP server').toBeDefined();
    expect(parsed!.subject).toContain('Förslag till dagordning');
    expect(parsed!.text).toContain('23:59');
    expect(toMember.some((m) => m.text?.includes(`/meetings/${closedMeeting}`))).toBe(false);

    // The member sends in an item before the deadline.
    const member = await loginAs(roleAccounts.person!, false);
    const mp = member.page;
    await mp.goto(`${server.url}/meetings/${openMeeting}`);
    member.assertNoCspViolations();
    await submitAndWait(mp, 'main a:has-text("Skicka in en punkt")');
    member.assertNoCspViolations();
    await mp.fill('#field-title', 'Samordnad individuell plan vid utskrivning');
    await mp.fill('#field-description', 'Förslag att se över rutinen.');
    await mp.selectOption('#field-kind', 'decision');
    await mp.fill('#field-wishedMinutes', '20');
    await submitAndWait(mp, 'main button[type=submit]');
    expect(await mp.textContent('main')).toContain('är inskickad');

    // The other meeting's deadline has passed: the form is closed with the date.
    await mp.goto(`${server.url}/meetings/${closedMeeting}/submit`);
    expect(await mp.textContent('main')).toMatch(/Sista dag för att skicka in punkter var \S+dag \d{1,2} \S+ \d{4} kl\. 23:59/);
    member.assertNoCspViolations();

    // A form opened before the deadline and sent after it is refused, keeping what was typed.
    await mp.goto(`${server.url}/meetings/${openMeeting}/submit`);
    await mp.fill('#field-title', 'Skickad för sent');
    await server.database.db
      .update(meetings)
      .set({ submissionDeadline: new Date(Date.now() - 1000) })
      .where(eq(meetings.id, openMeeting));
    await submitAndWait(mp, 'main button[type=submit]');
    expect(await mp.textContent('#error-summary')).toContain('Sista dag för att skicka in punkter var');
    expect(await mp.inputValue('#field-title')).toBe('Skickad för sent');
    member.assertNoCspViolations();

    // The secretary builds the agenda from the proposals and publishes it.
    await sp.goto(`${server.url}/meetings/${openMeeting}/agenda`);
    await checkPage(secretary);
    for (const label of ['Mötets öppnande och upprop', 'Godkännande av dagordning', 'Övriga frågor']) {
      await submitAndWait(sp, `main li:has(strong:text-is("${label}")) button:has-text("Lägg till")`);
    }
    await submitAndWait(sp, 'main article:has(h3:has-text("Samordnad individuell plan")) button:has-text("Lägg på dagordningen")');
    const rows = sp.locator('table.agenda tbody tr[id^="item-"]');
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(2).textContent()).toContain('Samordnad individuell plan');
    // Keyboard-accessible ordering without JavaScript: move it up one step.
    await submitAndWait(sp, 'table.agenda tr:has-text("Samordnad individuell plan") button:has-text("Flytta upp")');
    expect(await sp.locator('table.agenda tbody tr[id^="item-"]').nth(1).textContent()).toContain('Samordnad individuell plan');
    expect(await sp.locator('table.agenda tbody tr[id^="item-"]').nth(1).textContent()).toMatch(/09:05–09:25/);
    await checkPage(secretary);
    // Publishing goes through the preview of the call and its recipients, then the confirmation.
    await Promise.all([sp.waitForURL(/\/agenda\/publish$/), sp.click('main a:has-text("Granska och skicka kallelsen")')]);
    expect(await sp.textContent('main')).toContain('Samordnad individuell plan');
    await checkPage(secretary);
    await submitAndWait(sp, 'main button:has-text("Bekräfta och skicka kallelsen")');
    expect(await sp.textContent('main')).toContain('Dagordningen är publicerad');
    expect(await sp.textContent('main')).toContain('Kallat');
    await checkPage(secretary);

    await runJobs();
    const after = await Promise.all(smtp.received.filter((m) => m.to.includes(roleAccounts.person!)).map((m) => smtp.parse(m)));
    expect(after.some((m) => (m.subject ?? '').startsWith('Kallelse:') && m.text?.includes(`/meetings/${openMeeting}`))).toBe(true);

    await secretary.close();
    await member.close();
  }, 300_000);
});
