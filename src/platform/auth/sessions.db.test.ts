/**
 * Session lifetime (idle and absolute, configurable), and a form posted after the session
 * ended: kept through the login and offered again, so nobody loses what they typed.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import { minutesWorld } from '../../../tests/helpers/minutes.js';
import { fixtureMembership } from '../../modules/structure/samples.js';
import { itemsOf } from '../../modules/minutes/queries/index.js';
import { minutes } from '../../modules/minutes/schema.js';
import type { Config } from '../../config.js';
import { sessions } from './schema.js';
import { PENDING_MAX_CHARS } from './pending-form.js';

const db = useTestDatabase();
const MINUTE = 60_000;

async function loggedIn(overrides: Partial<Record<keyof Config, string>> = {}) {
  const p = await inboxPerson(db.current, { login: true });
  const c = new TestClient(createTestApp(db.current, overrides).app);
  const res = await c.login(p.email, p.password);
  expect(res.status).toBe(303);
  return { p, c, res };
}

/** Moves the person's sessions back in time (as if the last request or the login were long ago). */
async function age(personId: string, values: { lastSeenAt?: Date; createdAt?: Date }) {
  await db.current.db.update(sessions).set(values).where(eq(sessions.personId, personId));
}

const sessionOf = async (personId: string) => (await db.current.db.select().from(sessions).where(eq(sessions.personId, personId)))[0]!;

describe('session lifetime', () => {
  it('ends a session after 30 minutes without a request, by default', async () => {
    const { p, c } = await loggedIn();
    await age(p.id, { lastSeenAt: new Date(Date.now() - 29 * MINUTE) });
    expect((await c.get('/account')).status).toBe(200);
    await age(p.id, { lastSeenAt: new Date(Date.now() - 31 * MINUTE) });
    const res = await c.get('/account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Faccount');
  });

  it('ends a session 12 hours after the login even when it is in use, by default', async () => {
    const { p, c, res } = await loggedIn();
    const session = await sessionOf(p.id);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 60 * MINUTE);
    expect(res.headers.getSetCookie().find((x) => x.startsWith('samverka_session='))).toMatch(/Max-Age=43200/);
    await age(p.id, { createdAt: new Date(Date.now() - 12 * 60 * MINUTE - MINUTE), lastSeenAt: new Date() });
    expect((await c.get('/account')).status).toBe(303);
  });

  it('takes both limits from SESSION_IDLE_MINUTES and SESSION_MAX_HOURS', async () => {
    const { p, c } = await loggedIn({ SESSION_IDLE_MINUTES: '120', SESSION_MAX_HOURS: '24' });
    await age(p.id, { lastSeenAt: new Date(Date.now() - 90 * MINUTE), createdAt: new Date(Date.now() - 20 * 60 * MINUTE) });
    expect((await c.get('/account')).status).toBe(200);
    await age(p.id, { lastSeenAt: new Date(Date.now() - 121 * MINUTE) });
    expect((await c.get('/account')).status).toBe(303);
  });

  it('notes the last request at most once a minute', async () => {
    const { p, c } = await loggedIn();
    const recent = new Date(Date.now() - 30_000);
    await age(p.id, { lastSeenAt: recent });
    await c.get('/account');
    expect((await sessionOf(p.id)).lastSeenAt.getTime()).toBe(recent.getTime());
    const older = new Date(Date.now() - 2 * MINUTE);
    await age(p.id, { lastSeenAt: older });
    await c.get('/account');
    expect((await sessionOf(p.id)).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - MINUTE);
  });
});

/** The hidden inputs of a page, decoded (in order). */
function hiddenInputs(html: string): [string, string][] {
  const decode = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)].map((m) => [decode(m[1]!), decode(m[2]!)]);
}

