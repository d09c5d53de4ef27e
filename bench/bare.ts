// The physical baselines (#14): a bare Hono app on the same Node, with none of Samverka's
// middleware, serving the same two pages as the app's own baselines — a constant page and a
// page with one indexed query through the same driver and database. Every scenario is read as
// a ratio to these, measured in the same run, because this machine's speed drifts between days.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { asc } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Database } from '../src/platform/db/client.js';
import { principals } from '../src/modules/structure/schema.js';

export const CONSTANT_PAGE =
  '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Samverka</title></head>' + '<body><main><h1>Konstant sida</h1><p>Samma svar varje gång, utan databas.</p></main></body></html>';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The page with one indexed query: the first principal by sort key. */
export async function indexedPage(database: Database): Promise<string> {
  const rows = await database.db.select({ name: principals.name }).from(principals).orderBy(asc(principals.sortKey)).limit(1);
  return `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Samverka</title></head><body><main><p>${escapeHtml(rows[0]?.name ?? '')}</p></main></body></html>`;
}

export interface Bare {
  url: string;
  close(): Promise<void>;
}

/** Starts the bare app on a free port of 127.0.0.1, reading the given database. */
export async function startBare(database: Database): Promise<Bare> {
  const app = new Hono();
  app.get('/constant', (c) => c.html(CONSTANT_PAGE));
  app.get('/indexed', async (c) => c.html(await indexedPage(database)));
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
