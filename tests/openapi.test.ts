import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { z } from 'zod';
import { createTestApp } from './helpers/app.js';
import { documentOperations, needsToken } from './helpers/api.js';
import { apiRoute } from '../src/platform/http/api.js';
import type { AppEnv } from '../src/platform/http/context.js';
import type { Database } from '../src/platform/db/client.js';

/* The shape of the OpenAPI document; serving it reads no data, so no database is opened. */

const app = () => createTestApp({} as Database).app;

describe('the OpenAPI document', () => {
  it('has no two paths that differ only in their parameter names', async () => {
    const { doc } = await documentOperations(app());
    const byShape = new Map<string, string[]>();
    for (const path of Object.keys(doc.paths)) {
      const shape = path.replace(/\{\w+\}/g, '{}');
      byShape.set(shape, [...(byShape.get(shape) ?? []), path]);
    }
    expect([...byShape.values()].filter((paths) => paths.length > 1)).toEqual([]);
  });

  it('declares the bearer token, and on each operation whether it is needed (with its 401)', async () => {
    const { doc, operations } = await documentOperations(app());
    expect((doc.components as unknown as { securitySchemes: Record<string, unknown> }).securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const op of operations) {
      expect(op.security.length, op.operationId).toBeGreaterThan(0);
      expect(Boolean(op.responses['401']), op.operationId).toBe(needsToken(op));
    }
    const byId = new Map(operations.map((op) => [op.operationId, op]));
    expect(needsToken(byId.get('meetings.get')!)).toBe(true);
    expect(needsToken(byId.get('structure.listPrincipals')!)).toBe(false);
  });

  it('offers the minutes as PDF and DOCX and my cases as a paged list', async () => {
    const { doc } = await documentOperations(app());
    const file = (path: string) => Object.keys(doc.paths[path]?.get?.responses['200']?.content ?? {});
    expect(file('/api/meetings/{id}/minutes.pdf')).toEqual(['application/pdf']);
    expect(file('/api/meetings/{id}/minutes.docx')).toEqual(['application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    const cases = doc.paths['/api/cases']?.get;
    expect(cases?.operationId).toBe('cases.mine');
    expect(cases?.parameters?.map((p) => p.name)).toEqual(['page']);
    expect(Object.keys((cases!.responses['200']!.content!['application/json']!.schema as { properties: object }).properties)).toEqual(
      expect.arrayContaining(['items', 'page', 'pageSize', 'total', 'pages', 'bodies']),
    );
  });

  it('refuses to register a PATCH operation without the current values it merges over', () => {
    const register = () =>
      apiRoute(
        new Hono<AppEnv>(),
        { method: 'patch', path: '/api/x/:id', operationId: 'test.patchWithoutCurrent', summary: 'x', tags: ['test'], body: z.object({ a: z.string() }), response: z.object({}) },
        () => ({}),
      );
    expect(register).toThrow(/current values/);
  });
});
