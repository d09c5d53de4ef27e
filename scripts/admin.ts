// Creates an administrator: npm run admin:create -- --email anna@region.se --name "Anna Andersson"
// The password comes from ADMIN_PASSWORD, or is generated and printed once.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { composeApp } from '../src/modules.js';
import { openDatabase } from '../src/platform/db/client.js';
import { FolderLockedError } from '../src/platform/db/lock.js';
import { createAdministrator } from '../src/platform/auth/create-admin.js';

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.name) {
    process.stderr.write('Usage: npm run admin:create -- --email <address> --name "<full name>"  (password from ADMIN_PASSWORD, else generated)\n');
    process.exit(2);
  }
  const config = loadConfig();
  composeApp();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await database.migrate();
    const admin = await createAdministrator(database, config, { email: values.email, name: values.name, password: process.env.ADMIN_PASSWORD || undefined });
    process.stdout.write(`Administrator ${admin.email} created.\n`);
    if (admin.generated) process.stdout.write(`Password (shown once): ${admin.password}\n`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof FolderLockedError ? err.message : (err as Error).message}\n`);
  process.exit(err instanceof FolderLockedError ? 3 : 1);
});
