import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { apiTokenFor, bearer } from '../../../tests/helpers/api.js';
import { execute } from '../../platform/commands.js';
import { can } from '../../platform/auth/authorize.js';
import { systemActor, type Actor } from '../../platform/auth/actor.js';
import { createPerson } from '../../platform/auth/commands/people.js';
import { rolesOf } from './policy.js';
import { structureTestKit } from './test-helpers.js';
import { bodies, bodyCommissioners } from './schema.js';

/*
 * Issue #16, points 7 and 8: commissioners besides the parent (principals, bodies, parties
 * outside Samverka) and bodies that serve several bodies; a body's composition on a past
 * day; the body settings that number protocols by § and that give a body's process leader
 * and secretary the management of its direct sub-bodies.
 */

const db = useTestDatabase();
const kit = structureTestKit(db);
let n = 0;
const PASSWORD = 'ett-bra-lösenord-1';

async function account(name: string, options: { admin?: boolean } = {}) {
  const email = `mandat${++n}-${Date.now()}@example.org`;
  const p = await execute({ database: db.current, config: kit.config }, systemActor('test'), createPerson, { name, email, password: PASSWORD, isAdmin: options.admin ?? false });
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(email, PASSWORD)).status).toBe(303);
  const token = await apiTokenFor(db.current, { email });
  return { id: p.id, email, c, token, api: (method: string, path: string, body?: unknown, lang = 'sv') => c.json(method, path, body, { ...bearer(token), cookie: `lang=${lang}` }) };
}

const settingsForm = (b: typeof bodies.$inferSelect, extra: Record<string, string> = {}) => ({
  version: String(b.version),
  name: b.name,
  shortName: '',
  level: b.level,
  kind: b.kind,
  minutesKind: b.minutesKind,
  substitutesAllowed: '1',
  meetingsPer: 'year',
  activeFrom: b.activeFrom,
  chairKindRule: 'any',
  chairReminderDays: '60',
  callOpensDays: '14',
  submissionDeadlineDays: '7',
  agendaPublishDays: '5',
  ...extra,
});

