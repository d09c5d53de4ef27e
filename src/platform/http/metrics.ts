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
  const middleware: MiddlewareHandler = async (c, next) => {
    const end = duration.startTimer();
    await next();
    end({ method: c.req.method, route: routePath(c) || 'unmatched', status: String(c.res.status) });
  };
  return { registry, middleware };
}
