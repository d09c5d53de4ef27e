import { describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { apiTokenFor, bearer } from '../../../tests/helpers/api.js';
import { execute } from '../../platform/commands.js';
import { systemActor } from '../../platform/auth/actor.js';
import { people } from '../../platform/auth/schema.js';
import { createPerson } from '../../platform/auth/commands/people.js';
import { auditLog } from '../../platform/audit/schema.js';
import { drainDueJobs } from '../../platform/worker.js';
import { createLogger } from '../../platform/logger.js';
import { importMembers } from './commands/index.js';
import { LARGE_IMPORT_LINES, dataLinesIn } from './import/runs.js';
import { structureTestKit } from './test-helpers.js';
import { importRuns, memberships, seats } from './schema.js';

/*
 * Large CSV imports run in the background: the form answers at once with a page that shows
 * how far the checking has come, and the worker imports all or nothing as the person who
 * started it.
 */

const db = useTestDatabase();
const kit = structureTestKit(db);
const header = 'Plats;Företräder;Kontaktyta;Namn;E-post;Roll;Från;Till;Skäl';
const PASSWORD = 'ett-bra-lösenord-1';
let n = 0;

function lines(count: number, tag: string, region: string) {
  return Array.from({ length: count }, (_, i) => `Plats ${tag} ${i};${region};;Person ${tag} ${i};${tag}.${i}@example.se;Ledamot;2025-01-01;;`);
}

/** A body with a secretary who is signed in on the pages. */
async function setup() {
  const s = await kit.structure();
  const body = await kit.body(s.structure.id, { name: `Bakgrundsgruppen ${++n}` });
  const secretary = await execute({ database: db.current, config: kit.config }, systemActor('test'), createPerson, {
    name: `Sara Sekreterare ${n}`,
    email: `bg-sekr-${n}-${Date.now()}@example.org`,
    password: PASSWORD,
  });
  await kit.membership({ bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
  const { app } = createTestApp(db.current);
  const client = new TestClient(app);
  expect((await client.login(secretary.email!, PASSWORD)).status).toBe(303);
  return { ...s, body, secretary, app, client };
}

async function postFile(client: TestClient, bodyId: string, csv: string) {
  const form = new FormData();
  form.set('file', new File([csv], 'ledamoter.csv', { type: 'text/csv' }));
  return client.postMultipart(`/bodies/${bodyId}/import`, form);
}

const work = () => drainDueJobs({ database: db.current, config: kit.config, logger: createLogger('silent') });

describe('background CSV imports', () => {
  it('counts the data lines of a file in any line-ending and encoding', () => {
    expect(dataLinesIn('a\r\nb\r\nc')).toBe(2);
    expect(dataLinesIn('a\rb\rc\r')).toBe(3);
    expect(dataLinesIn(new Uint8Array([0x61, 0x0a, 0xe5, 0x0a]))).toBe(2);
  });

  it('reports the progress of the checking in chunks of lines, ending with every line', async () => {
    const { body, region } = await kit.structure().then(async (s) => ({ ...s, body: await kit.body(s.structure.id, { name: `Framstegsgruppen ${++n}` }) }));
    const seen: [number, number][] = [];
    const csv = [header, ...lines(900, 'steg', region.name)].join('\n');
    await execute(
      { database: db.current, config: kit.config },
      systemActor('test'),
      importMembers,
      { bodyId: body.id, csv, dryRun: true },
      { progress: async (done, total) => void seen.push([done, total]) },
    );
    expect(seen).toEqual([200, 400, 600, 800, 900].map((done) => [done, 900]));
  });

  it('runs a large file in the background: the page shows the run, the worker imports it, the page and the API show the report', async () => {
    const { body, region, client, secretary } = await setup();
    const count = LARGE_IMPORT_LINES + 200;
    // Two empty lines at the end: counted as lines when the run starts, not by the checking.
    const posted = await postFile(client, body.id, [header, ...lines(count, 'bg', region.name), '', ''].join('\r\n'));
    expect(posted.status).toBe(303);
    const runPath = posted.headers.get('location')!;
    const runId = runPath.split('/').pop()!;

    const queued = await (await client.get(runPath)).text();
    expect(queued).toContain(`Väntar på att starta (${count + 2} rader).`);
    expect(queued).toMatch(/<progress id="import-progress" max="\d+" value="0">/);
    expect(queued).toContain(`hx-get="${runPath}"`);
    expect(queued).toContain('hx-trigger="every 2s"');
    expect(queued).toContain(`<a href="${runPath}">Uppdatera sidan</a>`);
    // Reachable from the import page.
    expect(await (await client.get(`/bodies/${body.id}/import`)).text()).toContain(`href="${runPath}"`);
    // Nothing is imported before the worker runs.
    expect(await db.current.db.select().from(seats).where(eq(seats.bodyId, body.id))).toHaveLength(0);

    expect((await work()).dead).toBe(0);
    const done = await (await client.get(runPath)).text();
    expect(done).toContain(`Klar: ${count} rader är importerade.`);
    expect(done).toContain(`<progress id="import-progress" max="${count}" value="${count}">`);
    expect(done).not.toContain('hx-trigger');
    expect(
      await db.current.db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.bodyId, body.id), eq(memberships.role, 'member'))),
    ).toHaveLength(count);

    const [run] = await db.current.db.select().from(importRuns).where(eq(importRuns.id, runId));
    expect(run).toMatchObject({ status: 'done', linesDone: count, linesTotal: count, input: null, personId: secretary.id });
    // The import is audited as the secretary's, like one made in the form.
    const audit = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, body.id), eq(auditLog.operation, 'structure.importMembers')));
    expect(audit.map((a) => a.actorId)).toEqual([secretary.id]);
    expect(
      await db.current.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.objectId, runId), eq(auditLog.operation, 'structure.startImportRun'))),
    ).toHaveLength(1);

    const token = await apiTokenFor(db.current, { id: secretary.id });
    const { app } = createTestApp(db.current);
    const api = await app.request(`/api/bodies/${body.id}/import-runs/${runId}`, { headers: bearer(token) });
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ id: runId, status: 'done', linesDone: count, report: { imported: true, rows: count, membershipsCreated: count } });
  });

  it('refuses a large file with one bad line: nothing is imported, the page lists the problem by line', async () => {
    const { body, region, client } = await setup();
    const rows = lines(LARGE_IMPORT_LINES + 50, 'felbg', region.name);
    rows[1001] = `Plats fel;${region.name};;Person fel;felbg.x@example.se;Kung;2025-01-01;;`;
    const posted = await postFile(client, body.id, [header, ...rows].join('\n'));
    const runPath = posted.headers.get('location')!;
    await work();
    const page = await (await client.get(runPath)).text();
    expect(page).toContain('Filen har 1 fel. Inget har importerats.');
    expect(page).toMatch(/<li>Rad 1003: Okänd roll ”Kung”/);
    expect(await db.current.db.select().from(seats).where(eq(seats.bodyId, body.id))).toHaveLength(0);
    expect(await db.current.db.select().from(people).where(like(people.email, 'felbg.%@example.se'))).toHaveLength(0);
    const [run] = await db.current.db.select().from(importRuns).where(eq(importRuns.bodyId, body.id));
    expect(run).toMatchObject({ status: 'refused', input: null });
  });

  it('starts a run through the API, and shows a run only to those who manage its body', async () => {
    const { body, region, secretary } = await setup();
    const other = await setup();
    const { app } = createTestApp(db.current);
    const token = await apiTokenFor(db.current, { id: secretary.id });
    const csv = [header, ...lines(3, 'api', region.name)].join('\n');
    const started = await app.request(`/api/bodies/${body.id}/import-runs`, {
      method: 'POST',
      body: JSON.stringify({ csv, dryRun: true }),
      headers: { ...bearer(token), 'content-type': 'application/json' },
    });
    expect(started.status).toBe(201);
    const run = (await started.json()) as { id: string; status: string; dryRun: boolean };
    expect(run).toMatchObject({ status: 'queued', dryRun: true });
    await work();
    const read = await app.request(`/api/bodies/${body.id}/import-runs/${run.id}`, { headers: bearer(token) });
    expect(await read.json()).toMatchObject({ status: 'done', report: { dryRun: true, imported: false, rows: 3 } });
    expect(await db.current.db.select().from(seats).where(eq(seats.bodyId, body.id))).toHaveLength(0);

    // Another body's secretary: not theirs to manage; the run under their own body's id does not exist.
    expect((await other.client.get(`/bodies/${body.id}/import/runs/${run.id}`)).status).toBe(403);
    expect((await other.client.get(`/bodies/${other.body.id}/import/runs/${run.id}`)).status).toBe(404);
    expect((await other.client.get(`/bodies/${other.body.id}/import/runs/inte-ett-id`)).status).toBe(404);
    const otherToken = await apiTokenFor(db.current, { id: other.secretary.id });
    expect((await app.request(`/api/bodies/${body.id}/import-runs/${run.id}`, { headers: bearer(otherToken) })).status).toBe(403);
    expect(
      (await app.request(`/api/bodies/${body.id}/import-runs`, { method: 'POST', body: JSON.stringify({ csv }), headers: { ...bearer(otherToken), 'content-type': 'application/json' } })).status,
    ).toBe(403);
  });

  it('shows how far the checking has come, in Swedish and in English', async () => {
    const { body, client, secretary } = await setup();
    const [run] = await db.current.db.insert(importRuns).values({ bodyId: body.id, personId: secretary.id, dryRun: false, status: 'checking', linesTotal: 1500, linesDone: 400 }).returning();
    const page = await (await client.get(`/bodies/${body.id}/import/runs/${run!.id}`)).text();
    expect(page).toContain('<label for="import-progress">Kontrollerar rad 400 av 1500.</label>');
    expect(page).toContain('<progress id="import-progress" max="1500" value="400">');
    client.cookies.set('lang', 'en');
    const english = await (await client.get(`/bodies/${body.id}/import/runs/${run!.id}`)).text();
    expect(english).toContain('Checking row 400 of 1500.');
  });
});
