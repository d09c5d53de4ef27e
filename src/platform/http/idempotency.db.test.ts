import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp, testConfig } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { execute } from '../commands.js';
import { systemActor } from '../auth/actor.js';
import { createPerson } from '../auth/commands/people.js';
import { principals } from '../../modules/structure/schema.js';
import { IDEMPOTENCY_FIELD } from './idempotency.js';

const db = useTestDatabase();
const admin = { email: `admin-idem-${Date.now()}@example.org`, password: 'ett-bra-lösenord-1' };

beforeAll(async () => {
  await execute({ database: db.current, config: testConfig() }, systemActor('test'), createPerson, { name: 'Ada Admin', ...admin, isAdmin: true });
});

async function signedIn() {
  const client = new TestClient(createTestApp(db.current).app);
  expect((await client.login(admin.email, admin.password)).status).toBe(303);
  return client;
}

const countNamed = async (name: string) => (await db.current.db.select().from(principals).where(eq(principals.name, name))).length;

describe('a form sent twice is carried out once', () => {
  it('puts a fresh idempotency key into every rendered form', async () => {
    const client = await signedIn();
    const keys = async () => [...(await (await client.get('/principals')).text()).matchAll(new RegExp(`name="${IDEMPOTENCY_FIELD}" value="([^"]+)"`, 'g'))].map((m) => m[1]);
    const [first, second] = [await keys(), await keys()];
    expect(first.length).toBeGreaterThan(0);
    expect(first.some((k) => second.includes(k))).toBe(false);
  });

  it('answers a resent form with the first answer and creates one object', async () => {
    const client = await signedIn();
    const form = { name: 'Region Idempotens', kind: 'region', distributionList: '', [IDEMPOTENCY_FIELD]: 'form-key-0001' };
    const first = await client.post('/principals', form);
    const again = await client.post('/principals', form);
    expect(first.status).toBe(303);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await countNamed('Region Idempotens')).toBe(1);
  });

  it('creates one object on a double click (two posts at once)', async () => {
    const client = await signedIn();
    await client.csrf();
    const form = { name: 'Kommun Dubbelklick', kind: 'municipality', distributionList: '', [IDEMPOTENCY_FIELD]: 'form-key-0002' };
    const [a, b] = await Promise.all([client.post('/principals', form), client.post('/principals', form)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.get('location')).toBe(b.headers.get('location'));
    expect(await countNamed('Kommun Dubbelklick')).toBe(1);
  });

  it('lets a refused form be corrected and sent again with the same key', async () => {
    const client = await signedIn();
    const refused = await client.post('/principals', { name: '', kind: 'region', distributionList: '', [IDEMPOTENCY_FIELD]: 'form-key-0003' });
    expect(refused.status).toBe(422);
    const saved = await client.post('/principals', { name: 'Region Rättad', kind: 'region', distributionList: '', [IDEMPOTENCY_FIELD]: 'form-key-0003' });
    expect(saved.status).toBe(303);
    expect(await countNamed('Region Rättad')).toBe(1);
  });
});

describe('Idempotency-Key in the API', () => {
  it('replays the first answer to a retry, and refuses the key for another request', async () => {
    const client = await signedIn();
    const csrf = await client.csrf();
    const headers = { 'x-csrf-token': csrf, 'idempotency-key': 'api-key-000000001' };
    const first = await client.json('POST', '/api/principals', { name: 'Region API-försök', kind: 'region' }, headers);
    const retry = await client.json('POST', '/api/principals', { name: 'Region API-försök', kind: 'region' }, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    expect(await countNamed('Region API-försök')).toBe(1);
    const other = await client.json('POST', '/api/me/tokens', { name: 'Nyckel' }, headers);
    expect(other.status).toBe(422);
    expect(((await other.json()) as { type: string }).type).toContain('idempotency-key-reused');
    const bad = await client.json('POST', '/api/principals', { name: 'Region Kort nyckel', kind: 'region' }, { 'x-csrf-token': csrf, 'idempotency-key': 'x' });
    expect(bad.status).toBe(400);
  });
});

describe('answers that hold a secret', () => {
  it('keeps no copy of a new API token: a retry gets 409 and one token exists', async () => {
    const client = await signedIn();
    const csrf = await client.csrf();
    const headers = { 'x-csrf-token': csrf, 'idempotency-key': 'api-key-token-0001' };
    const first = await client.json('POST', '/api/me/tokens', { name: 'Skript' }, headers);
    expect(first.status).toBe(201);
    const { token } = (await first.json()) as { token: string };
    const retry = await client.json('POST', '/api/me/tokens', { name: 'Skript' }, headers);
    expect(retry.status).toBe(409);
    expect(await retry.text()).not.toContain(token);
    const stored = await db.current.query<{ body: unknown }>(`select body from idempotency_keys where key = 'api-key-token-0001'`);
    expect(stored[0]?.body ?? null).toBeNull();
    const list = (await (await client.get('/api/me/tokens')).json()) as { items: { name: string }[] };
    expect(list.items.filter((i) => i.name === 'Skript')).toHaveLength(1);
  });
});
