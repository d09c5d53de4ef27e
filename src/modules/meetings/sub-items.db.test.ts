import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../structure/samples.js';
import { meetingsTestKit } from './test-kit.js';
import { addItem, createMeeting, moveItem, removeItem, updateItem } from './commands/index.js';
import { agendaOf } from './queries/index.js';
import { itemNumbers } from './numbering.js';
import { timedAgenda } from './agenda.js';
import { agendaItems } from './schema.js';
import { dayFromNow, fixtureMeeting } from './samples.js';
import { addMinuteItem, startMinutes } from '../minutes/commands/index.js';
import { itemsOf } from '../minutes/queries/index.js';
import { minuteItems } from '../minutes/schema.js';
import { itemNumbers as sharedNumbers } from './index.js';
import './index.js';

/*
 * Sub-items (2.1 under 2, 2.5.1 under 2.5) on the agenda and in the minutes: added through
 * the commands, the builder's form and the API; moved among their siblings; removed with
 * their parent; carried into the minutes with the same structure. Every item of a meeting
 * shows a number no other item shows, and a typed number that another item shows is refused.
 */

const db = useTestDatabase();
const kit = meetingsTestKit(db);

async function setup() {
  const s = await kit.body();
  const meeting = await kit.run(s.secretary.actor, createMeeting, { bodyId: s.body.id, date: dayFromNow(20), startTime: '09:00', endTime: '12:00', format: 'physical', address: 'Eklundavägen 2' });
  const add = (title: string, extra: { parentId?: string; number?: string } = {}) => kit.run(s.secretary.actor, addItem, { meetingId: meeting.id, title, ...extra });
  const shown = async () => {
    const items = await agendaOf(db.current.db, meeting.id);
    const numbers = itemNumbers(items);
    return items.map((i) => `${numbers.get(i.id)} ${i.title}`);
  };
  return { ...s, meeting, add, shown };
}

