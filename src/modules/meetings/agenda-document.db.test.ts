import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { pdfInfo, pdfText, readDocx } from '../../../tests/helpers/documents.js';
import { stockholmTime } from '../../platform/time.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../structure/samples.js';
import { fixtureItem, fixtureMeeting } from './samples.js';
import { attachments, type Meeting } from './schema.js';

const db = useTestDatabase();
let member: TestPerson;
let outsider: TestPerson;
let meeting: Meeting;

beforeAll(async () => {
  const database = db.current.db;
  member = await inboxPerson(db.current, { login: true, name: 'Märtha Lundkvist' });
  outsider = await inboxPerson(db.current, { login: true });
  const { structure } = await fixtureStructure(database);
  const body = await fixtureBody(database, structure.id, { name: 'Chefsgrupp för samverkan social välfärd och vård' });
  await fixtureMembership(database, { bodyId: body.id, personId: member.id, role: 'member', startOn: '2020-01-01' });
  meeting = await fixtureMeeting(database, body, 30, {
    title: 'Chefsgruppen november',
    startsAt: stockholmTime(2027, 11, 13, 13, 0),
    endsAt: stockholmTime(2027, 11, 13, 16, 0),
    format: 'hybrid',
    address: 'Eklundavägen 2, Örebro',
    room: 'Rum Älvsjö',
    link: 'https://möte.example.se/chefsgruppen',
    status: 'called',
    agendaPublishedAt: new Date(),
  });
  await fixtureItem(database, meeting, 1, { title: 'Inledning', durationMinutes: 10, presenters: [{ personId: null, name: 'Ingmar Ångman', organisation: null }] });
  const covid = await fixtureItem(database, meeting, 2, {
    title: 'Covidfrågor',
    description: 'Läget i länet och förstärkt samverkan.',
    durationMinutes: 40,
    presenters: [{ personId: null, name: 'Lena, Madelene och Johanna Furberg', organisation: null }],
    section: 'Information och dialog',
  });
  await fixtureItem(database, meeting, 3, {
    title: 'Chefsgruppens interna arbete',
    durationMinutes: 30,
    presenters: [{ personId: null, name: 'Ingmar Ångman och Madelene Andersson', organisation: null }],
    section: 'Beslut',
  });
  await database
    .insert(attachments)
    .values({ meetingId: meeting.id, itemId: covid.id, filename: 'Veckans viktiga – lägesbild.pdf', contentType: 'application/pdf', size: 4, data: Buffer.from('%PDF') });
});

async function loggedIn(person: TestPerson) {
  const client = new TestClient(createTestApp(db.current).app);
  const res = await client.login(person.email, person.password);
  expect(res.status).toBe(303);
  return client;
}

const expected = [
  'Dagordning – Chefsgruppen november',
  'Chefsgrupp för samverkan social välfärd och vård',
  'lördag 13 november 2027',
  '13:00–16:00',
  'Eklundavägen 2, Örebro, Rum Älvsjö (på plats och digitalt)',
  'https://möte.example.se/chefsgruppen',
  '13:10–13:50',
  'Covidfrågor',
  'Läget i länet och förstärkt samverkan.',
  'Lena, Madelene och Johanna Furberg',
  'Bilaga: Veckans viktiga – lägesbild.pdf',
  'Chefsgruppens interna arbete',
  'Ingmar Ångman',
  'Veckans viktiga – lägesbild.pdf (punkt 2)',
];

describe('the agenda as PDF and DOCX', () => {
  it('gives a member the agenda as a PDF with the Swedish text exactly', async () => {
    const client = await loggedIn(member);
    const res = await client.get(`/meetings/${meeting.id}/agenda.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''Dagordning%20Chefsgruppen%20november%202027-11-13.pdf`);
    const pdf = Buffer.from(await res.arrayBuffer());
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    for (const s of expected) expect(text).toContain(s);
    expect(text).toContain('Sida 1 av 1');
    expect(pdfInfo(pdf).Title).toBe('Dagordning – Chefsgruppen november');
  });

  it('gives a member the agenda as a DOCX with the Swedish text exactly, and in English when asked', async () => {
    const client = await loggedIn(member);
    const res = await client.get(`/meetings/${meeting.id}/agenda.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const { text } = await readDocx(Buffer.from(await res.arrayBuffer()));
    for (const s of expected) expect(text).toContain(s);
    const english = await readDocx(Buffer.from(await (await client.get(`/meetings/${meeting.id}/agenda.docx?lang=en`)).arrayBuffer()));
    expect(english.text).toContain('Agenda – Chefsgruppen november');
    expect(english.text).toContain('Saturday, 13 November 2027');
    expect(english.text).toContain('Presenter');
  });

  it('follows the meeting page: refused to others, login first for anonymous visitors, a token for the API', async () => {
    const other = await loggedIn(outsider);
    expect((await other.get(`/meetings/${meeting.id}/agenda.pdf`)).status).toBe(403);
    const anonymous = new TestClient(createTestApp(db.current).app);
    const res = await anonymous.get(`/meetings/${meeting.id}/agenda.docx`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/meetings/${meeting.id}/agenda.docx`)}`);
    expect((await anonymous.get(`/api/meetings/${meeting.id}/agenda.pdf`)).status).toBe(401);
    expect((await anonymous.get('/meetings/00000000-0000-4000-8000-000000000000/agenda.pdf')).status).toBe(303);

    const client = await loggedIn(member);
    const created = await client.post('/account/tokens', { name: 'Intranätet' });
    const token = /<code id="new-token">([^<]+)<\/code>/.exec(await created.text())![1]!;
    const api = await anonymous.get(`/api/meetings/${meeting.id}/agenda.pdf`, { authorization: `Bearer ${token}` });
    expect(api.status).toBe(200);
    expect(pdfText(Buffer.from(await api.arrayBuffer()))).toContain('Covidfrågor');
  });
});
