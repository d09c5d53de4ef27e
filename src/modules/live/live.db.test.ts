import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp, testConfig } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { SseReader } from '../../../tests/helpers/sse.js';
import { testDbKind } from '../../../tests/helpers/db-env.js';
import { execute } from '../../platform/commands.js';
import { openPostgres, type Database } from '../../platform/db/client.js';
import { eventBus, type BusEvent } from '../../platform/events.js';
import { auditLog } from '../../platform/audit/schema.js';
import { ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../structure/samples.js';
import { fixtureItem, fixtureMeeting, personActor } from '../meetings/samples.js';
import type { AgendaItem, Meeting } from '../meetings/schema.js';
import type { Body } from '../structure/schema.js';
import { setCurrentItem } from './commands/set-current-item.js';
import { meetingItemTimes } from './schema.js';
import { liveTopic, type LiveState } from './state.js';
import { SESSION_TOUCH_MS } from './pages/events.js';
import { sessions } from '../../platform/auth/schema.js';

const db = useTestDatabase();
let secretary: TestPerson;
let member: TestPerson;
let meeting: Meeting;
let items: AgendaItem[];
let body: Body;

beforeAll(async () => {
  const database = db.current.db;
  secretary = await inboxPerson(db.current, { login: true, name: 'Ann-Louise Gustafsson' });
  member = await inboxPerson(db.current, { login: true, name: 'Karin Haster' });
  const { structure } = await fixtureStructure(database);
  body = await fixtureBody(database, structure.id, { name: 'Chefsgruppen' });
  await fixtureMembership(database, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  await fixtureMembership(database, { bodyId: body.id, personId: member.id, role: 'member', startOn: '2020-01-01' });
  // In progress: it began an hour ago (the live view opens once a meeting has started).
  meeting = await fixtureMeeting(database, body, -1 / 24, { status: 'called', agendaPublishedAt: new Date() });
  items = [
    await fixtureItem(database, meeting, 1, { title: 'Inledning', durationMinutes: 10 }),
    await fixtureItem(database, meeting, 2, { title: 'Covidfrågor', durationMinutes: 40, presenters: [{ personId: null, name: 'Johanna Furberg', organisation: null }] }),
    await fixtureItem(database, meeting, 3, { title: 'Övriga frågor', durationMinutes: 5 }),
  ];
});

const deps = () => ({ database: db.current, config: testConfig() });
const asSecretary = () => personActor({ id: secretary.id, name: secretary.name });

async function follow(database: Database, person: TestPerson) {
  const client = new TestClient(createTestApp(database).app);
  expect((await client.login(person.email, person.password)).status).toBe(303);
  const res = await client.get(`/meetings/${meeting.id}/live/events`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  return new SseReader(res);
}

describe('live.setCurrentItem', () => {
  it('moves the meeting on, records the time of each item, audits, and tells followers at commit', async () => {
    const bus = eventBus(db.current);
    await bus.ready;
    const seen: BusEvent[] = [];
    const stop = bus.subscribe(liveTopic(meeting.id), (e) => seen.push(e));
    const t0 = new Date(Date.now() - 10 * 60_000);
    await execute(deps(), asSecretary(), setCurrentItem, { meetingId: meeting.id, itemId: items[0]!.id }, { now: t0 });
    await execute(deps(), asSecretary(), setCurrentItem, { meetingId: meeting.id, itemId: items[1]!.id }, { now: new Date(t0.getTime() + 7 * 60_000) });
    const times = await db.current.db.select().from(meetingItemTimes).where(eq(meetingItemTimes.meetingId, meeting.id)).orderBy(meetingItemTimes.startedAt);
    expect(times.map((t) => [t.itemId, t.endedAt ? (t.endedAt.getTime() - t.startedAt.getTime()) / 60_000 : null])).toEqual([
      [items[0]!.id, 7],
      [items[1]!.id, null],
    ]);
    const audits = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.operation, 'live.setCurrentItem'), eq(auditLog.objectId, meeting.id)));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    const deadline = Date.now() + 30_000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(seen.map((e) => e.type)).toEqual(['current-item', 'current-item']);
    stop();
  });

  it('is refused to a member, and for an item of another meeting', async () => {
    await expect(execute(deps(), personActor({ id: member.id, name: member.name }), setCurrentItem, { meetingId: meeting.id, itemId: items[2]!.id })).rejects.toBeInstanceOf(ForbiddenError);
    const other = await fixtureMeeting(db.current.db, body, 3);
    const foreign = await fixtureItem(db.current.db, other, 1);
    await expect(execute(deps(), asSecretary(), setCurrentItem, { meetingId: meeting.id, itemId: foreign.id })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('the live view over Server-Sent Events', () => {
  it('sends the state at once and the new current item to a follower', async () => {
    const reader = await follow(db.current, member);
    const first = await reader.state<LiveState>();
    expect(first.items.map((i) => i.title)).toEqual(['Inledning', 'Covidfrågor', 'Övriga frågor']);
    await execute(deps(), asSecretary(), setCurrentItem, { meetingId: meeting.id, itemId: items[2]!.id });
    // Delivery time is measured by `npm run bench:live`; the test waits generously for the event.
    const next = await reader.state<LiveState>(30_000);
    expect(next.currentItemId).toBe(items[2]!.id);
    expect(next.items.find((i) => i.id === items[1]!.id)!.usedSeconds).toBeGreaterThanOrEqual(0);
    await reader.close();
  });

  it('lets the secretary move on with the page form and shows the member the current item without JavaScript', async () => {
    const client = new TestClient(createTestApp(db.current).app);
    await client.login(secretary.email, secretary.password);
    const page = await (await client.get(`/meetings/${meeting.id}/live`)).text();
    expect(page).toContain('Nästa punkt');
    expect((await client.post(`/meetings/${meeting.id}/live/current`, { move: 'sideways' })).status).toBe(422);
    const moved = await client.post(`/meetings/${meeting.id}/live/current`, { move: 'previous' });
    expect(moved.status).toBe(303);
    const viewer = new TestClient(createTestApp(db.current).app);
    await viewer.login(member.email, member.password);
    const html = await (await viewer.get(`/meetings/${meeting.id}/live`)).text();
    expect(html).toMatch(/<span data-live="title">Covidfrågor<\/span>/);
    expect(html).toContain('Föredragande: Johanna Furberg');
    expect(html).toContain('Ladda om för att se läget nu');
    expect(html).not.toContain('Nästa punkt');
    expect((await viewer.post(`/meetings/${meeting.id}/live/current`, { move: 'next' })).status).toBe(403);
  });

  it('answers the live state and moves the meeting through the API', async () => {
    const client = new TestClient(createTestApp(db.current).app);
    await client.login(secretary.email, secretary.password);
    const csrf = await client.csrf();
    const res = await client.json('POST', `/api/meetings/${meeting.id}/live/current`, { itemId: null }, { 'x-csrf-token': csrf });
    expect(res.status).toBe(200);
    const state = (await res.json()) as LiveState;
    expect(state.currentItemId).toBeNull();
    const got = (await (await client.get(`/api/meetings/${meeting.id}/live`)).json()) as LiveState;
    expect(got.startedAt).not.toBeNull();
  });

  it('refuses an item of another meeting through the API in the reader’s language', async () => {
    const other = await fixtureMeeting(db.current.db, body, 4);
    const foreign = await fixtureItem(db.current.db, other, 1);
    const client = new TestClient(createTestApp(db.current).app);
    await client.login(secretary.email, secretary.password);
    const csrf = await client.csrf();
    const move = () => client.json('POST', `/api/meetings/${meeting.id}/live/current`, { itemId: foreign.id }, { 'x-csrf-token': csrf });
    type Problem = { status: number; detail?: string; errors?: { pointer: string; detail: string }[] };
    const swedish = (await (await move()).json()) as Problem;
    expect(swedish.status).toBe(422);
    expect(swedish.errors).toEqual([{ pointer: '/itemId', detail: 'Punkten finns inte på mötets dagordning.' }]);
    client.cookies.set('lang', 'en');
    const res = await move();
    expect(res.status).toBe(422);
    const english = (await res.json()) as Problem;
    expect(english.detail).toBe("The item is not on the meeting's agenda.");
    expect(english.errors).toEqual([{ pointer: '/itemId', detail: "The item is not on the meeting's agenda." }]);
    expect(JSON.stringify(english)).not.toContain('Punkten');
  });
});

describe('following a meeting keeps the session', () => {
  it('marks the follower’s session as in use while the stream is open, so the idle timeout does not end it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const reader = await follow(db.current, member);
      await reader.state<LiveState>();
      const longAgo = new Date(Date.now() - 25 * 60_000);
      await db.current.db.update(sessions).set({ lastSeenAt: longAgo }).where(eq(sessions.personId, member.id));
      vi.advanceTimersByTime(SESSION_TOUCH_MS);
      const deadline = Date.now() + 30_000;
      let seen = longAgo;
      while (seen.getTime() === longAgo.getTime() && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        const rows = await db.current.db.select({ at: sessions.lastSeenAt }).from(sessions).where(eq(sessions.personId, member.id));
        seen = rows.map((r) => r.at).sort((a, b) => b.getTime() - a.getTime())[0]!;
      }
      expect(seen.getTime()).toBeGreaterThan(longAgo.getTime() + 20 * 60_000);
      await reader.close();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe.skipIf(testDbKind() !== 'postgres')('the live view across app processes (PostgreSQL)', () => {
  let second: Database | undefined;
  afterAll(async () => {
    await second?.close();
  });

  it('an item change made through one app instance reaches an SSE follower of another, each with its own pool', async () => {
    const url = (db.current.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    second = await openPostgres(url, 3);
    await eventBus(second).ready;
    const reader = await follow(second, member);
    await reader.state<LiveState>();
    // The secretary's request goes to the first instance.
    const client = new TestClient(createTestApp(db.current).app);
    await client.login(secretary.email, secretary.password);
    expect((await client.post(`/meetings/${meeting.id}/live/current`, { itemId: items[0]!.id })).status).toBe(303);
    const next = await reader.state<LiveState>(30_000);
    expect(next.currentItemId).toBe(items[0]!.id);
    await reader.close();
  });
});
