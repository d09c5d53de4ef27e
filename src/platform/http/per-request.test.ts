import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { perRequest } from './per-request.js';

describe('perRequest', () => {
  function app() {
    let loads = 0;
    const hono = new Hono();
    hono.all('/x', async (c) => {
      const load = async () => ++loads;
      const [a, b] = [await perRequest(c, 'k', load), await perRequest(c, 'k', load)];
      const other = await perRequest(c, 'other', load);
      return c.json({ a, b, other });
    });
    return hono;
  }

  it('loads once per key in a reading request, and again in the next request', async () => {
    const hono = app();
    expect(await (await hono.request('/x')).json()).toEqual({ a: 1, b: 1, other: 2 });
    expect(await (await hono.request('/x')).json()).toEqual({ a: 3, b: 3, other: 4 });
  });

  it('loads every time in a request that may change data', async () => {
    const hono = app();
    expect(await (await hono.request('/x', { method: 'POST' })).json()).toEqual({ a: 1, b: 2, other: 3 });
  });
});
