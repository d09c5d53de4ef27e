import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq, gte, isNotNull, isNull, notInArray, or } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { checkPage, describeBrowser, launchBrowser, newPage, type TrackedPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { roleLogins } from './roles.js';
import { bodies, memberships, seats, structures } from '../../src/modules/structure/schema.js';
import { stockholmDay } from '../../src/modules/meetings/dates.js';

/**
 * The structure rules in a real browser, as the demo's secretary of SSÖ (Sara Lindgren):
 * she adds a member to a vacant seat, tries to make her vice chair although the region
 * holds the chair this period, reads the refusal with her input kept, and appoints a
 * member from a municipality instead. The organisation chart of the structure renders
 * and passes axe-core.
 */

const TIMEOUT = 300_000;

describeBrowser('collaboration structures in the browser', () => {
  let browser: Browser;
  let server: TestServer;
  let tracked: TrackedPage;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    tracked = await newPage(browser);
    await roleLogins.secretary!(tracked, server);
  }, TIMEOUT);

  afterAll(async () => {
    await tracked?.close();
    await browser?.close();
    await server?.close();
  });

  /** SSÖ and one vacant seat of each principal kind. */
  async function sso() {
    const db = server.database.db;
    const [body] = await db
      .select({ id: bodies.id })
      .from(bodies)
      .innerJoin(structures, eq(structures.id, bodies.structureId))
      .where(and(eq(structures.slug, 'sso'), eq(bodies.slug, 'sso')));
    const today = stockholmDay(new Date());
    const held = db
      .select({ seatId: memberships.seatId })
      .from(memberships)
      .where(and(eq(memberships.bodyId, body!.id), isNotNull(memberships.seatId), or(isNull(memberships.endOn), gte(memberships.endOn, today))));
    const vacant = await db
      .select()
      .from(seats)
      .where(and(eq(seats.bodyId, body!.id), isNull(seats.endedOn), isNull(seats.exOfficioBodyId), notInArray(seats.id, held as never)));
    const region = vacant.find((s) => s.principalKind === 'region');
    const municipality = vacant.find((s) => s.principalKind === 'municipality');
    expect(region, 'SSÖ has a vacant region seat').toBeDefined();
    expect(municipality, 'SSÖ has a vacant municipal seat').toBeDefined();
    return { bodyId: body!.id, region: region!, municipality: municipality!, today };
  }

  async function submit(page: Page, action: string) {
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action), page.locator(`form[action="${action}"] button[type=submit]`).click()]);
    await page.waitForLoadState();
  }

  async function addMember(page: Page, bodyId: string, seatId: string, name: string, email: string, today: string) {
    await page.goto(`${server.url}/bodies/${bodyId}/admin`);
    await page.fill('#field-personEmail', email);
    await page.fill('#field-personName', name);
    await page.selectOption('#field-role', 'member');
    await page.selectOption('#field-seatId', seatId);
    await page.fill('#field-startOn', today);
    await submit(page, `/bodies/${bodyId}/members`);
    expect(await page.locator('.flash').innerText()).toContain(`${name} har lagts till i gruppen.`);
  }

  it('adds a member, is refused a vice chair from the chair’s side, and appoints one from the other', async () => {
    const { page } = tracked;
    const { bodyId, region, municipality, today } = await sso();

    await addMember(page, bodyId, region.id, 'Hanna Hedlund', 'hanna.hedlund@example.org', today);
    expect(await page.locator('main').innerText()).toContain('Hanna Hedlund');
    await checkPage(tracked);

    // The region holds the chair this period: a vice chair from the region is refused.
    await page.selectOption('#field-chairRole', 'vice_chair');
    await page.fill('#field-chairPersonEmail', 'hanna.hedlund@example.org');
    await page.fill('#field-chairStartOn', today);
    await submit(page, `/bodies/${bodyId}/chair`);
    const refusal = await page.locator('#error-summary').innerText();
    expect(refusal).toContain('Vice ordföranden utses av den huvudman som inte har ordförandeskapet');
    expect(refusal).toContain('Hanna Hedlund företräder');
    expect(await page.inputValue('#field-chairPersonEmail')).toBe('hanna.hedlund@example.org');
    expect(await page.inputValue('#field-chairRole')).toBe('vice_chair');
    await checkPage(tracked);

    // Corrected: a member for a municipality becomes vice chair.
    await addMember(page, bodyId, municipality.id, 'Anders Lund', 'anders.lund@example.org', today);
    await page.selectOption('#field-chairRole', 'vice_chair');
    await page.fill('#field-chairPersonEmail', 'anders.lund@example.org');
    await page.fill('#field-chairStartOn', today);
    await submit(page, `/bodies/${bodyId}/chair`);
    expect(await page.locator('.flash').innerText()).toContain('anders.lund@example.org har utsetts.');

    await page.goto(`${server.url}/bodies/${bodyId}`);
    const bodyPage = await page.locator('main').innerText();
    expect(bodyPage).toContain('Anders Lund');
    expect(bodyPage).toMatch(/Vice ordförande[^\n]*\n?[^\n]*Anders Lund|Anders Lund[^\n]*Vice ordförande/);
    await checkPage(tracked);
  }, TIMEOUT);

  it('draws the organisation chart with an equivalent list, and passes axe-core', async () => {
    const { page } = tracked;
    await page.goto(`${server.url}/structures/sso`);
    const chart = page.locator('main svg');
    expect(await chart.count()).toBeGreaterThan(0);
    expect(await chart.first().isVisible()).toBe(true);
    const text = await page.locator('main').innerText();
    for (const name of ['Strategisk Samverkan Öster', 'OSÖ Barn och unga']) expect(text).toContain(name);
    // Every body in the drawing is a link, and the same bodies are in the list.
    const drawn = await page.locator('main svg a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? a.getAttribute('xlink:href')));
    const listed = await page.locator('main ul a[href^="/bodies/"], main ol a[href^="/bodies/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(drawn.length).toBeGreaterThan(3);
    for (const href of drawn) expect(listed).toContain(href);
    await checkPage(tracked);
  }, TIMEOUT);
});
