import { describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { execute, type CommandContext } from '../../platform/commands.js';
import { systemActor } from '../../platform/auth/actor.js';
import { people } from '../../platform/auth/schema.js';
import { createPerson } from '../../platform/auth/commands/people.js';
import { auditLog } from '../../platform/audit/schema.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { ConflictError, ValidationError } from '../../platform/http/errors.js';
import { importMembers } from './commands/index.js';
import { structureTestKit } from './test-helpers.js';
import { drainDueJobs } from '../../platform/worker.js';
import { createLogger } from '../../platform/logger.js';
import { memberships, seats } from './schema.js';

/*
 * Large CSV imports: checked outside any transaction in chunks that give other requests
 * their turn, then written in one short transaction; a refused file writes nothing.
 */

const db = useTestDatabase();
const kit = structureTestKit(db);
const header = 'Plats;Företräder;Kontaktyta;Namn;E-post;Roll;Från;Till;Skäl';
const PASSWORD = 'ett-bra-lösenord-1';
let n = 0;

function lines(count: number, tag: string, region: string) {
  return Array.from({ length: count }, (_, i) => `Plats ${tag} ${i};${region};Yta ${i % 20};Person ${tag} ${i};${tag}.${i}@example.se;Ledamot;2025-01-01;;`);
}

async function setup(values: Parameters<typeof kit.body>[1] = {}) {
  const s = await kit.structure();
  const body = await kit.body(s.structure.id, { name: `Importgruppen ${++n}`, isPublic: true, ...values });
  return { ...s, body };
}

describe('large CSV imports', () => {
  it('answers a page that reads the database while a 2,000-line import runs', async () => {
    const { body, region } = await setup();
    const secretary = await execute({ database: db.current, config: kit.config }, systemActor('test'), createPerson, {
      name: 'Sara Sekreterare',
      email: `import-sekr-${Date.now()}@example.org`,
      password: PASSWORD,
    });
    await kit.membership({ bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
    // Over real HTTP, as browsers reach the server: every request arrives as I/O.
    const { app } = createTestApp(db.current);
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const c = new TestClient(url);
      expect((await c.login(secretary.email!, PASSWORD)).status).toBe(303);
      const reader = new TestClient(url);
      expect((await reader.get(`/bodies/${body.id}`)).status).toBe(200);

      // A file this large is imported in the background: the form answers at once with the
      // run's page, and the worker (here in the same process as the server) does the work.
      const form = new FormData();
      form.set('file', new File([[header, ...lines(2000, 'stor', region.name)].join('\r\n')], 'ledamoter.csv', { type: 'text/csv' }));
      const posted = await c.postMultipart(`/bodies/${body.id}/import`, form);
      expect(posted.status).toBe(303);
      const runPath = posted.headers.get('location')!;
      expect(runPath).toMatch(new RegExp(`^/bodies/${body.id}/import/runs/[0-9a-f-]{36}$`));
      let finished = false;
      const importing = drainDueJobs({ database: db.current, config: kit.config, logger: createLogger('silent') }).finally(() => {
        finished = true;
      });
      // The body page reads the database on every request: count the answers that come while
      // the import runs. (An import that held the database from its first step to its end
      // would let at most the one request already under way through, hence two.)
      let answeredDuring = 0;
      while (!finished) {
        const page = await reader.get(`/bodies/${body.id}`);
        expect(page.status).toBe(200);
        await page.text();
        if (!finished) answeredDuring++;
      }
      expect((await importing).dead).toBe(0);
      const done = await (await c.get(runPath)).text();
      expect(done).toContain('Klar: 2000 rader är importerade.');
      expect(done).toContain('Importen är klar: 2000 rader');
      expect(answeredDuring).toBeGreaterThanOrEqual(2);
    } finally {
      server.close();
    }
    expect(
      await db.current.db
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.bodyId, body.id), eq(memberships.role, 'member'))),
    ).toHaveLength(2000);
  });

  it('refuses a large file with one bad line and imports nothing, not even what the good lines create', async () => {
    const { body, region } = await setup();
    const rows = lines(1500, 'fel', region.name);
    rows[1234] = `Plats fel x;${region.name};;Person fel x;fel.x@example.se;Kung;2025-01-01;;`;
    const error = await kit.run(importMembers, { bodyId: body.id, csv: [header, ...rows].join('\n') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.map((f) => f.message)).toEqual([expect.stringMatching(/^Rad 1236: Okänd roll ”Kung”/)]);
    expect(await db.current.db.select().from(seats).where(eq(seats.bodyId, body.id))).toHaveLength(0);
    expect(await db.current.db.select().from(people).where(like(people.email, 'fel.%@example.se'))).toHaveLength(0);
    expect(await db.current.db.select().from(auditLog).where(eq(auditLog.objectId, body.id))).toHaveLength(0);
  });

  it('applies the rules across the lines of one file as the forms do, reporting each problem by line', async () => {
    const { body, region } = await setup({ substitutesAllowed: true });
    const csv = [
      header,
      `Regionens plats;${region.name};;Anna Ledamot;anna.regel@example.se;Ledamot;2025-01-01;;`,
      `Regionens plats;${region.name};;Bo Ersättare;bo.regel@example.se;Ersättare;2025-01-01;;`,
      `Regionens plats;${region.name};;Cecilia Tvåa;cecilia.regel@example.se;Ledamot;2025-06-01;;`,
      `;;;Anna Ledamot;anna.regel@example.se;Adjungerad;2025-01-01;;Läkemedel`,
      `;;;Anna Ledamot;anna.regel@example.se;Adjungerad;2025-03-01;2025-04-01;Igen`,
      `;;;Anna Ledamot;anna.regel@example.se;Ersättare;2025-01-01;;`,
    ].join('\n');
    const error = (await kit.run(importMembers, { bodyId: body.id, csv, dryRun: true }).catch((e: unknown) => e)) as ValidationError;
    expect(error.fieldErrors.map((f) => f.message)).toEqual([
      expect.stringMatching(/^Rad 4: Platsen ”Regionens plats” innehas av Anna Ledamot 2025-01-01–tills vidare/),
      expect.stringMatching(/^Rad 6: Anna Ledamot är redan adjungerad/),
      expect.stringMatching(/^Rad 7: En ersättare behöver en plats/),
    ]);
  });

  it('imports a member and a substitute for that member from the same file, with one audit row per created object', async () => {
    const { body, region } = await setup({ substitutesAllowed: true });
    const csv = [
      header,
      `Regionens plats;${region.name};Läkemedel;Anna Ledamot;anna.sub@example.se;Ledamot;2025-01-01;;`,
      `Regionens plats;${region.name};;Bo Ersättare;bo.sub@example.se;Ersättare;2025-01-01;;`,
    ].join('\r\n');
    const report = await kit.run(importMembers, { bodyId: body.id, csv });
    expect(report).toMatchObject({ imported: true, seatsCreated: 1, membershipsCreated: 2, peopleCreated: 2, contactSurfacesCreated: 1 });
    const rows = await db.current.db.select().from(memberships).where(eq(memberships.bodyId, body.id));
    const member = rows.find((m) => m.role === 'member')!;
    const substitute = rows.find((m) => m.role === 'substitute')!;
    expect(substitute.substituteForMembershipId).toBe(member.id);
    expect(substitute.seatId).toBe(member.seatId);
    const audit = await db.current.db.select().from(auditLog).where(eq(auditLog.operation, 'structure.importMembers'));
    const types = (id: string) => audit.filter((a) => a.objectId === id).map((a) => a.objectType);
    expect(types(member.id)).toEqual(['membership']);
    expect(types(member.seatId!)).toEqual(['seat']);
    expect(types(member.personId)).toEqual(['person']);
    expect(audit.find((a) => a.objectId === member.id)!.after).toMatchObject({ id: member.id, bodyId: body.id, role: 'member', startOn: '2025-01-01' });
    expect(audit.find((a) => a.objectId === member.personId)!.after).not.toHaveProperty('passwordHash');
    expect(audit.filter((a) => a.objectId === body.id)).toHaveLength(1);
  });

  it('ends the current chair when the file appoints a new one from a later day', async () => {
    const { body } = await setup();
    const current = await kit.person('Olle Ordförande');
    const chair = await kit.membership({ bodyId: body.id, personId: current.id, role: 'chair', startOn: '2024-01-01' });
    const csv = `${header}\n;;;Nina Ny;nina.ordf@example.se;Ordförande;2026-01-01;;\n`;
    await kit.run(importMembers, { bodyId: body.id, csv });
    const [ended] = await db.current.db.select().from(memberships).where(eq(memberships.id, chair.id));
    expect(ended!.endOn).toBe('2025-12-31');
    const history = await db.current.db.select().from(auditLog).where(eq(auditLog.objectId, chair.id));
    expect(history.map((a) => a.operation)).toEqual(['structure.importMembers']);
  });

  it('reads a UTF-8 file with a byte order mark', async () => {
    const { body, region } = await setup();
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${header}\nÖverläkare;${region.name};;Åsa Öberg;asa.bom@example.se;Ledamot;2025-01-01;;\n`)]);
    const report = await kit.run(importMembers, { bodyId: body.id, csvBase64: bytes.toString('base64') });
    expect(report).toMatchObject({ encoding: 'utf-8', seatsCreated: 1 });
    const [seat] = await db.current.db.select().from(seats).where(eq(seats.bodyId, body.id));
    expect(seat!.function).toBe('Överläkare');
  });

  it('refuses to write a checked file when the body changed before the writing began', async () => {
    const { body, region } = await setup();
    const input = { bodyId: body.id, csv: [header, ...lines(3, 'andrad', region.name)].join('\n'), dryRun: false };
    const actor = systemActor('test');
    const now = new Date();
    const prepared = await importMembers.prepare!(importMembers.input.parse(input), { database: db.current, config: kit.config, actor, now });
    await kit.membership({ bodyId: body.id, personId: (await kit.person('Under tiden')).id, role: 'member', startOn: '2025-01-01' });
    const refused = await db.current.db
      .transaction(async (tx) => {
        const ctx: CommandContext = { tx, actor, now, config: kit.config, audit: (e) => writeAudit(tx, actor, { operation: importMembers.name, ...e }) };
        return importMembers.run(ctx, importMembers.input.parse(input), prepared);
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(await db.current.db.select().from(seats).where(eq(seats.bodyId, body.id))).toHaveLength(0);
  });
});