describe('sub-items on the agenda', () => {
  it('adds sub-items under an item, numbered 2.1, 2.2 and 2.1.1, each with its own presenter, and the clock runs through them', async () => {
    const { add, shown, meeting } = await setup();
    await add('Mötets öppnande');
    const budget = await add('Budget');
    // Someone who does not manage the meeting cannot add a sub-item.
    const stranger = await kit.body();
    expect((await kit.refusal(stranger.secretary.actor, addItem, { meetingId: meeting.id, title: 'x', parentId: budget.id })).status).toBe(403);
    const prim = await add('Primärvården', { parentId: budget.id });
    await add('Kommunerna', { parentId: budget.id });
    await add('Hemsjukvården', { parentId: prim.id });
    await add('Övrigt');
    expect(await shown()).toEqual(['1 Mötets öppnande', '2 Budget', '2.1 Primärvården', '2.1.1 Hemsjukvården', '2.2 Kommunerna', '3 Övrigt']);
    const items = await agendaOf(db.current.db, meeting.id);
    expect(items.find((i) => i.title === 'Kommunerna')).toMatchObject({ parentId: budget.id, position: 2 });
    // The one numbering is exported for the minutes (through the module's index).
    expect(sharedNumbers).toBe(itemNumbers);
    expect(timedAgenda(meeting.startsAt, items).items.map((t) => t.number)).toEqual(['1', '2', '2.1', '2.1.1', '2.2', '3']);
  });

  it('refuses a parent from another meeting', async () => {
    const { add, body, secretary, meeting } = await setup();
    const other = await fixtureMeeting(db.current.db, body, 30);
    const [foreign] = await db.current.db.insert(agendaItems).values({ meetingId: other.id, position: 1, title: 'Annat möte' }).returning();
    const r = await kit.refusal(secretary.actor, addItem, { meetingId: meeting.id, title: 'Fel', parentId: foreign!.id });
    expect(r.status).toBe(422);
    expect(r.message).toContain('huvudpunkt');
    expect((await agendaOf(db.current.db, meeting.id)).length).toBe(0);
    await add('Rätt');
  });

  it('moves an item among its siblings only, keeping their positions without gaps; a parent moves with its sub-items', async () => {
    const { add, shown, secretary } = await setup();
    const a = await add('A');
    const b = await add('B');
    const b1 = await add('B1', { parentId: b.id });
    const b2 = await add('B2', { parentId: b.id });
    const b3 = await add('B3', { parentId: b.id });
    await kit.run(secretary.actor, moveItem, { itemId: b3.id, direction: 'first' });
    expect(await shown()).toEqual(['1 A', '2 B', '2.1 B3', '2.2 B1', '2.3 B2']);
    // A sub-item at the top of its siblings goes no further up (not among the main items).
    const stay = await kit.run(secretary.actor, moveItem, { itemId: b3.id, direction: 'up' });
    expect(stay.moved).toBe(false);
    await kit.run(secretary.actor, moveItem, { itemId: b.id, direction: 'up' });
    expect(await shown()).toEqual(['1 B', '1.1 B3', '1.2 B1', '1.3 B2', '2 A']);
    const positions = (await agendaOf(db.current.db, a.meetingId)).map((i) => `${i.title}:${i.position}`);
    expect(positions).toEqual(['B:1', 'B3:1', 'B1:2', 'B2:3', 'A:2']);
    expect([b1.parentId, b2.parentId]).toEqual([b.id, b.id]);
  });

  it('removes an item with its sub-items and closes up the numbers', async () => {
    const { add, shown, secretary, meeting } = await setup();
    await add('A');
    const b = await add('B');
    await add('B1', { parentId: b.id });
    const b2 = await add('B2', { parentId: b.id });
    await add('B2a', { parentId: b2.id });
    await add('C');
    await kit.run(secretary.actor, removeItem, { itemId: b2.id });
    expect(await shown()).toEqual(['1 A', '2 B', '2.1 B1', '3 C']);
    await kit.run(secretary.actor, removeItem, { itemId: b.id });
    expect(await shown()).toEqual(['1 A', '2 C']);
    const rows = await db.current.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meeting.id));
    expect(rows.map((r) => `${r.title}:${r.position}`).sort()).toEqual(['A:1', 'C:2']);
  });

  it('keeps a typed number only when no other item shows it, and refuses it naming the item that does', async () => {
    const { add, shown, secretary } = await setup();
    await add('Mötets öppnande');
    const budget = await add('Budget');
    const sub = await add('Primärvården', { parentId: budget.id });
    const taken = await kit.refusal(secretary.actor, addItem, { meetingId: budget.meetingId, title: 'Krock', number: '1.' });
    expect(taken.status).toBe(422);
    expect(taken.message).toContain('Numret 1 har redan punkten ”Mötets öppnande”');
    const subTaken = await kit.refusal(secretary.actor, updateItem, { itemId: budget.id, title: 'Budget', number: '2.1' });
    expect(subTaken.message).toContain('”Primärvården”');
    await add('Extra', { number: '2 a' });
    const typedTwice = await kit.refusal(secretary.actor, addItem, { meetingId: budget.meetingId, title: 'Igen', number: '2 A' });
    expect(typedTwice.message).toContain('”Extra”');
    // Its own number is no collision with itself.
    await kit.run(secretary.actor, updateItem, { itemId: sub.id, title: 'Primärvården', number: '2.1' });
    expect(await shown()).toEqual(['1 Mötets öppnande', '2 Budget', '2.1 Primärvården', '2 a Extra']);
  });

  it('gives unique numbers even to stored items whose typed numbers collide (as before numbering was checked)', async () => {
    const { body } = await kit.body();
    const meeting = await fixtureMeeting(db.current.db, body, 10);
    const d = db.current.db;
    const [a] = await d.insert(agendaItems).values({ meetingId: meeting.id, position: 1, number: '1.', title: 'A' }).returning();
    await d.insert(agendaItems).values({ meetingId: meeting.id, position: 2, number: '1.', title: 'B' });
    await d.insert(agendaItems).values({ meetingId: meeting.id, position: 3, title: 'C' });
    await d.insert(agendaItems).values({ meetingId: meeting.id, position: 4, title: 'D' });
    await d.insert(agendaItems).values({ meetingId: meeting.id, position: 1, number: '2.1', title: 'A1', parentId: a!.id });
    const items = await agendaOf(d, meeting.id);
    const shown = [...itemNumbers(items).values()];
    expect(new Set(shown).size).toBe(items.length);
  });
});

