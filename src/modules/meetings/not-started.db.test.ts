import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp, testConfig } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { execute } from '../../platform/commands.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../structure/samples.js';
import type { Body } from '../structure/schema.js';
import { minutes } from '../minutes/schema.js';
import { attendance, type Meeting } from './schema.js';
import { registerPastMeeting } from './commands/register-past.js';
import { dayFromNow, fixtureItem, fixtureMeeting } from './samples.js';

/*
 * The minutes, the roll call and the live view belong to a meeting that has started: for a
 * meeting still to come the pages show why and lead back to the meeting (409), the API
 * answers 409 `meeting-not-started`, and nothing is written. A meeting that has started, or
 * one registered afterwards, opens as before.
 */

const db = useTestDatabase();
let body: Body;
let secretary: TestPerson;
let member: TestPerson;
let future: Meeting;
let begun: Meeting;

async function client(p: TestPerson) {
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(p.email, p.password)).status).toBe(303);
  return c;
}

const english = (c: TestClient) => ({ cookie: `${[...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; lang=en` });
const csrf = async (c: TestClient) => ({ 'x-csrf-token': await c.csrf() });

beforeAll(async () => {
  const d = db.current.db;
  const { structure } = await fixtureStructure(d);
  body = await fixtureBody(d, structure.id, { name: 'SAMS för startprov' });
  secretary = await inboxPerson(db.current, { login: true, name: 'Sara Sekreterare' });
  member = await inboxPerson(db.current, { login: true, name: 'Elin Ledamot' });
  await fixtureMembership(d, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  await fixtureMembership(d, { bodyId: body.id, personId: member.id, role: 'member', startOn: '2020-01-01' });
  future = await fixtureMeeting(d, body, 10, { status: 'called', agendaPublishedAt: new Date() });
  await fixtureItem(d, future, 1, { title: 'Mötets öppnande' });
  begun = await fixtureMeeting(d, body, -1 / 24, { status: 'called', agendaPublishedAt: new Date() });
  await fixtureItem(d, begun, 1, { title: 'Mötets öppnande' });
});

describe('a meeting that has not started yet', () => {
  it('shows a page that says so and leads back to the meeting, for the minutes, the roll call and the live view', async () => {
    const sec = await client(secretary);
    for (const page of ['minutes', 'attendance', 'live']) {
      const res = await sec.get(`/meetings/${future.id}/${page}`);
      expect(res.status, page).toBe(409);
      const html = await res.text();
      expect(html, page).toContain('<h1>Mötet har inte börjat än</h1>');
      expect(html, page).toContain('Minnesanteckningar, upprop och mötesvyn öppnas när mötet har börjat.');
      expect(html, page).toContain(`<a href="/meetings/${future.id}">Tillbaka till mötet</a>`);
      // In the reader's language.
      const en = await (await sec.get(`/meetings/${future.id}/${page}`, english(sec))).text();
      expect(en, page).toContain('The meeting has not started yet');
      expect(en, page).not.toContain('Mötet har inte börjat än');
    }
    // The member following the meeting gets the same for the live view.
    expect((await (await client(member)).get(`/meetings/${future.id}/live`)).status).toBe(409);
  });

  it('writes nothing through the page forms', async () => {
    const sec = await client(secretary);
    const start = await sec.post(`/meetings/${future.id}/minutes`, {});
    expect(start.status).toBe(409);
    expect(await start.text()).toContain('Mötet har inte börjat än');
    const roll = await sec.post(`/meetings/${future.id}/attendance`, { [`status.${member.id}`]: 'present' });
    expect(roll.status).toBe(409);
    const live = await sec.post(`/meetings/${future.id}/live/current`, { move: 'start' });
    expect(live.status).toBe(409);
    expect(await db.current.db.select().from(minutes).where(eq(minutes.meetingId, future.id))).toEqual([]);
    expect(await db.current.db.select().from(attendance).where(eq(attendance.meetingId, future.id))).toEqual([]);
  });

  it('answers 409 meeting-not-started through the API, in the reader’s language', async () => {
    const sec = await client(secretary);
    const calls: [string, () => Promise<Response>][] = [
      ['GET minutes', () => sec.get(`/api/meetings/${future.id}/minutes`)],
      ['POST minutes', async () => sec.json('POST', `/api/meetings/${future.id}/minutes`, undefined, await csrf(sec))],
      ['PUT attendance', async () => sec.json('PUT', `/api/meetings/${future.id}/attendance`, { entries: [{ personId: member.id, status: 'present' }] }, await csrf(sec))],
      ['GET live', () => sec.get(`/api/meetings/${future.id}/live`)],
      ['POST live', async () => sec.json('POST', `/api/meetings/${future.id}/live/current`, { itemId: null }, await csrf(sec))],
      ['GET live events', () => sec.get(`/meetings/${future.id}/live/events`, { accept: 'text/event-stream' })],
    ];
    for (const [name, call] of calls) {
      const res = await call();
      expect(res.status, name).toBe(409);
      if (name === 'GET live events') continue;
      const problem = (await res.json()) as { type: string; detail: string };
      expect(problem.type, name).toMatch(/meeting-not-started$/);
      expect(problem.detail, name).toContain('Mötet har inte börjat än');
    }
    const en = (await (await sec.get(`/api/meetings/${future.id}/live`, english(sec))).json()) as { detail: string };
    expect(en.detail).toContain('The meeting has not started yet');
    expect(await db.current.db.select().from(minutes).where(eq(minutes.meetingId, future.id))).toEqual([]);
    expect(await db.current.db.select().from(attendance).where(eq(attendance.meetingId, future.id))).toEqual([]);
  });

  it('is not linked to from the meeting page until it has started', async () => {
    const sec = await client(secretary);
    const before = await (await sec.get(`/meetings/${future.id}`)).text();
    for (const page of ['minutes', 'attendance', 'live']) expect(before, page).not.toContain(`href="/meetings/${future.id}/${page}"`);
    const after = await (await sec.get(`/meetings/${begun.id}`)).text();
    for (const page of ['minutes', 'attendance', 'live']) expect(after, page).toContain(`href="/meetings/${begun.id}/${page}"`);
  });
});

describe('a meeting that has started, or was registered afterwards', () => {
  it('opens the minutes, the roll call and the live view', async () => {
    const sec = await client(secretary);
    for (const page of ['minutes', 'attendance', 'live']) expect((await sec.get(`/meetings/${begun.id}/${page}`)).status, page).toBe(200);
    expect((await sec.post(`/meetings/${begun.id}/minutes`, {})).status).toBe(303);
    expect((await sec.post(`/meetings/${begun.id}/attendance`, { [`status.${member.id}`]: 'present' })).status).toBe(303);
    expect((await sec.get(`/api/meetings/${begun.id}/live`)).status).toBe(200);

    const past = await execute({ database: db.current, config: testConfig() }, secretary.actor, registerPastMeeting, {
      bodyId: body.id,
      title: 'Möte som registreras i efterhand',
      date: dayFromNow(-3),
      startTime: '13:00',
      endTime: '15:00',
      format: 'digital',
    });
    for (const page of ['minutes', 'attendance', 'live']) expect((await sec.get(`/meetings/${past.id}/${page}`)).status, page).toBe(200);
    expect((await sec.post(`/meetings/${past.id}/minutes`, {})).status).toBe(303);
  });
});
