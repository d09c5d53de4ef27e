import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from './helpers/db.js';
import { createTestApp } from './helpers/app.js';
import { apiTokenFor, bearer, documentOperations, samplePath, type DocOperation } from './helpers/api.js';
import { people } from '../src/platform/auth/schema.js';
import { fixtureBody, fixturePerson, fixtureStructure } from '../src/modules/structure/samples.js';
import { organisations } from '../src/modules/structure/schema.js';
import { activities } from '../src/modules/cases/schema.js';
import { caseWorld, fixtureCase, fixtureMeetingOf } from '../src/modules/cases/samples.js';

/*
 * Bad input on every operation of the OpenAPI document: path and query parameters replaced
 * with garbage (NUL, overlong, wrong types, another structure's ids, broken encodings) and
 * JSON bodies with wrong types, missing and extra fields, NUL characters, huge strings,
 * arrays for objects, invalid JSON and invalid UTF-8. No answer may be a 5xx, and every
 * 4xx is problem details. Deterministic (a seeded generator) and bounded in count.
 */

const SEED = 20261207;
const VARIANTS_PER_OPERATION = 6;

/** mulberry32: a small, seedable pseudo-random generator. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

type Rng = ReturnType<typeof generator>;
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = Record<string, unknown>;

const db = useTestDatabase();
let app: ReturnType<typeof createTestApp>['app'];
let operations: DocOperation[];
const ids: Record<string, string> = {};
let otherIds: string[] = [];
const tokens: string[] = [];

/** A plausible value for a JSON schema: the starting point that the mutations break. */
function sampleOf(schema: Schema | undefined, rng: Rng, depth = 0): Json {
  if (!schema || depth > 6) return null;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options?.length) return sampleOf(options.find((o) => o.type !== 'null') ?? options[0], rng, depth + 1);
  }
  if ('const' in schema) return schema.const as Json;
  if (Array.isArray(schema.enum)) return schema.enum[0] as Json;
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined);
  switch (type) {
    case 'string': {
      const format = schema.format as string | undefined;
      if (format === 'uuid') return rng.pick(Object.values(ids).filter((v) => v.length === 36));
      if (format === 'date') return '2026-05-04';
      if (format === 'date-time') return '2026-05-04T09:00:00+02:00';
      if (format === 'email') return 'namn@example.se';
      if (format === 'uri') return 'https://example.se/dokument';
      const min = Number(schema.minLength ?? 1);
      return 'Text'.padEnd(min, 'x');
    }
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array': {
      const n = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: n }, () => sampleOf(schema.items as Schema, rng, depth + 1));
    }
    case 'object': {
      const out: Record<string, Json> = {};
      for (const [k, s] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) out[k] = sampleOf(s, rng, depth + 1);
      return out;
    }
    default:
      return 'Text';
  }
}

const NUL = 'a\u0000b';
const garbageParams = [
  '%00',
  'a%00b',
  'x'.repeat(3000),
  '-1',
  '0',
  '1e400',
  'null',
  'true',
  '%FF%FE',
  '%E2%82',
  '..%2F..%2Fetc%2Fpasswd',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '%C3%85%C3%84%C3%96',
  '%20',
  '%F0%9F%98%80',
];
const garbageQuery = ['%00', 'a%00b', 'x'.repeat(3000), '-1', '0', '1.5', '1e400', '99999999999999999999', 'abc', 'true', '[]', '%FF', '2026-02-30', '%E2%82'];
const wrongTypes: Json[] = [123, -1, 1e308, 0.5, 'text', '', true, false, null, [], {}, [1, 2], { a: { b: {} } }, 'x'.repeat(5000)];

interface Variant {
  label: string;
  path: string;
  query: string;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
}

