import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp, testConfig } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { execute } from '../commands.js';
import { createApiToken } from '../auth/commands/api-tokens.js';
import { notify } from './notify.js';
import { notificationPreferences, notifications } from './schema.js';
import { SYSTEM_MESSAGE, SYSTEM_REMINDER } from './kinds.js';
import { registerWaitingSource } from './waiting.js';

const db = useTestDatabase();
let me: TestPerson;
let other: TestPerson;
let token: string;
let unregister: () => void;

const app = () => createTestApp(db.current).app;
function call(method: string, path: string, body?: unknown, bearer = token) {
  return app().request(path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
  });
}

async function send(personIds: string[], title: string, now?: Date) {
  return db.current.db.transaction((tx) =>
    notify(tx, { personIds, kind: SYSTEM_MESSAGE, title, link: '/meetings/7', objectType: 'meeting', objectId: '7' }, { now, publicUrl: 'http://localhost:3000' }),
  );
}

beforeAll(async () => {
  me = await inboxPerson(db.current);
  other = await inboxPerson(db.current);
  token = (await execute({ database: db.current, config: testConfig() }, me.actor, createApiToken, { name: 'Inkorgstest' })).token;
  unregister = registerWaitingSource(async ({ personId }) =>
    personId === me.id
      ? [
          { kind: 'test.b', title: 'Senare', due: new Date('2031-02-01T08:00:00Z'), link: '/b' },
          { kind: 'test.a', title: 'Tidigare', due: new Date('2031-01-01T08:00:00Z'), link: '/a' },
        ]
      : [],
  );
});
afterAll(() => unregister());

describe('the inbox API', () => {
  it('answers 401 without a login', async () => {
    for (const [method, path] of [
      ['GET', '/api/me/notifications'],
      ['POST', '/api/me/notifications/read-all'],
      ['GET', '/api/me/notification-preferences'],
      ['GET', '/api/me/waiting'],
    ] as const) {
      const res = await app().request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
    }
  });

  it('lists my notifications newest first, paged, with the unread count', async () => {
    await send([me.id], 'Första', new Date(Date.now() - 60_000));
    await send([me.id, other.id], 'Andra');
    const res = await call('GET', '/api/me/notifications');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { title: string; link: string; readAt: string | null; kindLabel: string }[]; total: number; unread: number; page: number; pageSize: number };
    expect(body.items.map((i) => i.title)).toEqual(['Andra', 'Första']);
    expect(body).toMatchObject({ total: 2, unread: 2, page: 1, pageSize: 50 });
    expect(body.items[0]).toMatchObject({ link: '/meetings/7', objectType: 'meeting', objectId: '7', readAt: null, kindLabel: 'Meddelanden från Samverka' });
    expect((await call('GET', '/api/me/notifications?page=2')).status).toBe(200);
    expect((await call('GET', '/api/me/notifications?page=0')).status).toBe(422);
  });

  it('marks one as read, refuses someone else’s, and marks all as read', async () => {
    const {
      notifications: [mine],
    } = await send([me.id], 'Markera mig');
    const {
      notifications: [theirs],
    } = await send([other.id], 'Inte din');
    const res = await call('POST', `/api/me/notifications/${mine!.id}/read`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; readAt: string };
    expect(body.id).toBe(mine!.id);
    expect(new Date(body.readAt).getTime()).not.toBeNaN();
    expect((await call('POST', `/api/me/notifications/${theirs!.id}/read`)).status).toBe(404);
    expect((await call('POST', '/api/me/notifications/not-a-uuid/read')).status).toBe(422);

    const all = await call('POST', '/api/me/notifications/read-all');
    expect(all.status).toBe(200);
    expect(((await all.json()) as { count: number }).count).toBeGreaterThan(0);
    const unread = (await db.current.db.select().from(notifications).where(eq(notifications.personId, me.id))).filter((n) => !n.readAt);
    expect(unread).toEqual([]);
    const [theirsAfter] = await db.current.db.select().from(notifications).where(eq(notifications.id, theirs!.id));
    expect(theirsAfter!.readAt).toBeNull();
  });

  it('reads and sets my preferences', async () => {
    const before = (await (await call('GET', '/api/me/notification-preferences')).json()) as { items: { kind: string; delivery: string; defaultDelivery: string; chosen: boolean }[] };
    expect(before.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: SYSTEM_MESSAGE, delivery: 'immediate', defaultDelivery: 'immediate', chosen: false }),
        expect.objectContaining({ kind: SYSTEM_REMINDER, delivery: 'digest', defaultDelivery: 'digest', chosen: false }),
      ]),
    );
    const put = await call('PUT', '/api/me/notification-preferences', { preferences: { [SYSTEM_REMINDER]: 'immediate' } });
    expect(put.status).toBe(200);
    const after = (await put.json()) as typeof before;
    expect(after.items.find((i) => i.kind === SYSTEM_REMINDER)).toMatchObject({ delivery: 'immediate', chosen: true });
    expect(after.items.find((i) => i.kind === SYSTEM_MESSAGE)).toMatchObject({ delivery: 'immediate', chosen: false });
    const rows = await db.current.db.select().from(notificationPreferences).where(eq(notificationPreferences.personId, me.id));
    expect(rows.map((r) => [r.kind, r.delivery])).toEqual([[SYSTEM_REMINDER, 'immediate']]);

    for (const bad of [{ preferences: { [SYSTEM_REMINDER]: 'sometimes' } }, { preferences: { 'nobody.declared': 'off' } }, {}]) {
      const res = await call('PUT', '/api/me/notification-preferences', bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
  });

  it('lists what waits for me, earliest first, and for nobody else', async () => {
    const res = await call('GET', '/api/me/waiting');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { title: string; due: string | null; link: string; kind: string }[]; unread: number };
    expect(body.items).toEqual([
      { kind: 'test.a', title: 'Tidigare', due: '2031-01-01T08:00:00.000Z', link: '/a' },
      { kind: 'test.b', title: 'Senare', due: '2031-02-01T08:00:00.000Z', link: '/b' },
    ]);
    expect(typeof body.unread).toBe('number');
  });

  it('works with a session too, and then wants the CSRF header on changes', async () => {
    const person = await inboxPerson(db.current, { login: true });
    const client = new TestClient(app());
    await client.login(person.email, person.password);
    expect((await client.json('GET', '/api/me/waiting')).status).toBe(200);
    expect((await client.json('POST', '/api/me/notifications/read-all')).status).toBe(403);
    expect((await client.json('POST', '/api/me/notifications/read-all', undefined, { 'x-csrf-token': await client.csrf() })).status).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await app().request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths['/api/me/notifications']?.get?.operationId).toBe('inbox.listNotifications');
    expect(doc.paths['/api/me/notifications/{id}/read']?.post?.operationId).toBe('inbox.markRead');
    expect(doc.paths['/api/me/notifications/read-all']?.post?.operationId).toBe('inbox.markAllRead');
    expect(doc.paths['/api/me/notification-preferences']?.put?.operationId).toBe('inbox.setPreferences');
    expect(doc.paths['/api/me/notification-preferences']?.get?.operationId).toBe('inbox.getPreferences');
    expect(doc.paths['/api/me/waiting']?.get?.operationId).toBe('inbox.waiting');
  });
});
