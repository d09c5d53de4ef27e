import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { apiTokenFor, bearer } from '../../../tests/helpers/api.js';
import { execute } from '../../platform/commands.js';
import { systemActor } from '../../platform/auth/actor.js';
import { createPerson } from '../../platform/auth/commands/people.js';
import { AppError, messageIn } from '../../platform/http/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { structureTestKit } from './test-helpers.js';
import { createBody, createStructure } from './commands/index.js';
import { bodies, structures } from './schema.js';

const db = useTestDatabase();
const kit = structureTestKit(db);
let n = 0;
const PASSWORD = 'ett-bra-lösenord-1';

/** A name unique to this run whose slug is predictable: "Nätverk läkemedel Åa3" → natverk-lakemedel-aa3. */
const unique = () => `${Date.now().toString(36)}${++n}`;

async function refused(run: Promise<unknown>): Promise<AppError> {
  try {
    await run;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('a slug made from the name instead of a refusal', () => {
  it('makes a structure’s address name from its name when none is given, numbering it when taken', async () => {
    const u = unique();
    const first = await kit.run(createStructure, { name: `Nätverk läkemedel Å${u}` });
    expect(first.slug).toBe(`natverk-lakemedel-a${u}`);
    const second = await kit.run(createStructure, { name: `Nätverk – läkemedel Å${u}`, slug: '  ' });
    expect(second.slug).toBe(`natverk-lakemedel-a${u}-2`);
    const [row] = await db.current.db.select().from(structures).where(eq(structures.id, second.id));
    expect(row!.slug).toBe(`natverk-lakemedel-a${u}-2`);
  });

  it('refuses a typed address name that is not one, suggesting one made from it, in the reader’s language', async () => {
    const u = unique();
    const err = await refused(kit.run(createStructure, { name: `Samla ${u}`, slug: `Nätverk Läkemedel ${u}` }));
    expect(err.status).toBe(422);
    expect(err.fieldErrors.map((f) => f.field)).toEqual(['slug']);
    const sv = translator('sv');
    const en = translator('en');
    expect(messageIn(err, sv)).toContain(`Förslag: natverk-lakemedel-${u}`);
    expect(messageIn(err, en)).toContain(`Suggestion: natverk-lakemedel-${u}`);
    expect(messageIn(err, en)).not.toMatch(/[åäöÅÄÖ]/);
    // Nothing to suggest: says to leave it empty.
    const none = await refused(kit.run(createStructure, { name: `Samla ${u}`, slug: '–!?' }));
    expect(messageIn(none, sv)).toContain('Lämna fältet tomt så skapas det av namnet');
  });

  it('refuses a typed address name that is taken, suggesting a free one', async () => {
    const u = unique();
    await kit.run(createStructure, { name: `Samla ${u}`, slug: `samla-${u}` });
    const err = await refused(kit.run(createStructure, { name: `Samla igen ${u}`, slug: `samla-${u}` }));
    expect(err.status).toBe(409);
    expect(messageIn(err, translator('sv'))).toBe(`Adressnamnet ”samla-${u}” används redan av en annan struktur. Förslag: samla-${u}-2`);
  });

  it('makes a group’s address name from its name within its structure', async () => {
    const s = await kit.structure();
    const top = await kit.run(createBody, { structureId: s.structure.id, name: 'Ledningsgrupp Äldreomsorg', level: 'strategic', kind: 'standing_group', activeFrom: '2024-01-01' });
    expect(top.slug).toBe('ledningsgrupp-aldreomsorg');
    const sub = await kit.run(createBody, { structureId: s.structure.id, parentId: top.id, name: 'Nätverk läkemedel', level: 'local', kind: 'network', activeFrom: '2024-01-01' });
    expect(sub.slug).toBe('natverk-lakemedel');
    const again = await kit.run(createBody, { structureId: s.structure.id, parentId: top.id, name: 'Nätverk: läkemedel', level: 'local', kind: 'network', activeFrom: '2024-01-01' });
    expect(again.slug).toBe('natverk-lakemedel-2');
    const taken = await refused(
      kit.run(createBody, { structureId: s.structure.id, parentId: top.id, slug: 'natverk-lakemedel', name: 'Annat nätverk', level: 'local', kind: 'network', activeFrom: '2024-01-01' }),
    );
    expect(messageIn(taken, translator('en'))).toContain('Suggestion: natverk-lakemedel-3');
    const rows = await db.current.db.select({ slug: bodies.slug }).from(bodies).where(eq(bodies.structureId, s.structure.id));
    expect(rows.map((r) => r.slug).sort()).toEqual(['ledningsgrupp-aldreomsorg', 'natverk-lakemedel', 'natverk-lakemedel-2']);
  });

  it('creates a structure from the form with the address name left empty', async () => {
    const email = `slug${unique()}@example.org`;
    await execute({ database: db.current, config: kit.config }, systemActor('test'), createPerson, { name: 'Adm Slug', email, password: PASSWORD, isAdmin: true });
    const c = new TestClient(createTestApp(db.current).app);
    expect((await c.login(email, PASSWORD)).status).toBe(303);
    const u = unique();
    const ok = await c.post('/structures', { name: `Nätverk läkemedel ${u}`, slug: '', description: '' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/structures/natverk-lakemedel-${u}`);
    const bad = await c.post('/structures', { name: `Nätverk läkemedel ${u}`, slug: 'Nätverk Läkemedel', description: '' });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain('Förslag: natverk-lakemedel');
    expect(html).toContain('value="Nätverk Läkemedel"');
    // The API: the same suggestion, in English for an English reader.
    const token = await apiTokenFor(db.current, { email });
    const api = await c.json('POST', '/api/structures', { name: 'Elder care', slug: 'Elder Care!' }, { ...bearer(token), cookie: 'lang=en' });
    expect(api.status).toBe(422);
    const body = (await api.json()) as { detail: string; errors: { pointer: string; detail: string }[] };
    expect(body.errors).toEqual([{ pointer: '/slug', detail: 'The URL name may only contain lower-case letters a–z, digits and hyphens. Suggestion: elder-care' }]);
  });
});

describe('validation messages in forms and the API name the field by its label, in the request’s language', () => {
  async function admin() {
    const email = `valid${unique()}@example.org`;
    await execute({ database: db.current, config: kit.config }, systemActor('test'), createPerson, { name: 'Adm Valid', email, password: PASSWORD, isAdmin: true });
    const c = new TestClient(createTestApp(db.current).app);
    expect((await c.login(email, PASSWORD)).status).toBe(303);
    return { c, token: await apiTokenFor(db.current, { email }) };
  }

  it('tells a refused form in Swedish and in English', async () => {
    const { c } = await admin();
    const s = await kit.structure();
    const form = { name: '', level: 'strategic', kind: 'standing_group', activeFrom: '1 januari', minutesKind: 'notes', meetingsPer: 'year', chairKindRule: 'any' };
    const sv = await (await c.post(`/structures/${s.structure.slug}/bodies/new`, form)).text();
    expect(sv).toContain('Ange namn.');
    expect(sv).toContain('Gäller från har fel format, skriv ÅÅÅÅ-MM-DD.');
    expect(sv).not.toMatch(/Invalid input|har fel format har fel format/);
    c.cookies.set('lang', 'en');
    const en = await (await c.post(`/structures/${s.structure.slug}/bodies/new`, form)).text();
    expect(en).toContain('Enter name.');
    expect(en).toContain('Active from is not a valid date, write YYYY-MM-DD.');
    expect(en).toContain('Correct 2 errors to save.');
    const long = await (await c.post('/structures', { name: 'x'.repeat(201), slug: '', description: '' })).text();
    expect(long).toContain('Name must be at most 200 characters.');
    expect(long).toContain('Correct 1 error to save.');
  });

  it('tells the API’s problem details in the request’s language, not "Invalid input"', async () => {
    const { c, token } = await admin();
    const sv = await c.json('POST', '/api/structures', { name: 'x'.repeat(201), principalIds: 'none' }, bearer(token));
    expect(sv.status).toBe(422);
    const svBody = (await sv.json()) as { detail: string; errors: { pointer: string; detail: string }[] };
    expect(svBody.detail).toBe('2 uppgifter behöver rättas: Namn får vara högst 200 tecken. Huvudmän som deltar har fel format.');
    expect(svBody.errors).toEqual([
      { pointer: '/name', detail: 'Namn får vara högst 200 tecken.' },
      { pointer: '/principalIds', detail: 'Huvudmän som deltar har fel format.' },
    ]);
    const en = await c.json('POST', '/api/structures', { name: '' }, { ...bearer(token), cookie: 'lang=en' });
    const enBody = (await en.json()) as { detail: string };
    expect(enBody.detail).toBe('One field needs correcting: Enter name.');
  });
});
