import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { apiTokenFor, bearer } from '../../../tests/helpers/api.js';
import { execute } from '../../platform/commands.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { systemActor } from '../../platform/auth/actor.js';
import { createPerson } from '../../platform/auth/commands/people.js';
import { structureTestKit } from './test-helpers.js';

/*
 * A body's change history (/bodies/:id/history and GET /api/bodies/:id/history): its
 * secretary, chair, vice chair, process leader and administrators read it, nobody else;
 * it speaks the reader's language (labels, dates, names; no JSON) and filters by who,
 * what and when.
 */

const db = useTestDatabase();
const kit = structureTestKit(db);
let n = 0;
const PASSWORD = 'ett-bra-lösenord-1';

async function account(name: string, admin = false) {
  const email = `historik${++n}-${Date.now()}@example.org`;
  const p = await execute({ database: db.current, config: kit.config }, systemActor('test'), createPerson, { name, email, password: PASSWORD, isAdmin: admin });
  return { ...p, email };
}

/** The entries of a history page (after its filter form, whose choices name every command). */
const list = (page: string) => page.slice(page.indexOf('<p role="status">'));

async function client(email?: string, lang?: 'en') {
  const c = new TestClient(createTestApp(db.current).app);
  if (email) expect((await c.login(email, PASSWORD)).status).toBe(303);
  if (lang) c.cookies.set('lang', lang);
  return c;
}

