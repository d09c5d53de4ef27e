import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, mailsTo, type TestPerson } from '../../../tests/helpers/inbox.js';
import { notifications } from '../../platform/inbox/schema.js';
import { fixtureBody, fixtureMembership, fixtureSeat, fixtureStructure } from '../structure/samples.js';
import type { Body, Structure } from '../structure/schema.js';
import { agendaItems, attendance, itemSubmissions, meetings } from './schema.js';
import { agendaOf } from './queries/index.js';
import { dayFromNow, fixtureMeeting } from './samples.js';

const db = useTestDatabase();
let structure: Structure;
let body: Body;
let secretary: TestPerson;
let member: TestPerson;
let outsider: TestPerson;

async function client(p: TestPerson) {
  const c = new TestClient(createTestApp(db.current).app);
  const res = await c.login(p.email, p.password);
  expect(res.status).toBe(303);
  return c;
}

const text = async (res: Response) => res.text();

beforeAll(async () => {
  const d = db.current.db;
  const s = await fixtureStructure(d);
  structure = s.structure;
  body = await fixtureBody(d, structure.id, { name: 'SAMS Örebro', meetingsMin: 2, meetingsPer: 'termin', physicalMeetingsMinPerYear: 1 });
  const seat = await fixtureSeat(d, body.id, { function: 'Medicinskt ansvarig sjuksköterska' });
  secretary = await inboxPerson(db.current, { login: true, name: 'Sara Sekreterare' });
  member = await inboxPerson(db.current, { login: true, name: 'Elin Ledamot' });
  outsider = await inboxPerson(db.current, { login: true, name: 'Utan Roll' });
  await fixtureMembership(d, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  await fixtureMembership(d, { bodyId: body.id, personId: member.id, role: 'member', seatId: seat.id, startOn: '2020-01-01' });
});

describe('meeting pages without JavaScript', () => {
  it('plans a year from typed lines, keeps the text and names the line when one is wrong', async () => {
    const c = await client(secretary);
    const bad = await c.post(`/bodies/${body.id}/meetings/plan`, { year: '2031', title: '', format: 'physical', lines: '2031-02-12 09:00-12:00 Eklundavägen 2\nden 12 mars' });
    expect(bad.status).toBe(422);
    const html = await text(bad);
    expect(html).toContain('Rad 2 (”den 12 mars”) går inte att läsa');
    expect(html).toContain('2031-02-12 09:00-12:00 Eklundavägen 2');

    const ok = await c.post(`/bodies/${body.id}/meetings/plan`, {
      year: '2031',
      title: '',
      format: 'physical',
      lines: '2031-02-12 09:00-12:00 Eklundavägen 2, rum 101\n2031-05-20 13:00-16:00 Digitalt https://meet.example.org/x\n2031-09-10 09:00-12:00 Eklundavägen 2',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/bodies/${body.id}/meetings?year=2031`);
    const list = await text(await c.get(`/bodies/${body.id}/meetings?year=2031`));
    expect(list).toContain('3 möten är planerade.');
    expect(list).toContain('onsdag 12 februari 2031, 09:00–12:00');
    expect(list).toContain('Eklundavägen 2, rum 101');
    expect(list).toContain('Mötesfrekvens enligt uppdraget');
  });

  it('shows the meeting to members but not to people without a role; only managers get the builder', async () => {
    const m = await fixtureMeeting(db.current.db, body, 20);
    const mc = await client(member);
    const page = await text(await mc.get(`/meetings/${m.id}`));
    expect(page).toContain('Skicka in en punkt');
    expect(page).toContain('Sista dag för inspel');
    expect(page).not.toContain('Bygg dagordningen');
    expect((await mc.get(`/meetings/${m.id}/agenda`)).status).toBe(403);
    const oc = await client(outsider);
    expect((await oc.get(`/meetings/${m.id}`)).status).toBe(403);
    expect((await oc.get(`/api/meetings/${m.id}`)).status).toBe(403);
    expect((await new TestClient(createTestApp(db.current).app).get(`/meetings/${m.id}`)).status).toBe(303);
  });

  it('lets a member submit an item before the deadline, and refuses the same form after it', async () => {
    const m = await fixtureMeeting(db.current.db, body, 20);
    const mc = await client(member);
    const form = await text(await mc.get(`/meetings/${m.id}/submit`));
    expect(form).toContain('Sista dag för att skicka in punkter är');
    const ok = await mc.post(`/meetings/${m.id}/submit`, { title: 'Läkemedelsgenomgångar i hemsjukvården', description: 'Bakgrund', kind: 'decision', wishedMinutes: '20' });
    expect(ok.status).toBe(303);
    expect(await db.current.db.select().from(itemSubmissions).where(eq(itemSubmissions.meetingId, m.id))).toHaveLength(1);

    // The deadline passes while the form is open.
    await db.current.db
      .update(meetings)
      .set({ submissionDeadline: new Date(Date.now() - 60_000) })
      .where(eq(meetings.id, m.id));
    const late = await mc.post(`/meetings/${m.id}/submit`, { title: 'För sent', description: 'Det här kom för sent' });
    expect(late.status).toBe(409);
    const html = await text(late);
    expect(html).toContain('Sista dag för att skicka in punkter var');
    expect(html).toContain('Det här kom för sent');
    const closed = await text(await mc.get(`/meetings/${m.id}/submit`));
    expect(closed).toContain('Sista dag för att skicka in punkter var');
    expect(closed).not.toContain('<form method="post" action="/meetings/');

    const pin = await mc.json('POST', `/api/meetings/${(await fixtureMeeting(db.current.db, body, 20)).id}/submissions`, { title: 'Patient 19121212-1212' }, { 'x-csrf-token': await mc.csrf() });
    expect(pin.status).toBe(422);
  });

  it('builds the agenda: proposals, ordering with buttons, a declined submission, and publishing', async () => {
    const m = await fixtureMeeting(db.current.db, body, 20);
    const mc = await client(member);
    await mc.post(`/meetings/${m.id}/submit`, { title: 'Inspel som avböjs' });
    const c = await client(secretary);
    const builder = await text(await c.get(`/meetings/${m.id}/agenda`));
    expect(builder).toContain('Mötets öppnande och upprop');
    expect(builder).toContain('Inspel som avböjs');
    for (const key of ['start-default-1', 'start-default-2', 'end-default-4']) {
      const r = await c.post(`/meetings/${m.id}/agenda/proposals/accept`, { sourceId: 'template', key });
      expect(r.status).toBe(303);
    }
    const added = await c.post(`/meetings/${m.id}/agenda/items`, {
      title: 'Covidfrågor',
      kind: 'information',
      durationMinutes: '45',
      'presenters.0.name': 'Smittskydd',
      section: 'Information och dialog',
    });
    expect(added.status).toBe(303);
    let items = await agendaOf(db.current.db, m.id);
    expect(items.map((i) => i.title)).toEqual(['Mötets öppnande och upprop', 'Godkännande av dagordning', 'Covidfrågor', 'Övriga frågor']);
    const covid = items[2]!;
    // Presenter rows of the form: a named external.
    expect(covid.presenters).toEqual([{ personId: null, name: 'Smittskydd', organisation: null }]);
    const moved = await c.post(`/meetings/${m.id}/agenda/items/${covid.id}/move`, { direction: 'up' });
    expect(moved.headers.get('location')).toBe(`/meetings/${m.id}/agenda#item-${covid.id}`);
    items = await agendaOf(db.current.db, m.id);
    expect(items.map((i) => i.title)).toEqual(['Mötets öppnande och upprop', 'Covidfrågor', 'Godkännande av dagordning', 'Övriga frågor']);

    const [s] = await db.current.db.select().from(itemSubmissions).where(eq(itemSubmissions.meetingId, m.id));
    const empty = await c.post(`/meetings/${m.id}/agenda/submissions/${s!.id}/decline`, { reply: '' });
    expect(empty.status).toBe(422);
    expect(await text(empty)).toContain(`href="#field-reply-${s!.id}"`);
    expect((await c.post(`/meetings/${m.id}/agenda/submissions/${s!.id}/decline`, { reply: 'Tas i den operativa gruppen.' })).status).toBe(303);

    const timed = await text(await c.get(`/meetings/${m.id}`));
    expect(timed).toMatch(/\d\d:\d\d<\/time>–<time[^>]*>\d\d:\d\d<\/time>/);
    // Publishing goes through the preview of the call; its confirmation carries the preview's token.
    const preview = await text(await c.get(`/meetings/${m.id}/agenda/publish`));
    const token = /name="preview" value="([0-9a-f]+)"/.exec(preview)![1]!;
    const pub = await c.post(`/meetings/${m.id}/agenda/publish`, { preview: token });
    expect(pub.status).toBe(303);
    const after = await text(await c.get(`/meetings/${m.id}`));
    expect(after).toContain('Kallat');
    // The called meeting's page leads to the agenda as files; the live view and the minutes come once it has started.
    for (const href of [`/meetings/${m.id}/agenda.pdf`, `/meetings/${m.id}/agenda.docx`]) expect(after).toContain(`href="${href}"`);
    expect(after).not.toContain(`href="/meetings/${m.id}/live"`);
    expect(after).not.toContain(`href="/meetings/${m.id}/minutes"`);
    expect(await text(await mc.get(`/meetings/${m.id}`))).toContain(`href="/meetings/${m.id}/agenda.pdf"`);
    const [row] = await db.current.db.select().from(meetings).where(eq(meetings.id, m.id));
    expect(row!.status).toBe('called');

    const api = await c.get(`/api/meetings/${m.id}`);
    const json = (await api.json()) as { items: { title: string; number: string; startsAt: string }[]; abilities: Record<string, boolean> };
    expect(json.items.map((i) => i.number)).toEqual(['1', '2', '3', '4']);
    expect(json.items[1]!.startsAt).toBe(new Date(m.startsAt.getTime() + 5 * 60_000).toISOString());
    expect(json.abilities['meetings.manage']).toBe(true);
  });

  it('uploads an attachment to an item and serves it only to people who may see the meeting', async () => {
    const m = await fixtureMeeting(db.current.db, body, 20);
    const c = await client(secretary);
    const created = await c.json(
      'POST',
      `/api/meetings/${m.id}/items`,
      { title: 'Med bilaga', attachments: [{ filename: 'underlag.txt', content: Buffer.from('Hej från underlaget').toString('base64') }] },
      { 'x-csrf-token': await c.csrf() },
    );
    expect(created.status).toBe(201);
    const details = (await (await c.get(`/api/meetings/${m.id}`)).json()) as { attachments: { href: string; filename: string }[] };
    expect(details.attachments.map((a) => a.filename)).toEqual(['underlag.txt']);
    const file = await c.get(details.attachments[0]!.href);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/plain');
    expect(await file.text()).toBe('Hej från underlaget');
    expect((await (await client(outsider)).get(details.attachments[0]!.href)).status).toBe(403);
  });

  it('records absence and the roll call from forms, and shows attendance statistics', async () => {
    const m = await fixtureMeeting(db.current.db, body, 20);
    const [item] = await db.current.db.insert(agendaItems).values({ meetingId: m.id, position: 1, title: 'Beslutspunkt' }).returning();
    const mc = await client(member);
    const form = await text(await mc.get(`/meetings/${m.id}/absence`));
    // The member's seat has no substitute: the form does not promise one.
    expect(form).toContain('Du har ingen ersättare. Sekreteraren får veta att du inte kommer.');
    expect(form).not.toContain('Din ersättare');
    const r = await mc.post(`/meetings/${m.id}/absence`, { views: 'Jag stöder förslaget.', [`item.${item!.id}`]: 'Tillstyrker.' });
    expect(r.status).toBe(303);
    const c = await client(secretary);
    const held = await fixtureMeeting(db.current.db, body, -2, { status: 'called' });
    const roll = await text(await c.get(`/meetings/${held.id}/attendance`));
    expect(roll).toContain('Medicinskt ansvarig sjuksköterska');
    // The roll call keeps its name column readable (class roll-call in app.css) and asks who took part digitally.
    expect(roll).toContain('class="roll-call"');
    expect(roll).toContain(`name="digital.${member.id}"`);
    const saved = await c.post(`/meetings/${held.id}/attendance`, {
      [`status.${member.id}`]: 'present',
      [`digital.${member.id}`]: 'on',
      [`status.${secretary.id}`]: 'present',
      [`views.${member.id}`]: '',
    });
    expect(saved.status).toBe(303);
    const digital = await db.current.db.select({ personId: attendance.personId, digital: attendance.digital }).from(attendance).where(eq(attendance.meetingId, held.id));
    expect(digital.find((r) => r.personId === member.id)?.digital).toBe(true);
    expect(digital.find((r) => r.personId === secretary.id)?.digital).toBe(false);
    const stats = await text(await c.get(`/bodies/${body.id}/meetings/attendance`));
    expect(stats).toContain('Elin Ledamot');
    expect(stats).toContain('100 %');
  });

  it('says what an absence report sets off, calls in the seat’s substitute and tells the secretary in their language (page and API)', async () => {
    const d = db.current.db;
    const own = await fixtureBody(d, structure.id, { name: 'Närvård Väster' });
    const [seatA, seatB] = [await fixtureSeat(d, own.id, { function: 'Primärvård' }), await fixtureSeat(d, own.id, { function: 'Socialtjänst' })];
    const clerk = await inboxPerson(db.current, { login: true, name: 'Sam Secretary', language: 'en' });
    const alone = await inboxPerson(db.current, { login: true, name: 'Anna Utan Ersättare' });
    const covered = await inboxPerson(db.current, { login: true, name: 'Bo Med Ersättare' });
    const stand = await inboxPerson(db.current, { name: 'Olof Ersättare' });
    await fixtureMembership(d, { bodyId: own.id, personId: clerk.id, role: 'secretary', startOn: '2020-01-01' });
    await fixtureMembership(d, { bodyId: own.id, personId: alone.id, role: 'member', seatId: seatA.id, startOn: '2020-01-01' });
    const held = await fixtureMembership(d, { bodyId: own.id, personId: covered.id, role: 'member', seatId: seatB.id, startOn: '2020-01-01' });
    await fixtureMembership(d, { bodyId: own.id, personId: stand.id, role: 'substitute', seatId: seatB.id, substituteForMembershipId: held.id, startOn: '2020-01-01' });
    const m = await fixtureMeeting(d, own, 20);
    const inbox = async (personId: string) =>
      (await d.select().from(notifications).where(eq(notifications.personId, personId)).orderBy(notifications.createdAt)).map((n) => [n.kind, n.title, n.body ?? '']);

    // Without a substitute: the page says so, and the secretary learns of it (in English, her language).
    const ac = await client(alone);
    const form = await text(await ac.get(`/meetings/${m.id}/absence`));
    expect(form).toContain('Du har ingen ersättare. Sekreteraren får veta att du inte kommer.');
    expect(form).not.toContain('Din ersättare');
    expect((await ac.post(`/meetings/${m.id}/absence`, { views: '' })).status).toBe(303);
    expect(await text(await ac.get(`/meetings/${m.id}`))).toContain('Ditt förhinder är anmält.');
    expect(await inbox(clerk.id)).toEqual([
      ['meetings.absenceReported', expect.stringMatching(/^Anna Utan Ersättare cannot attend Närvård Väster/), 'Anna Utan Ersättare has no substitute to call in.'],
    ]);
    expect((await mailsTo(db.current, clerk.email)).map((mail) => mail.subject)).toEqual([expect.stringContaining('Anna Utan Ersättare cannot attend')]);

    // With a substitute on the seat: the page names them; the API calls them in and tells the secretary.
    const cc = await client(covered);
    expect(await text(await cc.get(`/meetings/${m.id}/absence`))).toContain(
      'Din ersättare Olof Ersättare kallas in i ditt ställe och får ett meddelande om det. Sekreteraren får veta att du inte kommer.',
    );
    const res = await cc.json('POST', `/api/meetings/${m.id}/absence`, { views: 'Jag stöder förslaget.' }, { 'x-csrf-token': await cc.csrf() });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      substitutePersonId: stand.id,
      substitute: { personId: stand.id, name: 'Olof Ersättare' },
      informed: [{ personId: clerk.id, name: 'Sam Secretary' }],
    });
    expect((await inbox(stand.id)).map(([kind]) => kind)).toEqual(['meetings.substituteCalled']);
    expect((await inbox(clerk.id))[1]).toEqual([
      'meetings.absenceReported',
      expect.stringMatching(/^Bo Med Ersättare cannot attend/),
      'Their substitute Olof Ersättare is called in. They have left views in advance.',
    ]);

    // Changing the views later does not tell the secretary again.
    await cc.json('POST', `/api/meetings/${m.id}/absence`, { views: 'Ändrade synpunkter.' }, { 'x-csrf-token': await cc.csrf() });
    expect(await inbox(clerk.id)).toHaveLength(2);
  });

  it('pages the structure-wide list at 50, newest first, and answers the same through the API', async () => {
    const other = await fixtureBody(db.current.db, structure.id, { name: 'OSÖ Barn' });
    for (let i = 0; i < 55; i++) await fixtureMeeting(db.current.db, other, -400 - i);
    const admin = await inboxPerson(db.current, { login: true });
    const { people } = await import('../../platform/auth/schema.js');
    await db.current.db.update(people).set({ isAdmin: true }).where(eq(people.id, admin.id));
    const c = await client(admin);
    const first = await text(await c.get(`/structures/${structure.slug}/meetings`));
    expect(first).toContain('Sida 1 av 2');
    const api = (await (await c.get(`/api/structures/${structure.slug}/meetings?page=2`)).json()) as { items: { startsAt: string }[]; total: number; pages: number };
    expect(api.pages).toBe(2);
    expect(api.items.length).toBe(api.total - 50);
    const sorted = [...api.items].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    expect(api.items).toEqual(sorted);
    // A member sees only the meetings of their own body.
    const mine = (await (await (await client(member)).get(`/api/structures/${structure.slug}/meetings`)).json()) as { items: { bodyId: string }[] };
    expect(mine.items.every((i) => i.bodyId === body.id)).toBe(true);
    expect(dayFromNow(0)).toMatch(/^\d{4}-/);
  });

  it('refuses a command through the API in the reader’s language: English with the lang=en cookie, Swedish without', async () => {
    const m = await fixtureMeeting(db.current.db, body, 20);
    const c = await client(secretary);
    expect((await c.json('POST', `/api/meetings/${m.id}/cancel`, {}, { 'x-csrf-token': await c.csrf() })).status).toBe(200);
    const cookie = `${[...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; lang=en`;
    const en = await c.json('POST', `/api/meetings/${m.id}/cancel`, {}, { 'x-csrf-token': await c.csrf(), cookie });
    expect(en.status).toBe(422);
    const problem = JSON.stringify(await en.json());
    expect(problem).toContain('The meeting is already cancelled.');
    expect(problem).not.toContain('Mötet är redan inställt.');
    const sv = await c.json('POST', `/api/meetings/${m.id}/cancel`, {}, { 'x-csrf-token': await c.csrf() });
    expect(JSON.stringify(await sv.json())).toContain('Mötet är redan inställt.');
  });
});
