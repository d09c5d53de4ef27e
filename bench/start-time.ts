// How long `npm start` takes until the server is ready: `node scripts/start.mjs` as a child on
// an empty temporary folder (embedded database, demo data seeded), then again on the same
// folder, each until /readyz answers 200. Prints both times, and the compile time when the
// start compiled the sources (scripts/build.mjs). Goals (#14): under 10 s on an empty folder,
// under 2 s on an existing one, on a quiet machine.
//
// Part of `npm run bench` (BENCH_ONLY="start time"), once per run; alone: `npx tsx bench/start-time.ts`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const START_TARGETS_MS = { empty: 10_000, existing: 2_000 };
const TIMEOUT_MS = 300_000;
const root = fileURLToPath(new URL('..', import.meta.url));

export interface StartRun {
  ms: number;
  /** The compile step's own line ("Compiled 388 source files to dist/ in 900 ms"), when it compiled. */
  compiled?: string;
}

export interface StartTimeResult {
  empty: StartRun;
  existing: StartRun;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts the server as `npm start` does, waits for /readyz to answer 200, stops it. */
async function timedStart(dataDir: string): Promise<StartRun> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  // The embedded database with its demo data, whatever the benchmark's own target is.
  delete env.DATABASE_URL;
  delete env.SEED_DEMO;
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    for (;;) {
      if (gone) throw new Error(`start time bench: the server exited before it was ready:\n${output}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`start time bench: not ready after ${TIMEOUT_MS / 1000} s:\n${output}`);
      const status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.arrayBuffer().then(() => r.status),
        () => 0,
      );
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = performance.now() - started;
    const compiled = /^Compiled .*$/m.exec(output)?.[0];
    return compiled ? { ms, compiled } : { ms };
  } finally {
    if (!gone) {
      child.kill('SIGTERM');
      await exited;
    }
  }
}

export async function benchStartTime(): Promise<StartTimeResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'samverka-start-'));
  try {
    const empty = await timedStart(dataDir);
    const existing = await timedStart(dataDir);
    return { empty, existing };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatStartTime(r: StartTimeResult): string {
  const run = (label: string, s: StartRun, target: number) =>
    `  ${label.padEnd(34)} ${seconds(s.ms).padStart(7)}  (goal < ${seconds(target)}${s.ms < target ? '' : ', missed'})${s.compiled ? `; ${s.compiled}` : ''}`;
  return [
    'Start time (node scripts/start.mjs until /readyz answers 200):',
    run('empty folder, demo data seeded', r.empty, START_TARGETS_MS.empty),
    run('the same folder again', r.existing, START_TARGETS_MS.existing),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatStartTime(await benchStartTime())}\n`);
}
