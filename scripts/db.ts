// Database maintenance: `npm run db:migrate`, `npm run db:seed`, `npm run db:reset`.
// Works on the embedded database (DATA_DIR) and on PostgreSQL (DATABASE_URL), like the app.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, type Config } from '../src/config.js';
import { openDatabase, type Database } from '../src/platform/db/client.js';
import { FolderLockedError, lockFolder, type FolderLock } from '../src/platform/db/lock.js';
import { seedDemo } from '../src/platform/demo/seed.js';
import { composeApp } from '../src/modules.js';

const COMMANDS = ['migrate', 'seed', 'reset'] as const;
type Command = (typeof COMMANDS)[number];

const LOCK_FILE = 'samverka.lock';

/** A refusal with a message that says it all (printed without a stack trace). */
class RefusedError extends Error {}

function say(line: string) {
  process.stdout.write(`${line}\n`);
}

function describeTarget(config: Config): string {
  if (config.DATABASE_URL) {
    const u = new URL(config.DATABASE_URL);
    return `PostgreSQL database "${decodeURIComponent(u.pathname.slice(1))}" on ${u.host}`;
  }
  return `embedded database in ${resolve(config.DATA_DIR)}`;
}

async function migrate(database: Database) {
  await database.migrate();
  say('Migrations applied.');
}

async function seed(database: Database, config: Config) {
  const result = await seedDemo(database, config, { registry: composeApp() });
  if (result.seeded) for (const line of result.lines) say(line);
  else say('Demo data is already present; nothing to seed.');
}

/**
 * Empties a PGlite folder while holding its lock, so a running app is never pulled out
 * from under. Refuses folders that do not look like a PGlite data folder.
 */
function emptyPgliteFolder(dir: string) {
  const entries = readdirSync(dir).filter((e) => e !== LOCK_FILE);
  if (entries.length > 0 && !entries.includes('PG_VERSION')) {
    throw new RefusedError(`${dir} does not look like an embedded database folder (no PG_VERSION); not deleting it.`);
  }
  for (const entry of entries) rmSync(join(dir, entry), { recursive: true, force: true });
}

async function resetPostgres(database: Database) {
  await database.query('DROP SCHEMA public CASCADE');
  await database.query('DROP SCHEMA IF EXISTS drizzle CASCADE');
  await database.query('CREATE SCHEMA public');
  say('Dropped every table (schemas public and drizzle).');
}

async function run(command: Command, config: Config) {
  say(`${command}: ${describeTarget(config)}`);

  let lock: FolderLock | undefined;
  if (command === 'reset' && !config.DATABASE_URL) {
    // Take the lock first: a running app holds it, and then nothing is deleted.
    const dir = resolve(config.DATA_DIR);
    lock = lockFolder(dir);
    try {
      emptyPgliteFolder(dir);
    } catch (err) {
      lock.release();
      throw err;
    }
    say(`Deleted the embedded database in ${dir}.`);
  }

  if (!config.DATABASE_URL && !existsSync(join(resolve(config.DATA_DIR), 'PG_VERSION'))) {
    say('Creating a new embedded database (this takes a few seconds)…');
  }
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    // reset already holds the folder lock and keeps it until the end
    noLock: lock !== undefined,
    poolSize: 2,
  });
  try {
    if (command === 'reset' && database.kind === 'postgres') await resetPostgres(database);
    await migrate(database);
    if (command === 'seed' || command === 'reset') await seed(database, config);
  } finally {
    await database.close();
    lock?.release();
  }
  say('Done.');
}

async function main() {
  const command = process.argv[2];
  if (!COMMANDS.includes(command as Command)) {
    process.stderr.write(`Usage: tsx scripts/db.ts <${COMMANDS.join('|')}>\n`);
    process.exit(2);
  }
  let config: Config;
  try {
    config = loadConfig();
    composeApp();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  try {
    await run(command as Command, config);
  } catch (err) {
    if (err instanceof FolderLockedError || err instanceof RefusedError) {
      process.stderr.write(`db:${command} failed: ${err.message}\n`);
      process.exit(3);
    }
    process.stderr.write(`db:${command} failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  }
}

await main();
