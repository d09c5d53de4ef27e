import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { hashPassword } from '../../platform/auth/password.js';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { caseWorld, fixtureCase, fixtureMeetingOf, type CaseWorld } from './samples.js';
import { cases } from './schema.js';

const db = useTestDatabase();
let world: CaseWorld;
let secretary: TestClient;
let theApp: ReturnType<typeof createTestApp>['app'];

async function login(personId: string) {
  const [p] = await db.current.db
    .update(people)
    .set({ passwordHash: await hashPassword('ett-bra-lösenord-1') })
    .where(eq(people.id, personId))
    .returning();
  const client = new TestClient(theApp);
  expect((await client.login(p!.email!, 'ett-bra-lösenord-1')).status).toBe(303);
  return client;
}

const api = async (client: TestClient, method: string, path: string, body?: unknown) => client.json(method, path, body, { 'x-csrf-token': await client.csrf() });

describe('the cases API', () => {
  beforeAll(async () => {
    theApp = createTestApp(db.current).app;
    world = await caseWorld(db.current.db);
    secretary = await login(world.secretary.id);
  }, 60_000);

  it('answers 401 without a login', async () => {
    const res = await new TestClient(theApp).get('/api/cases/00000000-0000-0000-0000-000000000000');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('raises a case, reads it with its transitions and abilities, and moves it', async () => {
    const res = await api(secretary, 'POST', '/api/cases', { bodyId: world.body.id, title: 'Via API', description: 'Från ett annat system.', categoryIds: [world.goalAreaId] });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; ref: string; state: string };
    expect(created.state).toBe('raised');
    expect(created.ref).toMatch(/\d{4}\/\d+$/);
    const meeting = await fixtureMeetingOf(db.current.db, world.body, 8);
    const got = (await (await secretary.get(`/api/cases/${created.id}`)).json()) as { transitions: { name: string; allowed: boolean }[]; abilities: Record<string, boolean>; categories: unknown[] };
    expect(got.transitions.map((t) => t.name)).toEqual(['schedule', 'withdraw']);
    expect(got.abilities['cases.manage']).toBe(true);
    expect(got.categories).toHaveLength(1);
    const moved = await api(secretary, 'POST', `/api/cases/${created.id}/transitions`, { transition: 'schedule', meetingId: meeting.id });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { state: string }).state).toBe('on_agenda');
  });

  it('lists my own cases, newest first and paged, with the bodies where I see cases', async () => {
    const raised = await api(secretary, 'POST', '/api/cases', { bodyId: world.body.id, title: 'Mitt senaste ärende' });
    expect(raised.status).toBe(201);
    const { id } = (await raised.json()) as { id: string };
    await fixtureCase(db.current.db, world, 'raised', { raisedByPersonId: world.members[0]!.id });
    const res = await secretary.get('/api/cases?page=1');
    expect(res.status).toBe(200);
    const mine = (await res.json()) as { items: { id: string; bodyName: string; ref: string }[]; page: number; pageSize: number; total: number; bodies: { id: string; open: number }[] };
    expect(mine.items[0]).toMatchObject({ id, bodyName: world.body.name });
    expect(mine.items[0]!.ref).toMatch(/\d{4}\/\d+$/);
    expect(mine).toMatchObject({ page: 1, pageSize: 50 });
    expect(mine.total).toBe((await db.current.db.select().from(cases).where(eq(cases.raisedByPersonId, world.secretary.id))).length);
    expect(mine.bodies.find((b) => b.id === world.body.id)?.open).toBeGreaterThan(0);
    expect((await secretary.get('/api/cases?page=0')).status).toBe(422);
    expect((await new TestClient(theApp).get('/api/cases')).status).toBe(401);
  });

  it('refuses a transition outside the graph with a problem and changes nothing', async () => {
    const kase = await fixtureCase(db.current.db, world, 'raised');
    const res = await api(secretary, 'POST', `/api/cases/${kase.id}/transitions`, { transition: 'implement' });
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { type: string; detail: string };
    expect(problem.detail).toContain('Ta upp på möte');
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.version).toBe(kase.version);
  });

  it('refuses an incomplete directive with the missing parts as problem errors', async () => {
    const kase = await fixtureCase(db.current.db, world, 'working_group');
    const res = await api(secretary, 'POST', `/api/cases/${kase.id}/directive/issue`, { shortDescription: 'Kort' });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { pointer: string; detail: string }[] };
    expect(problem.errors.length).toBeGreaterThanOrEqual(10);
    expect(problem.errors.map((e) => e.detail).join(' ')).toContain('Syfte saknas');
  });

  it('refuses in English to an English reader: the refusal and its field errors carry no Swedish', async () => {
    const english = await login(world.secretary.id);
    english.cookies.set('lang', 'en');
    const kase = await fixtureCase(db.current.db, world, 'raised');
    const res = await api(english, 'POST', `/api/cases/${kase.id}/transitions`, { transition: 'implement' });
    expect(res.status).toBe(409);
    const problem = (await res.json()) as { detail: string };
    expect(problem.detail).toContain('“Put on a meeting”');
    expect(problem.detail).not.toContain('Ta upp på möte');
    expect(problem.detail).not.toContain('Ärendet');
    const wg = await fixtureCase(db.current.db, world, 'working_group');
    const refused = await api(english, 'POST', `/api/cases/${wg.id}/directive/issue`, { shortDescription: 'Kort' });
    expect(refused.status).toBe(422);
    const details = ((await refused.json()) as { errors: { detail: string }[] }).errors.map((e) => e.detail).join(' ');
    expect(details).toContain('The purpose is missing.');
    expect(details).not.toContain('saknas');
  });

  it('records anchoring and adoption per principal', async () => {
    const a = await fixtureCase(db.current.db, world, 'anchoring');
    const res = await api(secretary, 'PUT', `/api/cases/${a.id}/anchoring/${world.principals[0]!.id}`, { position: 'supports', feedback: 'Tillstyrks.' });
    expect(res.status).toBe(200);
    const got = (await (await secretary.get(`/api/cases/${a.id}`)).json()) as { notAnswered: string[] };
    expect(got.notAnswered).toHaveLength(2);
    const r = await fixtureCase(db.current.db, world, 'recommended');
    const ad = await api(secretary, 'PUT', `/api/cases/${r.id}/adoptions/${world.principals[1]!.id}`, { status: 'adopted', committee: 'Socialnämnden', decidedOn: r.raisedOn, reference: 'SN 2026/1' });
    expect(ad.status).toBe(200);
    const after = (await (await secretary.get(`/api/cases/${r.id}`)).json()) as { notAdopted: string[] };
    expect(after.notAdopted).toHaveLength(2);
  });

  it('gives the overviews, the activity plan and the yearly report', async () => {
    await fixtureCase(db.current.db, world, 'accepted');
    const body = (await (await secretary.get(`/api/bodies/${world.body.id}/case-overview?phase=work`)).json()) as {
      counts: Record<string, number>;
      cases: { items: { state: string; waitingFor: unknown }[]; pageSize: number };
    };
    expect(body.cases.pageSize).toBe(50);
    expect(body.cases.items.every((c) => ['accepted', 'working_group', 'assigned', 'in_progress'].includes(c.state))).toBe(true);
    expect(body.counts.accepted).toBeGreaterThan(0);
    const structure = await secretary.get(`/api/structures/${world.structureId}/case-overview?bodyId=${world.body.id}&state=accepted`);
    expect(structure.status).toBe(200);
    const plan = (await (await secretary.get(`/api/bodies/${world.body.id}/activity-plan`)).json()) as { lines: unknown[] };
    expect(plan.lines.length).toBeGreaterThan(0);
    const report = (await (await secretary.get(`/api/bodies/${world.body.id}/case-report`)).json()) as { byPhase: Record<string, number> };
    expect(report.byPhase.work).toBeGreaterThan(0);
    const flow = (await (await secretary.get('/api/case-flow')).json()) as { transitions: Record<string, { to: string }> };
    expect(flow.transitions.accept!.to).toBe('accepted');
  });

  it('is described in the OpenAPI document under the commands\u2019 names', async () => {
    const doc = (await (await new TestClient(theApp).get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const ids = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const id of [
      'cases.raise',
      'cases.transition',
      'cases.appointWorkingGroup',
      'cases.issueDirective',
      'cases.recordStatusReport',
      'cases.recordAnchoring',
      'cases.recordAdoption',
      'cases.sendImplementationNotice',
      'cases.structureOverview',
      'cases.activityPlan',
      'cases.rollActivityPlan',
      'cases.yearlyReport',
    ]) {
      expect(ids).toContain(id);
    }
  });
});
