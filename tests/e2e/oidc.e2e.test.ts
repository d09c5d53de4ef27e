import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeBrowser, launchBrowser, newPage, checkPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';

describeBrowser('OpenID Connect login in the browser', () => {
  let browser: Browser;
  let server: TestServer;
  let provider: TestOidcProvider;

  beforeAll(async () => {
    provider = await startOidcProvider();
    server = await startTestServer((url) => {
      provider.configure(`${url}/login/oidc/callback`);
      return { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PUBLIC_URL: url };
    });
    // The provider's account for the demo chair (src/demo/people.ts), with a verified address.
    provider.accounts.set('karin-ekstrom', { email: 'ordforande@example.org', email_verified: true, name: 'Karin Ekström' });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  it('logs in through the identity provider and lands signed in', async () => {
    const tracked = await newPage(browser);
    const { page } = tracked;
    await page.goto(`${server.url}/login`);
    await checkPage(tracked);
    await page.click('text=Logga in med e-legitimation');
    // oidc-provider's development login and consent pages.
    await page.waitForSelector('input[name=login]');
    await page.fill('input[name=login]', 'karin-ekstrom');
    await page.fill('input[name=password]', 'valfritt');
    await page.click('button[type=submit]');
    await page.waitForLoadState();
    if (await page.locator('button[type=submit]:has-text("Continue")').count()) {
      await page.click('button[type=submit]:has-text("Continue")');
    }
    await page.waitForURL(`${server.url}/**`);
    await page.waitForLoadState();
    expect(await page.textContent('header')).toContain('Karin Ekström');
    expect(await page.textContent('main')).toContain('Du är inloggad');
    await tracked.close();
  });
});
