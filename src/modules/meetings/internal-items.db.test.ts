import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { pdfText, readDocx } from '../../../tests/helpers/documents.js';
import { stockholmTime } from '../../platform/time.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../structure/samples.js';
import { fixtureItem, fixtureMeeting } from './samples.js';
import { attachments, itemSubmissions, type AgendaItem, type Meeting } from './schema.js';
import { SseReader } from '../../../tests/helpers/sse.js';
import type { LiveState } from '../live/state.js';

/*
 * One rule decides which agenda items a reader sees (readerAgenda in meetings/policy.ts), and every
 * output follows it: the meeting page, the API's meeting, and the agenda as PDF and DOCX
 * (browser and API paths). A member of the body sees the internal items; a person whose only
 * role is in the body above sees the meeting without them; anonymous visitors see nothing.
 */

const db = useTestDatabase();
let member: TestPerson;
let above: TestPerson;
let secretary: TestPerson;
let meeting: Meeting;
let early: Meeting;
let internalItem: AgendaItem;
let internalFileId: string;
let openFileId: string;
let submittedFileId: string;
const SUBMITTED_FILE = 'Underlag från ledamoten.txt';

const INTERNAL = 'Bemanning i gruppen (intern)';
const INTERNAL_FILE = 'Intern bemanningsplan.pdf';
const OPEN = 'Samordnad utskrivning';
const OPEN_FILE = 'Rutin för utskrivning.pdf';

