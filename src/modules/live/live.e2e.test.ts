import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { describeBrowser, launchBrowser, newPage, checkPage, type TrackedPage } from '../../../tests/helpers/browser.js';
import { startTestServer, type TestServer } from '../../../tests/helpers/server.js';
import { roleLogins } from '../../../tests/e2e/roles.js';
import { TEST_DEMO_PASSWORD } from '../../../tests/helpers/server.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { execute } from '../../platform/commands.js';
import { people } from '../../platform/auth/schema.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../structure/samples.js';
import { fixtureItem, fixtureMeeting, personActor } from '../meetings/samples.js';
import { addItem } from '../meetings/commands/add-item.js';
import type { AgendaItem, Meeting } from '../meetings/schema.js';

describeBrowser('the live view of a meeting in the browser', () => {
  let browser: Browser;
  let server: TestServer;
  let meeting: Meeting;
  let items: AgendaItem[];
  let secretaryId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    const db = server.database.db;
    const idOf = async (email: string) => (await db.select({ id: people.id }).from(people).where(eq(people.email, email)))[0]!.id;
    secretaryId = await idOf('sekreterare@example.org');
    const { structure } = await fixtureStructure(db);
    const body = await fixtureBody(db, structure.id, { name: 'Chefsgrupp för samverkan' });
    await fixtureMembership(db, { bodyId: body.id, personId: secretaryId, role: 'secretary', startOn: '2020-01-01' });
    await fixtureMembership(db, { bodyId: body.id, personId: await idOf('ledamot@example.org'), role: 'member', startOn: '2020-01-01' });
    // In progress: it began an hour ago (the live view opens once a meeting has started).
    meeting = await fixtureMeeting(db, body, -1 / 24, { title: 'Chefsgruppen i dag', status: 'called', agendaPublishedAt: new Date() });
    items = [
      await fixtureItem(db, meeting, 1, { title: 'Inledning', durationMinutes: 10, presenters: [{ personId: null, name: 'Ingmar Ångman', organisation: null }] }),
      await fixtureItem(db, meeting, 2, { title: 'Covidfrågor', durationMinutes: 40, presenters: [{ personId: null, name: 'Johanna Furberg', organisation: null }] }),
    ];
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function loginAs(tracked: TrackedPage, email: string) {
    const { page } = tracked;
    await page.goto(`${server.url}/login`);
    await page.fill('#field-email', email);
    await page.fill('#field-password', TEST_DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.click('form[action="/login"] button[type=submit]')]);
  }

  it('a follower sees the secretary move to the next item and agenda changes, without reloading', async () => {
    const secretary = await newPage(browser);
    const follower = await newPage(browser);
    await loginAs(secretary, 'sekreterare@example.org');
    await roleLogins.person!(follower, server);
    const live = `${server.url}/meetings/${meeting.id}/live`;
    await secretary.page.goto(live);
    await follower.page.goto(live);
    // The script has taken over: connected to the event stream.
    await follower.page.waitForSelector('[data-live="connection"]:has-text("Sidan uppdateras automatiskt.")', { timeout: 30_000 });
    expect(await follower.page.textContent('[data-live="empty"]')).toContain('Mötet har inte börjat än.');
    await checkPage(follower);

    let loads = 0;
    follower.page.on('load', () => loads++);
    for (const [n, item] of items.entries()) {
      await secretary.page.click(`button:has-text("${n === 0 ? 'Börja med första punkten' : 'Nästa punkt'}")`);
      // Delivery latency is measured by `npm run bench:live`; here the follower only has to get there.
      await follower.page.waitForFunction((id) => document.getElementById('live')?.dataset.currentItem === id, item.id, { timeout: 30_000, polling: 20 });
      expect(await follower.page.textContent('[data-live="title"]')).toBe(item.title);
      expect(await follower.page.textContent('[data-live="presenter"]')).toBe(`Föredragande: ${item.presenters[0]!.name}`);
      expect(await follower.page.getAttribute(`tr[data-item-id="${item.id}"]`, 'aria-current')).toBe('step');
    }
    // The clock runs: time used against the planned 40 minutes.
    expect(await follower.page.textContent('[data-live="planned"]')).toBe('40 min');
    const before = await follower.page.textContent('[data-live="used"]');
    await follower.page.waitForFunction((b) => document.querySelector('[data-live="used"]')?.textContent !== b, before, { timeout: 30_000 });

    // An item added to the published agenda shows up in the follower's table.
    await execute({ database: server.database, config: testConfig() }, personActor({ id: secretaryId, name: 'Sara Lindgren' }), addItem, {
      meetingId: meeting.id,
      title: 'Extra punkt om vaccinering',
      durationMinutes: 15,
      placement: 'end',
    });
    await follower.page.waitForSelector('tr:has-text("Extra punkt om vaccinering")', { timeout: 30_000 });
    expect(loads).toBe(0);
    await checkPage(follower);
    await checkPage(secretary);
    await secretary.close();
    await follower.close();
  });

  it('creates and revokes a calendar link on /calendar, at 320 px too, with no accessibility violation', async () => {
    const tracked = await newPage(browser, { viewport: { width: 320, height: 800 } });
    await roleLogins.person!(tracked, server);
    const { page } = tracked;
    await page.goto(`${server.url}/calendar`);
    await checkPage(tracked);
    await page.fill('#field-name', 'Kalendern i mobilen');
    await Promise.all([page.waitForLoadState(), page.click('form[action="/calendar/feeds"] button[type=submit]')]);
    const url = await page.textContent('#new-calendar-url');
    expect(url).toMatch(/\/calendar\/cal_[A-Za-z0-9_-]+\.ics$/);
    await checkPage(tracked);
    const feed = await fetch(url!.replace(/^https?:\/\/[^/]+/, server.url));
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    await Promise.all([page.waitForURL(`${server.url}/calendar`), page.click('button:has-text("Återkalla")')]);
    expect(await page.textContent('main')).toContain('Kalenderlänken är återkallad.');
    expect((await fetch(url!.replace(/^https?:\/\/[^/]+/, server.url))).status).toBe(404);
    await tracked.close();
  });

  it('shows the current state with a reload link when JavaScript is off', async () => {
    const tracked = await newPage(browser, { javaScriptEnabled: false });
    await roleLogins.person!(tracked, server);
    await tracked.page.goto(`${server.url}/meetings/${meeting.id}/live`);
    expect(await tracked.page.textContent('[data-live="connection"]')).toBe('Sidan visar läget när den laddades.');
    expect(await tracked.page.getAttribute('a[data-live="reload"]', 'href')).toBe(`/meetings/${meeting.id}/live`);
    expect(await tracked.page.textContent('[data-live="title"]')).toBe('Covidfrågor');
    await tracked.close();
  });
});
