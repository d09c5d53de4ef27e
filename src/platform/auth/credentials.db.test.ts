/**
 * A changed or reset password ends everything that could still act for the person (API
 * tokens, other sessions, outstanding reset links), audited and said on the page; and the
 * CSRF check refuses a form sent from another site.
 */
import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { auditLog } from '../audit/schema.js';
import { passwordResets, sessions } from './schema.js';
import { newToken, sha256 } from './tokens.js';
import { RESET_TTL_MS } from './commands/password.js';

const db = useTestDatabase();
const app = () => createTestApp(db.current).app;

async function loggedIn(p: TestPerson) {
  const c = new TestClient(app());
  expect((await c.login(p.email, p.password)).status).toBe(303);
  return c;
}

async function apiToken(c: TestClient): Promise<string> {
  const page = await (await c.post('/account/tokens', { name: 'Intranätet' })).text();
  return /<code id="new-token">([^<]+)<\/code>/.exec(page)![1]!;
}

const tokenWorks = async (token: string) => (await app().request('/api/me', { headers: { authorization: `Bearer ${token}` } })).status === 200;

async function resetLink(personId: string): Promise<string> {
  const token = newToken();
  await db.current.db.insert(passwordResets).values({ tokenHash: sha256(token), personId, expiresAt: new Date(Date.now() + RESET_TTL_MS) });
  return `/password/reset/${token}`;
}

const auditOf = (operation: string, objectType: string, objectId: string) =>
  db.current.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.operation, operation), eq(auditLog.objectType, objectType), eq(auditLog.objectId, objectId)));

describe('after a password change', () => {
  it('revokes the API tokens, other sessions and unused reset links, renews this session and says so', async () => {
    const p = await inboxPerson(db.current, { login: true });
    const a = await loggedIn(p);
    const b = await loggedIn(p);
    const token = await apiToken(a);
    expect(await tokenWorks(token)).toBe(true);
    const link = await resetLink(p.id);
    const oldSession = a.cookies.get('samverka_session')!;
    const oldCsrf = a.cookies.get('samverka_csrf')!;

    const res = await a.post('/account/password', { currentPassword: p.password, newPassword: 'nytt-långt-lösenord-9' });
    expect(res.status).toBe(303);
    const page = await (await a.get('/account')).text();
    expect(page).toContain('Lösenordet är bytt. Dina andra inloggningar är avslutade, dina API-nycklar är återkallade');
    // This browser goes on with a new session and a new CSRF token; the old cookie is dead.
    expect(a.cookies.get('samverka_session')).not.toBe(oldSession);
    expect(a.cookies.get('samverka_csrf')).not.toBe(oldCsrf);
    const stale = new TestClient(app());
    stale.cookies.set('samverka_session', oldSession);
    expect((await stale.get('/account')).status).toBe(303);
    expect((await b.get('/account')).status).toBe(303);
    expect(await tokenWorks(token)).toBe(false);
    expect((await a.post(link, { newPassword: 'via-gammal-länk-123' })).status).toBe(410);
    expect(
      await db.current.db
        .select()
        .from(sessions)
        .where(and(eq(sessions.personId, p.id), isNull(sessions.revokedAt))),
    ).toHaveLength(1);

    const [person] = await auditOf('identity.changePassword', 'person', p.id);
    expect(person!.after).toMatchObject({ passwordChanged: true, sessionsEnded: 1, apiTokensRevoked: 1, resetLinksRevoked: 1, sessionRenewed: true });
    const [tokenRow] = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.operation, 'identity.changePassword'), eq(auditLog.objectType, 'api_token')));
    expect(tokenRow!.after).toMatchObject({ revoked: true, reason: 'password' });
  });

  it('says so in English too', async () => {
    const p = await inboxPerson(db.current, { login: true });
    const a = await loggedIn(p);
    a.cookies.set('lang', 'en');
    await a.post('/account/password', { currentPassword: p.password, newPassword: 'nytt-långt-lösenord-9' });
    expect(await (await a.get('/account')).text()).toContain('your API tokens are revoked and unused password reset links no longer work');
  });
});

describe('after a password reset', () => {
  it('revokes the API tokens, every session and the other reset links, and says so', async () => {
    const p = await inboxPerson(db.current, { login: true });
    const a = await loggedIn(p);
    const token = await apiToken(a);
    const used = await resetLink(p.id);
    const other = await resetLink(p.id);
    const visitor = new TestClient(app());
    expect((await visitor.post(used, { newPassword: 'återställt-lösenord-7' })).status).toBe(303);
    expect(await (await visitor.get('/login')).text()).toContain('Alla dina inloggningar är avslutade, dina API-nycklar är återkallade');
    expect((await a.get('/account')).status).toBe(303);
    expect(await tokenWorks(token)).toBe(false);
    expect((await visitor.post(other, { newPassword: 'andra-länken-lösenord' })).status).toBe(410);
    const [row] = await auditOf('identity.resetPassword', 'person', p.id);
    expect(row!.after).toMatchObject({ passwordReset: true, sessionsEnded: 1, apiTokensRevoked: 1, resetLinksRevoked: 1 });
  });
});

describe('the CSRF check and the Origin header', () => {
  /** A form post with the right CSRF token, from the given page origin. */
  async function postFrom(c: TestClient, headers: Record<string, string>) {
    const csrf = await c.csrf();
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return app().request('/account/tokens', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf, name: 'Från formulär' }),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  it('refuses a foreign Origin (or, without one, a foreign Referer) even with the right token', async () => {
    const p = await inboxPerson(db.current, { login: true });
    const c = await loggedIn(p);
    const foreign = await postFrom(c, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('Formuläret skickades från en annan webbplats');
    expect((await postFrom(c, { origin: 'null' })).status).toBe(403);
    expect((await postFrom(c, { origin: 'http://localhost.evil.example' })).status).toBe(403);
    expect((await postFrom(c, { referer: 'https://evil.example/page' })).status).toBe(403);
    const api = await c.json('POST', '/api/me/tokens', { name: 'x' }, { 'x-csrf-token': await c.csrf(), origin: 'https://evil.example' });
    expect(api.status).toBe(403);
  });

  it("accepts the site's own origin (PUBLIC_URL's or the request's host) and no Origin at all", async () => {
    const p = await inboxPerson(db.current, { login: true });
    const c = await loggedIn(p);
    expect((await postFrom(c, { origin: 'http://localhost:3000' })).status).toBe(200);
    // The host the request was sent to, also under another scheme (TLS ended at a proxy).
    expect((await postFrom(c, { origin: 'http://localhost' })).status).toBe(200);
    expect((await postFrom(c, { origin: 'https://localhost' })).status).toBe(200);
    expect((await postFrom(c, { referer: 'http://localhost:3000/account' })).status).toBe(200);
    expect((await postFrom(c, {})).status).toBe(200);
  });
});
