import { afterEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { auditLog } from '../audit/schema.js';
import { notify } from './notify.js';
import { notificationPreferences, notifications } from './schema.js';
import { SYSTEM_MESSAGE, SYSTEM_REMINDER } from './kinds.js';
import { registerWaitingSource } from './waiting.js';

const db = useTestDatabase();
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function loggedIn(options: { language?: 'sv' | 'en' } = {}): Promise<{ person: TestPerson; client: TestClient }> {
  const person = await inboxPerson(db.current, { login: true, ...options });
  const client = new TestClient(createTestApp(db.current).app);
  const res = await client.login(person.email, person.password);
  expect(res.status).toBe(303);
  return { person, client };
}

async function send(personIds: string[], title: string, extra: { body?: string; link?: string; now?: Date } = {}) {
  return db.current.db.transaction((tx) =>
    notify(tx, { personIds, kind: SYSTEM_MESSAGE, title, body: extra.body, link: extra.link ?? '/principals' }, { now: extra.now, publicUrl: 'http://localhost:3000' }),
  );
}

const unreadOf = async (personId: string) =>
  (
    await db.current.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, personId)))
  ).filter((n) => !n.readAt).length;

describe('the inbox page', () => {
  it('sends an anonymous visitor to the login page', async () => {
    const app = createTestApp(db.current).app;
    for (const path of ['/inbox', '/inbox/preferences']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('lists the notifications newest first, unread marked, each linking to its object, and only the own', async () => {
    const { person, client } = await loggedIn();
    const other = await inboxPerson(db.current);
    await send([person.id], 'Äldre meddelande', { now: new Date(Date.now() - 3600_000), link: '/meetings/1' });
    await send([person.id], 'Nyare meddelande', { body: 'Protokollet väntar på justering.', link: '/meetings/2' });
    await send([other.id], 'Inte ditt meddelande');

    const res = await client.get('/inbox');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Inkorg</h1>');
    expect(html).toContain('Du har 2 olästa meddelanden.');
    expect(html.indexOf('Nyare meddelande')).toBeLessThan(html.indexOf('Äldre meddelande'));
    expect(html).toContain('<a href="/meetings/2">Nyare meddelande</a>');
    expect(html).toContain('Protokollet väntar på justering.');
    expect(html).toContain('Oläst');
    expect(html).toContain('Meddelanden från Samverka');
    expect(html).not.toContain('Inte ditt meddelande');
    // The header link with the unread count.
    expect(html).toMatch(/<a href="\/inbox">Inkorg \(2<span class="visually-hidden"> olästa<\/span>\)<\/a>/);
  });

  it('pages at 50', async () => {
    const { person, client } = await loggedIn();
    for (let i = 0; i < 51; i++) await send([person.id], `Meddelande nummer ${i}`, { now: new Date(Date.now() - (51 - i) * 1000) });
    const first = await (await client.get('/inbox')).text();
    expect(first).toContain('Meddelande nummer 50');
    expect(first).not.toContain('Meddelande nummer 0<');
    expect(first).toContain('Sida 1 av 2');
    const second = await (await client.get('/inbox?page=2')).text();
    expect(second).toContain('Meddelande nummer 0<');
    expect(second).not.toContain('Meddelande nummer 50');
  });

  it('marks one as read with a plain form, and audits it', async () => {
    const { person, client } = await loggedIn();
    const {
      notifications: [sent],
    } = await send([person.id], 'Läs mig');
    await send([person.id], 'Läs mig sedan');
    const res = await client.post(`/inbox/${sent!.id}/read`, { page: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/inbox');
    expect(await unreadOf(person.id)).toBe(1);
    const html = await (await client.get('/inbox')).text();
    expect(html).toContain('Meddelandet är markerat som läst.');
    expect(html).toContain('Du har 1 oläst meddelande.');
    const audit = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.operation, 'inbox.markRead'), eq(auditLog.objectId, sent!.id)));
    expect(audit).toHaveLength(1);
  });

  it("refuses to mark someone else's notification and a form without the CSRF token", async () => {
    const { client } = await loggedIn();
    const other = await inboxPerson(db.current);
    const {
      notifications: [theirs],
    } = await send([other.id], 'Någon annans');
    expect((await client.post(`/inbox/${theirs!.id}/read`, {})).status).toBe(404);
    expect((await client.post(`/inbox/${theirs!.id}/read`, {}, { csrf: false })).status).toBe(403);
    expect(await unreadOf(other.id)).toBe(1);
  });

  it('marks all as read', async () => {
    const { person, client } = await loggedIn();
    await send([person.id], 'Ett');
    await send([person.id], 'Två');
    expect((await client.get('/inbox')).status).toBe(200);
    const res = await client.post('/inbox/read-all', {});
    expect(res.status).toBe(303);
    expect(await unreadOf(person.id)).toBe(0);
    const html = await (await client.get('/inbox')).text();
    expect(html).toContain('Alla meddelanden är markerade som lästa.');
    expect(html).toContain('Du har inga olästa meddelanden.');
    expect(html).not.toContain('Markera alla som lästa');
  });

  it('speaks English when asked', async () => {
    const { person, client } = await loggedIn();
    await send([person.id], 'Meddelande');
    const html = await (await client.get('/inbox', { cookie: `${[...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; lang=en` })).text();
    expect(html).toContain('<h1>Inbox</h1>');
    expect(html).toContain('You have 1 unread message.');
  });
});

describe('the preferences page', () => {
  it('shows one radio group per kind with the current choice, and saves the choices', async () => {
    const { person, client } = await loggedIn();
    const before = await (await client.get('/inbox/preferences')).text();
    expect(before).toContain('<legend>Meddelanden från Samverka</legend>');
    expect(before).toContain('<legend>Påminnelser</legend>');
    for (const label of ['Direkt', 'Daglig sammanfattning', 'Av']) expect(before).toContain(`>${label}</label>`);
    expect(before).toMatch(new RegExp(`name="preferences\\.${SYSTEM_MESSAGE}" value="immediate" checked`));
    expect(before).toMatch(new RegExp(`name="preferences\\.${SYSTEM_REMINDER}" value="digest" checked`));

    const res = await client.post('/inbox/preferences', { [`preferences.${SYSTEM_MESSAGE}`]: 'off', [`preferences.${SYSTEM_REMINDER}`]: 'digest' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/inbox/preferences');
    const saved = await db.current.db.select().from(notificationPreferences).where(eq(notificationPreferences.personId, person.id));
    // The reminder kept its default, so only the changed choice is stored.
    expect(saved.map((s) => [s.kind, s.delivery])).toEqual([[SYSTEM_MESSAGE, 'off']]);
    const after = await (await client.get('/inbox/preferences')).text();
    expect(after).toContain('Dina val är sparade.');
    expect(after).toMatch(new RegExp(`name="preferences\\.${SYSTEM_MESSAGE}" value="off" checked`));
    const audit = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.operation, 'inbox.setPreferences'), eq(auditLog.objectId, person.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual({ [SYSTEM_MESSAGE]: 'off' });

    // Now notify respects it.
    await send([person.id], 'Tyst');
    const [row] = await db.current.db.select().from(notifications).where(eq(notifications.personId, person.id));
    expect(row!.delivery).toBe('off');
  });

  it('answers a tampered choice with the form again and an error summary', async () => {
    const { client } = await loggedIn();
    const res = await client.post('/inbox/preferences', { [`preferences.${SYSTEM_MESSAGE}`]: 'sometimes' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Det finns fel i formuläret');
    expect(html).toContain(`href="#field-preferences.${SYSTEM_MESSAGE}"`);
    expect(html).toContain(`id="field-preferences.${SYSTEM_MESSAGE}"`);
  });
});

describe('"Väntar på dig" on the home page', () => {
  it('shows the waiting items of the signed-in person, earliest due first, and the unread count', async () => {
    const { person, client } = await loggedIn();
    const { person: other, client: otherClient } = await loggedIn();
    const now = Date.now();
    cleanups.push(
      registerWaitingSource(async ({ personId }) =>
        personId === person.id
          ? [
              { kind: 'test.report', title: 'Lämna verksamhetsberättelsen', due: new Date(now + 7 * 86_400_000), link: '/reports/1' },
              { kind: 'test.approval', title: 'Godkänn protokollet', due: new Date(now + 86_400_000), link: '/minutes/1' },
              { kind: 'test.action', title: 'Åtgärd utan datum', link: '/actions/1' },
              { kind: 'test.late', title: 'Försenad rapport', due: new Date(now - 86_400_000), link: '/reports/2' },
              { kind: 'test.bad', title: 'Skadlig länk', link: 'https://evil.example/' },
            ]
          : [],
      ),
    );
    await send([person.id], 'Oläst meddelande');

    const html = await (await client.get('/')).text();
    expect(html).toContain('<h2 id="home-waiting">Väntar på dig</h2>');
    const order = ['Försenad rapport', 'Godkänn protokollet', 'Lämna verksamhetsberättelsen', 'Åtgärd utan datum'].map((t) => html.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<a href="/minutes/1">Godkänn protokollet</a>');
    expect(html).toContain('Försenad</strong>');
    expect(html).not.toContain('Skadlig länk');
    expect(html).toContain('Du har 1 oläst meddelande.');

    const others = await (await otherClient.get('/')).text();
    expect(others).toContain('Väntar på dig');
    expect(others).toContain('Inget väntar på dig just nu.');
    expect(others).not.toContain('Godkänn protokollet');
    expect(other.id).not.toBe(person.id);

    const anonymous = await (await createTestApp(db.current).app.request('/')).text();
    expect(anonymous).not.toContain('Väntar på dig');
    expect(anonymous).not.toContain('Godkänn protokollet');
    expect(anonymous).not.toContain('href="/inbox"');
  });

  it('leaves out a source that fails instead of failing the page', async () => {
    const { client } = await loggedIn();
    cleanups.push(registerWaitingSource(async () => [{ kind: 'test.ok', title: 'Det här fungerar', link: '/ok' }]));
    cleanups.push(
      registerWaitingSource(async () => {
        throw new Error('the agenda module is broken');
      }),
    );
    const res = await client.get('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Det här fungerar');
  });
});