/** A coordination group with a local group under it (and one under that), the group's secretary and process leader. */
async function coordination(managesSubBodies: boolean) {
  const s = await kit.structure();
  const group = await kit.body(s.structure.id, { name: 'Samordningsgruppen', level: 'strategic', managesSubBodies });
  const local = await kit.body(s.structure.id, { name: 'Lokala gruppen Lerum', level: 'local', parentId: group.id });
  const below = await kit.body(s.structure.id, { name: 'Arbetsgrupp under Lerum', level: 'local', parentId: local.id });
  const secretary = await account('Sara Sekreterare');
  await kit.membership({ bodyId: group.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
  const leader = await account('Pelle Processledare');
  await kit.membership({ bodyId: group.id, personId: leader.id, role: 'process_leader', startOn: '2024-01-01' });
  const member = await account('Mia Medlem');
  await kit.membership({ bodyId: group.id, personId: member.id, role: 'member', startOn: '2024-01-01' });
  return { ...s, group, local, below, secretary, leader, member };
}

const meeting = { title: 'Möte i lokala gruppen', date: '2030-03-12', startTime: '09:00', endTime: '11:00', format: 'physical', address: 'Kommunhuset' };

describe('rights that follow the mandate (managesSubBodies)', () => {
  it("lets a coordination group's secretary and process leader manage a local group under it where the setting is on", async () => {
    const { local, secretary, leader, region } = await coordination(true);
    // Settings (page form without script), members, seats and meetings of the sub-body.
    const settings = await secretary.c.get(`/bodies/${local.id}/settings`);
    expect(settings.status).toBe(200);
    const saved = await secretary.c.post(`/bodies/${local.id}/settings`, settingsForm(local, { sizeMax: '12' }));
    expect(saved.status).toBe(303);
    expect((await db.current.db.select().from(bodies).where(eq(bodies.id, local.id)))[0]!.sizeMax).toBe(12);
    const added = await secretary.api('POST', `/api/bodies/${local.id}/memberships`, { personName: 'Nils Ny', personEmail: `nils-${local.id}@example.org`, role: 'member', startOn: '2025-01-01' });
    expect(added.status, await added.clone().text()).toBe(201);
    // …see the new member's address, as those who share the body do…
    const listed = (await (await secretary.api('GET', `/api/bodies/${local.id}/memberships`)).json()) as { items: { personName: string; personEmail: string | null }[] };
    expect(listed.items.find((m) => m.personName === 'Nils Ny')?.personEmail).toBe(`nils-${local.id}@example.org`);
    // …and invite the new member to log in, as the local group's own secretary could.
    const { personId } = (await added.json()) as { personId: string };
    const invited = await secretary.api('POST', `/api/people/${personId}/invite`, {});
    expect(invited.status, await invited.clone().text()).toBe(200);
    const seat = await leader.api('POST', `/api/bodies/${local.id}/seats`, { function: 'Regionens plats', representation: 'principal', principalId: region.id });
    expect(seat.status, await seat.clone().text()).toBe(201);
    const planned = await leader.api('POST', `/api/bodies/${local.id}/meetings`, meeting);
    expect(planned.status, await planned.clone().text()).toBe(201);
    // The tab and the button to manage show on the sub-body's page.
    const page = await (await secretary.c.get(`/bodies/${local.id}`)).text();
    expect(page).toContain(`/bodies/${local.id}/admin`);
  });

  it('refuses them (403) where the setting is off, and reaches only the direct sub-bodies', async () => {
    const off = await coordination(false);
    expect((await off.secretary.c.get(`/bodies/${off.local.id}/settings`)).status).toBe(403);
    expect((await off.secretary.c.post(`/bodies/${off.local.id}/settings`, settingsForm(off.local))).status).toBe(403);
    expect((await off.secretary.api('POST', `/api/bodies/${off.local.id}/memberships`, { personName: 'Nils Ny', role: 'member', startOn: '2025-01-01' })).status).toBe(403);
    expect((await off.leader.api('POST', `/api/bodies/${off.local.id}/meetings`, meeting)).status).toBe(403);
    const localMember = await kit.person('Lisa Lokal');
    await kit.membership({ bodyId: off.local.id, personId: localMember.id, role: 'member', startOn: '2024-01-01' });
    expect((await off.secretary.api('POST', `/api/people/${localMember.id}/invite`, {})).status).toBe(403);
    // They read the sub-body (a role above it) but not its members' addresses.
    const listed = (await (await off.secretary.api('GET', `/api/bodies/${off.local.id}/memberships`)).json()) as { items: { personName: string; personEmail: string | null }[] };
    expect(listed.items.find((m) => m.personName === 'Lisa Lokal')).toMatchObject({ personEmail: null });
    const on = await coordination(true);
    // A sub-body's sub-body: not by the mandate (direct sub-bodies only).
    expect((await on.secretary.c.get(`/bodies/${on.below.id}/settings`)).status).toBe(403);
    expect((await on.secretary.api('POST', `/api/bodies/${on.below.id}/meetings`, meeting)).status).toBe(403);
    // A member of the coordination group (not process leader or secretary) does not manage the local group.
    expect((await on.member.c.get(`/bodies/${on.local.id}/settings`)).status).toBe(403);
  });

  it("refuses another structure's secretary", async () => {
    const mine = await coordination(true);
    const theirs = await coordination(true);
    expect((await theirs.secretary.c.get(`/bodies/${mine.local.id}/settings`)).status).toBe(403);
    expect((await theirs.secretary.api('POST', `/api/bodies/${mine.local.id}/memberships`, { personName: 'Nils Ny', role: 'member', startOn: '2025-01-01' })).status).toBe(403);
    expect((await theirs.secretary.api('POST', `/api/bodies/${mine.local.id}/meetings`, meeting)).status).toBe(403);
  });

  it('decides it in one rule: the roles carry the mandate, on the day', async () => {
    const { group, local, secretary } = await coordination(true);
    const actor: Actor = { kind: 'person', personId: secretary.id, name: 'Sara', isAdmin: false, via: 'session' };
    const roles = await rolesOf(db.current.db, actor, local.id, '2025-06-01');
    expect(roles).toEqual({ own: [], inherited: ['secretary'], byMandate: ['secretary'] });
    for (const action of ['structure.manageBody', 'meetings.manage', 'minutes.write', 'minutes.followUp', 'cases.managePlan'] as const) {
      expect(can(actor, action, { body: local, roles }), action).toBe(true);
    }
    // Before the engagement began there was no mandate.
    expect((await rolesOf(db.current.db, actor, local.id, '2023-06-01')).byMandate).toEqual([]);
    // Turned off, the same roles no longer manage.
    await db.current.db.update(bodies).set({ managesSubBodies: false }).where(eq(bodies.id, group.id));
    const after = await rolesOf(db.current.db, actor, local.id, '2025-06-01');
    expect(after.byMandate).toEqual([]);
    expect(can(actor, 'structure.manageBody', { body: local, roles: after })).toBe(false);
    expect(can(actor, 'meetings.manage', { body: local, roles: after })).toBe(false);
  });
});

describe('body settings: § numbering and managing sub-bodies', () => {
  it('saves both flags from the settings form and the API, and shows them in both languages', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { name: 'Styrgruppen' });
    const admin = await account('Ada Admin', { admin: true });
    const form = await (await admin.c.get(`/bodies/${body.id}/settings`)).text();
    expect(form).toContain('Protokollets paragrafer numreras med § per år');
    expect(form).toContain('Processledaren och sekreteraren sköter de grupper som gruppen ger uppdrag till');
    expect(form).toContain('inte grupperna under dem');
    const saved = await admin.c.post(`/bodies/${body.id}/settings`, settingsForm(body, { paragraphNumbering: '1', managesSubBodies: '1' }));
    expect(saved.status).toBe(303);
    let [row] = await db.current.db.select().from(bodies).where(eq(bodies.id, body.id));
    expect([row!.paragraphNumbering, row!.managesSubBodies]).toEqual([true, true]);
    const page = await (await admin.c.get(`/bodies/${body.id}`)).text();
    expect(page).toContain('Med § per år');
    // The API: PATCH one flag, the other keeps its value; GET shows both.
    const patched = await admin.api('PATCH', `/api/bodies/${body.id}`, { paragraphNumbering: false });
    expect(patched.status, await patched.clone().text()).toBe(200);
    expect(await patched.json()).toMatchObject({ paragraphNumbering: false, managesSubBodies: true });
    [row] = await db.current.db.select().from(bodies).where(eq(bodies.id, body.id));
    expect([row!.paragraphNumbering, row!.managesSubBodies]).toEqual([false, true]);
    const got = (await (await admin.api('GET', `/api/bodies/${body.id}`)).json()) as { body: { managesSubBodies: boolean } };
    expect(got.body.managesSubBodies).toBe(true);
    const en = await (await admin.c.get(`/bodies/${body.id}/settings`, { cookie: `${[...admin.c.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}; lang=en` })).text();
    expect(en).toContain('The items of the minutes are numbered with § per year');
    expect(en).toContain('not to the groups under them');
    // The change history names the fields.
    const history = await (await admin.c.get(`/bodies/${body.id}/history`)).text();
    expect(history).toContain('Paragrafer med § per år');
  });
});

