import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { hashPassword } from '../../platform/auth/password.js';
import { openPglite, type Database } from '../../platform/db/client.js';
import { createTestDatabase } from '../../../tests/helpers/db.js';
import { testDbKind } from '../../../tests/helpers/db-env.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { caseStates, phaseNames, phaseOf, type CaseState, type Phase } from './flow.js';
import { caseWorld, fixtureCase, type CaseWorld } from './samples.js';

/*
 * Every filter of the case overviews (each state, each phase, a state with a phase, with and
 * without a body) on the body page, the structure page and both API overviews, on a database
 * migrated by the process that reads it, as on the first start of the app: on PGlite the
 * enum types the migrations create are then newer than the driver's list of array types.
 */

const PASSWORD = 'ett-bra-lösenord-1';
let database: Database & { dispose(): Promise<void> };
let world: CaseWorld;
let slug: string;
let secretary: TestClient;
/** The title of each case, by body (the case body and the commissioning body) and state. */
const made: { id: string; title: string; bodyId: string; state: CaseState }[] = [];

/** A database migrated in this process: PGlite opened empty and migrated as the app's first start does. */
async function firstStartDatabase(): Promise<Database & { dispose(): Promise<void> }> {
  if (testDbKind() === 'postgres') return createTestDatabase();
  const fresh = await openPglite(undefined);
  await fresh.migrate();
  return Object.assign(fresh, { dispose: () => fresh.close() });
}

beforeAll(async () => {
  database = await firstStartDatabase();
  const db = database.db;
  world = await caseWorld(db);
  for (const body of [world.body, world.commissioner]) {
    for (const state of caseStates) {
      const kase = await fixtureCase(db, world, state, { bodyId: body.id, title: `Filterprov ${body.shortName ?? 'CG'} ${state} slut` });
      made.push({ id: kase.id, title: kase.title, bodyId: body.id, state });
    }
  }
  const rows = await database.query<{ slug: string }>('select slug from structures where id = $1', [world.structureId]);
  slug = rows[0]!.slug;
  await db
    .update(people)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(people.id, world.secretary.id));
  const [p] = await db.select().from(people).where(eq(people.id, world.secretary.id));
  secretary = new TestClient(createTestApp(database).app);
  expect((await secretary.login(p!.email!, PASSWORD)).status).toBe(303);
}, 240_000);

afterAll(async () => {
  await database?.dispose();
});

interface Filter {
  state?: CaseState;
  phase?: Phase;
}

/** Every filter: none, each state, each phase, each state within its phase and within another. */
const filters: Filter[] = [
  {},
  ...caseStates.map((state) => ({ state })),
  ...phaseNames.map((phase) => ({ phase })),
  ...caseStates.map((state) => ({ state, phase: phaseOf(state) })),
  ...caseStates.map((state) => ({ state, phase: phaseNames.find((p) => p !== phaseOf(state))! })),
];

const query = (f: Filter, bodyId?: string) => {
  const q = new URLSearchParams();
  if (f.phase) q.set('phase', f.phase);
  if (f.state) q.set('state', f.state);
  if (bodyId) q.set('bodyId', bodyId);
  return q.size ? `?${q}` : '';
};
const label = (f: Filter, bodyId?: string) => `${f.state ?? '-'}/${f.phase ?? '-'}/${bodyId === world.body.id ? 'body' : bodyId ? 'commissioner' : 'all'}`;

/** The cases a filter lists: a state wins over a phase (statesOf). */
function expected(f: Filter, bodyId?: string) {
  return made.filter((m) => (!bodyId || m.bodyId === bodyId) && (f.state ? m.state === f.state : f.phase ? phaseOf(m.state) === f.phase : true));
}

describe(`every case filter answers with the filtered cases (${testDbKind()})`, () => {
  it('on the body page and the body API overview', async () => {
    for (const f of filters) {
      const want = expected(f, world.body.id);
      const page = await secretary.get(`/bodies/${world.body.id}/cases${query(f)}`);
      expect(page.status, label(f)).toBe(200);
      const html = await page.text();
      for (const m of made) expect(html.includes(m.title), `${label(f)} ${m.title}`).toBe(want.includes(m));
      const api = await secretary.get(`/api/bodies/${world.body.id}/case-overview${query(f)}`);
      expect(api.status, label(f)).toBe(200);
      const json = (await api.json()) as { cases: { total: number; items: { id: string }[] } };
      expect(json.cases.items.map((i) => i.id).sort(), label(f)).toEqual(want.map((m) => m.id).sort());
      expect(json.cases.total, label(f)).toBe(want.length);
    }
  });

  it('on the structure page and the structure API overview, with and without a body', async () => {
    for (const bodyId of [undefined, world.body.id, world.commissioner.id]) {
      for (const f of filters) {
        const want = expected(f, bodyId);
        const page = await secretary.get(`/structures/${slug}/cases${query(f, bodyId)}`);
        expect(page.status, label(f, bodyId)).toBe(200);
        const html = await page.text();
        for (const m of made) expect(html.includes(m.title), `${label(f, bodyId)} ${m.title}`).toBe(want.includes(m));
        const api = await secretary.get(`/api/structures/${world.structureId}/case-overview${query(f, bodyId)}`);
        expect(api.status, label(f, bodyId)).toBe(200);
        const json = (await api.json()) as { cases: { total: number; items: { id: string }[] } };
        expect(json.cases.items.map((i) => i.id).sort(), label(f, bodyId)).toEqual(want.map((m) => m.id).sort());
        expect(json.cases.total, label(f, bodyId)).toBe(want.length);
      }
    }
  });
});
