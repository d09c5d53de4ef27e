import { beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { stockholmTime } from '../../platform/time.js';
import { sha256 } from '../../platform/auth/tokens.js';
import { auditLog } from '../../platform/audit/schema.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../structure/samples.js';
import { fixtureMeeting } from '../meetings/samples.js';
import { meetingBodies, type Meeting } from '../meetings/schema.js';
import type { Body } from '../structure/schema.js';
import { calendarFeeds } from './schema.js';

const db = useTestDatabase();
let person: TestPerson;
let bodyA: Body;
let bodyB: Body;
let inA: Meeting;
let inB: Meeting;
let jointWithA: Meeting;
let elsewhere: Meeting;

beforeAll(async () => {
  const database = db.current.db;
  person = await inboxPerson(db.current, { login: true, name: 'Ewa-Lena Sjöberg' });
  // Two bodies in two structures, and one the person is not in.
  const s1 = await fixtureStructure(database);
  const s2 = await fixtureStructure(database);
  bodyA = await fixtureBody(database, s1.structure.id, { name: 'Chefsgruppen' });
  bodyB = await fixtureBody(database, s2.structure.id, { name: 'Länsdelsgrupp söder' });
  const other = await fixtureBody(database, s2.structure.id, { name: 'Arbetsgrupp äldre' });
  await fixtureMembership(database, { bodyId: bodyA.id, personId: person.id, role: 'member', startOn: '2020-01-01' });
  await fixtureMembership(database, { bodyId: bodyB.id, personId: person.id, role: 'chair', startOn: '2020-01-01' });
  inA = await fixtureMeeting(database, bodyA, 20, { title: 'Chefsgruppen i mars', startsAt: stockholmTime(2027, 3, 26, 13, 0), endsAt: stockholmTime(2027, 3, 26, 16, 0) });
  inB = await fixtureMeeting(database, bodyB, 30, { title: 'Länsdelsgruppen i oktober', startsAt: stockholmTime(2027, 10, 29, 9, 0), endsAt: stockholmTime(2027, 10, 29, 12, 0), status: 'cancelled' });
  jointWithA = await fixtureMeeting(database, other, 40, {
    title: 'Gemensamt möte om äldreomsorg',
    isJoint: true,
    startsAt: stockholmTime(2027, 4, 1, 9, 0),
    endsAt: stockholmTime(2027, 4, 1, 11, 0),
  });
  await database.insert(meetingBodies).values({ meetingId: jointWithA.id, bodyId: bodyA.id });
  elsewhere = await fixtureMeeting(database, other, 50, { title: 'Arbetsgruppens eget möte' });
});

async function loggedIn() {
  const client = new TestClient(createTestApp(db.current).app);
  expect((await client.login(person.email, person.password)).status).toBe(303);
  return client;
}

async function createFeed(client: TestClient, form: Record<string, string>): Promise<string> {
  const res = await client.post('/calendar/feeds', form);
  expect(res.status).toBe(200);
  const html = await res.text();
  const url = /<code id="new-calendar-url">([^<]+)<\/code>/.exec(html)?.[1];
  expect(url, 'the new calendar URL is shown once').toBeDefined();
  return new URL(url!).pathname;
}

function events(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  ICAL.TimezoneService.register(component.getFirstSubcomponent('vtimezone')!);
  return component.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      status: String(v.getFirstPropertyValue('status')),
      start: e.startDate.toJSDate().toISOString(),
      tzid: v.getFirstProperty('dtstart')!.getParameter('tzid'),
    };
  });
}

describe('calendar feeds', () => {
  it('gives a person one feed with the meetings of all their bodies in every structure, joint meetings included', async () => {
    const client = await loggedIn();
    const path = await createFeed(client, { what: 'person', name: 'Outlook på jobbet' });
    expect(path).toMatch(/^\/calendar\/cal_[A-Za-z0-9_-]+\.ics$/);
    const anonymous = new TestClient(createTestApp(db.current).app);
    const res = await anonymous.get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const list = events(await res.text());
    const byUid = new Map(list.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toEqual([inA.uid, inB.uid, jointWithA.uid].sort());
    expect(byUid.has(elsewhere.uid)).toBe(false);
    expect(byUid.get(inA.uid)).toMatchObject({ summary: 'Chefsgruppen i mars', tzid: 'Europe/Stockholm', start: '2027-03-26T12:00:00.000Z' });
    expect(byUid.get(inB.uid)).toMatchObject({ status: 'CANCELLED', start: '2027-10-29T07:00:00.000Z' });
  });

  it('gives a body feed only that body’s meetings, and stores only the token’s hash', async () => {
    const client = await loggedIn();
    const path = await createFeed(client, { what: bodyB.id, name: '' });
    const token = path.slice('/calendar/'.length, -'.ics'.length);
    const [row] = await db.current.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.tokenHash, sha256(token)));
    expect(row).toMatchObject({ scope: 'body', bodyId: bodyB.id, name: 'Länsdelsgrupp söder' });
    const stored = JSON.stringify(await db.current.db.select().from(calendarFeeds));
    const audited = JSON.stringify(await db.current.db.select().from(auditLog));
    expect(stored).not.toContain(token);
    expect(audited).not.toContain(token);
    const list = events(await (await new TestClient(createTestApp(db.current).app).get(path)).text());
    expect(list.map((e) => e.uid)).toEqual([inB.uid]);
  });

  it('stops answering once revoked, and for a body the owner has left', async () => {
    const client = await loggedIn();
    const path = await createFeed(client, { what: 'person' });
    const anonymous = new TestClient(createTestApp(db.current).app);
    expect((await anonymous.get(path)).status).toBe(200);
    const token = path.slice('/calendar/'.length, -'.ics'.length);
    const [row] = await db.current.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.tokenHash, sha256(token)));
    const revoked = await client.post('/calendar/feeds/revoke', { feedId: row!.id });
    expect(revoked.status).toBe(303);
    expect((await anonymous.get(path)).status).toBe(404);
    expect((await anonymous.get('/calendar/cal_inte-en-riktig-nyckel-alls.ics')).status).toBe(404);
    const page = await (await client.get('/calendar')).text();
    expect(page).not.toContain(row!.prefix);
  });

  it('refuses a body feed to someone who may not see the body, and shows the page in English', async () => {
    const stranger = await inboxPerson(db.current, { login: true });
    const client = new TestClient(createTestApp(db.current).app);
    await client.login(stranger.email, stranger.password);
    const res = await client.post('/calendar/feeds', { what: bodyB.id });
    expect(res.status).toBe(403);
    await client.get('/lang/en?next=/calendar');
    const page = await (await client.get('/calendar')).text();
    expect(page).toContain('Your calendar links');
    expect(page).toContain('You are not in any group yet');
  });
});