function fuzzVariants(op: DocOperation, rng: Rng): Variant[] {
  const basePath = samplePath(op.path, ids);
  const params = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content['application/json'].schema;
  const base = bodySchema ? (sampleOf(bodySchema, rng) as Record<string, Json>) : undefined;
  const out: Variant[] = [{ label: 'plausible', path: basePath, query: '', body: base ? JSON.stringify(base) : undefined }];
  const strategies: (() => Variant)[] = [];
  if (params.length) {
    strategies.push(() => {
      const p = rng.pick(params);
      const value = rng.next() < 0.3 ? rng.pick(otherIds) : rng.pick(garbageParams);
      const segments = op.path.split('/');
      const at = segments.indexOf(`{${p.name}}`);
      const filled = basePath.split('/');
      filled[at] = value;
      return { label: `path ${p.name}=${value.slice(0, 40)}`, path: filled.join('/'), query: '', body: base ? JSON.stringify(base) : undefined };
    });
  }
  strategies.push(() => {
    const names = [...queryParams.map((p) => p.name), 'unknown'];
    const query = names.map((n) => `${n}=${rng.next() < 0.25 ? rng.pick(otherIds) : rng.pick(garbageQuery)}`).join('&');
    return { label: `query ${query.slice(0, 60)}`, path: basePath, query, body: base ? JSON.stringify(base) : undefined };
  });
  if (base && typeof base === 'object') {
    const keys = Object.keys(base);
    const stringKeys = keys.filter((k) => typeof base[k] === 'string');
    const withBody = (label: string, body: string | Uint8Array<ArrayBuffer>, contentType?: string): Variant => ({ label, path: basePath, query: '', body, contentType });
    strategies.push(() => {
      const k = keys.length ? rng.pick(keys) : 'field';
      const v = rng.pick(wrongTypes);
      return withBody(`wrong type ${k}=${JSON.stringify(v).slice(0, 30)}`, JSON.stringify({ ...base, [k]: v }));
    });
    strategies.push(() => {
      const required = (bodySchema!.required as string[] | undefined) ?? keys;
      const drop = rng.next() < 0.5 ? required : [rng.pick(required.length ? required : ['x'])];
      return withBody(`missing ${drop.join(',')}`, JSON.stringify(Object.fromEntries(Object.entries(base).filter(([k]) => !drop.includes(k)))));
    });
    strategies.push(() => withBody('extra fields', `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"unknownField":"x",${JSON.stringify(base).slice(1)}`));
    strategies.push(() => {
      const k = stringKeys.length ? rng.pick(stringKeys) : 'field';
      return withBody(`NUL in ${k}`, JSON.stringify({ ...base, [k]: NUL }));
    });
    strategies.push(() => {
      const k = stringKeys.length ? rng.pick(stringKeys) : 'field';
      return withBody(`huge ${k}`, JSON.stringify({ ...base, [k]: 'å'.repeat(100_000) }));
    });
    strategies.push(() => {
      const nested = keys.filter((k) => base[k] !== null && typeof base[k] === 'object' && !Array.isArray(base[k]));
      return rng.next() < 0.5 || !nested.length
        ? withBody('array for the body', JSON.stringify([base]))
        : withBody(`array for ${nested[0]}`, JSON.stringify({ ...base, [rng.pick(nested)]: [1, 'a', null] }));
    });
    strategies.push(() => withBody('invalid JSON', rng.pick(['{"a":', '{', "{'a':1}", '', '\uFEFF{}', '{"a":1}{"b":2}', '['.repeat(5000), 'NaN', '{"a":1e999999}'])));
    strategies.push(() => {
      const json = Buffer.from(JSON.stringify({ ...base, [stringKeys[0] ?? 'field']: 'XX' }));
      const at = json.indexOf('XX');
      if (at >= 0) json.set([0xff, 0xfe], at);
      return withBody('invalid UTF-8', new Uint8Array(json));
    });
    strategies.push(() => withBody('JSON sent as text/plain', JSON.stringify({ ...base, [stringKeys[0] ?? 'field']: NUL }), 'text/plain'));
  } else if (op.method !== 'get' && op.method !== 'delete') {
    strategies.push(() => ({ label: 'unexpected body', path: basePath, query: '', body: '{"a":' }));
  }
  for (let i = 0; i < VARIANTS_PER_OPERATION && strategies.length; i++) out.push(rng.pick(strategies)());
  return out;
}

async function send(op: DocOperation, v: Variant, token: string) {
  return app.request(v.path + (v.query ? `?${v.query}` : ''), {
    method: op.method.toUpperCase(),
    body: v.body === undefined ? undefined : v.body,
    headers: { ...bearer(token), ...(v.body === undefined ? {} : { 'content-type': v.contentType ?? 'application/json' }) },
  });
}

describe('the API under bad input', () => {
  beforeAll(async () => {
    app = createTestApp(db.current).app;
    const d = db.current.db;
    const world = await caseWorld(d);
    const meeting = await fixtureMeetingOf(d, world.body, 10);
    const kase = await fixtureCase(d, world, 'accepted');
    const [line] = await d.select().from(activities).where(eq(activities.caseId, kase.id));
    const [organisation] = await d.select().from(organisations).limit(1);
    const other = await fixtureStructure(d);
    const otherBody = await fixtureBody(d, other.structure.id);
    const admin = await fixturePerson(d);
    await d.update(people).set({ isAdmin: true }).where(eq(people.id, admin.id));
    tokens.push(await apiTokenFor(db.current, { id: admin.id }), await apiTokenFor(db.current, { id: world.secretary.id }));
    const random = '3f1e2d4c-5b6a-4978-8695-a4b3c2d1e0f9';
    Object.assign(ids, {
      principals: world.principals[0]!.id,
      organisations: organisation!.id,
      structures: world.structureId,
      bodies: world.body.id,
      meetings: meeting.id,
      people: world.members[0]!.id,
      cases: kase.id,
      activities: line!.id,
      versions: '1',
      memberships: random,
      seats: world.members[0]!.seatId,
      submissions: random,
      'agenda-items': random,
      'meeting-attachments': random,
      'minute-items': random,
      'import-runs': random,
      'principal-kinds': 'other',
      commissioners: random,
      actions: random,
      tokens: random,
      notifications: random,
      decisions: random,
      'case-links': random,
    });
    otherIds = [other.structure.id, otherBody.id, other.region.id, other.structure.slug];
    ({ operations } = await documentOperations(app));
  });

  it('answers no 5xx, and every 4xx as problem details', async () => {
    const rng = generator(SEED);
    const failures: string[] = [];
    let requests = 0;
    const undeclared = new Set<string>();
    for (const op of operations) {
      for (const v of fuzzVariants(op, rng)) {
        const token = rng.next() < 0.75 ? tokens[0]! : tokens[1]!;
        const res = await send(op, v, token);
        requests++;
        const type = res.headers.get('content-type') ?? '';
        const text = type.includes('json') ? await res.text() : '';
        const where = `${op.method.toUpperCase()} ${op.path} [${v.label}]`;
        if (res.status >= 500) failures.push(`${where}: ${res.status} ${text.slice(0, 200)}`);
        else if (res.status >= 400 && !type.startsWith('application/problem+json')) failures.push(`${where}: ${res.status} as ${type}`);
        if (!op.responses[String(res.status)]) undeclared.add(`${op.operationId}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect([...undeclared].sort(), 'answers the document does not declare').toEqual([]);
    expect(requests).toBeGreaterThan(operations.length * 5);
  });
});
