import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { apiRoute, describeApiTag } from '../http/api.js';
import { requireLogin } from '../auth/middleware.js';
import { homeSections, loadSections } from './home.js';

describeApiTag('overview', 'The home page of the signed-in person as JSON: next meetings, what waits, open actions, the bodies the person leads.');

/**
 * GET /api/me/overview: the data of every home section that has an API key, in page order,
 * each null when it does not apply to the person. Built when the app is built, from the
 * installed modules' sections, so its OpenAPI schema lists exactly what they return.
 */
export function overviewApi(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const keyed = homeSections().filter((s): s is typeof s & { key: string; schema: z.ZodType } => !!s.key && !!s.schema);
  const response = z.object(Object.fromEntries(keyed.map((s) => [s.key, s.schema.nullable()])));
  app.use('/api/me/overview', requireLogin);
  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/me/overview',
      operationId: 'overview.me',
      summary: 'My home page as data: my next meetings (call and deadline state), what waits for me, my open actions and the bodies I lead with their warnings',
      tags: ['overview'],
      response,
      errors: [401],
    },
    async (c) => {
      const data = await loadSections(c, keyed);
      return Object.fromEntries(keyed.map((s, i) => [s.key, data[i] ?? null]));
    },
  );
  return app;
}
