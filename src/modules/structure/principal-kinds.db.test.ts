import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { execute } from '../../platform/commands.js';
import { systemActor } from '../../platform/auth/actor.js';
import { createPerson } from '../../platform/auth/commands/people.js';
import { people } from '../../platform/auth/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import { appointChair, createPrincipalKind, updateBody } from './commands/index.js';
import { structureTestKit } from './test-helpers.js';
import { bodyFormValues } from './views/body-form.js';
import { bodies, memberships, principalKindsTable, principals, structurePrincipals, type Body } from './schema.js';

const db = useTestDatabase();
const kit = structureTestKit(db);
let n = 0;
const PASSWORD = 'ett-bra-lösenord-1';

async function adminClient() {
  const email = `kinds${++n}-${Date.now()}@example.org`;
  await execute({ database: db.current, config: kit.config }, systemActor('test'), createPerson, { name: `Admin ${n}`, email, password: PASSWORD, isAdmin: true });
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(email, PASSWORD)).status).toBe(303);
  return c;
}

/** The flash message a redirect left (the cookie holds it as base64url JSON). */
function flashOf(c: TestClient): string {
  const raw = c.cookies.get('flash');
  return raw ? (JSON.parse(Buffer.from(decodeURIComponent(raw), 'base64url').toString('utf8')) as { message: string }).message : '';
}

/** The settings form of a body with some fields changed, several values allowed (the rotation's places). */
function settingsForm(body: Body, changes: Record<string, string | string[]>): FormData {
  const form = new FormData();
  const values: Record<string, string | string[]> = { ...bodyFormValues(body), version: String(body.version), ...changes };
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) if (k !== 'chairRotation' || one) form.append(k, one);
  if (!Array.isArray(values.chairRotation)) form.delete('chairRotation');
  return form;
}

/**
 * A structure whose principals are three of a kind an administrator added (private providers),
 * a body with one-year periods from 2025 and a seat and a member for each principal.
 */
