import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { useTestDatabase } from './helpers/db.js';
import { createTestApp } from './helpers/app.js';
import { apiTokenFor, bearer, documentOperations, type DocOperation } from './helpers/api.js';
import { people } from '../src/platform/auth/schema.js';
import { sortKey } from '../src/platform/sortkey.js';
import { bodies, organisations, principalKindsTable, principals, structurePrincipals, structures } from '../src/modules/structure/schema.js';
import { fixtureBody, fixturePerson, fixturePrincipal, fixtureStructure } from '../src/modules/structure/samples.js';
import { activities, caseCategories, cases } from '../src/modules/cases/schema.js';
import { caseWorld, fixtureCase, type CaseWorld } from '../src/modules/cases/samples.js';

/*
 * PATCH changes only the fields it sends, on every PATCH operation of the OpenAPI document:
 * each sends one field to an object whose other fields are all set away from their
 * defaults, and every other stored value must stay as it was. A PATCH operation without a
 * case here fails the first test.
 */

const db = useTestDatabase();
let app: ReturnType<typeof createTestApp>['app'];
let patches: DocOperation[];
let world: CaseWorld;
const tokens = { admin: '', secretary: '' };

type Row = Record<string, unknown>;

interface PatchCase {
  who: keyof typeof tokens;
  /** Creates the object; answers its id, its table and what else must stay (links). */
  setup(): Promise<{ id: string; table: PgTable & { id: unknown }; links?: () => Promise<unknown> }>;
  /** The one field sent. */
  send: Record<string, unknown>;
  /** Columns the change may touch besides the field sent. */
  touches?: string[];
}

const rowOf = async (table: PgTable & { id: unknown }, id: string) => {
  const [row] = await db.current.db
    .select()
    .from(table)
    // A table keyed by `key` (principal_kinds) rather than `id`.
    .where(eq(((table as unknown as Record<string, unknown>).id ?? (table as unknown as Record<string, unknown>).key) as never, id));
  return row as Row;
};

const cases_: Record<string, PatchCase> = {
  'structure.updatePrincipalKind': {
    who: 'admin',
    async setup() {
      const key = `stiftelse-${Date.now().toString(36)}`;
      await db.current.db.insert(principalKindsTable).values({ key, nameSv: `Stiftelse ${key}`, nameEn: `Foundation ${key}`, position: 50 });
      return { id: key, table: principalKindsTable as unknown as PgTable & { id: unknown } };
    },
    send: { nameEn: 'Foundation, renamed' },
  },
  'structure.updatePrincipal': {
    who: 'admin',
    async setup() {
      const p = await fixturePrincipal(db.current.db, 'region');
      await db.current.db
        .update(principals)
        .set({ distributionList: ['registrator@region.example.se'] })
        .where(eq(principals.id, p.id));
      return { id: p.id, table: principals };
    },
    send: { name: 'Region Nytt namn' },
    touches: ['sortKey'],
  },
  'structure.updateOrganisation': {
    who: 'admin',
    async setup() {
      const p = await fixturePrincipal(db.current.db, 'municipality');
      const [o] = await db.current.db
        .insert(organisations)
        .values({ principalId: p.id, name: 'Vård och omsorg', shortName: 'VoO', sortKey: sortKey('Vård och omsorg'), distributionList: ['voo@example.se'] })
        .returning();
      return { id: o!.id, table: organisations };
    },
    send: { name: 'Vård och omsorg, förvaltningen' },
    touches: ['sortKey'],
  },
  'structure.updateStructure': {
    who: 'admin',
    async setup() {
      const s = await fixtureStructure(db.current.db);
      await db.current.db.update(structures).set({ shortName: 'SSX', description: 'Östra länsdelen' }).where(eq(structures.id, s.structure.id));
      const links = async () => (await db.current.db.select().from(structurePrincipals).where(eq(structurePrincipals.structureId, s.structure.id))).map((r) => r.principalId).sort();
      expect((await links()).length).toBeGreaterThan(0);
      return { id: s.structure.id, table: structures, links };
    },
    send: { name: 'Strategisk samverkan, nytt namn' },
    touches: ['sortKey'],
  },
  'structure.updateBody': {
    who: 'admin',
    async setup() {
      const body = await fixtureBody(db.current.db, world.structureId, { parentId: world.commissioner.id });
      await db.current.db
        .update(bodies)
        .set({
          isPublic: true,
          minutesKind: 'protocol',
          substitutesAllowed: false,
          sizeMin: 3,
          sizeMax: 9,
          meetingsMin: 2,
          meetingsMax: 6,
          meetingsPer: 'termin',
          physicalMeetingsMinPerYear: 1,
          viceChairOtherKind: true,
          chairReminderDays: 30,
          callOpensDays: 21,
          submissionDeadlineDays: 10,
          agendaPublishDays: 3,
          shortName: 'PG',
        })
        .where(eq(bodies.id, body.id));
      return { id: body.id, table: bodies };
    },
    send: { shortName: 'PGX' },
  },
  'cases.edit': {
    who: 'secretary',
    async setup() {
      const kase = await fixtureCase(db.current.db, world, 'raised');
      await db.current.db.update(cases).set({ description: 'Beskrivningen som ska vara kvar.', newMedicalTask: true }).where(eq(cases.id, kase.id));
      await db.current.db.insert(caseCategories).values({ caseId: kase.id, categoryId: world.goalAreaId });
      const links = async () => (await db.current.db.select().from(caseCategories).where(eq(caseCategories.caseId, kase.id))).map((r) => r.categoryId);
      return { id: kase.id, table: cases, links };
    },
    send: { title: 'En rättad rubrik' },
    touches: ['updatedAt', 'sortKey'],
  },
  'cases.updateActivity': {
    who: 'secretary',
    async setup() {
      const kase = await fixtureCase(db.current.db, world, 'accepted');
      const [line] = await db.current.db.select().from(activities).where(eq(activities.caseId, kase.id));
      await db.current.db
        .update(activities)
        .set({ status: 'yellow', waiting: true, goalAreaId: world.goalAreaId, ownerName: 'Läkemedelscentrum', startOn: '2026-02-01', endOn: '2026-11-30', description: 'Kvar' })
        .where(eq(activities.id, line!.id));
      return { id: line!.id, table: activities };
    },
    send: { description: 'Risk för förseningar under sommaren.' },
    touches: ['updatedAt'],
  },
};

