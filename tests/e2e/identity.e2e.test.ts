import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeBrowser, launchBrowser, newPage, checkPage } from '../helpers/browser.js';
import { startTestServer, TEST_DEMO_PASSWORD, type TestServer } from '../helpers/server.js';
import { startSmtpServer, type TestSmtp } from '../helpers/smtp.js';
import { drainDueJobs } from '../../src/platform/worker.js';
import { testConfig } from '../helpers/app.js';
import { createLogger } from '../../src/platform/logger.js';

describeBrowser('identity in the browser', () => {
  let browser: Browser;
  let server: TestServer;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  async function fillLogin(page: import('playwright-core').Page, email: string, password: string) {
    await page.goto(`${server.url}/login`);
    await page.fill('#field-email', email);
    await page.fill('#field-password', password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'),
      page.click('form[action="/login"] button[type=submit]'),
    ]);
    await page.waitForLoadState();
    return response;
  }

  it('logs in and out', async () => {
    const tracked = await newPage(browser);
    const { page } = tracked;
    await fillLogin(page, 'sekreterare@example.org', TEST_DEMO_PASSWORD);
    expect(await page.textContent('header')).toContain('Sara Lindgren');
    expect(await page.textContent('main')).toContain('Du är inloggad.');
    await checkPage(tracked);
    await page.click('header button:has-text("Logga ut")');
    await page.waitForLoadState();
    expect(await page.textContent('main')).toContain('Du är utloggad.');
    expect(await page.textContent('header')).not.toContain('Sara Lindgren');
    await tracked.close();
  });

  it('resets a password with the link read from a real SMTP server', async () => {
    const tracked = await newPage(browser);
    const { page } = tracked;
    await page.goto(`${server.url}/password/forgot`);
    await page.fill('#field-email', 'ledamot@example.org');
    await page.click('main button[type=submit]');
    await page.waitForLoadState();
    expect(await page.textContent('main')).toContain('Om adressen finns hos oss');
    await drainDueJobs({ database: server.database, config: testConfig({ SMTP_URL: smtp.url }), logger: createLogger('silent') });
    // The demo data has sent the member other mail too: find the reset among it.
    let parsed: Awaited<ReturnType<TestSmtp['parse']>> | undefined;
    for (const mail of smtp.received.filter((m) => m.to.includes('ledamot@example.org'))) {
      const candidate = await smtp.parse(mail);
      if (candidate.subject === 'Återställ ditt lösenord i Samverka') parsed = candidate;
    }
    expect(parsed, 'the reset mail reached the SMTP server').toBeDefined();
    const link = /http:\/\/\S+\/password\/reset\/[\w-]+/.exec(parsed!.text ?? '')![0];
    const path = new URL(link).pathname;
    await page.goto(`${server.url}${path}`);
    await checkPage(tracked);
    await page.fill('#field-newPassword', 'mitt-nya-lösenord-2026');
    await page.click('main button[type=submit]');
    await page.waitForLoadState();
    expect(await page.textContent('main')).toContain('Ditt lösenord är ändrat');
    const response = await fillLogin(page, 'ledamot@example.org', 'mitt-nya-lösenord-2026');
    expect(response.status()).toBe(303);
    expect(await page.textContent('header')).toContain('Elin Åberg');
    await tracked.close();
  });

  it('answers 429 with a clear message after ten wrong passwords', async () => {
    const tracked = await newPage(browser);
    const { page } = tracked;
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await fillLogin(page, 'lasare@example.org', `fel-lösenord-${i}`)).status());
    expect(statuses[0]).toBe(401);
    expect(statuses.at(-1)).toBe(429);
    expect(await page.textContent('main')).toContain('För många misslyckade inloggningsförsök');
    expect(await page.inputValue('#field-email')).toBe('lasare@example.org');
    await checkPage(tracked);
    await tracked.close();
  });
});
