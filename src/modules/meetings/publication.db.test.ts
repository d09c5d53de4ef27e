import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, mailsTo, type TestPerson } from '../../../tests/helpers/inbox.js';
import { notifications } from '../../platform/inbox/schema.js';
import { fixtureBody, fixtureMembership, fixtureSeat, fixtureStructure } from '../structure/samples.js';
import type { Body } from '../structure/schema.js';
import { meetings, type Meeting } from './schema.js';
import { fixtureItem, fixtureMeeting } from './samples.js';

/*
 * Publishing an agenda sends the meeting call to everyone called, so the page shows the call
 * and its recipients first and publishes only from the confirmation, which carries the
 * preview's token: a call that changed since is shown again, a second confirmation sends
 * nothing. The API has the same preview and publishes directly or with the token.
 */

const db = useTestDatabase();
let body: Body;
let regionName: string;
let secretary: TestPerson;
let member: TestPerson;
let english: TestPerson;

async function client(p: TestPerson) {
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(p.email, p.password)).status).toBe(303);
  return c;
}

const csrf = async (c: TestClient) => ({ 'x-csrf-token': await c.csrf() });
const tokenOf = (html: string) => /name="preview" value="([0-9a-f]+)"/.exec(html)?.[1];

async function callsSent(meeting: Meeting): Promise<number> {
  const rows = await db.current.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.kind, 'meetings.agendaPublished'), eq(notifications.objectId, meeting.id)));
  return rows.length;
}

async function stored(meeting: Meeting): Promise<Meeting> {
  const [row] = await db.current.db.select().from(meetings).where(eq(meetings.id, meeting.id));
  return row!;
}

async function plannedMeeting(title: string): Promise<Meeting> {
  const meeting = await fixtureMeeting(db.current.db, body, 30, { title });
  await fixtureItem(db.current.db, meeting, 1, { title: 'Mötets öppnande', durationMinutes: 10, presenters: [{ personId: null, name: 'Ordföranden', organisation: null }] });
  await fixtureItem(db.current.db, meeting, 2, { title: 'Covidfrågor', durationMinutes: 40 });
  return meeting;
}