describe('a form posted after the session ended', () => {
  it('keeps the minutes text through the login and saves it with "Skicka igen"', async () => {
    const w = await minutesWorld(db.current);
    const secretary = await inboxPerson(db.current, { login: true, name: 'Eva-Lotta Sekreterare' });
    await fixtureMembership(db.current.db, { bodyId: w.body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
    const c = new TestClient(createTestApp(db.current).app);
    expect((await c.login(secretary.email, secretary.password)).status).toBe(303);
    const base = `/meetings/${w.meeting.id}/minutes`;
    expect((await c.post(base, {})).status).toBe(303);
    const [m] = await db.current.db.select().from(minutes).where(eq(minutes.meetingId, w.meeting.id));
    const item = (await itemsOf(db.current.db, m!.id))[1]!;

    // Forty minutes of typing later the session has ended; the save is posted anyway.
    await age(secretary.id, { lastSeenAt: new Date(Date.now() - 40 * MINUTE) });
    const notes = 'Ekonomichefen presenterade budgeten för 2027.\nFrågor om "lokalkostnader" & <index>.';
    const target = `${base}/items/${item.id}`;
    const refused = await c.post(target, { version: '1', notes, proposal: 'Att godkänna budgeten', outcome: 'approved' });
    expect(refused.status).toBe(401);
    const loginPage = await refused.text();
    expect(loginPage).toContain('Du har blivit utloggad. Logga in igen så skickas det du skrev.');
    expect(loginPage).toContain('Ekonomichefen presenterade budgeten för 2027.');
    const carried = hiddenInputs(loginPage);
    expect(carried).toContainEqual(['_pending_target', target]);
    expect(carried).toContainEqual(['_pending.notes', notes]);
    expect(carried.some(([k]) => k === '_pending._csrf')).toBe(false);

    // The login form is sent as the browser would: every hidden input, plus e-mail and password.
    const form = Object.fromEntries(carried.filter(([k]) => k !== '_csrf'));
    const resend = await c.post('/login', { ...form, email: secretary.email, password: secretary.password });
    expect(resend.status).toBe(200);
    const page = await resend.text();
    expect(page).toContain('Skicka igen');
    expect(page).toContain(`action="${target}"`);
    expect(page).toContain('Ekonomichefen presenterade budgeten för 2027.');
    const again = hiddenInputs(page);
    expect(again).toContainEqual(['notes', notes]);
    // A fresh CSRF token: the one of the new session, not the old one.
    expect(again).toContainEqual(['_csrf', c.cookies.get('samverka_csrf')!]);
    expect(again.filter(([k]) => k === '_csrf' || k === '_idem').map(([k]) => k)).toEqual(['_csrf', '_idem']);

    const saved = await c.post(target, Object.fromEntries(again), { csrf: false });
    expect(saved.status).toBe(303);
    const after = await (await c.get(base)).text();
    expect(after).toContain('Ekonomichefen presenterade budgeten för 2027.');
  });

  it('carries no files and no foreign target, and nothing over the size cap', async () => {
    const { p, c } = await loggedIn();
    await age(p.id, { lastSeenAt: new Date(Date.now() - 40 * MINUTE) });
    const body = new FormData();
    body.set('_csrf', await c.csrf());
    body.set('name', 'Nyckel för intranätet');
    body.set('file', new Blob(['hemligt'], { type: 'text/plain' }), 'bilaga.txt');
    const app = createTestApp(db.current).app;
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const multipart = await app.request('/account/tokens', { method: 'POST', body, headers: { cookie, referer: 'http://localhost/account?tab=1' } });
    expect(multipart.status).toBe(401);
    const html = await multipart.text();
    // Logging in without sending (or with e-identification) returns to the page the form was on.
    expect(hiddenInputs(html)).toContainEqual(['next', '/account?tab=1']);
    expect(hiddenInputs(html)).toContainEqual(['_pending.name', 'Nyckel för intranätet']);
    expect(hiddenInputs(html).some(([k]) => k === '_pending.file')).toBe(false);
    expect(html).toContain('Bifogade filer följer inte med');

    const foreign = await c.post('/login', { _pending_target: '//evil.example/steal', '_pending.name': 'x y', email: p.email, password: p.password });
    expect(foreign.status).toBe(200);
    expect(await foreign.text()).toContain('action="/"');

    await age(p.id, { lastSeenAt: new Date(Date.now() - 40 * MINUTE) });
    const large = await c.post('/account/tokens', { name: 'x'.repeat(PENDING_MAX_CHARS + 1) });
    expect(large.status).toBe(401);
    const largeHtml = await large.text();
    expect(largeHtml).toContain('för stort för att följa med');
    expect(hiddenInputs(largeHtml).some(([k]) => k.startsWith('_pending'))).toBe(false);
  });
});

describe('the CSRF cookie', () => {
  it('is set by a page with a form, and not by one without (so such pages can be cached)', async () => {
    const { app } = createTestApp(db.current);
    const login = await app.request('/login');
    expect(login.headers.getSetCookie().some((c) => c.startsWith('samverka_csrf='))).toBe(true);
    const missing = await app.request('/no-such-page');
    expect(missing.status).toBe(404);
    expect(missing.headers.getSetCookie()).toEqual([]);
    const withCookie = await app.request('/login', { headers: { cookie: 'samverka_csrf=abcdefghijklmnopqrstuvwxyz0123' } });
    expect(withCookie.headers.getSetCookie()).toEqual([]);
    expect(await withCookie.text()).toContain('value="abcdefghijklmnopqrstuvwxyz0123"');
  });
});
