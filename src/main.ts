import { loadConfig } from './config.js';
import { createLogger } from './platform/logger.js';
import { FolderLockedError } from './platform/db/lock.js';
import { isDatabaseUnavailable, unavailableReason } from './platform/db/unavailable.js';
import { start } from './server.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.LOG_LEVEL);
  let running;
  try {
    running = await start(config, logger);
  } catch (err) {
    if (err instanceof FolderLockedError) {
      process.stderr.write(`Samverka cannot start: ${err.message}\n`);
      process.exit(3);
    }
    throw err;
  }
  logger.info({ url: running.url, database: running.database.kind }, 'Samverka is running');
  process.stdout.write(`Samverka is running at ${running.url} (database: ${running.database.kind === 'pglite' ? `embedded, ${config.DATA_DIR}` : 'PostgreSQL'})\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Last line of defence: the database being away must never end the process (the pool
  // reconnects by itself), even when its error escaped a handler. Any other error still does.
  const escaped = (what: string) => (err: unknown) => {
    if (isDatabaseUnavailable(err)) {
      logger.error({ err, reason: unavailableReason(err) }, `database unavailable: an ${what} escaped its handler; the process keeps running`);
      return;
    }
    logger.fatal({ err }, what);
    process.stderr.write(`Samverka stopped: ${what}: ${(err as Error)?.stack ?? err}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', escaped('uncaught exception'));
  process.on('unhandledRejection', escaped('unhandled rejection'));
}

main().catch((err) => {
  process.stderr.write(`Samverka failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
