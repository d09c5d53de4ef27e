import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from './context.js';
import { keyedError } from '../refusals.js';
import { refuse } from '../refusals.js';
import { parseOrThrow } from './validation.js';
import { operationLabels } from '../commands.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface ApiOperationSpec<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined, R extends z.ZodType = z.ZodType> {
  method: Method;
  /** Hono path, e.g. /api/principals/:id */
  path: string;
  /** Same name as the command it runs, e.g. structure.createPrincipal */
  operationId: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Status of a successful answer; 200 unless given. */
  status?: 200 | 201 | 202 | 204;
  /**
   * Problem statuses this operation may answer, besides 500. 401 means it needs a login:
   * anonymous callers are refused before anything else and the document declares the
   * bearer token for it.
   */
  errors?: number[];
  /**
   * Required for PATCH: the object's current values in the body's shape. The fields sent are
   * merged over them before the body schema validates the whole, so a PATCH changes only
   * the fields it sends (defaults never fill a field left out). Include the object's
   * version: a change made in between then answers 409 instead of being overwritten.
   */
  current?: (c: Context<AppEnv>, params: Out<P>) => Promise<Record<string, unknown>>;
  /** For a file answer (apiFileRoute): its media types instead of JSON. */
  produces?: string[];
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

interface ApiInput<B, Q, P> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
}

type AnySpec = ApiOperationSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

const registry: AnySpec[] = [];

/** Every operation registered so far (for the OpenAPI document and route tests). */
export function apiOperations(): readonly AnySpec[] {
  return registry;
}

/** True when the operation needs a login (it declares 401). */
const needsLogin = (spec: { errors?: number[] | undefined }) => (spec.errors ?? []).includes(401);

/** The path parameters and the query string of a request, validated by the operation's schemas; anonymous callers of an operation that needs a login are refused first. */
function paramsAndQuery(spec: { operationId: string; params?: z.ZodType | undefined; query?: z.ZodType | undefined; errors?: number[] | undefined }, c: Context<AppEnv>) {
  if (needsLogin(spec) && c.get('actor').kind !== 'person') throw keyedError(401, 'unauthenticated', 'auth.refused.unauthenticated');
  return {
    params: spec.params ? parseOrThrow(spec.params, c.req.param(), c.get('t')) : undefined,
    query: spec.query ? parseOrThrow(spec.query, c.req.query(), c.get('t'), () => operationLabels(spec.operationId, c.get('t'))) : undefined,
  };
}

/**
 * Registers a JSON route: the same zod schemas validate the request and describe it
 * in the OpenAPI document. The handler returns data; this writes the JSON.
 */
export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined, R extends z.ZodType = z.ZodType>(
  app: Hono<AppEnv>,
  spec: ApiOperationSpec<B, Q, P, R>,
  handler: (c: Context<AppEnv>, input: ApiInput<B, Q, P>) => Promise<z.input<R>> | z.input<R>,
): void {
  if (spec.method === 'patch' && (!spec.body || !spec.current)) throw new Error(`${spec.operationId}: a PATCH operation needs a body schema and current values`);
  if (!registry.some((r) => r.operationId === spec.operationId)) registry.push(spec as never);
  app.on(spec.method.toUpperCase(), spec.path, async (c) => {
    const { params, query } = paramsAndQuery(spec, c);
    let body: unknown;
    if (spec.body) {
      // Only a JSON media type: the request guard then has checked the text (no NUL, valid UTF-8).
      if (!(c.req.header('content-type') ?? '').toLowerCase().includes('json')) throw keyedError(415, 'not-json', 'request.notJson');
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw keyedError(400, 'bad-json', 'request.badJson');
      }
      if (spec.current) raw = await mergedOverCurrent(raw, () => spec.current!(c, params as Out<P>));
      body = parseOrThrow(spec.body, raw, c.get('t'), () => operationLabels(spec.operationId, c.get('t')));
    }
    const result = await handler(c, { body, query, params } as ApiInput<B, Q, P>);
    const status = spec.status ?? 200;
    if (status === 204) return c.body(null, 204);
    return c.json(result as object, status);
  });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A PATCH body: the fields sent over the object's current values. */
async function mergedOverCurrent(raw: unknown, current: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  if (!isPlainObject(raw)) refuse('_', 'request.notObject');
  return { ...(await current()), ...raw };
}