async function threeProviders(rule: Partial<Body> = {}) {
  const kind = await kit.run(createPrincipalKind, { nameSv: `Privat utförare ${++n}`, nameEn: `Private provider ${n}` });
  const s = await kit.structure();
  const names = ['Alfa Vård AB', 'Beta Omsorg AB', 'Gamma Hälsa AB'].map((x) => `${x} ${n}`);
  const ps = [];
  for (const name of names)
    ps.push(
      await kit.principal(kind.key).then((p) =>
        db.current.db
          .update(principals)
          .set({ name })
          .where(eq(principals.id, p.id))
          .returning()
          .then((r) => r[0]!),
      ),
    );
  await db.current.db.insert(structurePrincipals).values(ps.map((p) => ({ structureId: s.structure.id, principalId: p.id })));
  const body = await kit.body(s.structure.id, { name: 'Utförarrådet', chairPeriodMonths: 12, chairPeriodAnchor: '2025-01-01', ...rule });
  const members = [];
  for (const [i, p] of ps.entries()) {
    const seat = await kit.seat(body.id, kind.key, { function: `Plats för ${p.name}`, representation: 'principal', principalId: p.id });
    const person = await kit.person(['Anna Alfa', 'Bo Beta', 'Gun Gamma'][i]);
    await kit.membership({ bodyId: body.id, personId: person.id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
    members.push(person);
  }
  return { ...s, kind, body, alfa: ps[0]!, beta: ps[1]!, gamma: ps[2]!, anna: members[0]!, bo: members[1]!, gun: members[2]! };
}

describe('principal kinds an administrator extends', () => {
  it('are added, renamed and (when unused) removed on a page under the principals; the built-in ones stay', async () => {
    const c = await adminClient();
    expect(await (await c.get('/principals')).text()).toContain('href="/principals/kinds"');
    const unique = `${++n}`;
    const added = await c.post('/principals/kinds', { nameSv: `Privat utförare ${unique}`, nameEn: `Private provider ${unique}` });
    expect(added.status).toBe(303);
    expect(flashOf(c)).toContain(`Typen ”Privat utförare ${unique}” har lagts till.`);
    const [row] = await db.current.db
      .select()
      .from(principalKindsTable)
      .where(eq(principalKindsTable.nameSv, `Privat utförare ${unique}`));
    // The key is made from the name (slug.ts), the kind is not built in.
    expect(row).toMatchObject({ key: `privat-utforare-${unique}`, builtIn: false });
    const page = await (await c.get('/principals/kinds')).text();
    expect(page).toContain(`Privat utförare ${unique}`);
    expect(page).toContain('Region');
    expect(page).toContain(`/principals/kinds/${row!.key}/remove`);
    expect(page).not.toContain('/principals/kinds/region/remove');

    // The same name again is refused.
    const twice = await c.post('/principals/kinds', { nameSv: `Privat utförare ${unique}`, nameEn: 'Something else' });
    expect(twice.status).toBe(422);
    expect(await twice.text()).toContain(`Det finns redan en typ av huvudman som heter ”Privat utförare ${unique}”`);

    // Renamed: the key stays.
    expect((await c.post(`/principals/kinds/${row!.key}`, { nameSv: `Privata utförare ${unique}`, nameEn: `Private providers ${unique}`, version: '1' })).status).toBe(303);
    const [renamed] = await db.current.db.select().from(principalKindsTable).where(eq(principalKindsTable.key, row!.key));
    expect(renamed).toMatchObject({ nameSv: `Privata utförare ${unique}`, nameEn: `Private providers ${unique}`, version: 2 });

    // A principal of the kind: its name comes from the table, in the reader's language.
    const created = await c.post('/principals', { name: `Vårdbolaget ${unique} AB`, kind: row!.key, distributionList: '' });
    expect(created.status).toBe(303);
    const principalPage = await (await c.get(created.headers.get('location')!)).text();
    expect(principalPage).toContain(`Typ: Privata utförare ${unique}`);
    c.cookies.set('lang', 'en');
    expect(await (await c.get(created.headers.get('location')!)).text()).toContain(`Private providers ${unique}`);
    c.cookies.set('lang', 'sv');

    // A kind in use cannot be removed; a built-in kind never.
    const inUse = await c.post(`/principals/kinds/${row!.key}/remove`, {});
    expect(inUse.status).toBe(422);
    expect(await inUse.text()).toContain(`Typen ”Privata utförare ${unique}” används`);
    const builtIn = await c.post('/principals/kinds/region/remove', {});
    expect(builtIn.status).toBe(422);
    expect(await builtIn.text()).toContain('Typen ”Region” är inbyggd och kan inte tas bort.');

    // An unused added kind can be removed.
    await c.post('/principals/kinds', { nameSv: `Stiftelse ${unique}`, nameEn: `Foundation ${unique}` });
    expect((await c.post(`/principals/kinds/stiftelse-${unique}/remove`, {})).status).toBe(303);
    expect(
      await db.current.db
        .select()
        .from(principalKindsTable)
        .where(eq(principalKindsTable.key, `stiftelse-${unique}`)),
    ).toEqual([]);

    // Every step is in the audit log.
    const ops = (await db.current.db.select({ op: auditLog.operation }).from(auditLog).where(eq(auditLog.objectType, 'principal_kind'))).map((r) => r.op);
    expect(ops).toEqual(expect.arrayContaining(['structure.createPrincipalKind', 'structure.updatePrincipalKind', 'structure.removePrincipalKind']));
  });

  it('are listed, added, renamed and removed through the API; an unknown kind is refused clearly', async () => {
    const c = await adminClient();
    const csrf = await c.csrf();
    const h = { 'x-csrf-token': csrf };
    const unique = `${++n}`;
    const created = await c.json('POST', '/api/principal-kinds', { nameSv: `Idéburen organisation ${unique}`, nameEn: `Non-profit ${unique}` }, h);
    expect(created.status).toBe(201);
    const kind = (await created.json()) as { key: string; name: string; builtIn: boolean };
    expect(kind).toMatchObject({ key: `ideburen-organisation-${unique}`, name: `Idéburen organisation ${unique}`, builtIn: false });
    const patched = await c.json('PATCH', `/api/principal-kinds/${kind.key}`, { nameEn: `Non-profit organisation ${unique}` }, h);
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { nameEn: string; nameSv: string }).nameEn).toBe(`Non-profit organisation ${unique}`);
    const list = (await (await c.get('/api/principal-kinds')).json()) as { items: { key: string; builtIn: boolean }[] };
    expect(list.items.filter((k) => k.builtIn).map((k) => k.key)).toEqual(['region', 'municipality', 'other']);
    expect(list.items.map((k) => k.key)).toContain(kind.key);

    // A principal of an unknown kind: a 422 that names the kind.
    const unknown = await c.json('POST', '/api/principals', { name: 'Okänd AB', kind: 'finns-inte' }, h);
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { detail: string }).detail).toContain('Det finns ingen typ av huvudman som heter ”finns-inte”');
    const p = await c.json('POST', '/api/principals', { name: `Förening ${unique}`, kind: kind.key }, h);
    expect(p.status).toBe(201);
    const principal = (await p.json()) as { id: string };
    const details = (await (await c.get(`/api/principals/${principal.id}`)).json()) as { kind: string; kindName: string };
    expect(details).toMatchObject({ kind: kind.key, kindName: `Idéburen organisation ${unique}` });

    expect((await c.json('DELETE', '/api/principal-kinds/other', undefined, h)).status).toBe(422);
    expect((await c.json('DELETE', `/api/principal-kinds/${kind.key}`, undefined, h)).status).toBe(422);
    await db.current.db.delete(principals).where(eq(principals.id, principal.id));
    const removed = await c.json('DELETE', `/api/principal-kinds/${kind.key}`, undefined, h);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ removed: kind.key });
  });
});

