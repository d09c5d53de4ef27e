// The live view across two real app processes (src/main.ts) on one PostgreSQL database:
// a member follows the meeting on one process, the secretary moves it on through the
// other, and the change arrives within a second (LISTEN/NOTIFY between the processes).
import { afterAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/db.js';
import { testDbKind } from '../helpers/db-env.js';
import { TestClient } from '../helpers/http.js';
import { inboxPerson } from '../helpers/inbox.js';
import { SseReader } from '../helpers/sse.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../../src/modules/structure/samples.js';
import { fixtureItem, fixtureMeeting } from '../../src/modules/meetings/samples.js';
import type { LiveState } from '../../src/modules/live/state.js';
import { freePort, killAllChildren, spawnTs, waitForHttp, type Child } from './helpers.js';

describe.skipIf(testDbKind() !== 'postgres')('the live view across two app processes on one PostgreSQL', () => {
  const db = useTestDatabase();

  afterAll(async () => {
    await killAllChildren();
  });

  async function startProcess(databaseUrl: string): Promise<{ child: Child; base: string }> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawnTs('src/main.ts', [], { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PUBLIC_URL: base });
    return { child, base };
  }

  it('a follower on one process sees the item the secretary sets through the other within a second', async () => {
    const database = db.current.db;
    const secretary = await inboxPerson(db.current, { login: true, name: 'Ann-Louise Gustafsson' });
    const member = await inboxPerson(db.current, { login: true, name: 'Karin Haster' });
    const { structure } = await fixtureStructure(database);
    const body = await fixtureBody(database, structure.id, { name: 'Chefsgruppen' });
    await fixtureMembership(database, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
    await fixtureMembership(database, { bodyId: body.id, personId: member.id, role: 'member', startOn: '2020-01-01' });
    // In progress: it began an hour ago (the live view opens once a meeting has started).
    const meeting = await fixtureMeeting(database, body, -1 / 24, { status: 'called', agendaPublishedAt: new Date() });
    const first = await fixtureItem(database, meeting, 1, { title: 'Inledning', durationMinutes: 10 });
    const second = await fixtureItem(database, meeting, 2, { title: 'Covidfrågor', durationMinutes: 40 });

    const url = (db.current.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const [a, b] = [await startProcess(url), await startProcess(url)];
    await Promise.all([waitForHttp(`${a.base}/readyz`, a.child, 120_000), waitForHttp(`${b.base}/readyz`, b.child, 120_000)]);
    expect(a.child.pid).not.toBe(b.child.pid);

    const follower = new TestClient(b.base);
    expect((await follower.login(member.email, member.password)).status).toBe(303);
    const events = await follower.get(`/meetings/${meeting.id}/live/events`);
    expect(events.status).toBe(200);
    const reader = new SseReader(events);
    expect((await reader.state<LiveState>(30_000)).currentItemId).toBeNull();

    const chair = new TestClient(a.base);
    expect((await chair.login(secretary.email, secretary.password)).status).toBe(303);
    for (const item of [first, second]) {
      expect((await chair.post(`/meetings/${meeting.id}/live/current`, { itemId: item.id })).status).toBe(303);
      const state = await reader.state<LiveState>(30_000);
      expect(state.currentItemId).toBe(item.id);
    }
    await reader.close();
  }, 240_000);
});
