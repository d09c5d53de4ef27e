import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from './context.js';
import { AppError } from './errors.js';
import { parseOrThrow } from './validation.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ApiOperationSpec<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
> {
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
  /** Problem statuses this operation may answer, besides 500. */
  errors?: number[];
  /** For a file answer (apiFileRoute): its media types instead of JSON. */
  produces?: string[];
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ApiInput<B, Q, P> {
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
}

const registry: ApiOperationSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>[] = [];

/** Every operation registered so far (for the OpenAPI document and route tests). */
export function apiOperations(): readonly ApiOperationSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>[] {
  return registry;
}

/** The path parameters and the query string of a request, validated by the operation's schemas. */
function paramsAndQuery(spec: { params?: z.ZodType | undefined; query?: z.ZodType | undefined }, c: Context<AppEnv>) {
  return {
    params: spec.params ? parseOrThrow(spec.params, c.req.param()) : undefined,
    query: spec.query ? parseOrThrow(spec.query, c.req.query()) : undefined,
  };
}

/**
 * Registers a JSON route: the same zod schemas validate the request and describe it
 * in the OpenAPI document. The handler returns data; this writes the JSON.
 */
export function apiRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(
  app: Hono<AppEnv>,
  spec: ApiOperationSpec<B, Q, P, R>,
  handler: (c: Context<AppEnv>, input: ApiInput<B, Q, P>) => Promise<z.input<R>> | z.input<R>,
): void {
  if (!registry.some((r) => r.operationId === spec.operationId)) registry.push(spec as never);
  app.on(spec.method.toUpperCase(), spec.path, async (c) => {
    const { params, query } = paramsAndQuery(spec, c);
    let body: unknown;
    if (spec.body) {
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw new AppError(400, 'bad-json', 'The request body must be JSON.');
      }
      body = parseOrThrow(spec.body, raw);
    }
    const result = await handler(c, { body, query, params } as ApiInput<B, Q, P>);
    const status = spec.status ?? 200;
    if (status === 204) return c.body(null, 204);
    return c.json(result as object, status);
  });
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

/** The OpenAPI 3.1 document, generated from the registered operations' zod schemas. */
export function openApiDocument(info: { title: string; version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of registry) {
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', op.params],
      ['query', op.query],
    ] as const) {
      if (!schema) continue;
      const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(json.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
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
    for (const code of [...(op.body || op.query || op.params ? [422] : []), ...(op.errors ?? []), 500]) {
      responses[String(code)] = {
        description: 'Problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: op.operationId,
      summary: op.summary,
      tags: op.tags,
      responses,
    };
    if (parameters.length) operation.parameters = parameters;
    if (op.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } };
    (paths[toPath(op.path)] ??= {})[op.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    paths,
    components: { schemas: { Problem: problemSchema } },
  };
}
