import type { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/*
 * A new embedded database starts from a template: a tarball of an empty database with every
 * migration applied, kept in node_modules/.cache/samverka/. Creating a PGlite folder runs
 * initdb inside WebAssembly, and the migrations follow; together most of a first start's
 * time (docs/decisions/0012-start-from-template.md). The first start on a machine makes the
 * template right after migrating; every later start on an empty folder unpacks it instead.
 *
 * The template's name carries a key of everything that shapes it (the migrations, PGlite's
 * version and the extensions), so a new migration or a PGlite upgrade makes a new one and
 * the old one is removed.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));
const migrationsFolder = join(root, 'drizzle');
/** Where templates are kept unless the caller names another folder (tests do). */
export const TEMPLATE_FOLDER = join(root, 'node_modules', '.cache', 'samverka');

function pgliteVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The key of the template for these migrations, this PGlite and these extensions. */
export function templateKey(extensions: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(`pglite ${pgliteVersion()}\nextensions ${[...extensions].sort().join(',')}\n`);
  if (existsSync(migrationsFolder)) {
    for (const name of readdirSync(migrationsFolder).sort()) {
      if (!name.endsWith('.sql')) continue;
      hash.update(name);
      hash.update(readFileSync(join(migrationsFolder, name)));
    }
    const journal = join(migrationsFolder, 'meta', '_journal.json');
    if (existsSync(journal)) hash.update(readFileSync(journal));
  }
  return hash.digest('hex').slice(0, 16);
}

function templateFile(folder: string, key: string): string {
  return join(folder, `pglite-${key}.tar.gz`);
}

/** Whether a data folder holds no database yet (it may hold the lock file). */
export function holdsNoDatabase(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * The template for this key, when one was made and it reads whole: unpacked here, since
 * PGlite's own unpacking reports a broken file as an error no caller can catch. A template
 * that does not read is removed (the start goes on without it and makes a new one).
 */
export function readTemplate(folder: string, key: string): Blob | undefined {
  const file = templateFile(folder, key);
  if (!existsSync(file)) return undefined;
  try {
    const tar = gunzipSync(readFileSync(file));
    if (tar.subarray(257, 262).toString('latin1') !== 'ustar') throw new Error('not a tar archive');
    return new Blob([tar], { type: 'application/x-tar' });
  } catch {
    dropTemplate(folder, key);
    return undefined;
  }
}

/** Removes a template that could not be unpacked, so the next start makes a new one. */
export function dropTemplate(folder: string, key: string): void {
  rmSync(templateFile(folder, key), { force: true });
}

/**
 * Keeps a just-migrated, still empty database as the template for its key, and removes the
 * templates of other keys. Written to a temporary name first, so a start that dies half-way
 * leaves no broken template. A failure only means the next first start is slower.
 */
export async function saveTemplate(client: PGlite, folder: string, key: string): Promise<boolean> {
  try {
    const blob = await client.dumpDataDir('gzip');
    mkdirSync(folder, { recursive: true });
    const file = templateFile(folder, key);
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await blob.arrayBuffer()));
    renameSync(partial, file);
    for (const name of readdirSync(folder)) {
      if (name.startsWith('pglite-') && join(folder, name) !== file) rmSync(join(folder, name), { force: true });
    }
    return true;
  } catch {
    return false;
  }
}