beforeAll(async () => {
  const d = db.current.db;
  const { structure, region } = await fixtureStructure(d);
  regionName = region.name;
  body = await fixtureBody(d, structure.id, { name: 'SAMS för kallelseprov' });
  const seat = await fixtureSeat(d, body.id, { function: 'Hälso- och sjukvårdsdirektör', representation: 'principal', principalId: region.id });
  secretary = await inboxPerson(db.current, { login: true, name: 'Sara Sekreterare' });
  member = await inboxPerson(db.current, { login: true, name: 'Elin Ledamot' });
  english = await inboxPerson(db.current, { login: true, name: 'Emma English', language: 'en' });
  await fixtureMembership(d, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  await fixtureMembership(d, { bodyId: body.id, personId: member.id, role: 'member', seatId: seat.id, startOn: '2020-01-01' });
  await fixtureMembership(d, { bodyId: body.id, personId: english.id, role: 'expert', startOn: '2020-01-01' });
});

describe('publishing an agenda through a preview of the meeting call', () => {
  it('shows the call and its recipients, publishes only from the confirmation, refuses a stale preview and sends once however often it is confirmed', async () => {
    const meeting = await plannedMeeting('SAMS kallelseprov');
    const sec = await client(secretary);

    // The builder leads to the preview; it has no form that publishes at once.
    const builder = await (await sec.get(`/meetings/${meeting.id}/agenda`)).text();
    expect(builder).toContain(`<a class="button" href="/meetings/${meeting.id}/agenda/publish">Granska och skicka kallelsen</a>`);
    expect(builder).not.toContain(`method="post" action="/meetings/${meeting.id}/agenda/publish"`);

    // The preview: the call as the recipients get it, and who gets it, with their organisation and address.
    const res = await sec.get(`/meetings/${meeting.id}/agenda/publish`);
    expect(res.status).toBe(200);
    const preview = await res.text();
    expect(preview).toContain('Kallelse: SAMS kallelseprov');
    expect(preview).toContain('Du är kallad till SAMS kallelseprov.');
    expect(preview).toContain('Covidfrågor');
    for (const p of [secretary, member, english]) {
      expect(preview).toContain(p.name);
      expect(preview).toContain(p.email);
    }
    expect(preview).toContain(regionName);
    expect(preview).toContain('Antal mottagare: 3');
    const first = tokenOf(preview)!;
    expect(first).toBeTruthy();
    // Looking sends nothing.
    expect(await callsSent(meeting)).toBe(0);
    expect((await stored(meeting)).status).toBe('planned');

    // A confirmation without the preview's token publishes nothing: the preview is shown.
    const bare = await sec.post(`/meetings/${meeting.id}/agenda/publish`, {});
    expect(bare.status).toBe(422);
    expect(await bare.text()).toContain('Förhandsgranska kallelsen och bekräfta den');
    expect((await stored(meeting)).agendaPublishedAt).toBeNull();

    // The agenda changes after the preview: the old confirmation is refused and the new call shown.
    await fixtureItem(db.current.db, meeting, 3, { title: 'Övriga frågor', durationMinutes: 5 });
    const stale = await sec.post(`/meetings/${meeting.id}/agenda/publish`, { preview: first });
    expect(stale.status).toBe(409);
    const again = await stale.text();
    expect(again).toContain('Dagordningen eller listan över mottagare har ändrats sedan du förhandsgranskade kallelsen');
    expect(again).toContain('Övriga frågor');
    const second = tokenOf(again)!;
    expect(second).not.toBe(first);
    expect(await callsSent(meeting)).toBe(0);
    expect((await stored(meeting)).agendaPublishedAt).toBeNull();

    // The confirmation of what is shown now publishes and calls everyone once.
    const ok = await sec.post(`/meetings/${meeting.id}/agenda/publish`, { preview: second });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/meetings/${meeting.id}`);
    const called = await stored(meeting);
    expect(called.status).toBe('called');
    expect(await callsSent(meeting)).toBe(3);
    const mails = (await mailsTo(db.current, member.email)).filter((m) => m.subject.includes('SAMS kallelseprov'));
    expect(mails).toHaveLength(1);
    // The English expert gets the call in English.
    expect((await mailsTo(db.current, english.email)).some((m) => m.subject.startsWith('Meeting call: SAMS kallelseprov'))).toBe(true);

    // The same confirmation again (a double click, the back button): nothing is sent twice.
    const twice = await sec.post(`/meetings/${meeting.id}/agenda/publish`, { preview: second });
    expect(twice.status).toBe(303);
    expect(twice.headers.get('location')).toBe(`/meetings/${meeting.id}`);
    expect(await (await sec.get(`/meetings/${meeting.id}`)).text()).toContain('Kallelsen skickades redan');
    expect(await callsSent(meeting)).toBe(3);
    expect((await mailsTo(db.current, member.email)).filter((m) => m.subject.includes('SAMS kallelseprov'))).toHaveLength(1);
    expect((await stored(meeting)).version).toBe(called.version);
  });

  it('is the secretary’s: a member gets neither the preview nor the confirmation', async () => {
    const meeting = await plannedMeeting('SAMS bara för sekreteraren');
    const mem = await client(member);
    expect((await mem.get(`/meetings/${meeting.id}/agenda/publish`)).status).toBe(403);
    expect((await mem.get(`/api/meetings/${meeting.id}/agenda/publication-preview`)).status).toBe(403);
    expect((await mem.post(`/meetings/${meeting.id}/agenda/publish`, { preview: '0'.repeat(32) })).status).toBe(403);
    expect((await stored(meeting)).agendaPublishedAt).toBeNull();
  });

  it('offers the same preview through the API, in the caller’s language, and publishes directly or with the token', async () => {
    const meeting = await plannedMeeting('SAMS via API');
    const sec = await client(secretary);
    const res = await sec.get(`/api/meetings/${meeting.id}/agenda/publication-preview`);
    expect(res.status).toBe(200);
    const preview = (await res.json()) as {
      published: boolean;
      subject: string;
      items: { title: string }[];
      recipients: { name: string; email: string | null; organisation: string | null; language: string }[];
      token: string;
    };
    expect(preview.published).toBe(false);
    expect(preview.subject).toBe(`Kallelse: SAMS via API, ${preview.subject.split(', ').slice(1).join(', ')}`);
    expect(preview.items.map((i) => i.title)).toEqual(['Mötets öppnande', 'Covidfrågor']);
    expect(preview.recipients.find((r) => r.name === member.name)).toMatchObject({ email: member.email, organisation: regionName, language: 'sv' });
    expect(preview.recipients.find((r) => r.name === english.name)).toMatchObject({ language: 'en' });

    // The expert may not publish (403); the secretary reading in English gets the call in English.
    const en = await client(english);
    expect((await en.get(`/api/meetings/${meeting.id}/agenda/publication-preview`)).status).toBe(403);
    const enCookie = `${[...sec.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; lang=en`;
    const enPreview = (await (await sec.get(`/api/meetings/${meeting.id}/agenda/publication-preview`, { cookie: enCookie })).json()) as { subject: string };
    expect(enPreview.subject.startsWith('Meeting call: SAMS via API')).toBe(true);

    // A stale token: 409 problem, nothing sent.
    await fixtureItem(db.current.db, meeting, 3, { title: 'Övriga frågor' });
    const stale = await sec.json('POST', `/api/meetings/${meeting.id}/publish?preview=${preview.token}`, undefined, await csrf(sec));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { type: string }).type).toMatch(/stale-preview$/);
    expect(await callsSent(meeting)).toBe(0);

    // The current token publishes; a direct publish (no token) still works for API clients.
    const fresh = (await (await sec.get(`/api/meetings/${meeting.id}/agenda/publication-preview`)).json()) as { token: string };
    expect((await sec.json('POST', `/api/meetings/${meeting.id}/publish?preview=${fresh.token}`, undefined, await csrf(sec))).status).toBe(200);
    expect(await callsSent(meeting)).toBe(3);
    const direct = await plannedMeeting('SAMS direkt via API');
    expect((await sec.json('POST', `/api/meetings/${direct.id}/publish`, undefined, await csrf(sec))).status).toBe(200);
    expect((await stored(direct)).status).toBe('called');
  });
});
