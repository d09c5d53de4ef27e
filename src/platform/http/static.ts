import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './context.js';

const root = fileURLToPath(new URL('../../../public/', import.meta.url));
const require = createRequire(import.meta.url);

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  woff: 'font/woff',
  ico: 'image/x-icon',
};

/** Files served under /static; read once at start-up. */
function files(): Record<string, string> {
  return {
    'css/app.css': join(root, 'css/app.css'),
    'css/print.css': join(root, 'css/print.css'),
    'js/app.js': join(root, 'js/app.js'),
    'js/live.js': join(root, 'js/live.js'),
    'js/htmx.min.js': join(dirname(require.resolve('htmx.org/package.json')), 'dist/htmx.min.js'),
    'favicon.svg': join(root, 'favicon.svg'),
  };
}

export function mountStatic(app: Hono<AppEnv>): void {
  const cache = new Map<string, { body: Buffer; type: string; etag: string }>();
  for (const [name, path] of Object.entries(files())) {
    const body = readFileSync(path);
    const ext = name.split('.').pop() ?? '';
    cache.set(name, { body, type: TYPES[ext] ?? 'application/octet-stream', etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` });
  }
  app.get('/static/*', (c) => {
    const name = c.req.path.slice('/static/'.length);
    const file = cache.get(name);
    if (!file) return c.notFound();
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    return c.body(new Uint8Array(file.body), 200, {
      'content-type': file.type,
      etag: file.etag,
      'cache-control': 'public, max-age=3600',
    });
  });
  app.get('/favicon.ico', (c) => c.redirect('/static/favicon.svg', 301));
}
