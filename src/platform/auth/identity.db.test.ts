import { describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp, testConfig } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { execute } from '../commands.js';
import { systemActor } from './actor.js';
import { createPerson } from './commands/people.js';
import { auditLog } from '../audit/schema.js';
import { mailMessages, outbox } from '../outbox/schema.js';
import { ACCOUNT_FAILURE_LIMIT } from './commands/login.js';
import { people } from './schema.js';

const db = useTestDatabase();
let n = 0;

async function person(options: { admin?: boolean; password?: string } = {}) {
  const email = `p${++n}-${Date.now()}@example.org`;
  const password = options.password ?? 'ett-bra-lösenord-1';
  const p = await execute({ database: db.current, config: testConfig() }, systemActor('test'), createPerson, {
    name: `Person ${n}`,
    email,
    password,
    isAdmin: options.admin ?? false,
  });
  return { ...p, password };
}

function client() {
  return new TestClient(createTestApp(db.current).app);
}

describe('login and sessions', () => {
  it('logs in with a password, shows the name, and logs out', async () => {
    const p = await person();
    const c = client();
    const res = await c.login(p.email!, p.password);
    expect(res.status).toBe(303);
    expect(c.cookies.has('samverka_session')).toBe(true);
    const home = await (await c.get('/')).text();
    expect(home).toContain(p.name);
    expect(home).toContain('Du är inloggad.');
    await c.post('/logout', {});
    expect(c.cookies.has('samverka_session')).toBe(false);
    expect(await (await c.get('/')).text()).not.toContain(p.name);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, and rotates the CSRF token at login', async () => {
    const p = await person();
    const c = client();
    const before = await c.csrf();
    const res = await c.login(p.email!, p.password);
    const cookies = res.headers.getSetCookie();
    const session = cookies.find((x) => x.startsWith('samverka_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    expect(c.cookies.get('samverka_csrf')).not.toBe(before);
  });

  it('marks cookies Secure when served over TLS', async () => {
    const p = await person();
    const c = new TestClient(createTestApp(db.current, { PUBLIC_URL: 'https://samverka.example.se' }).app);
    const res = await c.login(p.email!, p.password);
    expect(res.headers.getSetCookie().find((x) => x.startsWith('samverka_session='))).toMatch(/Secure/);
    expect((await c.get('/')).headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('refuses a wrong password with a Swedish message and keeps the e-mail typed', async () => {
    const p = await person();
    const c = client();
    const res = await c.login(p.email!, 'fel-lösenord');
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('Fel e-postadress eller lösenord.');
    expect(html).toContain(`value="${p.email}"`);
  });

  it('answers 429 after repeated failures for one account, even with the right password', async () => {
    const p = await person();
    const c = client();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await c.login(p.email!, `fel-${i}`)).status);
    expect(statuses.slice(0, ACCOUNT_FAILURE_LIMIT).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const res = await c.login(p.email!, p.password);
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('För många misslyckade inloggningsförsök');
  });

  it('refuses a form without the CSRF token', async () => {
    const p = await person();
    const c = client();
    await c.get('/');
    const res = await c.post('/login', { email: p.email!, password: p.password }, { csrf: false });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Formuläret hade gått ut');
  });

  it('sends anonymous visitors of a protected page to the login page and back', async () => {
    const p = await person();
    const c = client();
    const res = await c.get('/account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Faccount');
    const after = await c.post('/login', { email: p.email!, password: p.password, next: '/account' });
    expect(after.headers.get('location')).toBe('/account');
  });

  it('changes the password and ends the other sessions', async () => {
    const p = await person();
    const a = client();
    const b = client();
    await a.login(p.email!, p.password);
    await b.login(p.email!, p.password);
    const bad = await a.post('/account/password', { currentPassword: 'fel', newPassword: 'kort' });
    expect(bad.status).toBe(422);
    const ok = await a.post('/account/password', { currentPassword: p.password, newPassword: 'nytt-långt-lösenord-9' });
    expect(ok.status).toBe(303);
    expect((await a.get('/account')).status).toBe(200);
    expect((await b.get('/account')).status).toBe(303);
  });

  it('resets a password with an e-mailed one-time link', async () => {
    const p = await person();
    const c = client();
    await c.post('/password/forgot', { email: p.email! });
    const mails = await db.current.db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(5);
    const mail = mails.find((m) => JSON.stringify(m.payload).includes(p.email!))!;
    const link = /\/password\/reset\/[\w-]+/.exec(JSON.stringify(mail.payload))![0];
    expect((await c.get(link)).status).toBe(200);
    expect((await c.post(link, { newPassword: 'återställt-lösenord-7' })).status).toBe(303);
    expect((await c.post(link, { newPassword: 'en-gång-till-lösenord' })).status).toBe(410);
    expect((await client().login(p.email!, 'återställt-lösenord-7')).status).toBe(303);
    void mailMessages;
  });
});

describe('API tokens and /api/me', () => {
  it('creates a token shown once, uses it, and revokes it', async () => {
    const p = await person();
    const c = client();
    await c.login(p.email!, p.password);
    const page = await c.post('/account/tokens', { name: 'Intranätet' });
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(await page.text())![1]!;
    expect(token).toMatch(/^svk_/);
    const anon = createTestApp(db.current).app;
    const me = await anon.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: p.email, authenticatedWith: 'token' });
    const list = (await (await anon.request('/api/me/tokens', { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: string; lastUsedAt: string | null }[] };
    expect(list.items[0]?.lastUsedAt).not.toBeNull();
    const del = await anon.request(`/api/me/tokens/${list.items[0]!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(del.status).toBe(200);
    const after = await anon.request('/api/me', { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('answers 401 problem details without credentials and 403 for non-administrators', async () => {
    const app = createTestApp(db.current).app;
    const res = await app.request('/api/me');
    expect(res.status).toBe(401);
    const p = await person();
    const c = client();
    await c.login(p.email!, p.password);
    const created = await c.json('POST', '/api/me/tokens', { name: 'x' }, { 'x-csrf-token': await c.csrf() });
    const { token } = (await created.json()) as { token: string };
    const forbidden = await app.request('/api/people', { method: 'POST', body: JSON.stringify({ name: 'Ny' }), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ status: 403 });
  });

  it('refuses a cookie-authenticated API write without the CSRF header', async () => {
    const p = await person();
    const c = client();
    await c.login(p.email!, p.password);
    expect((await c.json('POST', '/api/me/tokens', { name: 'x' })).status).toBe(403);
  });

  it('refuses a personal identity number in free text through the API, writing nothing', async () => {
    const admin = await person({ admin: true });
    const c = client();
    await c.login(admin.email!, admin.password);
    const res = await c.json('POST', '/api/people', { name: 'Patient 19121212-1212' }, { 'x-csrf-token': await c.csrf() });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { pointer: string; detail: string }[] };
    expect(body.errors[0]!.pointer).toBe('/name');
    expect(body.errors[0]!.detail).toContain('19121212-1212');
    expect(await db.current.db.select().from(people).where(eq(people.name, 'Patient 19121212-1212'))).toHaveLength(0);
  });
});

describe('administration and audit', () => {
  it('lets an administrator add a person through the form, audited, with the history view', async () => {
    const admin = await person({ admin: true });
    const c = client();
    await c.login(admin.email!, admin.password);
    const refused = await c.post('/admin/people', { name: 'Kalle 121212-1212', email: 'kalle@example.org' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Det finns fel i formuläret');
    expect(html).toContain('value="kalle@example.org"');
    const ok = await c.post('/admin/people', { name: 'Kalle Kontakt', email: 'kalle@example.org' });
    expect(ok.status).toBe(303);
    const [row] = await db.current.db.select().from(people).where(eq(people.email, 'kalle@example.org'));
    const audit = await db.current.db.select().from(auditLog).where(eq(auditLog.objectId, row!.id));
    expect(audit[0]).toMatchObject({ operation: 'identity.createPerson', actorId: admin.id });
    const history = await (await c.get(`/history/person/${row!.id}`)).text();
    // Told in the reader's language: the command's label, not its technical name.
    expect(history).toContain('Lade till en person');
    expect(history.slice(history.indexOf('<p role="status">'))).not.toContain('identity.createPerson');
    expect((await c.get('/admin/audit')).status).toBe(200);
  });

  it('refuses the administration pages to others with a Swedish 403 page', async () => {
    const p = await person();
    const c = client();
    await c.login(p.email!, p.password);
    const res = await c.get('/admin');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Du saknar behörighet');
  });

  it('keeps the audit trail append-only in the database', async () => {
    await person();
    await expect(db.current.query('update audit_log set actor_label = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(db.current.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });

  it('never writes password hashes to the audit trail', async () => {
    const p = await person();
    const rows = await db.current.db.select().from(auditLog).where(eq(auditLog.objectId, p.id));
    expect(JSON.stringify(rows)).not.toContain('argon2');
  });
});

describe('password reset throttling', () => {
  it('answers 429 after repeated reset requests for one address', async () => {
    const p = await person();
    const c = client();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.post('/password/forgot', { email: p.email! })).status);
    expect(statuses.slice(0, 5).every((s) => s === 303)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
