import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq, gte, isNotNull, isNull, or } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { checkPage, describeBrowser, launchBrowser, newPage, type TrackedPage } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { roleLogins } from './roles.js';
import { bodies, memberships, principals, seats, structures } from '../../src/modules/structure/schema.js';
import { people } from '../../src/platform/auth/schema.js';
import { stockholmDay } from '../../src/platform/time.js';

/**
 * The structure rules in a real browser, as the demo's secretary of SSÖ (Sara Lindgren):
 * SSÖ is full, so she ends a leaving member's engagement and adds a new member to the
 * seat; she tries to make a member who sits for the region vice chair although the
 * region holds the chair this period, reads the refusal with her input kept, and
 * appoints the new municipal member instead. The organisation chart of the structure renders
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

  /** SSÖ and a current member who sits for the region. */
  async function sso() {
    const db = server.database.db;
    const [body] = await db
      .select({ id: bodies.id })
      .from(bodies)
      .innerJoin(structures, eq(structures.id, bodies.structureId))
      .where(and(eq(structures.slug, 'sso'), eq(bodies.slug, 'sso')));
    const today = stockholmDay(new Date());
    const current = and(eq(memberships.bodyId, body!.id), isNotNull(memberships.seatId), or(isNull(memberships.endOn), gte(memberships.endOn, today)));
    const [regional] = await db
      .select({ name: people.name, email: people.email })
      .from(memberships)
      .innerJoin(seats, eq(seats.id, memberships.seatId))
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(current, eq(memberships.role, 'member'), eq(seats.principalKind, 'region'), isNotNull(people.email)))
      .limit(1);
    expect(regional, 'SSÖ has a member for the region').toBeDefined();
    // Finspång's head of education leaves: her seat is the one to fill.
    const [leaving] = await db
      .select({ membershipId: memberships.id, seatId: seats.id, name: people.name })
      .from(memberships)
      .innerJoin(seats, eq(seats.id, memberships.seatId))
      .innerJoin(principals, eq(principals.id, seats.principalId))
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(current, eq(memberships.role, 'member'), eq(seats.function, 'Förvaltningschef utbildning'), eq(principals.name, 'Finspångs kommun')));
    expect(leaving, 'Finspång’s seat for education is held').toBeDefined();
    const tomorrow = stockholmDay(new Date(Date.now() + 24 * 3600_000));
    return { bodyId: body!.id, regional: { name: regional!.name, email: regional!.email! }, leaving: leaving!, today, tomorrow };
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
    const refused = page.locator('#error-summary');
    if (await refused.count()) throw new Error(`Adding ${name} was refused: ${(await page.locator('.error-summary li').allInnerTexts()).join(' | ')}`);
    expect(await page.locator('.flash').innerText()).toContain(`${name} har lagts till i gruppen.`);
  }

  it(
    'adds a member, is refused a vice chair from the chair’s side, and appoints one from the other',
    async () => {
      const { page } = tracked;
      const { bodyId, regional, leaving, today, tomorrow } = await sso();

      // The group is full (15 of 15): the member who leaves is ended today, and the new one starts tomorrow.
      await page.goto(`${server.url}/bodies/${bodyId}/admin`);
      await page.check(`#m-${leaving.membershipId}`);
      await page.fill('#field-endSelectedOn', today);
      await submit(page, `/bodies/${bodyId}/memberships/end`);
      expect(await page.locator('.flash').innerText()).toMatch(/avslutat|avslutade|avslutats/i);

      await addMember(page, bodyId, leaving.seatId, 'Anders Lund', 'anders.lund@example.org', tomorrow);
      expect(await page.locator('main').innerText()).toContain('Anders Lund');
      await checkPage(tracked);

      // The region holds the chair this period: a vice chair who sits for the region is refused.
      await page.selectOption('#field-chairRole', 'vice_chair');
      await page.fill('#field-chairPersonEmail', regional.email);
      await page.fill('#field-chairStartOn', tomorrow);
      await submit(page, `/bodies/${bodyId}/chair`);
      const refusal = await page.locator('#error-summary').innerText();
      expect(refusal).toContain('Vice ordföranden utses av den huvudman som inte har ordförandeskapet');
      expect(refusal).toContain(`${regional.name} företräder`);
      expect(await page.inputValue('#field-chairPersonEmail')).toBe(regional.email);
      expect(await page.inputValue('#field-chairRole')).toBe('vice_chair');
      await checkPage(tracked);

      // Corrected: the new member for a municipality becomes vice chair.
      await page.fill('#field-chairPersonEmail', 'anders.lund@example.org');
      await submit(page, `/bodies/${bodyId}/chair`);
      expect(await page.locator('.flash').innerText()).toContain('anders.lund@example.org har utsetts.');

      // Anders Lund is vice chair from tomorrow; the vice chair he replaces ends today.
      const [vice] = await server.database.db
        .select({ startOn: memberships.startOn, endOn: memberships.endOn })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(and(eq(memberships.bodyId, bodyId), eq(memberships.role, 'vice_chair'), eq(people.email, 'anders.lund@example.org')));
      expect(vice?.startOn).toBe(tomorrow);
      await page.goto(`${server.url}/bodies/${bodyId}/admin`);
      expect(await page.locator('main').innerText()).toMatch(new RegExp(`Vice ordförande\\s+–\\s+\\d{4}-\\d\\d-\\d\\d–${today}`));
      await checkPage(tracked);
    },
    TIMEOUT,
  );

  it(
    'draws the organisation chart with an equivalent list, and passes axe-core',
    async () => {
      const { page } = tracked;
      await page.goto(`${server.url}/structures/sso`);
      const chart = page.locator('main svg');
      expect(await chart.count()).toBeGreaterThan(0);
      expect(await chart.first().isVisible()).toBe(true);
      const text = await page.locator('main').innerText();
      for (const name of ['Strategisk Samverkan Öster', 'OSÖ Barn och unga']) expect(text).toContain(name);
      // The drawing is an image; the table beside it names the same bodies, with links.
      const drawn = await page.locator('main svg g.node text:first-of-type').evaluateAll((texts) => texts.map((el) => Array.from(el.querySelectorAll('tspan'), (t) => t.textContent ?? '').join(' ')));
      const listed = await page.locator('main table a[href^="/bodies/"]').allInnerTexts();
      expect(drawn.length).toBeGreaterThan(3);
      expect(drawn.length).toBe(listed.length);
      // A box shows the name, or the short name when the name is long.
      const all = await server.database.db
        .select({ name: bodies.name, shortName: bodies.shortName })
        .from(bodies)
        .innerJoin(structures, eq(structures.id, bodies.structureId))
        .where(eq(structures.slug, 'sso'));
      for (const label of drawn) {
        const start = label.replace(/…$/, '').slice(0, 12);
        const body = all.find((b) => b.name.startsWith(start) || b.shortName?.startsWith(start));
        expect(body && listed.includes(body.name), `${label} is in the list`).toBe(true);
      }
      await checkPage(tracked);
    },
    TIMEOUT,
  );
});
