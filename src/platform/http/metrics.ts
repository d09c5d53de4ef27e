import { Registry, collectDefaultMetrics, Histogram } from 'prom-client';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';

interface Metrics {
  registry: Registry;
  middleware: MiddlewareHandler;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'samverka_' });
  const duration = new Histogram({
    name: 'samverka_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // One labelled child per method, route and status, found by a plain string key (prom-client
  // would otherwise sort and hash the labels at every request).
  const children = new Map<string, ReturnType<typeof duration.labels>>();
  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    await next();
    const method = c.req.method;
    const route = routePath(c) || 'unmatched';
    const status = c.res.status;
    const key = `${method} ${status} ${route}`;
    let child = children.get(key);
    if (!child) children.set(key, (child = duration.labels(method, route, String(status))));
    child.observe((performance.now() - started) / 1000);
  };
  return { registry, middleware };
}
