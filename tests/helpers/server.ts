import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/platform/db/client.js';
import { createTestApp } from './app.js';
import { createTestDatabase } from './db.js';

export { TEST_DEMO_PASSWORD } from './demo-password.js';

export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:40123 */
  url: string;
  database: Database;
  close(): Promise<void>;
}

/**
 * The whole application over real HTTP for browser tests: a fresh test database with the
 * demo data (demo accounts log in with TEST_DEMO_PASSWORD), served on a free port of 127.0.0.1.
 */
export async function startTestServer(overrides: Partial<Record<keyof Config, string>> | ((url: string) => Partial<Record<keyof Config, string>>) = {}): Promise<TestServer> {
  // The demo comes from the run's seeded template (tests/helpers/global-setup.ts).
  const database = await createTestDatabase({ demo: true });
  let server: ServerType | undefined;
  try {
    // Listen first, so that settings that need the server's own address (PUBLIC_URL) can use it.
    let appFetch: (req: Request, env: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: (req, env) => appFetch(req, env), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      s.once('error', reject);
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { app } = createTestApp(database, typeof overrides === 'function' ? overrides(url) : overrides);
    appFetch = (req, env) => app.fetch(req, env);
  } catch (err) {
    server?.close();
    await database.dispose();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const running = server;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    async close() {
      await new Promise<void>((resolve) => {
        running.close(() => resolve());
        // Keep-alive connections from the browser would otherwise hold the close open.
        if ('closeAllConnections' in running) running.closeAllConnections();
      });
      await database.dispose();
    },
  };
}
