import type { Context, MiddlewareHandler } from 'hono';
import { ServerResponse } from 'node:http';

/** The one Content-Security-Policy of the application: no inline scripts or styles anywhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Node's response under the app, when the app is served by @hono/node-server (not in app.request). */
export function nodeResponse(c: Context): ServerResponse | undefined {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  return outgoing instanceof ServerResponse ? outgoing : undefined;
}

/**
 * Security headers on every answer. Nothing is stored by browsers or proxies unless the route
 * says otherwise (static assets, public pages): pages and API answers show what one person may
 * see, and must not outlive their session in a shared cache or the back button.
 *
 * Served by Node, the headers go straight onto Node's response before the route runs: Node
 * merges them with the answer's own headers, the answer's winning (a route's cache-control
 * replaces no-store). That spares every answer the Fetch API's slower Headers object, which
 * cost a fifth of a small page's time (docs/decisions/0011-per-request-cost.md). Without Node
 * (app.request in tests) they are set on the answer itself, with the same result.
 */
export function securityHeaders(options: { https: boolean }): MiddlewareHandler {
  const headers: [string, string][] = Object.entries({
    ...SECURITY_HEADERS,
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  });
  return async (c, next) => {
    const node = nodeResponse(c);
    if (node) {
      for (const [name, value] of headers) node.setHeader(name, value);
      node.setHeader('cache-control', 'no-store');
      return next();
    }
    await next();
    for (const [name, value] of headers) c.res.headers.set(name, value);
    if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}
