import { Hono } from 'hono';
import { z } from 'zod';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AppEnv } from '../http/context.js';
import { apiRoute, describeApiTag } from '../http/api.js';
import { runCommand } from '../http/forms.js';
import { requireAdmin, requireLogin } from './middleware.js';
import { apiTokens } from './schema.js';
import { createApiToken, revokeApiToken } from './commands/api-tokens.js';
import { createPerson, createPersonInput } from './commands/people.js';
import { abilities } from './authorize.js';

const me = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  isAdmin: z.boolean(),
  authenticatedWith: z.enum(['session', 'token']),
  abilities: z.record(z.string(), z.boolean()),
});

const tokenOut = z.object({ id: z.uuid(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });

describeApiTag('identity', 'The signed-in person, personal API tokens and adding people.');

export function authApi(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/api/me', requireLogin);
  app.use('/api/me/*', requireLogin);
  app.use('/api/people', requireAdmin);

  apiRoute(app, { method: 'get', path: '/api/me', operationId: 'identity.me', summary: 'The signed-in person', tags: ['identity'], response: me, errors: [401] }, (c) => {
    const actor = c.get('actor');
    const person = c.get('person')!;
    if (actor.kind !== 'person') throw new Error('unreachable');
    return {
      id: person.id,
      name: person.name,
      email: person.email,
      isAdmin: person.isAdmin,
      authenticatedWith: actor.via,
      abilities: abilities(actor, ['admin.manage'], null),
    };
  });

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/me/tokens',
      operationId: 'identity.listApiTokens',
      summary: 'My personal API tokens',
      tags: ['identity'],
      response: z.object({ items: z.array(tokenOut) }),
      errors: [401],
    },
    async (c) => {
      const actor = c.get('actor');
      if (actor.kind !== 'person') throw new Error('unreachable');
      const rows = await c
        .get('deps')
        .database.db.select()
        .from(apiTokens)
        .where(and(eq(apiTokens.personId, actor.personId), isNull(apiTokens.revokedAt)))
        .orderBy(desc(apiTokens.createdAt));
      return {
        items: rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null })),
      };
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/me/tokens',
      operationId: createApiToken.name,
      summary: 'Create a personal API token (the token is in this answer only)',
      tags: ['identity'],
      body: createApiToken.input,
      response: z.object({ id: z.uuid(), name: z.string(), token: z.string() }),
      status: 201,
      errors: [401],
    },
    (c, { body }) => {
      // The token is shown once: a retried request does not get it again.
      c.set('noReplay', true);
      return runCommand(c, createApiToken, body);
    },
  );

  apiRoute(
    app,
    {
      method: 'delete',
      path: '/api/me/tokens/:tokenId',
      operationId: revokeApiToken.name,
      summary: 'Revoke a personal API token',
      tags: ['identity'],
      params: z.object({ tokenId: z.uuid() }),
      response: z.object({ revoked: z.boolean() }),
      errors: [401, 403, 404],
    },
    (c, { params }) => runCommand(c, revokeApiToken, params),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/people',
      operationId: createPerson.name,
      summary: 'Add a person (administrators)',
      tags: ['identity'],
      body: createPersonInput,
      response: z.object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), isAdmin: z.boolean() }),
      status: 201,
      errors: [401, 403, 409],
    },
    async (c, { body }) => {
      const p = await runCommand(c, createPerson, body);
      return { id: p.id, name: p.name, email: p.email, isAdmin: p.isAdmin };
    },
  );

  return app;
}
