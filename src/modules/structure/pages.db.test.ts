import { describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { html } from 'hono/html';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { execute } from '../../platform/commands.js';
import { systemActor } from '../../platform/auth/actor.js';
import { createPerson } from '../../platform/auth/commands/people.js';
import { outbox } from '../../platform/outbox/schema.js';
import { addTo } from '../../platform/registry.js';
import { HOME_SECTIONS, pageSection } from '../../platform/views/home.js';
import { structureTestKit } from './test-helpers.js';
import { bodies, memberships, seats, structures } from './schema.js';

const db = useTestDatabase();
const kit = structureTestKit(db);
let n = 0;
const PASSWORD = 'ett-bra-lösenord-1';

async function account(options: { admin?: boolean; name?: string } = {}) {
  const email = `sida${++n}-${Date.now()}@example.org`;
  const p = await execute({ database: db.current, config: kit.config }, systemActor('test'), createPerson, {
    name: options.name ?? `Sidperson ${n}`,
    email,
    password: PASSWORD,
    isAdmin: options.admin ?? false,
  });
  return p;
}

async function client(email?: string) {
  const c = new TestClient(createTestApp(db.current).app);
  if (email) expect((await c.login(email, PASSWORD)).status).toBe(303);
  return c;
}

async function publicAndInternal() {
  const s = await kit.structure();
  const top = await kit.body(s.structure.id, { name: 'Öppna gruppen', isPublic: true, sizeMin: 3, sizeMax: 5 });
  const internal = await kit.body(s.structure.id, { name: 'Interna gruppen', parentId: top.id, isPublic: false });
  const seat = await kit.seat(top.id, 'region', { function: 'Regionens plats', representation: 'principal', principalId: s.region.id });
  const vacant = await kit.seat(top.id, 'municipality', { function: 'Kommunens plats', representation: 'principal', principalId: s.municipality.id });
  const member = await kit.person('Maja Medlem');
  await kit.membership({ bodyId: top.id, personId: member.id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
  await kit.membership({ bodyId: internal.id, personId: member.id, role: 'member', startOn: '2024-01-01' });
  return { ...s, top, internal, seat, vacant, member };
}

describe('structure pages', () => {
  it('shows a public body’s composition to everyone, and an internal one only to its members', async () => {
    const { top, internal } = await publicAndInternal();
    const anon = await client();
    const page = await (await anon.get(`/bodies/${top.id}`)).text();
    expect(page).toContain('Maja Medlem');
    expect(page).toContain('Kommunens plats');
    expect(page).toContain('Vakant');
    expect(page).not.toContain('Varningar');
    const hidden = await (await anon.get(`/bodies/${internal.id}`)).text();
    expect(hidden).toContain('Gruppen är intern');
    expect(hidden).not.toContain('Maja Medlem');
    expect((await anon.get(`/bodies/${top.id}/admin`)).status).toBe(403);
  });

  it('lets a secretary manage the body: warnings, a refused form keeps its input, then succeeds', async () => {
    const { top, seat } = await publicAndInternal();
    const secretary = await account({ name: 'Sigrid Sekreterare' });
    await kit.membership({ bodyId: top.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
    const c = await client(secretary.email!);
    const admin = await (await c.get(`/bodies/${top.id}/admin`)).text();
    expect(admin).toContain('Platsen ”Kommunens plats” är vakant.');
    expect(admin).toContain('Gruppen har 1 ledamot; uppdragsbeskrivningen säger minst 3.');
    const refused = await c.post(`/bodies/${top.id}/members`, { personEmail: 'ny.person@example.org', personName: 'Nina Ny', role: 'member', seatId: seat.id, startOn: '2025-01-01', endOn: '' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Det finns fel i formuläret');
    expect(html).toContain('Platsen ”Regionens plats” innehas av Maja Medlem');
    expect(html).toContain('value="ny.person@example.org"');
    expect(html).toContain('value="Nina Ny"');
    const ok = await c.post(`/bodies/${top.id}/members`, { personEmail: 'ny.person@example.org', personName: 'Nina Ny', role: 'expert', seatId: '', startOn: '2025-01-01', endOn: '' });
    expect(ok.status).toBe(303);
    expect(await (await c.get(`/bodies/${top.id}`)).text()).toContain('Nina Ny');
  });

  it('creates a structure through the form as an administrator, keeping input on refusal', async () => {
    const admin = await account({ admin: true });
    const c = await client(admin.email!);
    const bad = await c.post('/structures', { name: 'Ny struktur', slug: 'Ogiltigt Namn!', description: '' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('value="Ny struktur"');
    const slug = `ny-struktur-${Date.now()}`;
    const ok = await c.post('/structures', { name: 'Ny struktur', slug, description: 'Prov' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/structures/${slug}`);
    const [row] = await db.current.db.select().from(structures).where(eq(structures.slug, slug));
    expect(row!.name).toBe('Ny struktur');
    const overview = await (await c.get(`/structures/${slug}`)).text();
    expect(overview).toContain('Strukturen har inga grupper ännu.');
  });

  it('draws the structure as an organisation chart with an equivalent list, paged', async () => {
    const { structure, top, internal } = await publicAndInternal();
    const anon = await client();
    const html = await (await anon.get(`/structures/${structure.slug}`)).text();
    expect(html).toContain('<svg');
    expect(html).toContain('role="img"');
    expect(html).toMatch(/<title id="orgchart-title">Organisationsschema<\/title>/);
    expect(html.indexOf(`href="/bodies/${top.id}"`)).toBeLessThan(html.indexOf(`href="/bodies/${internal.id}"`));
  });

  it('exports CSV with BOM and semicolons, and imports a Windows-1252 file with a dry run first', async () => {
    const { top, region } = await publicAndInternal();
    const secretary = await account();
    await kit.membership({ bodyId: top.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
    const c = await client(secretary.email!);
    const csv = await c.get(`/bodies/${top.id}/members.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const raw = new Uint8Array(await csv.arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(raw);
    expect(text).toContain('Plats;Företräder;Kontaktyta;Namn;E-post;Roll;Från;Till;Skäl');
    expect(text).toContain('Regionens plats;' + region.name);

    const file = `Plats;Företräder;Namn;E-post;Roll;Från\r\nÄldrevårdsöverläkare;${region.name};Örjan Östlund;orjan.ostlund@example.org;Ledamot;2025-01-01\r\n`;
    const bytes = Buffer.from([...file].map((ch) => ({ å: 0xe5, ä: 0xe4, ö: 0xf6, Å: 0xc5, Ä: 0xc4, Ö: 0xd6 })[ch] ?? ch.charCodeAt(0)));
    const upload = async (dryRun: boolean) => {
      const form = new FormData();
      form.set('_csrf', await c.csrf());
      form.set('file', new File([bytes], 'ledamoter.csv', { type: 'text/csv' }));
      if (dryRun) form.set('dryRun', '1');
      return createTestApp(db.current).app.request(`/bodies/${top.id}/import`, { method: 'POST', body: form, headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    };
    const dry = await (await upload(true)).text();
    expect(dry).toContain('Provkörningen gick bra: 1 rad kan importeras (1 ny plats, 1 uppdrag, 1 ny kontakt)');
    expect(dry).toContain('windows-1252');
    expect(await db.current.db.select().from(seats).where(eq(seats.function, 'Äldrevårdsöverläkare'))).toHaveLength(0);
    const done = await (await upload(false)).text();
    expect(done).toContain('Importen är klar');
    expect(await db.current.db.select().from(seats).where(eq(seats.function, 'Äldrevårdsöverläkare'))).toHaveLength(1);
  });

  it('orders the home page by the order of each section (also one contributed later); the principals are not on it', async () => {
    const me = await account();
    await kit.structure();
    const remove = addTo(
      HOME_SECTIONS,
      pageSection(35, async () => html`<section aria-labelledby="home-later"><h2 id="home-later">Later</h2></section>`),
    );
    try {
      const home = await (await (await client(me.email!)).get('/')).text();
      const ids = [...home.matchAll(/<section aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
      expect(ids).toEqual(['home-next-meetings', 'home-waiting', 'home-my-actions', 'home-later', 'home-my-bodies']);
      expect(home).not.toContain('Huvudmän i systemet');
      const visitor = await (await createTestApp(db.current).app.request('/')).text();
      expect(visitor).not.toContain('Huvudmän i systemet');
      expect(visitor).toContain('<a href="/structures">');
    } finally {
      remove();
    }
  });

  it('lists my bodies across structures and the people directory in Swedish order', async () => {
    const me = await account({ name: 'Örjan Åkesson' });
    const a = await kit.structure();
    const b = await kit.structure();
    const ba = await kit.body(a.structure.id, { name: 'Grupp i A' });
    const bb = await kit.body(b.structure.id, { name: 'Grupp i B' });
    await kit.membership({ bodyId: ba.id, personId: me.id, role: 'member', startOn: '2024-01-01' });
    await kit.membership({ bodyId: bb.id, personId: me.id, role: 'reader', startOn: '2024-01-01' });
    const c = await client(me.email!);
    const mine = await (await c.get('/my/bodies')).text();
    expect(mine).toContain('Grupp i A');
    expect(mine).toContain('Grupp i B');
    const home = await (await c.get('/')).text();
    expect(home).toContain('Mina grupper');
    expect(home).toContain('Grupp i A');
    await kit.person('Zack Zetterlund');
    await kit.person('Åsa Ärlig');
    const dir = await (await c.get('/people?q=')).text();
    expect((await c.get('/people')).status).toBe(200);
    void dir;
    const z = await (await c.get('/people?q=z')).text();
    expect(z).toContain('Zack Zetterlund');
    expect(z).not.toContain('Åsa Ärlig');
    expect((await (await client()).get('/people')).status).toBe(303);
  });

  it('invites a contact to create a login through the password reset flow', async () => {
    const admin = await account({ admin: true });
    const contact = await kit.person('Klas Kontakt');
    const c = await client(admin.email!);
    const res = await c.post(`/people/${contact.id}/invite`, {});
    expect(res.status).toBe(303);
    const [mail] = await db.current.db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(1);
    const link = /\/password\/reset\/[\w-]+/.exec(JSON.stringify(mail!.payload))![0];
    expect((await (await client()).post(link, { newPassword: 'inbjuden-lösenord-9' })).status).toBe(303);
    expect((await (await client()).login(contact.email!, 'inbjuden-lösenord-9')).status).toBe(303);
  });

  it('ends an engagement and hands over in one form', async () => {
    const admin = await account({ admin: true });
    const { top, member } = await publicAndInternal();
    const successor = await kit.person('Sam Efterträdare');
    const c = await client(admin.email!);
    const page = await (await c.get(`/people/${member.id}/leave`)).text();
    expect(page).toContain('Öppna gruppen');
    expect(page).toContain('Interna gruppen');
    const [m] = await db.current.db.select().from(memberships).where(eq(memberships.personId, member.id)).orderBy(memberships.bodyId);
    const index = page.indexOf(m!.id);
    expect(index).toBeGreaterThan(0);
    const field = /name="(handovers\.\d+)\.membershipId" value="([^"]+)"/g;
    const form: Record<string, string> = { endOn: '2025-06-30' };
    for (const match of page.matchAll(field)) {
      form[`${match[1]}.membershipId`] = match[2]!;
      if (match[2] === m!.id) form[`${match[1]}.successorEmail`] = successor.email!;
    }
    const done = await c.post(`/people/${member.id}/leave`, form);
    expect(done.status).toBe(303);
    const after = await db.current.db.select().from(memberships).where(eq(memberships.personId, successor.id));
    expect(after).toMatchObject([{ bodyId: m!.bodyId, startOn: '2025-07-01' }]);
    void top;
    void bodies;
  });
});

describe('structure API', () => {
  it('answers a public body with its composition and abilities, and refuses writes without rights', async () => {
    const { top, internal } = await publicAndInternal();
    const app = createTestApp(db.current).app;
    const res = await app.request(`/api/bodies/${top.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { composition: { memberCount: number }; warnings: unknown; abilities: Record<string, boolean> };
    expect(body.composition.memberCount).toBe(1);
    expect(body.warnings).toBeNull();
    expect(body.abilities).toMatchObject({ viewComposition: true, manage: false });
    const hidden = (await (await app.request(`/api/bodies/${internal.id}`)).json()) as { composition: unknown };
    expect(hidden.composition).toBeNull();
    expect((await app.request(`/api/bodies/${top.id}/memberships`)).status).toBe(403);
    const write = await app.request(`/api/bodies/${top.id}/memberships`, {
      method: 'POST',
      body: JSON.stringify({ role: 'member', personEmail: 'x@example.org', personName: 'X' }),
      headers: { 'content-type': 'application/json' },
    });
    // A write needs a login: without one the answer is 401, as the OpenAPI document declares.
    expect(write.status).toBe(401);
  });

  it('runs the same rules through the API with problem details', async () => {
    const admin = await account({ admin: true });
    const s = await kit.structure();
    const c = await client(admin.email!);
    const csrf = await c.csrf();
    const created = await c.json(
      'POST',
      '/api/bodies',
      { structureId: s.structure.id, slug: 'samordningsgruppen', name: 'Samordningsgruppen', level: 'strategic', kind: 'standing_group', activeFrom: '2024-01-01', substitutesAllowed: false },
      { 'x-csrf-token': csrf },
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string };
    const m = await c.json(
      'POST',
      `/api/bodies/${body.id}/memberships`,
      { personEmail: 'lars.ledamot@example.org', personName: 'Lars Ledamot', role: 'member', startOn: '2025-01-01' },
      { 'x-csrf-token': csrf },
    );
    expect(m.status).toBe(201);
    const member = (await m.json()) as { id: string };
    const sub = await c.json(
      'POST',
      `/api/bodies/${body.id}/memberships`,
      { personEmail: 'ella.ersattare@example.org', personName: 'Ella Ersättare', role: 'substitute', substituteForMembershipId: member.id, startOn: '2025-01-01' },
      { 'x-csrf-token': csrf },
    );
    expect(sub.status).toBe(422);
    const problem = (await sub.json()) as { detail: string; errors: { pointer: string; detail: string }[] };
    expect(problem.detail).toContain('tillåter inte ersättare');
    expect(problem.errors[0]!.pointer).toBe('/role');
    // An English client gets the same refusal in English (the message key's English text).
    c.cookies.set('lang', 'en');
    const english = await c.json(
      'POST',
      `/api/bodies/${body.id}/memberships`,
      { personEmail: 'ella.ersattare@example.org', personName: 'Ella Ersättare', role: 'substitute', substituteForMembershipId: member.id, startOn: '2025-01-01' },
      { 'x-csrf-token': csrf },
    );
    expect(english.status).toBe(422);
    const inEnglish = (await english.json()) as { detail: string; errors: { pointer: string; detail: string }[] };
    expect(inEnglish.detail).toContain('Samordningsgruppen does not allow substitutes');
    expect(inEnglish.errors[0]!.detail).toContain('does not allow substitutes');
    expect(JSON.stringify(inEnglish)).not.toContain('tillåter inte');
    c.cookies.set('lang', 'sv');
    const list = (await (await c.get(`/api/bodies/${body.id}/memberships`)).json()) as { items: { personName: string }[] };
    expect(list.items.map((i) => i.personName)).toEqual(['Lars Ledamot']);
    const mine = await c.get('/api/me/bodies');
    expect(mine.status).toBe(200);
    const doc = (await (await c.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.paths['/api/bodies/{id}/memberships']!.post!.operationId).toBe('structure.addMember');
  });
});
