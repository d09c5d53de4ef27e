// While the database cannot be reached, every request that needs it answers 503 with
// Retry-After (problem details in the API, a page in Swedish or English otherwise), never
// 500, and /readyz says so. The app runs against a real node-postgres pool pointed at a
// port where nothing listens (connection refused) or where nothing answers (timeout).
import { createServer, type Server, type Socket } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testConfig } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { freePort } from '../../../tests/process/helpers.js';
import { openPostgres, type Database } from '../db/client.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../db/unavailable.js';
import { startWorker } from '../worker.js';

const RETRY_AFTER = String(RETRY_AFTER_SECONDS);

describe('the database refuses connections', () => {
  let database: Database;
  let client: TestClient;

  beforeAll(async () => {
    database = await openPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/samverka`, 2, { connectionTimeoutMs: 2_000 });
    client = new TestClient(createTestApp(database).app);
  });
  afterAll(() => database?.close());

  it('an API call answers 503 problem details with Retry-After', async () => {
    const res = await client.get('/api/principals?page=1');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ type: 'https://samverka.se/problems/database-unavailable', status: 503, title: 'Service Unavailable' });
  });

  it('an API call with a token answers 503, not 401 or 500', async () => {
    const res = await client.get('/api/me', { authorization: 'Bearer svk_0123456789abcdef0123456789abcdef' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(RETRY_AFTER);
  });

  it('a page answers 503 in Swedish with Retry-After, and a try-again link', async () => {
    const res = await client.get('/principals?page=2');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(RETRY_AFTER);
    const html = await res.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Tjänsten går inte att nå just nu');
    expect(html).toContain('Samverka kan inte nå sin databas just nu.');
    expect(html).toContain('<a href="/principals?page=2">Försök igen</a>');
  });

  it('a page answers 503 in English with the language cookie', async () => {
    const res = await client.get('/principals', { cookie: 'lang=en' });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Samverka cannot reach its database right now.');
  });

  it('a signed-in visitor (session cookie) gets the page too, drawn without the account header', async () => {
    const res = await client.get('/principals', { cookie: 'samverka_session=0123456789abcdef0123456789abcdef' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(await res.text()).toContain('href="/login?next=%2Fprincipals"');
  });

  it('a form answers 503 with Retry-After, linking home rather than sending the form again', async () => {
    const res = await client.post('/login', { email: 'anna@example.se', password: 'correct horse battery', next: '/' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(RETRY_AFTER);
    const html = await res.text();
    expect(html).toContain('Tjänsten går inte att nå just nu');
    expect(html).not.toContain('Försök igen</a>');
  });

  it('/readyz answers 503 "unreachable" with Retry-After', async () => {
    const res = await client.get('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(await res.json()).toEqual({ status: 'not-ready', database: 'unreachable' });
  });

  it('the migration check fails as unavailable instead of saying "none applied"', async () => {
    const err = await database.migrationsApplied().then(
      (applied) => applied,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('the worker logs a warning and waits longer after each failed round', async () => {
    const warnings: { msg: string; retryInMs: number; reason: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
    const worker = startWorker({ database, config: testConfig(), logger }, { intervalMs: 50 });
    try {
      const deadline = Date.now() + 20_000;
      while (warnings.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await worker.stop();
    }
    expect(warnings.slice(0, 4).map((w) => w.retryInMs)).toEqual([100, 200, 400, 800]);
    expect(warnings[0]).toMatchObject({ msg: 'worker round: database unavailable', reason: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('the database does not answer (pool timeout)', () => {
  let database: Database;
  let silent: Server;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // accepts connections and never says anything: a database host behind a dead network
    silent = createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    database = await openPostgres(`postgres://postgres@127.0.0.1:${port}/samverka`, 1, { connectionTimeoutMs: 300 });
  });
  afterAll(async () => {
    await database?.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent?.close(r));
  });

  it('answers 503 with Retry-After once the connection times out', async () => {
    const client = new TestClient(createTestApp(database).app);
    const [api, page] = await Promise.all([client.get('/api/principals?page=1'), client.get('/principals')]);
    expect([api.status, page.status]).toEqual([503, 503]);
    expect(api.headers.get('retry-after')).toBe(RETRY_AFTER);
    expect(page.headers.get('retry-after')).toBe(RETRY_AFTER);
  });
});
