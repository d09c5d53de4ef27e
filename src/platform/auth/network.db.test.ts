/**
 * What the app believes about where a request comes from, over real sockets: the client
 * address behind (trusted) proxies, the login throttle under parallel guesses, and who may
 * read /metrics.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { eq, like } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import type { Config } from '../../config.js';
import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT } from './commands/login.js';
import { loginFailures, sessions } from './schema.js';

const db = useTestDatabase();
const servers: ServerType[] = [];
afterAll(async () => {
  for (const s of servers) {
    s.close();
    if ('closeAllConnections' in s) s.closeAllConnections();
  }
});

/** The app on a free port of 127.0.0.1 with these settings. */
async function serveApp(overrides: Partial<Record<keyof Config, string>> = {}): Promise<string> {
  const { app } = createTestApp(db.current, overrides);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A browser-like visitor: the CSRF cookie from a first GET, then login posts. */
async function visitor(base: string) {
  const first = await fetch(`${base}/login`);
  const csrf = /samverka_csrf=([^;]+)/.exec(first.headers.getSetCookie().join('\n'))![1]!;
  return (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `samverka_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ email, password, next: '/', _csrf: csrf }),
    });
}

// Every test starts with no failures counted (they all come from 127.0.0.1).
beforeEach(async () => {
  await db.current.db.delete(loginFailures);
});

let n = 0;
const unknownEmail = () => `okand-${++n}-${Date.now().toString(36)}@example.org`;

describe('the client address', () => {
  it('ignores X-Forwarded-For without trusted proxies: a new value does not reset the address throttle', async () => {
    const base = await serveApp();
    const login = await visitor(base);
    const statuses: number[] = [];
    for (let i = 0; i <= ADDRESS_FAILURE_LIMIT; i++) {
      const res = await login(unknownEmail(), 'fel-lösenord', { 'x-forwarded-for': `198.51.100.${i + 1}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, ADDRESS_FAILURE_LIMIT).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const recorded = await db.current.db.select().from(loginFailures).where(like(loginFailures.key, 'ip:198.51.100.%'));
    expect(recorded).toHaveLength(0);
  }, 120_000);

  it('takes the first untrusted address from the right of X-Forwarded-For behind a trusted proxy', async () => {
    // The socket is 127.0.0.1; the setting names it in its IPv4-mapped IPv6 form.
    const base = await serveApp({ TRUSTED_PROXIES: '::ffff:127.0.0.1, 10.0.0.0/8' });
    const p = await inboxPerson(db.current, { login: true });
    const login = await visitor(base);
    const res = await login(p.email, p.password, { 'x-forwarded-for': '6.6.6.6, 198.51.100.77, 10.0.0.3' });
    expect(res.status).toBe(303);
    const [session] = await db.current.db.select().from(sessions).where(eq(sessions.personId, p.id));
    expect(session!.ip).toBe('198.51.100.77');
    // A wrong guess is counted against that address, not the forged one.
    await login(p.email, 'fel-lösenord', { 'x-forwarded-for': '6.6.6.6, 198.51.100.77' });
    expect(await db.current.db.select().from(loginFailures).where(eq(loginFailures.key, 'ip:198.51.100.77'))).toHaveLength(1);
    expect(await db.current.db.select().from(loginFailures).where(eq(loginFailures.key, 'ip:6.6.6.6'))).toHaveLength(0);
  }, 60_000);
});

describe('the login throttle under parallel guesses', () => {
  it('lets at most the limit of 30 parallel wrong guesses at one account reach the password check', async () => {
    const base = await serveApp();
    const p = await inboxPerson(db.current, { login: true });
    const login = await visitor(base);
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => login(p.email, `fel-gissning-${i}`)));
    const statuses = responses.map((r) => r.status);
    // A 401 is a guess whose password was verified; every other one was refused before it.
    const verified = statuses.filter((s) => s === 401).length;
    expect(verified).toBeGreaterThanOrEqual(1);
    expect(verified).toBeLessThanOrEqual(ACCOUNT_FAILURE_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - verified);
    const counted = await db.current.db
      .select()
      .from(loginFailures)
      .where(eq(loginFailures.key, `account:${p.email}`));
    expect(counted).toHaveLength(verified);
    // And the right password is refused too now.
    expect((await login(p.email, p.password)).status).toBe(verified === ACCOUNT_FAILURE_LIMIT ? 429 : 303);
  }, 120_000);

  it('does not count a successful login as a failure', async () => {
    const base = await serveApp();
    const p = await inboxPerson(db.current, { login: true });
    const login = await visitor(base);
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT + 2; i++) expect((await login(p.email, p.password)).status).toBe(303);
    expect(
      await db.current.db
        .select()
        .from(loginFailures)
        .where(eq(loginFailures.key, `account:${p.email}`)),
    ).toHaveLength(0);
  }, 60_000);
});

describe('/metrics', () => {
  const token = 'metrics-token-0123456789';

  it('answers loopback by default and refuses other addresses', async () => {
    const open = await serveApp();
    const res = await fetch(`${open}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('samverka_http_request_duration_seconds');
    const closed = await serveApp({ METRICS_ALLOW: '10.0.0.0/8, fd00::/8' });
    const refused = await fetch(`${closed}/metrics`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await refused.text()).not.toContain('samverka_http_request_duration_seconds');
  }, 60_000);

  it('answers any address with the metrics token, and only with the right one', async () => {
    const base = await serveApp({ METRICS_ALLOW: '10.0.0.0/8', METRICS_TOKEN: token });
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer svk_not-a-metrics-token' } })).status).toBe(403);
    expect((await fetch(`${base}/metrics`)).status).toBe(403);
  }, 60_000);

  it('judges the client behind a trusted proxy, not the proxy', async () => {
    const base = await serveApp({ TRUSTED_PROXIES: '127.0.0.1' });
    expect((await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.5' } })).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: { 'x-forwarded-for': '127.0.0.1' } })).status).toBe(200);
  }, 60_000);
});
