import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, gte, isNotNull } from 'drizzle-orm';
import ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { useTestDatabase } from './helpers/db.js';
import { createTestApp } from './helpers/app.js';
import { apiTokenFor, bearer, documentOperations, needsToken, samplePath, type DocOperation, type OpenApiDoc } from './helpers/api.js';
import { people } from '../src/platform/auth/schema.js';
import { apiTokens } from '../src/platform/auth/schema.js';
import { notifications } from '../src/platform/inbox/schema.js';
import { bodies, importRuns, memberships, organisations, principals, structures } from '../src/modules/structure/schema.js';
import { actionItems, decisions, minutes } from '../src/modules/minutes/schema.js';
import { cases } from '../src/modules/cases/schema.js';

/*
 * Every GET operation of the OpenAPI document, called on the demo data with an
 * administrator's API token, an ordinary member's token and no token: each JSON answer must
 * match the operation's response schema (problems the Problem schema), each file its media
 * type, and an operation answers 401 to an anonymous caller exactly when the document says
 * it needs the bearer token.
 */

// Starts from the run's seeded demo (tests/helpers/db.ts).
const db = useTestDatabase({ demo: true });
let app: ReturnType<typeof createTestApp>['app'];
let doc: OpenApiDoc;
let gets: DocOperation[];
const tokens: Record<'admin' | 'member', string> = { admin: '', member: '' };
const ids: Record<string, string> = {};

const ajv = new ajv2020.default({ strict: false, allErrors: true });
ajvFormats.default(ajv);

/** Values for required query parameters, by name. */
const requiredQuery: Record<string, string> = { from: '2026-01-01', to: '2026-12-31' };

function urlOf(op: DocOperation): string {
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    if (p.in !== 'query' || !p.required) continue;
    const v = requiredQuery[p.name];
    if (v === undefined) throw new Error(`${op.operationId}: no sample value for the required query parameter ${p.name}`);
    query.set(p.name, v);
  }
  const q = query.toString();
  return samplePath(op.path, ids) + (q ? `?${q}` : '');
}

/** Sample ids from the demo data: a meeting with locked minutes, its body, structure and decisions. */
async function sampleIds() {
  const d = db.current.db;
  const [m] = await d.select().from(minutes).where(gte(minutes.lockedVersion, 1)).orderBy(asc(minutes.createdAt)).limit(1);
  const [body] = await d.select().from(bodies).where(eq(bodies.id, m!.bodyId));
  const [decision] = await d.select().from(decisions).where(eq(decisions.meetingId, m!.meetingId)).limit(1);
  const [kase] = await d.select().from(cases).orderBy(asc(cases.createdAt)).limit(1);
  const [principal] = await d.select().from(principals).limit(1);
  const [organisation] = await d.select().from(organisations).limit(1);
  const [member] = await d.select().from(people).where(eq(people.email, 'ledamot@example.org'));
  const [membership] = await d.select().from(memberships).where(eq(memberships.personId, member!.id)).limit(1);
  const [structure] = await d.select().from(structures).where(eq(structures.id, body!.structureId));
  const [action] = await d.select().from(actionItems).where(isNotNull(actionItems.ownerPersonId)).limit(1);
  const [token] = await d.select().from(apiTokens).where(eq(apiTokens.personId, member!.id)).limit(1);
  const [notification] = await d
    .select()
    .from(notifications)
    .where(and(eq(notifications.personId, member!.id)))
    .limit(1);
  // A finished background import, so that its answer (report included) is checked against the schema too.
  const [admin] = await d.select().from(people).where(eq(people.email, 'admin@example.org'));
  const report = { dryRun: true, imported: false, encoding: 'utf-8', rows: 1, seatsCreated: 1, membershipsCreated: 1, peopleCreated: 1, contactSurfacesCreated: 0 };
  const [run] = await d.insert(importRuns).values({ bodyId: body!.id, personId: admin!.id, dryRun: true, status: 'done', linesTotal: 1, linesDone: 1, report, finishedAt: new Date() }).returning();
  Object.assign(ids, {
    'import-runs': run!.id,
    meetings: m!.meetingId,
    bodies: body!.id,
    structures: structure!.id,
    decisions: decision!.id,
    cases: kase!.id,
    principals: principal!.id,
    organisations: organisation!.id,
    people: member!.id,
    memberships: membership!.id,
    versions: '1',
    actions: action?.id,
    tokens: token?.id,
    notifications: notification?.id,
  });
}

function check(op: DocOperation, who: string, res: Response, body: string): string[] {
  const status = String(res.status);
  const declared = op.responses[status];
  const where = `${op.operationId} as ${who}: ${res.status}`;
  if (!declared) return [`${where} is not a declared answer (${Object.keys(op.responses).join(', ')}): ${body.slice(0, 300)}`];
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const content = declared.content ?? {};
  if (!content[type]) return [`${where} answered ${type}, declared ${Object.keys(content).join(', ')}`];
  if (type !== 'application/json' && type !== 'application/problem+json') return [];
  const schema = content[type]!.schema;
  const resolved = '$ref' in schema ? doc.components.schemas[String(schema.$ref).split('/').pop()!]! : schema;
  const validate = ajv.compile(resolved);
  if (validate(JSON.parse(body))) return [];
  const errors = new Set((validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`));
  return [`${where} does not match its schema: ${[...errors].slice(0, 10).join('; ')}`];
}

describe('every GET answer of the API matches the OpenAPI document', () => {
  beforeAll(async () => {
    app = createTestApp(db.current).app;
    tokens.admin = await apiTokenFor(db.current, { email: 'admin@example.org' });
    tokens.member = await apiTokenFor(db.current, { email: 'ledamot@example.org' });
    await sampleIds();
    ({ doc, operations: gets } = await documentOperations(app));
    gets = gets.filter((op) => op.method === 'get');
  });

  it('with an administrator’s and a member’s token: every answer is declared and matches its schema', async () => {
    const problems: string[] = [];
    const succeeded = new Set<string>();
    for (const op of gets) {
      const url = urlOf(op);
      for (const who of ['admin', 'member'] as const) {
        const res = await app.request(url, { headers: bearer(tokens[who]) });
        const body = res.headers.get('content-type')?.includes('json') ? await res.text() : '';
        if (res.status < 300) succeeded.add(op.operationId);
        problems.push(...check(op, who, res, body));
      }
    }
    expect(problems).toEqual([]);
    // The samples reach the data: every operation answered one of the two with success.
    expect(gets.map((op) => op.operationId).filter((id) => !succeeded.has(id))).toEqual([]);
    expect(gets.length).toBeGreaterThan(40);
  });

  it('answers 401 to an anonymous caller exactly where the document declares the bearer token', async () => {
    const problems: string[] = [];
    for (const op of gets) {
      const res = await app.request(urlOf(op));
      const declaredNeed = needsToken(op);
      if (declaredNeed !== (res.status === 401)) problems.push(`${op.operationId}: anonymous ${res.status}, document says ${declaredNeed ? 'token needed' : 'token optional'}`);
      if (declaredNeed && !op.responses['401']) problems.push(`${op.operationId}: needs the token but declares no 401`);
      problems.push(...check(op, 'anonymous', res, res.headers.get('content-type')?.includes('json') ? await res.text() : ''));
    }
    expect(problems).toEqual([]);
  });
});
