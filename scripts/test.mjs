#!/usr/bin/env node
// Runs the whole suite: type check, format and boundary checks, then every test on PGlite, then the database tests
// again on PostgreSQL when TEST_DATABASE_URL is set. Extra arguments go to vitest.
// REQUIRE_POSTGRES=1 turns a missing TEST_DATABASE_URL into a failure; REQUIRE_E2E=1
// does the same for a missing Chromium (checked inside the browser tests).
// SKIP_STATIC_CHECKS=1 leaves out the type, format, boundary and OpenAPI checks, for a second pass
// on another Node version: they read the same source and give the same answer there (.ci/run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const only = process.env.TEST_PROJECTS; // e.g. "unit,db" for the Node 24 pass
const bin = (name) => `node_modules/.bin/${name}`;
let failed = false;
const totals = { passed: 0, failed: 0, skipped: 0 };
const reports = mkdtempSync(join(tmpdir(), 'samverka-reports-'));
let reportCount = 0;

process.stdout.write(`Node.js ${process.version}\n`);

/** vitest with a JSON report beside the normal output, counted into the totals. */
function vitest(title, vitestArgs, env) {
  const file = join(reports, `report-${++reportCount}.json`);
  const ok = run(title, bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...vitestArgs], env);
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } else if (!ok) {
    totals.failed += 1;
  }
}

function run(title, cmd, cmdArgs, env = {}) {
  process.stdout.write(`\n=== ${title} ===\n`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    failed = true;
    process.stdout.write(`\n*** ${title}: FAILED (exit ${r.status ?? r.signal})\n`);
  }
  return r.status === 0;
}

if (process.env.SKIP_STATIC_CHECKS === '1') {
  process.stdout.write('\nStatic checks (tsc, prettier, dependency-cruiser, redocly) left out: SKIP_STATIC_CHECKS=1.\n');
} else {
  run('Type check (tsc)', bin('tsc'), ['--noEmit']);
  // One layout for the whole tree (npm run format writes it).
  run('Format (prettier --check)', 'npm', ['run', '-s', 'format:check']);
  // Module boundaries (.dependency-cruiser.cjs): modules meet through their index.ts, the platform imports no module.
  run('Module boundaries (dependency-cruiser)', 'npm', ['run', '-s', 'lint:boundaries']);
  // The OpenAPI document against Redocly's recommended rules (redocly.yaml); offline, no telemetry.
  run('OpenAPI lint (redocly)', bin('tsx'), ['scripts/lint-openapi.ts'], { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' });
}

const projects = only ? only.split(',').flatMap((p) => ['--project', p.trim()]) : [];
vitest(`Tests on PGlite${only ? ` (${only})` : ''}`, [...projects, ...args], { TEST_DB: 'pglite' });

if (process.env.TEST_DATABASE_URL) {
  vitest('Database tests on PostgreSQL', ['--project', 'db', ...args], { TEST_DB: 'postgres' });
} else if (process.env.REQUIRE_POSTGRES === '1') {
  process.stdout.write('\n*** PostgreSQL tests are required (REQUIRE_POSTGRES=1) but TEST_DATABASE_URL is not set.\n');
  failed = true;
} else {
  process.stdout.write('\nPostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://… to run the database tests on PostgreSQL too.\n');
}

process.stdout.write(failed ? '\nSamverka test suite: FAILED\n' : '\nSamverka test suite: all passed\n');
process.stdout.write(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(failed ? 1 : 0);