describe('commissioners besides the parent, and bodies that serve several bodies', () => {
  it('shows the commissioners of a top body on its page and in the API (not "none"), and lets its managers add and remove them', async () => {
    const s = await kit.structure();
    const other = await kit.structure();
    const top = await kit.body(s.structure.id, { name: 'Ledningsgruppen', isPublic: true });
    const elsewhere = await kit.body(other.structure.id, { name: 'Regionala rådet' });
    const secretary = await account('Stina Sekreterare');
    await kit.membership({ bodyId: top.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
    // Before: the top of the structure, commissioned by nobody.
    expect(await (await secretary.c.get(`/bodies/${top.id}`)).text()).toContain('Ingen (strukturens översta grupp)');

    // Page forms, no script: a party outside Samverka by name.
    const byName = await secretary.c.post(`/bodies/${top.id}/commissioners`, { commissionerBodyId: '', principalId: '', commissionerName: 'Länsstyrelsen i Örebro län' });
    expect(byName.status).toBe(303);
    expect(byName.headers.get('location')).toBe(`/bodies/${top.id}/settings#commissioners`);
    // The API: a principal and a body of another structure.
    const byPrincipal = await secretary.api('POST', `/api/bodies/${top.id}/commissioners`, { principalId: s.municipality.id });
    expect(byPrincipal.status, await byPrincipal.clone().text()).toBe(201);
    expect(await byPrincipal.json()).toMatchObject({ kind: 'principal', principalId: s.municipality.id, name: s.municipality.name, isParent: false });
    const byBody = await secretary.api('POST', `/api/bodies/${top.id}/commissioners`, { commissionerBodyId: elsewhere.id });
    expect(byBody.status, await byBody.clone().text()).toBe(201);

    const anon = new TestClient(createTestApp(db.current).app);
    const page = await (await anon.get(`/bodies/${top.id}`)).text();
    expect(page).not.toContain('Ingen (strukturens översta grupp)');
    for (const name of ['Länsstyrelsen i Örebro län', s.municipality.name, 'Regionala rådet']) expect(page).toContain(name);
    const json = (await (await anon.get(`/api/bodies/${top.id}`)).json()) as { commissioners: { kind: string; name: string; id: string | null }[] };
    expect(json.commissioners.map((c) => [c.kind, c.name])).toEqual([
      ['name', 'Länsstyrelsen i Örebro län'],
      ['principal', s.municipality.name],
      ['body', 'Regionala rådet'],
    ]);
    // The commissioning body of another structure lists it among the bodies it commissions.
    const admin = await account('Ada Admin', { admin: true });
    const theirs = await (await admin.c.get(`/bodies/${elsewhere.id}`)).text();
    expect(theirs).toContain(`href="/bodies/${top.id}"`);
    expect(((await (await admin.api('GET', `/api/bodies/${elsewhere.id}`)).json()) as { servedBodies: { id: string }[] }).servedBodies.map((b) => b.id)).toEqual([top.id]);

    // Removed with the page's button; audited with labels.
    const settings = await (await secretary.c.get(`/bodies/${top.id}/settings`)).text();
    expect(settings).toContain('Ta bort Länsstyrelsen i Örebro län som uppdragsgivare');
    const gone = json.commissioners.find((c) => c.kind === 'name')!;
    const removed = await secretary.c.post(`/bodies/${top.id}/commissioners/${gone.id}/remove`, {});
    expect(removed.status).toBe(303);
    expect((await db.current.db.select().from(bodyCommissioners).where(eq(bodyCommissioners.bodyId, top.id))).map((r) => r.name ?? r.principalId ?? r.commissionerBodyId)).toEqual([
      s.municipality.id,
      elsewhere.id,
    ]);
    const history = await (await secretary.c.get(`/bodies/${top.id}/history`)).text();
    expect(history).toContain('Lade till en uppdragsgivare');
    expect(history).toContain('Tog bort en uppdragsgivare');
    expect(history).toContain('Fler uppdragsgivare');
    const historyEn = (await (await secretary.api('GET', `/api/bodies/${top.id}/history`, undefined, 'en')).json()) as { items: unknown[] };
    expect(JSON.stringify(historyEn.items)).toContain('Added a commissioner');
  });

  it('lists a body that serves several bodies on each commissioning body’s page, under its sub-bodies', async () => {
    const s = await kit.structure();
    const top = await kit.body(s.structure.id, { name: 'Ledningen', isPublic: true });
    const a = await kit.body(s.structure.id, { name: 'Temagrupp barn', parentId: top.id, isPublic: true });
    const b = await kit.body(s.structure.id, { name: 'Temagrupp äldre', parentId: top.id, isPublic: true });
    const shared = await kit.body(s.structure.id, { name: 'Gemensam arbetsgrupp', parentId: a.id, level: 'operational', isPublic: true });
    await kit.run((await import('./commands/index.js')).addCommissioner, { bodyId: shared.id, commissionerBodyId: b.id });
    const anon = new TestClient(createTestApp(db.current).app);
    const pageB = await (await anon.get(`/bodies/${b.id}`)).text();
    const section = pageB.slice(pageB.indexOf('id="subbodies"'));
    expect(section).toContain(`href="/bodies/${shared.id}"`);
    expect(section).toContain('ligger under Temagrupp barn');
    expect(section).not.toContain('Inga undergrupper.');
    const pageShared = await (await anon.get(`/bodies/${shared.id}`)).text();
    expect(pageShared).toContain('Temagrupp barn');
    expect(pageShared).toContain('Temagrupp äldre');
  });

  it('refuses what cannot commission the body, in Swedish and English', async () => {
    const s = await kit.structure();
    const top = await kit.body(s.structure.id, { name: 'Toppen' });
    const mid = await kit.body(s.structure.id, { name: 'Mitten', parentId: top.id });
    const low = await kit.body(s.structure.id, { name: 'Botten', parentId: mid.id });
    const { addCommissioner } = await import('./commands/index.js');
    expect(await kit.refusal(addCommissioner, { bodyId: mid.id })).toContain('Bara en av dem');
    expect(await kit.refusal(addCommissioner, { bodyId: mid.id, principalId: s.region.id, name: 'Länsstyrelsen' })).toContain('Bara en av dem');
    expect(await kit.refusal(addCommissioner, { bodyId: mid.id, commissionerBodyId: mid.id })).toContain('inte ge sig själv uppdrag');
    expect(await kit.refusal(addCommissioner, { bodyId: mid.id, commissionerBodyId: top.id })).toContain('Toppen ger redan gruppen uppdrag');
    expect(await kit.refusal(addCommissioner, { bodyId: mid.id, commissionerBodyId: low.id })).toContain('Botten ligger under gruppen');
    await kit.run(addCommissioner, { bodyId: mid.id, name: 'Länsstyrelsen' });
    expect(await kit.refusal(addCommissioner, { bodyId: mid.id, name: 'länsstyrelsen' })).toContain('är redan uppdragsgivare');
    // A member who does not manage the body is refused; the page form keeps the input and says why.
    const member = await account('Moa Medlem');
    await kit.membership({ bodyId: mid.id, personId: member.id, role: 'member', startOn: '2024-01-01' });
    expect((await member.api('POST', `/api/bodies/${mid.id}/commissioners`, { name: 'Kommunförbundet' })).status).toBe(403);
    expect((await member.c.post(`/bodies/${mid.id}/commissioners`, { commissionerName: 'Kommunförbundet' })).status).toBe(403);
    const admin = await account('Ada Admin', { admin: true });
    const twice = await admin.c.post(`/bodies/${mid.id}/commissioners`, { commissionerBodyId: '', principalId: '', commissionerName: 'Länsstyrelsen' });
    expect(twice.status).toBe(422);
    const refusedPage = await twice.text();
    expect(refusedPage).toContain('Länsstyrelsen är redan uppdragsgivare för gruppen.');
    // The settings form above keeps the body's own values; the commissioner form keeps what was typed.
    expect(refusedPage).toContain('value="Mitten"');
    expect(refusedPage).toMatch(/name="commissionerName"[^>]*value="Länsstyrelsen"/);
    const en = await admin.api('POST', `/api/bodies/${mid.id}/commissioners`, { commissionerBodyId: top.id }, 'en');
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('already commissions the group as the group above it');
  });
});

describe("a body's composition on a past day", () => {
  it('shows the seats and holders of that day on the page (?on=) and in the API, and refuses an invalid day with 400', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { name: 'Vårdsamverkan', isPublic: true });
    const seat = await kit.seat(body.id, 'region', { function: 'Regionens plats', representation: 'principal', principalId: s.region.id, createdOn: '2020-01-01' });
    const old = await kit.seat(body.id, null, { function: 'Nedlagd plats', createdOn: '2020-01-01', endedOn: '2022-12-31' });
    const before = await kit.person('Bertil Förr');
    const now = await kit.person('Nora Nu');
    await kit.membership({ bodyId: body.id, personId: before.id, seatId: seat.id, role: 'member', startOn: '2020-01-01', endOn: '2022-06-30' });
    await kit.membership({ bodyId: body.id, personId: now.id, seatId: seat.id, role: 'member', startOn: '2022-07-01' });
    await kit.membership({ bodyId: body.id, personId: before.id, seatId: old.id, role: 'member', startOn: '2020-01-01', endOn: '2022-12-31' });
    const anon = new TestClient(createTestApp(db.current).app);

    const today = await (await anon.get(`/bodies/${body.id}`)).text();
    expect(today).toContain('Nora Nu');
    expect(today).not.toContain('Bertil Förr');
    expect(today).toContain('Visar sammansättningen i dag');
    expect(today).toContain('<form method="get"');

    const past = await anon.get(`/bodies/${body.id}?on=2021-05-01`);
    expect(past.status).toBe(200);
    const html = await past.text();
    expect(html).toContain('Sammansättningen den 2021-05-01');
    expect(html).toContain('Visar gruppen som den var sammansatt den 2021-05-01.');
    expect(html).toContain('Bertil Förr');
    expect(html).toContain('Nedlagd plats');
    expect(html).not.toContain('Nora Nu');
    expect(html).toContain('value="2021-05-01"');

    const api = (await (await anon.get(`/api/bodies/${body.id}?on=2021-05-01`)).json()) as { composition: { on: string; groups: { seats: { function: string; holders: { name: string }[] }[] }[] } };
    expect(api.composition.on).toBe('2021-05-01');
    const holders = api.composition.groups.flatMap((g) => g.seats.flatMap((x) => x.holders.map((h) => `${x.function}: ${h.name}`)));
    expect(holders.sort()).toEqual(['Nedlagd plats: Bertil Förr', 'Regionens plats: Bertil Förr']);

    for (const bad of ['2021-02-30', 'igår', '2021-5-1']) {
      expect((await anon.get(`/bodies/${body.id}?on=${bad}`)).status, bad).toBe(400);
      expect((await anon.get(`/api/bodies/${body.id}?on=${bad}`)).status, bad).toBe(400);
    }
    expect(await (await anon.get(`/bodies/${body.id}?on=igår`)).text()).toContain('Dagen');
    expect(await (await anon.get(`/api/bodies/${body.id}?on=igår`, { cookie: 'lang=en' })).text()).toContain('The day');
    const en = await anon.get(`/bodies/${body.id}?on=2021-05-01`, { cookie: 'lang=en' });
    expect(await en.text()).toContain('Shows the group as it was composed on 2021-05-01.');
  });
});