/**
 * The current values of a stored row in the shape of a PATCH body: the row's fields that
 * the body schema knows, null left out (a field left out means "none" to the commands).
 */
export function currentValues(body: z.ZodType, row: object, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const keys = Object.keys((body as z.ZodObject).shape ?? {});
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = (row as Record<string, unknown>)[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return { ...out, ...extra };
}

/**
 * Registers a route that answers a file (PDF, DOCX, CSV, iCalendar): described in the
 * OpenAPI document with its media types; the handler writes the response itself.
 */
export function apiFileRoute<Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  app: Hono<AppEnv>,
  spec: Omit<ApiOperationSpec<undefined, Q, P>, 'method' | 'body' | 'response' | 'status' | 'produces'> & { produces: string[] },
  handler: (c: Context<AppEnv>, input: ApiInput<undefined, Q, P>) => Promise<Response>,
): void {
  const full = { ...spec, method: 'get' as const, response: z.unknown() };
  if (!registry.some((r) => r.operationId === spec.operationId)) registry.push(full as never);
  app.get(spec.path, async (c) => handler(c, { body: undefined, ...paramsAndQuery(spec, c) } as ApiInput<undefined, Q, P>));
}

const toPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

function schemaOf(s: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { pointer: { type: 'string' }, detail: { type: 'string' } } },
    },
  },
};

const tagDescriptions = new Map<string, string>();

/** Describes a tag of the OpenAPI document (each module describes its own). */
export function describeApiTag(name: string, description: string): void {
  tagDescriptions.set(name, description);
}

const problemResponse = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

/** A PATCH body as documented: every field optional and no defaults (a field left out keeps its value). */
function patchSchema(schema: Record<string, unknown>) {
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, Record<string, unknown>>).map(([k, v]) => {
      const { default: _ignored, ...rest } = v;
      return [k, rest];
    }),
  );
  const { required: _required, ...rest } = schema;
  return { ...rest, properties };
}

/**
 * The problem statuses of an operation: 400 (a request the server refuses to read, e.g. a
 * NUL byte or invalid UTF-8 anywhere in it), 413 (a body too large), 415 (a body that is
 * not JSON), 422 (invalid input), its own, and 500.
 */
function problemStatuses(op: AnySpec): number[] {
  const input = Boolean(op.body || op.query || op.params);
  const codes = [400, ...(input ? [422] : []), ...(op.body ? [413, 415] : []), ...(op.errors ?? []), 500];
  return [...new Set(codes)].sort((a, b) => a - b);
}

function operationOf(op: AnySpec) {
  const parameters: unknown[] = [];
  for (const [where, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = s;
      parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  const status = String(op.status ?? 200);
  const responses: Record<string, unknown> = {
    [status]:
      status === '204'
        ? { description: 'No content' }
        : op.produces
          ? { description: 'The file', content: Object.fromEntries(op.produces.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) }
          : { description: 'Success', content: { 'application/json': { schema: schemaOf(op.response, 'output') } } },
  };
  for (const code of problemStatuses(op)) responses[String(code)] = problemResponse;
  const operation: Record<string, unknown> = {
    operationId: op.operationId,
    summary: op.summary,
    tags: op.tags,
    // A login is needed (the bearer token) or optional: an anonymous caller sees what is public.
    security: needsLogin(op) ? [{ bearerAuth: [] }] : [{}, { bearerAuth: [] }],
  };
  if (parameters.length) operation.parameters = parameters;
  if (op.body) {
    const schema = schemaOf(op.body, 'input') as Record<string, unknown>;
    operation.requestBody = { required: true, content: { 'application/json': { schema: op.method === 'patch' ? patchSchema(schema) : schema } } };
  }
  operation.responses = responses;
  return operation;
}

/** The OpenAPI 3.1 document, generated from the registered operations' zod schemas. */
export function openApiDocument(info: { title: string; version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of registry) (paths[toPath(op.path)] ??= {})[op.method] = operationOf(op);
  const tags = [...new Set(registry.flatMap((op) => op.tags))].sort().map((name) => ({ name, description: tagDescriptions.get(name) ?? name }));
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description:
        'The JSON API of Samverka. Errors are RFC 9457 problem details. Programs authenticate with a personal API token (Authorization: Bearer svk_…); a browser session works too, and then state-changing calls need the X-CSRF-Token header.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    tags,
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'A personal API token (svk_…), created under Mitt konto → API-nycklar.' },
      },
    },
  };
}
