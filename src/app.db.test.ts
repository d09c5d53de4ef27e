import { describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { useTestDatabase } from '../tests/helpers/db.js';
import { createTestApp } from '../tests/helpers/app.js';
import { CONTENT_SECURITY_POLICY } from './platform/http/security.js';

const db = useTestDatabase();
const app = () => createTestApp(db.current).app;

describe('platform routes', () => {
  it('answers /healthz and /readyz with migrations applied', async () => {
    expect(await (await app().request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app().request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', migrations: 'applied' });
  });

  it('serves Prometheus metrics', async () => {
    await app().request('/healthz');
    // As if from a loopback socket (METRICS_ALLOW's default); see auth/network.db.test.ts.
    const res = await app().request('/metrics', {}, { incoming: { socket: { remoteAddress: '127.0.0.1' } } });
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toContain('samverka_process_cpu_user_seconds_total');
    expect(text).toContain('samverka_http_request_duration_seconds');
  });

  it('sends the exact Content-Security-Policy and security headers on pages', async () => {
    const res = await app().request('/');
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
    );
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('sends the same headers when served by Node (where they go onto Node’s response), and a route’s own cache-control wins', async () => {
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app().fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const page = await fetch(`${base}/`);
      await page.text();
      const asset = await fetch(`${base}/static/favicon.svg`);
      await asset.arrayBuffer();
      const missing = await fetch(`${base}/no-such-page`);
      await missing.text();
      const failing = await fetch(`${base}/api/no-such-thing`, { headers: { 'x-request-id': 'mine-1' } });
      await failing.text();
      for (const res of [page, asset, missing, failing]) {
        expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('x-request-id')).toBeTruthy();
      }
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('cache-control')).toBe('no-store');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=3600');
      expect(failing.headers.get('x-request-id')).toBe('mine-1');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('renders the first page in Swedish, with no inline script or style', async () => {
    const html = await (await app().request('/')).text();
    expect(html).toMatch(/^<!DOCTYPE html><html lang="sv">/);
    expect(html).toContain('Välkommen till Samverka');
    expect(html).toContain('Hoppa till innehållet');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/<style/);
  });

  it('switches to English and back with a cookie', async () => {
    const res = await app().request('/lang/en?next=/principals');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/principals');
    const cookie = res.headers
      .getSetCookie()
      .find((x) => x.startsWith('lang='))!
      .split(';')[0]!;
    const html = await (await app().request('/', { headers: { cookie } })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Welcome to Samverka');
  });

  it('refuses an open redirect in the language switch', async () => {
    const res = await app().request('/lang/en?next=//evil.example');
    expect(res.headers.get('location')).toBe('/');
  });

  it('answers unknown API paths and bad input with problem details, never a stack trace', async () => {
    const missing = await app().request('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await missing.json()).toMatchObject({ status: 404, title: 'Not Found' });
    const bad = await app().request('/api/principals?page=zero');
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { errors: { pointer: string }[] };
    expect(body.errors[0]?.pointer).toBe('/page');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('shows a Swedish 404 page', async () => {
    const res = await app().request('/finns-inte');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Sidan finns inte');
  });

  it('publishes an OpenAPI 3.1 document built from the zod schemas', async () => {
    const doc = (await (await app().request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string; parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const op = doc.paths['/api/principals']?.get;
    expect(op?.operationId).toBe('structure.listPrincipals');
    expect(op?.parameters?.map((p) => p.name)).toContain('page');
    // File answers are described with their media type.
    const pdf = doc.paths['/api/meetings/{id}/agenda.pdf']?.get as unknown as { responses: Record<string, { content?: Record<string, unknown> }> };
    expect(Object.keys(pdf.responses['200']!.content!)).toEqual(['application/pdf']);
  });

  it('serves htmx and the stylesheet locally', async () => {
    const js = await app().request('/static/js/htmx.min.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect((await app().request('/static/css/app.css')).status).toBe(200);
  });
});
