import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { minutesEditorRoutes } from './minutes-page.js';
import { personRoutes } from './person-pages.js';
import { publicRoutes } from './public-pages.js';
import { registerRoutes } from './register-pages.js';
import { versionRoutes } from './version-pages.js';
import { followUpRoutes } from './follow-up.js';

/** Every HTML route of the minutes module (and its file downloads). */
export function minutesPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Files and versions first: their paths are more specific than the editor's.
  versionRoutes(app);
  minutesEditorRoutes(app);
  personRoutes(app);
  registerRoutes(app);
  followUpRoutes(app);
  publicRoutes(app);
  return app;
}
