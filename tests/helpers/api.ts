import type { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../src/platform/http/context.js';
import type { Database } from '../../src/platform/db/client.js';
import { execute } from '../../src/platform/commands.js';
import { people } from '../../src/platform/auth/schema.js';
import { createApiToken } from '../../src/platform/auth/commands/api-tokens.js';
import { testConfig } from './app.js';

/** Helpers for the tests that go over every operation of the OpenAPI document. */

export interface DocOperation {
  method: string;
  /** The OpenAPI path template, e.g. /api/bodies/{id}. */
  path: string;
  operationId: string;
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  security: Record<string, string[]>[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Omit<DocOperation, 'method' | 'path'>>>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

/** The served OpenAPI document and its operations, one entry per path and method. */
export async function documentOperations(app: Hono<AppEnv>): Promise<{ doc: OpenApiDoc; operations: DocOperation[] }> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as OpenApiDoc;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ ...op, method, path })));
  return { doc, operations };
}

/** True when the operation needs the bearer token (no anonymous alternative). */
export const needsToken = (op: DocOperation) => !op.security.some((s) => Object.keys(s).length === 0);

/** A personal API token of a person (by e-mail or id), created by the same command as in the app. */
export async function apiTokenFor(database: Database, who: { email: string } | { id: string }): Promise<string> {
  const [p] = await database.db
    .select()
    .from(people)
    .where('email' in who ? eq(people.email, who.email) : eq(people.id, who.id));
  if (!p) throw new Error(`No such person: ${JSON.stringify(who)}`);
  const actor = { kind: 'person' as const, personId: p.id, name: p.name, isAdmin: p.isAdmin, via: 'token' as const };
  const { token } = await execute({ database, config: testConfig() }, actor, createApiToken, { name: 'Test' });
  return token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The path template with its parameters filled in (each value URL-encoded unless raw). */
export function fillPath(template: string, values: Record<string, string>, raw = false): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`No value for {${name}} in ${template}`);
    return raw ? v : encodeURIComponent(v);
  });
}

/** The parameter names of a path template. */
export const pathParams = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** Path parameters named after another collection than the segment before them. */
const COLLECTION_OF_SEGMENT: Record<string, string> = { anchoring: 'principals', adoptions: 'principals' };

/**
 * A path with each parameter filled from sample ids keyed by the collection the segment
 * before it names (/api/bodies/{id} takes ids.bodies). Throws for a parameter it cannot
 * fill, so a new kind of path fails the tests that use this until they know it.
 */
export function samplePath(template: string, ids: Record<string, string | undefined>): string {
  const segments = template.split('/');
  return segments
    .map((segment, i) => {
      const m = /^\{(\w+)\}$/.exec(segment);
      if (!m) return segment;
      const before = segments[i - 1]!;
      const collection = COLLECTION_OF_SEGMENT[before] ?? before;
      const value = ids[collection];
      if (value === undefined) throw new Error(`No sample id for {${m[1]}} after /${before}/ in ${template}`);
      return encodeURIComponent(value);
    })
    .join('/');
}
