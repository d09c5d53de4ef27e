import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { execute } from '../../platform/commands.js';
import { systemActor } from '../../platform/auth/actor.js';
import { createPerson } from '../../platform/auth/commands/people.js';
import { structureTestKit } from './test-helpers.js';

/*
 * One rule decides whose e-mail address a reader sees (in policy.ts): addresses of
 * people who share a body with the reader, all of them for administrators, none for
 * anyone else. Each output that shows addresses is checked here.
 */

const db = useTestDatabase();
const kit = structureTestKit(db);
const PASSWORD = 'ett-bra-lösenord-1';
let n = 0;

async function account(name: string, admin = false) {
  const email = `epost${++n}-${Date.now()}@example.org`;
  return execute({ database: db.current, config: kit.config }, systemActor('test'), createPerson, { name, email, password: PASSWORD, isAdmin: admin });
}

async function client(email: string) {
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(email, PASSWORD)).status).toBe(303);
  return c;
}

/** A public body with a member, a co-member and a secretary; a parent body's member; an outsider in another structure. */
async function scene() {
  const s = await kit.structure();
  const parent = await kit.body(s.structure.id, { name: 'Överordnade gruppen', isPublic: true });
  const body = await kit.body(s.structure.id, { name: 'Gruppen med adresser', parentId: parent.id, isPublic: true });
  const stamp = Date.now();
  const member = await kit.person(`Adela Adressdottir ${stamp}`);
  await kit.membership({ bodyId: body.id, personId: member.id, role: 'member', startOn: '2024-01-01' });
  const coMember = await account(`Kim Kollega ${stamp}`);
  await kit.membership({ bodyId: body.id, personId: coMember.id, role: 'member', startOn: '2024-01-01' });
  const secretary = await account(`Siri Sekreterare ${stamp}`);
  await kit.membership({ bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
  const above = await account(`Otto Ovanför ${stamp}`);
  await kit.membership({ bodyId: parent.id, personId: above.id, role: 'member', startOn: '2024-01-01' });
  const other = await kit.structure();
  const elsewhere = await kit.body(other.structure.id, { name: 'En annan struktur' });
  const outsider = await account(`Olle Utomstående ${stamp}`);
  await kit.membership({ bodyId: elsewhere.id, personId: outsider.id, role: 'chair', startOn: '2024-01-01' });
  return { body, member, coMember, secretary, above, outsider };
}

type DirectoryItem = { id: string; email: string | null };
type Holder = { personId: string; email?: string | null };

async function directoryEmail(c: TestClient, person: { id: string; name: string }) {
  const res = await c.get(`/api/directory?q=${encodeURIComponent(person.name)}`);
  expect(res.status).toBe(200);
  const items = ((await res.json()) as { items: DirectoryItem[] }).items;
  const row = items.find((i) => i.id === person.id);
  expect(row).toBeDefined();
  return row!.email;
}

async function bodyApiEmail(c: TestClient, bodyId: string, personId: string) {
  const res = await c.get(`/api/bodies/${bodyId}`);
  expect(res.status).toBe(200);
  const details = (await res.json()) as { composition: { withoutSeat: Holder[] } };
  const holder = details.composition.withoutSeat.find((h) => h.personId === personId);
  expect(holder).toBeDefined();
  return holder!.email ?? null;
}

describe('who sees e-mail addresses', () => {
  it('the directory API and the person page show an address to a co-member and an administrator, not to someone in another structure', async () => {
    const { member, coMember, outsider } = await scene();
    const admin = await account('Ada Administratör', true);
    const stranger = await client(outsider.email!);
    const colleague = await client(coMember.email!);

    expect(await directoryEmail(stranger, member)).toBeNull();
    expect(await directoryEmail(colleague, member)).toBe(member.email);
    expect(await directoryEmail(await client(admin.email!), member)).toBe(member.email);
    expect(await directoryEmail(stranger, outsider)).toBe(outsider.email);

    const hidden = await (await stranger.get(`/people/${member.id}`)).text();
    expect(hidden).not.toContain(member.email!);
    expect(hidden).toContain('Visas bara för dem som sitter i samma grupp');
    const shown = await (await colleague.get(`/people/${member.id}`)).text();
    expect(shown).toContain(`mailto:${member.email}`);

    const directoryPage = await (await stranger.get(`/people?q=${encodeURIComponent(member.name)}`)).text();
    expect(directoryPage).toContain(member.name);
    expect(directoryPage).not.toContain(member.email!);
  });

  it('a body’s page and API show holders’ addresses to those who share the body only', async () => {
    const { body, member, coMember, above, outsider } = await scene();
    const stranger = await client(outsider.email!);
    const colleague = await client(coMember.email!);
    const fromAbove = await client(above.email!);

    expect(await (await stranger.get(`/bodies/${body.id}`)).text()).not.toContain(member.email!);
    expect(await (await colleague.get(`/bodies/${body.id}`)).text()).toContain(`mailto:${member.email}`);
    // A member of the body above reads the body but shares no body with its members.
    const aboveHtml = await (await fromAbove.get(`/bodies/${body.id}`)).text();
    expect(aboveHtml).toContain(member.name);
    expect(aboveHtml).not.toContain(member.email!);

    expect(await bodyApiEmail(stranger, body.id, member.id)).toBeNull();
    expect(await bodyApiEmail(fromAbove, body.id, member.id)).toBeNull();
    expect(await bodyApiEmail(colleague, body.id, member.id)).toBe(member.email);

    const rows = async (c: TestClient) => ((await (await c.get(`/api/bodies/${body.id}/memberships`)).json()) as { items: { personId: string; personEmail: string | null }[] }).items;
    expect((await rows(colleague)).find((m) => m.personId === member.id)?.personEmail).toBe(member.email);
    expect((await rows(fromAbove)).find((m) => m.personId === member.id)?.personEmail).toBeNull();
  });

  it('the members CSV has the e-mail column only for those who manage the body; other readers get it without the column', async () => {
    const { body, member, coMember, secretary, outsider } = await scene();
    const csv = async (c: TestClient) => {
      const res = await c.get(`/bodies/${body.id}/members.csv`);
      return { status: res.status, text: res.status === 200 ? new TextDecoder().decode(await res.arrayBuffer()) : '' };
    };
    const managed = await csv(await client(secretary.email!));
    expect(managed.status).toBe(200);
    expect(managed.text).toContain('Plats;Företräder;Kontaktyta;Namn;E-post;Roll;Från;Till;Skäl');
    expect(managed.text).toContain(`${member.name};${member.email};Ledamot;2024-01-01`);

    const read = await csv(await client(coMember.email!));
    expect(read.status).toBe(200);
    expect(read.text).toContain('Plats;Företräder;Kontaktyta;Namn;Roll;Från;Till;Skäl');
    expect(read.text).toContain(`${member.name};Ledamot;2024-01-01`);
    expect(read.text).not.toContain('@example');

    expect((await csv(await client(outsider.email!))).status).toBe(403);
  });
});