describe('sub-items in the minutes', () => {
  it('carries the agenda’s sub-items into the minutes with the same parents, and adds a sub-item in the minutes', async () => {
    const s = await kit.body();
    const meeting = await fixtureMeeting(db.current.db, s.body, -2, { status: 'held' });
    const add = (title: string, parentId?: string) => kit.run(s.secretary.actor, addItem, { meetingId: meeting.id, title, parentId });
    await add('A');
    const b = await add('B');
    const b1 = await add('B1', b.id);
    await add('B1x', b1.id);
    await add('C');
    const m = await kit.run(s.secretary.actor, startMinutes, { meetingId: meeting.id });
    const items = await itemsOf(db.current.db, m.id);
    const byAgenda = new Map(items.map((i) => [i.agendaItemId, i]));
    expect(items.map((i) => i.title)).toEqual(['A', 'B', 'B1', 'B1x', 'C']);
    expect(byAgenda.get(b1.id)!.parentId).toBe(byAgenda.get(b.id)!.id);
    expect(items.find((i) => i.title === 'B1x')!.parentId).toBe(byAgenda.get(b1.id)!.id);
    expect([...itemNumbers(items).values()]).toEqual(['1', '2', '2.1', '2.1.1', '3']);

    // A sub-item added in the minutes goes last under its parent, on the agenda too.
    const added = await kit.run(s.secretary.actor, addMinuteItem, { meetingId: meeting.id, title: 'B2', parentId: byAgenda.get(b.id)!.id });
    expect(added.parentId).toBe(byAgenda.get(b.id)!.id);
    const after = await itemsOf(db.current.db, m.id);
    expect(after.map((i) => `${itemNumbers(after).get(i.id)} ${i.title}`)).toEqual(['1 A', '2 B', '2.1 B1', '2.1.1 B1x', '2.2 B2', '3 C']);
    const agenda = await agendaOf(db.current.db, meeting.id);
    expect(agenda.find((i) => i.title === 'B2')).toMatchObject({ parentId: b.id, position: 2 });
    // A typed number another item shows is refused in the minutes as on the agenda.
    const r = await kit.refusal(s.secretary.actor, addMinuteItem, { meetingId: meeting.id, title: 'Krock', number: '2.1' });
    expect(r.message).toContain('”B1”');
    const [row] = await db.current.db.select().from(minuteItems).where(eq(minuteItems.id, added.id));
    expect(row!.agendaItemId).not.toBeNull();
  });
});

