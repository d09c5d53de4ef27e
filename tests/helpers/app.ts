import { createApp } from '../../src/app.js';
import { composeApp } from '../../src/modules.js';
import { configSchema, type Config } from '../../src/config.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Database } from '../../src/platform/db/client.js';

export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return configSchema.parse({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', NODE_ENV: 'test', ...overrides });
}

/** The whole application on a test database, answering in-process requests. */
export function createTestApp(database: Database, overrides: Partial<Record<keyof Config, string>> = {}) {
  const config = testConfig(overrides);
  const app = createApp({ config, database, logger: createLogger(config.LOG_LEVEL), registry: composeApp() });
  return { app, config };
}