async function patch(op: DocOperation, id: string, body: unknown, who: keyof typeof tokens) {
  const path = op.path.replace(/\{\w+\}/, id);
  return app.request(path, { method: 'PATCH', body: JSON.stringify(body), headers: { ...bearer(tokens[who]), 'content-type': 'application/json' } });
}

describe('PATCH changes only the fields it sends', () => {
  beforeAll(async () => {
    app = createTestApp(db.current).app;
    world = await caseWorld(db.current.db);
    const admin = await fixturePerson(db.current.db);
    await db.current.db.update(people).set({ isAdmin: true }).where(eq(people.id, admin.id));
    tokens.admin = await apiTokenFor(db.current, { id: admin.id });
    tokens.secretary = await apiTokenFor(db.current, { id: world.secretary.id });
    patches = (await documentOperations(app)).operations.filter((op) => op.method === 'patch');
  });

  it('has a case here for every PATCH operation of the document', () => {
    expect(patches.map((op) => op.operationId).sort()).toEqual(Object.keys(cases_).sort());
  });

  it('keeps every field left out, on every PATCH operation', async () => {
    const problems: string[] = [];
    for (const op of patches) {
      const c = cases_[op.operationId]!;
      const { id, table, links } = await c.setup();
      const before = await rowOf(table, id);
      const linksBefore = await links?.();
      const res = await patch(op, id, c.send, c.who);
      if (res.status !== 200) {
        problems.push(`${op.operationId}: ${res.status} ${await res.text()}`);
        continue;
      }
      const after = await rowOf(table, id);
      const [field, value] = Object.entries(c.send)[0]!;
      if (after[field] !== value) problems.push(`${op.operationId}: ${field} is ${String(after[field])}, sent ${String(value)}`);
      for (const key of Object.keys(before)) {
        if (key === field || key === 'version' || c.touches?.includes(key)) continue;
        if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) problems.push(`${op.operationId}: ${key} changed from ${JSON.stringify(before[key])} to ${JSON.stringify(after[key])}`);
      }
      if (links) expect(await links(), `${op.operationId}: links`).toEqual(linksBefore);
    }
    expect(problems).toEqual([]);
  });

  it('documents PATCH bodies with every field optional and no defaults', () => {
    for (const op of patches) {
      const schema = op.requestBody!.content['application/json'].schema as { required?: string[]; properties: Record<string, { default?: unknown }> };
      expect(schema.required, op.operationId).toBeUndefined();
      expect(
        Object.entries(schema.properties).filter(([, s]) => 'default' in s),
        op.operationId,
      ).toEqual([]);
    }
  });

  it('refuses a body that is not a JSON object or not JSON, and a change made in between (409), changing nothing', async () => {
    const op = patches.find((o) => o.operationId === 'structure.updateBody')!;
    const { id } = await cases_['structure.updateBody']!.setup();
    const before = await rowOf(bodies, id);
    for (const body of [[{ shortName: 'X' }], 'X', 7, null]) {
      const res = await patch(op, id, body, 'admin');
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    // Only JSON media types: the request guard checks JSON text for NUL characters, not other text.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await app.request(op.path.replace(/\{\w+\}/, id), { method: 'PATCH', body: '{"shortName":"Z"}', headers: { ...bearer(tokens.admin), 'content-type': type } });
      expect(res.status, type).toBe(415);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const stale = await patch(op, id, { shortName: 'Y', version: Number(before.version) - 1 || 99 }, 'admin');
    expect(stale.status).toBe(409);
    expect(await rowOf(bodies, id)).toEqual(before);
  });
});