beforeAll(async () => {
  const database = db.current.db;
  [member, above, secretary] = [await inboxPerson(db.current, { login: true }), await inboxPerson(db.current, { login: true }), await inboxPerson(db.current, { login: true })];
  const { structure } = await fixtureStructure(database);
  const parent = await fixtureBody(database, structure.id, { name: 'Chefsgruppen för intern prövning' });
  const body = await fixtureBody(database, structure.id, { name: 'SAMS för intern prövning', parentId: parent.id });
  await fixtureMembership(database, { bodyId: body.id, personId: member.id, role: 'member', startOn: '2020-01-01' });
  await fixtureMembership(database, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  await fixtureMembership(database, { bodyId: parent.id, personId: above.id, role: 'chair', startOn: '2020-01-01' });
  // A meeting that has taken place (the live view opens once a meeting has started).
  meeting = await fixtureMeeting(database, body, -30, {
    title: 'SAMS november',
    startsAt: stockholmTime(2025, 11, 12, 13, 0),
    endsAt: stockholmTime(2025, 11, 12, 16, 0),
    status: 'called',
    agendaPublishedAt: new Date(),
  });
  await fixtureItem(database, meeting, 1, { title: 'Inledning', durationMinutes: 10 });
  const internal = await fixtureItem(database, meeting, 2, { title: INTERNAL, durationMinutes: 30, internal: true });
  internalItem = internal;
  const open = await fixtureItem(database, meeting, 3, { title: OPEN, durationMinutes: 20 });
  const files = await database
    .insert(attachments)
    .values([
      { meetingId: meeting.id, itemId: internal.id, filename: INTERNAL_FILE, contentType: 'application/pdf', size: 4, data: Buffer.from('%PDF') },
      { meetingId: meeting.id, itemId: open.id, filename: OPEN_FILE, contentType: 'application/pdf', size: 4, data: Buffer.from('%PDF') },
    ])
    .returning({ id: attachments.id });
  [internalFileId, openFileId] = files.map((f) => f.id) as [string, string];
  // An item sent in by the member, not yet on the agenda, with a file of its own.
  const [submission] = await database.insert(itemSubmissions).values({ meetingId: meeting.id, submittedBy: member.id, title: 'Förslag från ledamoten' }).returning();
  const [submitted] = await database
    .insert(attachments)
    .values({ meetingId: meeting.id, submissionId: submission!.id, uploadedBy: member.id, filename: SUBMITTED_FILE, contentType: 'text/plain', size: 3, data: Buffer.from('abc') })
    .returning({ id: attachments.id });
  submittedFileId = submitted!.id;
  // A meeting whose call has not opened: its draft agenda is for the secretary only.
  early = await fixtureMeeting(database, body, 200, { title: 'SAMS nästa år', callOpensOn: new Date(Date.now() + 100 * 24 * 3600_000), agendaPublishedAt: null, status: 'planned' });
  await fixtureItem(database, early, 1, { title: 'Utkast till punkt' });
});

async function loggedIn(person: TestPerson) {
  const client = new TestClient(createTestApp(db.current).app);
  expect((await client.login(person.email, person.password)).status).toBe(303);
  return client;
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** What a reader gets from every output that lists the agenda, as text. */
async function everyOutput(client: TestClient, m: Meeting): Promise<Record<string, { status: number; text: string }>> {
  const out: Record<string, { status: number; text: string }> = {};
  const page = await client.get(`/meetings/${m.id}`);
  out.page = { status: page.status, text: await page.text() };
  const api = await client.get(`/api/meetings/${m.id}`);
  out.api = { status: api.status, text: await api.text() };
  for (const path of [`/meetings/${m.id}/agenda.pdf`, `/api/meetings/${m.id}/agenda.pdf`, `/meetings/${m.id}/agenda.docx`, `/api/meetings/${m.id}/agenda.docx`]) {
    const res = await client.get(path);
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = res.status !== 200 ? bytes.toString('utf8') : path.endsWith('.pdf') ? squash(pdfText(bytes)) : squash((await readDocx(bytes)).text);
    out[path.replace(m.id, ':id')] = { status: res.status, text };
  }
  for (const path of [`/meetings/${m.id}/live`, `/api/meetings/${m.id}/live`]) {
    const res = await client.get(path);
    out[path.replace(m.id, ':id')] = { status: res.status, text: await res.text() };
  }
  return out;
}

describe('internal agenda items, over every output', () => {
  it('a member of the body sees them everywhere', async () => {
    const outputs = await everyOutput(await loggedIn(member), meeting);
    expect(Object.keys(outputs)).toHaveLength(8);
    for (const [name, o] of Object.entries(outputs)) {
      expect(o.status, name).toBe(200);
      expect(o.text, name).toContain(INTERNAL);
      expect(o.text, name).toContain(OPEN);
      if (name !== 'page' && !name.endsWith('/live')) expect(o.text, name).toContain(INTERNAL_FILE);
    }
    const json = JSON.parse(outputs.api!.text) as { items: { title: string; number: string }[]; attachments: { filename: string }[] };
    expect(json.items.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Inledning'],
      ['2', INTERNAL],
      ['3', OPEN],
    ]);
    expect(json.attachments.map((a) => a.filename).sort()).toEqual([INTERNAL_FILE, OPEN_FILE, SUBMITTED_FILE].sort());
  });

  it('a person whose only role is in the body above sees the meeting without them, the other items keeping their numbers and times', async () => {
    const outputs = await everyOutput(await loggedIn(above), meeting);
    for (const [name, o] of Object.entries(outputs)) {
      expect(o.status, name).toBe(200);
      expect(o.text, name).toContain(OPEN);
      expect(o.text, name).not.toContain(INTERNAL);
      expect(o.text, name).not.toContain(INTERNAL_FILE);
      if (name !== 'api') {
        expect(o.text, name).toContain('13:40');
        expect(o.text, name).not.toContain('13:10–13:40');
      }
    }
    const json = JSON.parse(outputs.api!.text) as { items: { title: string; number: string; startsAt: string }[]; attachments: { filename: string }[]; agendaEndsAt: string };
    expect(json.items.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Inledning'],
      ['3', OPEN],
    ]);
    expect(json.items[1]!.startsAt).toBe(stockholmTime(2025, 11, 12, 13, 40).toISOString());
    expect(json.attachments.map((a) => a.filename)).toEqual([OPEN_FILE]);
  });

  it('anonymous visitors get none of the outputs', async () => {
    const outputs = await everyOutput(new TestClient(createTestApp(db.current).app), meeting);
    for (const [name, o] of Object.entries(outputs)) {
      expect(o.status, name).toBe(name === 'api' || name.startsWith('/api/') ? 401 : 303);
      expect(o.text, name).not.toContain(INTERNAL);
      expect(o.text, name).not.toContain(OPEN);
    }
  });

  it('before the call opens only those who manage the meeting see the draft, on every output', async () => {
    for (const person of [member, above]) {
      const outputs = await everyOutput(await loggedIn(person), early);
      expect(outputs.page!.status).toBe(200);
      expect(outputs.page!.text).not.toContain('Utkast till punkt');
      expect(outputs.api!.status).toBe(200);
      expect((JSON.parse(outputs.api!.text) as { items: unknown[] }).items).toEqual([]);
      // The live view of a meeting that has not started is refused to everyone (409), the draft with it.
      expect(outputs['/api/meetings/:id/live']!.status).toBe(409);
      expect(outputs['/api/meetings/:id/live']!.text).not.toContain('Utkast till punkt');
      expect(outputs['/meetings/:id/live']!.status).toBe(409);
      expect(outputs['/meetings/:id/live']!.text).not.toContain('Utkast till punkt');
      for (const name of ['/meetings/:id/agenda.pdf', '/api/meetings/:id/agenda.pdf', '/meetings/:id/agenda.docx', '/api/meetings/:id/agenda.docx']) {
        expect(outputs[name]!.status, name).toBe(404);
        expect(outputs[name]!.text, name).not.toContain('Utkast till punkt');
      }
      expect(outputs['/api/meetings/:id/agenda.pdf']!.text).toContain('Dagordningen går inte att hämta ännu');
    }
    for (const [name, o] of Object.entries(await everyOutput(await loggedIn(secretary), early))) {
      if (name.endsWith('/live')) {
        expect(o.status, name).toBe(409);
        continue;
      }
      expect(o.status, name).toBe(200);
      expect(o.text, name).toContain('Utkast till punkt');
    }
  });
});

