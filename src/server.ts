import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import { createApp } from './app.js';
import { composeApp } from './modules.js';
import { openDatabase, type Database } from './platform/db/client.js';
import type { Logger } from './platform/logger.js';
import type { AppEnv } from './platform/http/context.js';
import { seedDemo } from './platform/demo/seed.js';
import { startWorker } from './platform/worker.js';
import { closeEventBus } from './platform/events.js';
import { ensureFirstAdmin } from './platform/auth/bootstrap.js';
import { scheduleDailyDigest } from './platform/inbox/digest.js';

export interface Running {
  url: string;
  port: number;
  database: Database;
  close(): Promise<void>;
}

export interface StartOptions {
  /** An already open database (tests); otherwise opened from the configuration. */
  database?: Database;
  /** Registers extra routes on the app before it serves (the benchmark's baseline routes). */
  extraRoutes?: (app: Hono<AppEnv>) => void;
}

/** Opens the database, migrates, seeds when asked, and serves the app. */
export async function start(config: Config, logger: Logger, options: StartOptions = {}): Promise<Running> {
  const database = options.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  // The modules first: the demo seeding, the app and the worker all run with them.
  const registry = composeApp();
  try {
    await database.migrate();
    const wantSeed = config.SEED_DEMO === '1' || (database.kind === 'pglite' && config.SEED_DEMO !== '0');
    if (wantSeed) {
      const result = await seedDemo(database, config, { registry });
      if (result.seeded) {
        logger.info(result.lines[0]);
        for (const line of result.lines) process.stdout.write(`${line}\n`);
      }
    }
    const admin = await ensureFirstAdmin(database, config);
    if (admin) logger.info({ email: admin }, 'first administrator created');
    await scheduleDailyDigest(database.db);
  } catch (err) {
    await database.close();
    throw err;
  }
  let server: ServerType | undefined;
  // A worker-only process does not build the web app.
  if (config.ROLE !== 'worker') {
    const app = createApp({ config, database, logger, registry });
    options.extraRoutes?.(app);
    server = await new Promise<ServerType>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
      s.once('error', reject);
    });
  }
  // The background worker (outbox: mail and jobs) runs unless this process only serves the web.
  const worker = config.ROLE === 'web' ? undefined : startWorker({ database, config, logger, registry }, { intervalMs: config.WORKER_INTERVAL_MS });
  const port = server ? (server.address() as AddressInfo).port : 0;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  return {
    url: `http://${host}:${port}`,
    port,
    database,
    async close() {
      const stopped = server ? new Promise<void>((r) => server!.close(() => r())) : Promise.resolve();
      // Live-view streams never end by themselves: end them so that the server can close.
      await closeEventBus(database);
      await stopped;
      await worker?.stop();
      await database.close();
    },
  };
}
