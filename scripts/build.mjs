#!/usr/bin/env node
// Compiles Samverka's own sources (src/, not its dependencies) to plain JavaScript in dist/,
// so that `npm start` runs JavaScript instead of transpiling TypeScript at every start
// (docs/decisions/0010-compiled-start.md). Each file is compiled on its own with esbuild,
// keeping src/'s layout: dist/ sits where src/ sits, so paths made from import.meta.url
// (public/, drizzle/) and files beside the code (the PDF reader's worker) are found as before.
// Dependencies stay in node_modules: bundling them would break PGlite (its WASM beside its
// module) and pdfkit (its colour profile beside __filename).
//
// Does nothing when dist/ is newer than every source file (a stamp with the sources' list and
// times), so a start after no change costs a directory walk. `--force` compiles anyway.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const out = join(root, 'dist');
const stampFile = join(out, '.stamp');

const isTest = (name) => /\.(test|e2e\.test|db\.test)\.tsx?$/.test(name);

/** Every file under src/ that belongs in dist/: TypeScript to compile, JavaScript modules to copy. */
function sources(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, found);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !isTest(entry.name)) found.push(path);
    else if (/\.m?js$/.test(entry.name)) found.push(path);
  }
  return found;
}

/**
 * Compiles src/ to dist/ unless dist/ is up to date; returns what it did, for the caller to
 * print (undefined when nothing needed doing).
 */
export async function compile({ force = false } = {}) {
  const files = sources(src).sort();
  // The stamp: each file's path and modification time, and this script's own, one line each.
  const stamp = [fileURLToPath(import.meta.url), ...files].map((f) => `${relative(root, f)} ${statSync(f).mtimeMs}`).join('\n');
  if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return undefined;

  const started = performance.now();
  rmSync(out, { recursive: true, force: true });
  const typescript = files.filter((f) => /\.tsx?$/.test(f));
  await build({
    entryPoints: typescript,
    outdir: out,
    outbase: src,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const file of files.filter((f) => !/\.tsx?$/.test(f))) {
    const to = join(out, relative(src, file));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(file, to);
  }
  writeFileSync(stampFile, stamp);
  return `Compiled ${typescript.length} source files to dist/ in ${Math.round(performance.now() - started)} ms`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const done = await compile({ force: process.argv.includes('--force') });
  process.stdout.write(`${done ?? 'dist/ is up to date'}\n`);
}