/** A body with a secretary who changed it twice (a setting and a new member), a member, and a secretary of another structure's body. */
async function setup() {
  const s = await kit.structure();
  const body = await kit.body(s.structure.id, { name: `Historikgruppen ${++n}`, sizeMin: 2, sizeMax: 5 });
  const other = await kit.structure();
  const otherBody = await kit.body(other.structure.id, { name: `Andra gruppen ${n}` });
  const secretary = await account(`Sara Sekreterare ${n}`);
  const member = await account(`Maja Medlem ${n}`);
  const outsider = await account(`Olle Annan ${n}`);
  const admin = await account(`Ada Admin ${n}`, true);
  await kit.membership({ bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
  await kit.membership({ bodyId: body.id, personId: member.id, role: 'member', startOn: '2024-01-01' });
  await kit.membership({ bodyId: otherBody.id, personId: outsider.id, role: 'secretary', startOn: '2024-01-01' });
  const sec = await client(secretary.email);
  const token = bearer(await apiTokenFor(db.current, { email: secretary.email }));
  expect((await sec.json('PATCH', `/api/bodies/${body.id}`, { sizeMax: 7 }, token)).status).toBe(200);
  const added = await sec.json('POST', `/api/bodies/${body.id}/memberships`, { personEmail: `nils${n}@example.org`, personName: `Nils Ny ${n}`, role: 'member', startOn: '2026-03-02' }, token);
  expect(added.status).toBe(201);
  return { body, otherBody, secretary, member, outsider, admin, sec, n };
}

describe("a body's change history", () => {
  it('is read by the secretary and administrators; a member and the secretary of another structure get 403', async () => {
    const { body, member, outsider, admin, sec } = await setup();
    expect((await sec.get(`/bodies/${body.id}/history`)).status).toBe(200);
    expect((await (await client(admin.email)).get(`/bodies/${body.id}/history`)).status).toBe(200);
    expect((await (await client(member.email)).get(`/bodies/${body.id}/history`)).status).toBe(403);
    expect((await (await client(outsider.email)).get(`/bodies/${body.id}/history`)).status).toBe(403);
    expect((await (await client(member.email)).get(`/history/body/${body.id}`)).status).toBe(403);
    expect((await (await client(member.email)).json('GET', `/api/bodies/${body.id}/history`)).status).toBe(403);
    expect((await (await client(outsider.email)).json('GET', `/api/bodies/${body.id}/history`)).status).toBe(403);
    expect((await (await client()).get(`/bodies/${body.id}/history`)).status).not.toBe(200);
    // A member still reads the body's engagements, also ended ones.
    expect((await (await client(member.email)).get(`/bodies/${body.id}/engagements`)).status).toBe(200);
  });

  it('tells who, when and what in Swedish: labels, values and names, no JSON or technical keys', async () => {
    const { body, secretary, sec, n } = await setup();
    const page = await (await sec.get(`/bodies/${body.id}/history`)).text();
    expect(page).toContain('Ändringshistorik');
    expect(page).toContain('Lade till ledamot');
    expect(page).toContain('Ändrade gruppens inställningar');
    expect(page).toContain(secretary.name);
    expect(page).toContain('Högsta antal ledamöter');
    expect(page).toMatch(/<del>5<\/del>.*<ins>7<\/ins>/s);
    expect(page).toContain(`Nils Ny ${n}`);
    expect(page).toContain('2 mars 2026');
    expect(page).toContain('Ledamot');
    const entries = list(page);
    expect(entries).not.toContain('sizeMax');
    expect(entries).not.toContain('structure.addMember');
    expect(entries).not.toMatch(/&quot;\w+&quot;:|\{"|\{&quot;/);
  });

  it('speaks English to an English reader', async () => {
    const { body, secretary, n } = await setup();
    const en = await client(secretary.email, 'en');
    const page = await (await en.get(`/bodies/${body.id}/history`)).text();
    expect(page).toContain('Change history');
    expect(page).toContain('Added a member');
    expect(page).toContain("Changed the group's settings".replace("'", '&#39;'));
    expect(page).toContain('Most members');
    expect(page).toContain('2 March 2026');
    expect(page).toContain(`Nils Ny ${n}`);
    expect(page).not.toContain('Lade till ledamot');
    expect(page).not.toContain('Högsta antal ledamöter');
  });

  it('filters by who, what and when in a plain GET form, and pages', async () => {
    const { body, member, secretary, sec } = await setup();
    const form = await (await sec.get(`/bodies/${body.id}/history`)).text();
    expect(form).toMatch(/<form method="get" action="\/bodies\/[0-9a-f-]+\/history"/);
    for (const name of ['actor', 'type', 'operation', 'from', 'to']) expect(form).toContain(`name="${name}"`);
    const added = list(await (await sec.get(`/bodies/${body.id}/history?operation=structure.addMember`)).text());
    expect(added).toContain('Lade till ledamot');
    expect(added).not.toContain('Ändrade gruppens inställningar');
    const settings = list(await (await sec.get(`/bodies/${body.id}/history?type=body`)).text());
    expect(settings).toContain('Ändrade gruppens inställningar');
    expect(settings).not.toContain('Lade till ledamot');
    const bySecretary = await (await sec.get(`/bodies/${body.id}/history?actor=${secretary.id}`)).text();
    expect(bySecretary).toContain('2 ändringar');
    const byMember = await (await sec.get(`/bodies/${body.id}/history?actor=${member.id}`)).text();
    expect(byMember).toContain('0 ändringar');
    const future = await (await sec.get(`/bodies/${body.id}/history?from=2999-01-01&to=`)).text();
    expect(future).toContain('0 ändringar');
    const past = await (await sec.get(`/bodies/${body.id}/history?to=2000-01-01`)).text();
    expect(past).toContain('0 ändringar');
    expect((await sec.get(`/bodies/${body.id}/history?from=inte-ett-datum`)).status).toBe(422);
  });

  it('answers the same through the API, labelled in the request language beside the raw keys', async () => {
    const { body, secretary, sec } = await setup();
    const res = await sec.json('GET', `/api/bodies/${body.id}/history?operation=structure.updateBody`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as {
      total: number;
      items: {
        operation: string;
        operationLabel: string;
        actor: { id: string; name: string };
        changes: { field: string; label: string; before: string; after: string; rawBefore: unknown; rawAfter: unknown }[];
      }[];
    };
    expect(list.total).toBe(1);
    const entry = list.items[0]!;
    expect(entry.operation).toBe('structure.updateBody');
    expect(entry.operationLabel).toBe('Ändrade gruppens inställningar');
    expect(entry.actor).toEqual({ id: secretary.id, name: secretary.name });
    expect(entry.changes).toContainEqual({ field: 'sizeMax', label: 'Högsta antal ledamöter', before: '5', after: '7', rawBefore: 5, rawAfter: 7 });

    const en = await client(secretary.email, 'en');
    const english = (await (await en.json('GET', `/api/bodies/${body.id}/history?operation=structure.addMember`)).json()) as {
      items: { operationLabel: string; objectLabel: string; changes: { field: string; label: string; after: string }[] }[];
    };
    expect(english.items[0]!.operationLabel).toBe('Added a member');
    expect(english.items[0]!.changes).toContainEqual(expect.objectContaining({ field: 'startOn', label: expect.any(String), after: '2 March 2026' }));
    expect(english.items.every((i) => i.changes.every((c) => !/[åäö]/i.test(c.label)))).toBe(true);

    const none = (await (await sec.json('GET', `/api/bodies/${body.id}/history?from=2999-01-01`)).json()) as { total: number };
    expect(none.total).toBe(0);
  });

  it('still shows an object after it was removed: each audit row keeps its body', async () => {
    const { body, sec, n } = await setup();
    // An engagement that no longer exists (removed as one that never began), as its command audits it.
    const gone = '00000000-0000-4000-8000-0000000000aa';
    await db.current.db.transaction((tx) =>
      writeAudit(tx, systemActor('test'), {
        operation: 'structure.endMembership',
        objectType: 'membership',
        objectId: gone,
        before: { id: gone, bodyId: body.id, personName: `Frida Framtid ${n}`, role: 'member' },
        after: null,
      }),
    );
    const api = (await (await sec.json('GET', `/api/bodies/${body.id}/history?type=membership`)).json()) as { items: { objectId: string }[] };
    expect(api.items.map((i) => i.objectId)).toContain(gone);
    expect(list(await (await sec.get(`/bodies/${body.id}/history?type=membership`)).text())).toContain('Avslutade');
  });
});