describe('chair rotation among named principals', () => {
  it('rotates among three principals of a kind an administrator added, one per period counted from the anchor', async () => {
    const s = await threeProviders();
    const [body] = await db.current.db
      .update(bodies)
      .set({ chairKindRule: 'rotate', chairRotation: [s.alfa.id, s.beta.id, s.gamma.id] })
      .where(eq(bodies.id, s.body.id))
      .returning();
    // 2025: Alfa's turn.
    const wrong = await kit.refusal(appointChair, { bodyId: body!.id, personId: s.bo.id, role: 'chair', startOn: '2025-02-01' });
    expect(wrong).toContain(`Under mandatperioden 2025-01-01–2025-12-31 ska ordföranden komma från ${s.alfa.name}`);
    expect(wrong).toContain(`Bo Beta företräder inte ${s.alfa.name}`);
    expect((await kit.run(appointChair, { bodyId: body!.id, personId: s.anna.id, role: 'chair', startOn: '2025-02-01' })).endOn).toBe('2025-12-31');
    // 2026: Beta; 2027: Gamma; 2028: Alfa again.
    expect(await kit.refusal(appointChair, { bodyId: body!.id, personId: s.gun.id, role: 'chair', startOn: '2026-01-01' })).toContain(`ska ordföranden komma från ${s.beta.name}`);
    expect((await kit.run(appointChair, { bodyId: body!.id, personId: s.bo.id, role: 'chair', startOn: '2026-01-01' })).endOn).toBe('2026-12-31');
    expect((await kit.run(appointChair, { bodyId: body!.id, personId: s.gun.id, role: 'chair', startOn: '2027-01-01' })).endOn).toBe('2027-12-31');
    expect(await kit.refusal(appointChair, { bodyId: body!.id, personId: s.gun.id, role: 'chair', startOn: '2028-01-01' })).toContain(`ska ordföranden komma från ${s.alfa.name}`);
    await kit.run(appointChair, { bodyId: body!.id, personId: s.anna.id, role: 'chair', startOn: '2028-01-01' });

    // The body page and the API show whose turn it is and the order.
    const c = await adminClient();
    const page = await (await c.get(`/bodies/${body!.id}`)).text();
    expect(page).toContain('Turordning:');
    expect(page).toContain(`${s.alfa.name} → ${s.beta.name} → ${s.gamma.name}`);
    const json = (await (await c.get(`/api/bodies/${body!.id}?on=2026-06-01`)).json()) as {
      body: { chairRotation: string[] };
      chair: { current: { chairPrincipal: { name: string } | null; rotation: { id: string }[] } };
    };
    expect(json.body.chairRotation).toEqual([s.alfa.id, s.beta.id, s.gamma.id]);
    expect(json.chair.current.rotation.map((p) => p.id)).toEqual([s.alfa.id, s.beta.id, s.gamma.id]);
    // The kind is named from the table in the reader's language.
    const groups = (json as unknown as { composition: { groups: { principalKind: string; principalKindName: string }[] } }).composition.groups;
    expect(groups[0]).toMatchObject({ principalKind: s.kind.key, principalKindName: s.kind.nameSv });
    c.cookies.set('lang', 'en');
    const english = (await (await c.get(`/api/bodies/${body!.id}`)).json()) as { composition: { groups: { principalKindName: string }[] } };
    expect(english.composition.groups[0]!.principalKindName).toBe(s.kind.nameEn);
  });

  it('is set in the body settings (page and API): two or more principals of the structure, each once, with periods', async () => {
    const s = await threeProviders();
    const base = { bodyId: s.body.id, name: s.body.name, level: 'strategic' as const, kind: 'standing_group' as const, activeFrom: '2020-01-01', chairKindRule: 'rotate' as const };
    expect(await kit.refusal(updateBody, { ...base, chairPeriodMonths: 12, chairPeriodAnchor: '2025-01-01', chairRotation: [s.alfa.id] })).toContain('Välj minst två huvudmän');
    expect(await kit.refusal(updateBody, { ...base, chairPeriodMonths: 12, chairPeriodAnchor: '2025-01-01', chairRotation: [s.alfa.id, s.alfa.id] })).toContain('bara stå en gång');
    expect(await kit.refusal(updateBody, { ...base, chairRotation: [s.alfa.id, s.beta.id] })).toContain('En rotation behöver mandatperioder');
    const stranger = await kit.principal('other');
    expect(await kit.refusal(updateBody, { ...base, chairPeriodMonths: 12, chairPeriodAnchor: '2025-01-01', chairRotation: [s.alfa.id, stranger.id] })).toContain('Huvudmannen finns inte');

    // The settings page keeps the order given.
    const c = await adminClient();
    const form = settingsForm(s.body, { chairKindRule: 'rotate', chairRotation: [s.gamma.id, s.alfa.id, ''] });
    const saved = await c.postMultipart(`/bodies/${s.body.id}/settings`, form);
    expect(saved.status).toBe(303);
    const [after] = await db.current.db.select().from(bodies).where(eq(bodies.id, s.body.id));
    expect(after!.chairRotation).toEqual([s.gamma.id, s.alfa.id]);
    const settings = await (await c.get(`/bodies/${s.body.id}/settings`)).text();
    expect(settings).toContain('Turordning för ordförandeskapet');
    expect(settings).toMatch(new RegExp(`<option value="${s.gamma.id}" selected`));

    // Through the API (PATCH keeps the other settings).
    const patched = await c.json('PATCH', `/api/bodies/${s.body.id}`, { chairRotation: [s.beta.id, s.gamma.id, s.alfa.id] }, { 'x-csrf-token': await c.csrf() });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { chairRotation: string[] }).chairRotation).toEqual([s.beta.id, s.gamma.id, s.alfa.id]);
  });
});