describe('internal agenda items in the live view as it happens', () => {
  it('streams the internal item as current to a member, and as no current item to a person of the body above', async () => {
    const follow = async (person: TestPerson) => new SseReader(await (await loggedIn(person)).get(`/meetings/${meeting.id}/live/events`));
    const [inside, outside] = [await follow(member), await follow(above)];
    expect((await inside.state<LiveState>()).items.map((i) => i.title)).toContain(INTERNAL);
    expect((await outside.state<LiveState>()).items.map((i) => i.title)).not.toContain(INTERNAL);
    const chair = await loggedIn(secretary);
    expect((await chair.post(`/meetings/${meeting.id}/live/current`, { itemId: internalItem.id })).status).toBe(303);
    const seenInside = await inside.state<LiveState>();
    expect(seenInside.currentItemId).toBe(internalItem.id);
    const seenOutside = await outside.state<LiveState>();
    expect(seenOutside.currentItemId).toBeNull();
    expect(JSON.stringify(seenOutside)).not.toContain(INTERNAL);
    expect(seenOutside.items.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Inledning'],
      ['3', OPEN],
    ]);
    await inside.close();
    await outside.close();
  });
});

describe('attachments by their address', () => {
  it('downloads only the files the reader may see beside the agenda', async () => {
    const download = async (person: TestPerson, id: string) => (await (await loggedIn(person)).get(`/meetings/${meeting.id}/attachments/${id}`)).status;
    expect(await download(member, internalFileId)).toBe(200);
    expect(await download(above, internalFileId)).toBe(404);
    expect(await download(above, openFileId)).toBe(200);
    // A submitted item's file: its sender and the secretary, nobody else.
    expect(await download(member, submittedFileId)).toBe(200);
    expect(await download(secretary, submittedFileId)).toBe(200);
    expect(await download(above, submittedFileId)).toBe(404);
    const listed = async (person: TestPerson) =>
      ((await (await (await loggedIn(person)).get(`/api/meetings/${meeting.id}`)).json()) as { attachments: { filename: string }[] }).attachments.map((a) => a.filename);
    expect(await listed(above)).not.toContain(SUBMITTED_FILE);
    expect(await listed(member)).toContain(SUBMITTED_FILE);
  });
});
