// Lints the OpenAPI document the app serves with Redocly CLI (its `recommended` rules, as
// configured in redocly.yaml): the document is fetched in-process from /api/openapi.json,
// written to a temporary file and linted there. Needs no database and no network.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { composeApp } from '../src/modules.js';
import { configSchema } from '../src/config.js';
import { createLogger } from '../src/platform/logger.js';
import type { Database } from '../src/platform/db/client.js';

async function main(): Promise<number> {
  const config = configSchema.parse({ LOG_LEVEL: 'silent' });
  // Serving the document reads no data: a database that is never opened is enough.
  const app = createApp({ config, database: {} as Database, logger: createLogger('silent'), registry: composeApp() });
  const res = await app.request('/api/openapi.json');
  if (res.status !== 200) throw new Error(`/api/openapi.json answered ${res.status}: ${await res.text()}`);
  const dir = mkdtempSync(join(tmpdir(), 'samverka-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, await res.text());
    const r = spawnSync('node_modules/.bin/redocly', ['lint', file, '--config', 'redocly.yaml', '--format', 'stylish'], {
      stdio: 'inherit',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    return r.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