describe('changing a chair rule re-checks the chairs in office', () => {
  it('warns where the chair no longer complies: in the settings flash, on the body page and in the API', async () => {
    const s = await threeProviders();
    const today = new Date().toISOString().slice(0, 10);
    const start = `${today.slice(0, 4)}-01-01`;
    await kit.run(appointChair, { bodyId: s.body.id, personId: s.anna.id, role: 'chair', startOn: start, endOn: null });
    const c = await adminClient();
    expect(await (await c.get(`/bodies/${s.body.id}`)).text()).not.toContain('följer inte regeln');

    // The rule changes to a rotation whose turn this year is Beta's (periods of a year from 2025: the order is chosen by this year's place).
    const [fresh] = await db.current.db.select().from(bodies).where(eq(bodies.id, s.body.id));
    const index = Number(today.slice(0, 4)) - 2025;
    const order = index % 2 === 0 ? [s.beta.id, s.alfa.id] : [s.alfa.id, s.beta.id];
    const saved = await c.postMultipart(`/bodies/${s.body.id}/settings`, settingsForm(fresh!, { chairKindRule: 'rotate', chairRotation: order }));
    expect(saved.status).toBe(303);
    const flash = flashOf(c);
    expect(flash).toContain('Inställningarna har sparats. Men:');
    expect(flash).toContain(`Ordföranden Anna Alfa följer inte regeln för ordförandeskapet: under den här mandatperioden ska ordföranden komma från ${s.beta.name}.`);

    const page = await (await c.get(`/bodies/${s.body.id}`)).text();
    expect(page).toContain(`Ordföranden Anna Alfa följer inte regeln för ordförandeskapet`);
    const json = (await (await c.get(`/api/bodies/${s.body.id}`)).json()) as { warnings: { kind: string; params: Record<string, string>; text: string }[] };
    expect(json.warnings).toContainEqual(expect.objectContaining({ kind: 'chairPrincipal', params: { name: 'Anna Alfa', principal: s.beta.name } }));

    // The API's PATCH answers with the same warning; a rule the chair follows has none.
    const h = { 'x-csrf-token': await c.csrf() };
    const again = (await (await c.json('PATCH', `/api/bodies/${s.body.id}`, { chairRotation: order }, h)).json()) as { chairWarnings: { kind: string; text: string }[] };
    expect(again.chairWarnings).toEqual([expect.objectContaining({ kind: 'chairPrincipal' })]);
    const fine = (await (await c.json('PATCH', `/api/bodies/${s.body.id}`, { chairRotation: [...order].reverse() }, h)).json()) as { chairWarnings: unknown[] };
    expect(fine.chairWarnings).toEqual([]);
    expect(await (await c.get(`/bodies/${s.body.id}`)).text()).not.toContain('följer inte regeln');
  });
});

