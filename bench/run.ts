// `npm run bench`: starts Samverka in this process on a fresh PGlite folder with demo data
// (and on a fresh PostgreSQL database when DATABASE_URL is set), drives every scenario with
// autocannon and prints req/s, latency percentiles and ratios to the baselines measured in
// the same run: a bare Hono app's constant and one-query pages (bench/bare.ts), and the same two
// pages through Samverka's middleware (the app's overhead).
//
// Options (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 3),
// BENCH_CONNECTIONS (default 10), BENCH_ONLY=<scenario name substring>,
// BENCH_TARGETS=pglite,postgres (which databases; PostgreSQL needs DATABASE_URL),
// BENCH_PRINCIPALS=<n> extra generated principals (default 0: demo data only),
// BENCH_SSE_CLIENTS (default 2000) and BENCH_SSE_ROUNDS (default 5) for the live view (bench/live-sse.ts);
// the minutes PDF is rendered one at a time as well (bench/minutes-pdf.ts, BENCH_ONLY="minutes pdf");
// a CSV import of BENCH_IMPORT_LINES (default 2000) lines runs while a page is read (bench/import-csv.ts, BENCH_ONLY="csv import");
// BENCH_NATIONAL=1: on PostgreSQL, then generates national-scale data (bench/generate-national.ts, minutes) and
// measures the main pages on it (bench/national.ts; BENCH_ONLY=national for those alone).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon, { type Result } from 'autocannon';
import type { Hono } from 'hono';
import pg from 'pg';
import { configSchema } from '../src/config.js';
import { createLogger } from '../src/platform/logger.js';
import type { AppEnv } from '../src/platform/http/context.js';
import { start, type Running } from '../src/server.js';
import { bareBaselines, baselines, scenarios, type BenchTarget, type Scenario } from './scenarios.js';
import { CONSTANT_PAGE, indexedPage, startBare } from './bare.js';
import { generatePrincipals } from './generate.js';
import { benchLiveSse, formatLiveSse } from './live-sse.js';
import { benchMinutesPdf, formatMinutesPdf, MINUTES_PDF_TARGET_MS } from './minutes-pdf.js';
import { benchCsvImport, formatCsvImport } from './import-csv.js';
import { generateNational } from './generate-national.js';
import { nationalScenarios } from './national.js';

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`${name} must be an integer >= ${min} (got "${raw}")\n`);
    process.exit(2);
  }
  return n;
}

const options = {
  duration: intEnv('BENCH_DURATION', 10, 1),
  warmup: intEnv('BENCH_WARMUP', 3, 0),
  connections: intEnv('BENCH_CONNECTIONS', 10, 1),
  principals: intEnv('BENCH_PRINCIPALS', 0, 0),
  sseClients: intEnv('BENCH_SSE_CLIENTS', 2000, 1),
  sseRounds: intEnv('BENCH_SSE_ROUNDS', 5, 1),
  importLines: intEnv('BENCH_IMPORT_LINES', 2000, 1),
  only: process.env.BENCH_ONLY?.trim() || undefined,
  national: process.env.BENCH_NATIONAL === '1',
  targets: new Set((process.env.BENCH_TARGETS || 'pglite,postgres').split(',').map((t) => t.trim().toLowerCase())),
};

/** The app's own two baselines; they pass through the same middleware as every real page (the "app overhead" rows). */
function benchRoutes(app: Hono<AppEnv>) {
  app.get('/__bench/constant', (c) => c.html(CONSTANT_PAGE));
  app.get('/__bench/indexed', async (c) => c.html(await indexedPage(c.get('deps').database)));
}

interface Row {
  scenario: Scenario;
  result: Result;
  rps: number;
  failures: number;
}

/** Cleanup steps, run in reverse on the way out (also on Ctrl-C). */
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      process.stderr.write(`cleanup failed: ${(err as Error).message}\n`);
    }
  }
}

function say(line = '') {
  process.stdout.write(`${line}\n`);
}

