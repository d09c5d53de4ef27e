import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';

const db = useTestDatabase();
const app = () => createTestApp(db.current).app;
let person: TestPerson;

beforeAll(async () => {
  person = await inboxPerson(db.current, { login: true });
});

async function signedIn() {
  const client = new TestClient(app());
  expect((await client.login(person.email, person.password)).status).toBe(303);
  return client;
}

describe('bad input gets a clear 4xx before it reaches the database', () => {
  it('refuses NUL in a query with 400: problem details in the API, a page otherwise', async () => {
    const client = await signedIn();
    const api = await client.get('/api/decisions?q=%00');
    expect(api.status).toBe(400);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(await api.json()).toMatchObject({ type: 'https://samverka.se/problems/nul-character', status: 400 });
    const page = await client.get('/people?q=%00');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('otillåtet tecken (NUL)');
  });

  it('refuses NUL and invalid UTF-8 in form fields and JSON, and invalid UTF-8 in the query', async () => {
    const client = await signedIn();
    const csrf = await client.csrf();
    const form = (body: string) =>
      app().request('/account/tokens', { method: 'POST', body: `_csrf=${csrf}&${body}`, headers: { cookie: `samverka_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' } });
    expect((await form('name=a%00b')).status).toBe(400);
    expect((await form('name=%E5rsrapport')).status).toBe(400);
    const json = await client.json('POST', '/api/me/tokens', { name: 'a\u0000b' }, { 'x-csrf-token': csrf });
    expect(json.status).toBe(400);
    const rawJson = await app().request('/api/me/tokens', {
      method: 'POST',
      body: Uint8Array.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xe5, 0x22, 0x7d]),
      headers: { 'content-type': 'application/json' },
    });
    expect(rawJson.status).toBe(400);
    expect((await client.get('/api/decisions?q=%E5r')).status).toBe(400);
  });

  it('answers a malformed multipart post, also from an anonymous visitor, with 400', async () => {
    const res = await app().request('/login', {
      method: 'POST',
      body: '--abc\r\nthis is not a part',
      headers: { 'content-type': 'multipart/form-data; boundary=abc' },
    });
    expect(res.status).toBe(400);
  });

  it('refuses an anonymous 200 MB post to /login with 413 before reading it', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 200 * 1024 * 1024) return controller.close();
        pulled += 1024 * 1024;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const res = await app().request('/login', {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'multipart/form-data; boundary=abc', 'content-length': String(200 * 1024 * 1024) },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('för stort');
    expect(pulled).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('what browsers and proxies may keep', () => {
  it('says no-store on pages and API answers, and lets static assets be cached', async () => {
    const client = await signedIn();
    for (const path of ['/', '/login', '/account', '/api/me', '/no-such-page', '/api/no-such-thing']) {
      const res = await client.get(path);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const asset = await client.get('/static/css/app.css');
    expect(asset.headers.get('cache-control')).toContain('public');
  });
});