describe('the chair form', () => {
  it('adds a person not yet in the register with name and e-mail, as its message says', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { name: 'Arbetsgruppen' });
    const c = await adminClient();
    const email = `nora.ny.${++n}@example.org`;
    const without = await c.post(`/bodies/${body.id}/chair`, { chairRole: 'chair', chairPersonEmail: email, chairPersonName: '', chairStartOn: '2025-01-01', chairEndOn: '' });
    expect(without.status).toBe(422);
    const page = await without.text();
    expect(page).toContain(`Det finns ingen person med e-postadressen ${email}. Fyll i namnet så läggs personen till som kontakt.`);
    expect(page).toContain('name="chairPersonName"');
    const withName = await c.post(`/bodies/${body.id}/chair`, { chairRole: 'chair', chairPersonEmail: email, chairPersonName: 'Nora Ny', chairStartOn: '2025-01-01', chairEndOn: '' });
    expect(withName.status).toBe(303);
    expect(flashOf(c)).toContain('Nora Ny har utsetts.');
    const [person] = await db.current.db.select().from(people).where(eq(people.email, email));
    expect(person).toMatchObject({ name: 'Nora Ny' });
    const chairs = await db.current.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.bodyId, body.id), eq(memberships.role, 'chair')));
    expect(chairs.map((m) => m.personId)).toEqual([person!.id]);
  });
});