async function startTarget(label: string, env: Record<string, string>): Promise<Running> {
  const config = configSchema.parse({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', SEED_DEMO: '1', ...env });
  const started = performance.now();
  const running = await start(config, createLogger('silent'), { extraRoutes: benchRoutes });
  cleanups.push(() => running.close());
  if (options.principals > 0) await generatePrincipals(running.database, options.principals);
  const [count] = await running.database.query<{ n: number }>('select count(*)::int as n from principals');
  say(`${label}: started at ${running.url} in ${Math.round(performance.now() - started)} ms, ${count?.n ?? '?'} principals`);
  return running;
}

async function pgliteTarget(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'samverka-bench-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return startTarget('PGlite', { DATA_DIR: join(dir, 'data') });
}

async function postgresTarget(serverUrl: string): Promise<Running> {
  const name = `samverka_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return startTarget(`PostgreSQL (${name} on ${url.host})`, { DATABASE_URL: url.toString() });
}

async function measure(target: BenchTarget, scenario: Scenario): Promise<Row> {
  const extra = (await scenario.prepare?.(target)) ?? {};
  const request = {
    url: target.baseUrl + scenario.path,
    method: scenario.method ?? 'GET',
    headers: { ...scenario.headers, ...extra.headers },
    body: scenario.body,
  };
  // one request by hand first: a broken scenario should fail loudly, not measure error pages
  const expected = scenario.status ?? 200;
  const probe = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual' });
  await probe.arrayBuffer();
  if (probe.status !== expected) throw new Error(`${scenario.name}: ${request.method} ${scenario.path} answered ${probe.status}, expected ${expected}`);

  // the load generator runs in a worker thread, so it does not share the server's event loop
  const common = { ...request, connections: options.connections, workers: 1 };
  if (options.warmup > 0) await autocannon({ ...common, duration: options.warmup });
  const result = await autocannon({ ...common, duration: options.duration });
  const wrongStatus = Object.entries(result.statusCodeStats)
    .filter(([code]) => Number(code) !== expected)
    .reduce((n, [, s]) => n + s.count, 0);
  return { scenario, result, rps: result.requests.total / result.duration, failures: result.errors + result.timeouts + wrongStatus };
}

function table(headers: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** autocannon records whole milliseconds (truncated), so 0 means "under 1 ms". */
const ms = (n: number) => (n < 1 ? '<1' : n.toFixed(0));

/** p97.5 of a row as a multiple of another's (autocannon's whole milliseconds; under 1 ms counts as 1). */
const tailRatio = (r: Row, base: Row) => Math.max(r.result.latency.p97_5, 1) / Math.max(base.result.latency.p97_5, 1);

/**
 * Every row as ratios to the bare app's two pages (throughput, and p97.5 against the bare
 * one-query page's), then the goals of #14 judged on this run.
 */
function report(label: string, bare: [Row, Row], rows: Row[]) {
  const [bareConstant, bareIndexed] = bare;
  const all = [...bare, ...rows];
  const body = all.map((r) => [
    r.scenario.name,
    r.rps.toFixed(0),
    ms(r.result.latency.p50),
    ms(r.result.latency.p97_5),
    ms(r.result.latency.p99),
    (r.rps / bareConstant.rps).toFixed(2),
    (r.rps / bareIndexed.rps).toFixed(2),
    tailRatio(r, bareIndexed).toFixed(1),
    String(r.failures),
  ]);
  say();
  say(`${label}: ${options.connections} connections, ${options.duration} s each after ${options.warmup} s warm-up`);
  say(table(['scenario', 'req/s', 'p50 ms', 'p97.5 ms', 'p99 ms', '× bare constant', '× bare query', 'p97.5 × bare query', 'errors'], body, [false, true, true, true, true, true, true, true, true]));
  const appConstant = rows.find((r) => r.scenario.path === '/__bench/constant');
  const appIndexed = rows.find((r) => r.scenario.path === '/__bench/indexed');
  const pages = rows.filter((r) => !r.scenario.path.startsWith('/__bench/') && !r.scenario.path.endsWith('/pdf'));
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  say();
  if (appConstant) {
    const ratio = appConstant.rps / bareConstant.rps;
    say(`Goal: the app's constant page at least 0.70 of the bare constant page's throughput: ${ratio.toFixed(2)} (${met(ratio >= 0.7)})`);
  }
  if (appIndexed) {
    const ratio = appIndexed.rps / bareIndexed.rps;
    say(`Goal: the app's one-query page at least 0.60 of the bare one-query page's throughput: ${ratio.toFixed(2)} (${met(ratio >= 0.6)})`);
  }
  if (pages.length > 0) {
    const over = pages.filter((r) => tailRatio(r, bareIndexed) > 4);
    say(`Goal: every page's p97.5 at most 4× the bare one-query page's (${ms(bareIndexed.result.latency.p97_5)} ms): ${pages.length - over.length} of ${pages.length} (${met(over.length === 0)})`);
    for (const r of over) say(`  over: ${r.scenario.name} — ${tailRatio(r, bareIndexed).toFixed(1)}×`);
  }
}

async function benchTarget(label: string, running: Running, chosen: Scenario[], extras = true): Promise<boolean> {
  const target: BenchTarget = { baseUrl: running.url, database: running.database };
  // The bare app reads the same database in the same process, so both share one event loop as the app's pages do.
  const bareApp = await startBare(running.database);
  const bareTarget: BenchTarget = { baseUrl: bareApp.url, database: running.database };
  const measured = async (on: BenchTarget, scenario: Scenario) => {
    process.stdout.write(`  ${scenario.name} …`);
    const row = await measure(on, scenario);
    process.stdout.write(` ${row.rps.toFixed(0)} req/s\n`);
    return row;
  };
  const bare: Row[] = [];
  for (const scenario of bareBaselines) bare.push(await measured(bareTarget, scenario));
  await bareApp.close();
  const rows: Row[] = [];
  for (const scenario of [...baselines, ...chosen]) rows.push(await measured(target, scenario));
  report(label, [bare[0]!, bare[1]!], rows);
  let ok = [...bare, ...rows].every((r) => r.failures === 0);
  // The live view (Server-Sent Events) is measured by its own script: autocannon has no SSE.
  if (extras && (!options.only || 'live view (sse)'.includes(options.only.toLowerCase()))) {
    const config = configSchema.parse({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    const live = await benchLiveSse(running, config, { clients: options.sseClients, rounds: options.sseRounds });
    say();
    say(formatLiveSse(label, live));
    ok = ok && live.all.missing === 0;
  }
  // A CSV import while a page that reads the database is requested (the import's cost to others).
  if (extras && (!options.only || CSV_IMPORT.includes(options.only.toLowerCase()))) {
    say();
    say(formatCsvImport(label, await benchCsvImport(running, options.importLines)));
  }
  return ok;
}

const CSV_IMPORT = 'csv import';

/** Rendering the minutes PDF one at a time (no database, so once per run, not per target). */
async function benchMinutesPdfOnce(): Promise<boolean> {
  if (options.only && !'minutes pdf rendering'.includes(options.only.toLowerCase())) return true;
  const result = await benchMinutesPdf();
  say();
  say(formatMinutesPdf(result));
  return result.pdf.p95 < MINUTES_PDF_TARGET_MS;
}

// How long `npm start` takes, on an empty folder with demo data and again (bench/start-time.ts; once per run, BENCH_ONLY="start time").
import { benchStartTime, formatStartTime, START_TARGETS_MS } from './start-time.js';
const START_TIME = 'start time';
async function benchStartTimeOnce(): Promise<void> {
  if (options.only && !START_TIME.includes(options.only.toLowerCase())) return;
  const result = await benchStartTime();
  say();
  say(formatStartTime(result));
  if (result.empty.ms >= START_TARGETS_MS.empty || result.existing.ms >= START_TARGETS_MS.existing) say('(A start missed its goal: the goals hold on a quiet machine.)');
}

async function main() {
  const pick = (list: Scenario[]) => (options.only ? list.filter((s) => s.name.toLowerCase().includes(options.only!.toLowerCase())) : list);
  const chosen = pick(scenarios);
  const national = options.national ? pick(nationalScenarios) : [];
  const liveOnly = !!options.only && ['live view (sse)', 'minutes pdf rendering', CSV_IMPORT, START_TIME].some((name) => name.includes(options.only!.toLowerCase()));
  if (chosen.length === 0 && national.length === 0 && !liveOnly) {
    process.stderr.write(`BENCH_ONLY=${options.only} matches no scenario. Scenarios: ${scenarios.map((s) => s.name).join('; ')}\n`);
    process.exit(2);
  }
  say(`Samverka benchmark on Node ${process.version}: ${chosen.length + national.length} scenario(s) + 2 bare and 2 app baselines`);

  let clean = true;
  if (options.targets.has('pglite') && (chosen.length > 0 || national.length === 0)) {
    const pglite = await pgliteTarget();
    clean = (await benchTarget('PGlite', pglite, chosen)) && clean;
    await cleanUp();
  }

  const serverUrl = process.env.DATABASE_URL;
  if (!options.targets.has('postgres')) {
    say('\nPostgreSQL not measured (BENCH_TARGETS).');
  } else if (serverUrl) {
    say();
    const postgres = await postgresTarget(serverUrl);
    if (chosen.length > 0 || national.length === 0) clean = (await benchTarget('PostgreSQL', postgres, chosen)) && clean;
    if (national.length > 0) {
      say();
      await generateNational(postgres.database, say);
      clean = (await benchTarget('PostgreSQL, national scale', postgres, national, false)) && clean;
    }
    await cleanUp();
  } else {
    say('\nPostgreSQL not measured: set DATABASE_URL=postgres://… to measure it too (a fresh database is created and dropped).');
  }
  await benchStartTimeOnce();
  if (!(await benchMinutesPdfOnce())) say(`\nThe minutes PDF took ${MINUTES_PDF_TARGET_MS} ms or more (p95).`);
  if (!clean) {
    say('\nSome requests failed or answered an unexpected status (see "errors"); the numbers above are not trustworthy.');
    process.exitCode = 1;
  }
}

process.once('SIGINT', () => {
  process.stderr.write('\ninterrupted; cleaning up\n');
  void cleanUp().finally(() => process.exit(130));
});

try {
  await main();
} catch (err) {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  await cleanUp();
  process.exitCode = 1;
}