describe('sub-items through the pages and the API', () => {
  it('adds a sub-item with the builder form (no JavaScript) and through the JSON API, and the API shows parentId', async () => {
    const d = db.current.db;
    const { structure } = await fixtureStructure(d);
    const body = await fixtureBody(d, structure.id, { name: 'Underpunkter' });
    const secretary = await inboxPerson(db.current, { login: true, name: 'Sara Sekreterare' });
    await fixtureMembership(d, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
    const meeting = await fixtureMeeting(d, body, 20);
    const c = new TestClient(createTestApp(db.current).app);
    expect((await c.login(secretary.email, secretary.password)).status).toBe(303);

    expect((await c.post(`/meetings/${meeting.id}/agenda/items`, { title: 'Budget', kind: 'information' })).status).toBe(303);
    const [budget] = await agendaOf(d, meeting.id);
    const page = await (await c.get(`/meetings/${meeting.id}/agenda`)).text();
    expect(page).toContain('name="parentId"');
    expect(page).toContain(`value="${budget!.id}"`);
    expect((await c.post(`/meetings/${meeting.id}/agenda/items`, { title: 'Primärvården', kind: 'information', parentId: budget!.id })).status).toBe(303);
    const collide = await c.post(`/meetings/${meeting.id}/agenda/items`, { title: 'Krock', kind: 'information', number: '1.1' });
    expect(collide.status).toBe(422);
    expect(await collide.text()).toContain('”Primärvården”');
    const builder = await (await c.get(`/meetings/${meeting.id}/agenda`)).text();
    expect(builder).toContain('agenda-sub-item');

    const api = await c.json('POST', `/api/meetings/${meeting.id}/items`, { title: 'Kommunerna', parentId: budget!.id }, { 'x-csrf-token': await c.csrf() });
    expect(api.status).toBe(201);
    const out = (await (await c.get(`/api/meetings/${meeting.id}`)).json()) as { items: { id: string; parentId: string | null; number: string; title: string }[] };
    expect(out.items.map((i) => [i.number, i.title, i.parentId])).toEqual([
      ['1', 'Budget', null],
      ['1.1', 'Primärvården', budget!.id],
      ['1.2', 'Kommunerna', budget!.id],
    ]);
  });

  it('adds a sub-item in the minutes with the page form and through the JSON API, which shows parentId and the shown number', async () => {
    const d = db.current.db;
    const { structure } = await fixtureStructure(d);
    const body = await fixtureBody(d, structure.id, { name: 'Protokollgruppen' });
    const secretary = await inboxPerson(db.current, { login: true, name: 'Sara Sekreterare' });
    await fixtureMembership(d, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
    const meeting = await fixtureMeeting(d, body, -3, { status: 'held' });
    await d.insert(agendaItems).values({ meetingId: meeting.id, position: 1, title: 'Öppnande' });
    await d.insert(agendaItems).values({ meetingId: meeting.id, position: 2, title: 'Budget' });
    const c = new TestClient(createTestApp(db.current).app);
    expect((await c.login(secretary.email, secretary.password)).status).toBe(303);
    expect((await c.json('POST', `/api/meetings/${meeting.id}/minutes`, undefined, { 'x-csrf-token': await c.csrf() })).status).toBeLessThan(300);
    type Out = { items: { id: string; parentId: string | null; shownNumber: string; title: string }[] };
    const before = (await (await c.get(`/api/meetings/${meeting.id}/minutes`)).json()) as Out;
    const budget = before.items.find((i) => i.title === 'Budget')!;
    const page = await (await c.get(`/meetings/${meeting.id}/minutes`)).text();
    expect(page).toContain('name="parentId"');
    expect((await c.post(`/meetings/${meeting.id}/minutes/items`, { title: 'Primärvården', parentId: budget.id })).status).toBe(303);
    const collide = await c.post(`/meetings/${meeting.id}/minutes/items`, { title: 'Krock', number: '2.1' });
    expect(collide.status).toBe(422);
    expect(await collide.text()).toContain('”Primärvården”');
    const api = await c.json('POST', `/api/meetings/${meeting.id}/minutes/items`, { title: 'Kommunerna', parentId: budget.id }, { 'x-csrf-token': await c.csrf() });
    expect(api.status).toBe(201);
    expect(((await api.json()) as { parentId: string }).parentId).toBe(budget.id);
    const after = (await (await c.get(`/api/meetings/${meeting.id}/minutes`)).json()) as Out;
    expect(after.items.map((i) => [i.shownNumber, i.title, i.parentId])).toEqual([
      ['1', 'Öppnande', null],
      ['2', 'Budget', null],
      ['2.1', 'Primärvården', budget.id],
      ['2.2', 'Kommunerna', budget.id],
    ]);
  });
});
