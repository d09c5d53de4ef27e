// The live view under load: BENCH_SSE_CLIENTS (default 2,000) followers hold a
// Server-Sent Events connection to /meetings/:id/live/events on one app process; the
// secretary then moves the meeting to another item BENCH_SSE_ROUNDS times (default 5), and
// each follower's delivery latency is measured from just before the command starts to the
// moment its new state arrives. Target: p99 under 1 s.
//
// The followers run in a worker thread with plain node:http (autocannon does not speak
// SSE), so that their parsing does not share the server's event loop. Both threads read
// the same clock (performance.timeOrigin + performance.now()). Each follower needs a file
// descriptor on both sides: raise `ulimit -n` above twice the client count if needed.
//
// Run alone with `npm run bench:live`, or as part of `npm run bench`.
import { Worker } from 'node:worker_threads';
import type { Running } from '../src/server.js';
import type { Config } from '../src/config.js';
import { execute } from '../src/platform/commands.js';
import { systemActor } from '../src/platform/auth/actor.js';
import { people } from '../src/platform/auth/schema.js';
import { createSession } from '../src/platform/auth/sessions.js';
import { sortKey } from '../src/platform/sortkey.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../src/modules/structure/samples.js';
import { fixtureItem, fixtureMeeting } from '../src/modules/meetings/samples.js';
import { setCurrentItem } from '../src/modules/live/commands/set-current-item.js';
import { liveHub } from '../src/modules/live/hub.js';

export interface LiveSseOptions {
  clients: number;
  rounds: number;
}

export interface LiveSseResult {
  clients: number;
  connectMs: number;
  rounds: { p50: number; p99: number; max: number; received: number }[];
  all: { p50: number; p95: number; p99: number; max: number; missing: number };
}

const CLIENT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, cookie, clients } = workerData;
const target = new URL(url);
const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let connected = 0;
let failed = 0;
const waiting = new Map(); // round -> { itemId, times: [] }
let expected = null;
const times = [];
function open(i) {
  return new Promise((resolve) => {
    const req = http.get({ host: target.hostname, port: target.port, path: target.pathname, agent, headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) { failed++; res.resume(); return resolve(); }
      res.setEncoding('utf8');
      let buffer = '';
      let first = true;
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\\n\\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith('event: state')) continue;
          const data = block.slice(block.indexOf('data: ') + 6);
          if (first) { first = false; connected++; resolve(); continue; }
          if (expected && data.includes('"currentItemId":"' + expected + '"')) times.push(now());
        }
      });
      res.on('error', () => {});
    });
    req.on('error', () => { failed++; resolve(); });
  });
}
(async () => {
  const batch = 100;
  for (let i = 0; i < clients; i += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, clients - i) }, (_, j) => open(i + j)));
  }
  parentPort.postMessage({ type: 'connected', connected, failed });
})();
parentPort.on('message', (m) => {
  if (m.type === 'expect') { expected = m.itemId; times.length = 0; parentPort.postMessage({ type: 'ready' }); }
  if (m.type === 'collect') parentPort.postMessage({ type: 'times', times: times.slice() });
  if (m.type === 'stop') { agent.destroy(); process.exit(0); }
});
`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function once<T>(worker: Worker, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(m as T);
    };
    const onError = (err: Error) => {
      worker.off('message', onMessage);
      reject(err);
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sets up a meeting with a follower, connects the clients, moves the meeting and measures. */
export async function benchLiveSse(running: Running, config: Config, options: LiveSseOptions): Promise<LiveSseResult> {
  const db = running.database.db;
  const { structure } = await fixtureStructure(db);
  const body = await fixtureBody(db, structure.id, { name: 'Bänkgruppen för livevisning' });
  const [person] = await db
    .insert(people)
    .values({ name: 'Följare Bänk', sortKey: sortKey('Följare Bänk'), email: `bank-${Date.now()}@example.se` })
    .returning();
  await fixtureMembership(db, { bodyId: body.id, personId: person!.id, role: 'member', startOn: '2020-01-01' });
  // In progress: it began an hour ago (the live view opens once a meeting has started).
  const meeting = await fixtureMeeting(db, body, -1 / 24, { status: 'called', agendaPublishedAt: new Date() });
  const items = [];
  for (let i = 1; i <= options.rounds + 1; i++) items.push(await fixtureItem(db, meeting, i, { title: `Punkt ${i} om samverkan kring äldre`, presenterName: 'Åsa Öberg' }));
  const session = await createSession(db, person!.id, { userAgent: 'bench' });
  const deps = { database: running.database, config };
  const actor = systemActor('bench');

  const started = performance.now();
  const worker = new Worker(CLIENT_SOURCE, {
    eval: true,
    workerData: { url: `${running.url}/meetings/${meeting.id}/live/events`, cookie: `samverka_session=${session.token}`, clients: options.clients },
  });
  const connected = await once<{ connected: number; failed: number }>(worker, 'connected');
  const connectMs = performance.now() - started;
  if (connected.failed > 0 || connected.connected !== options.clients) {
    throw new Error(`only ${connected.connected} of ${options.clients} followers connected (${connected.failed} failed)`);
  }
  const hub = liveHub(running.database);
  if (hub.count(meeting.id) !== options.clients) throw new Error(`the hub holds ${hub.count(meeting.id)} streams, expected ${options.clients}`);

  const rounds: LiveSseResult['rounds'] = [];
  const all: number[] = [];
  let missing = 0;
  for (let r = 0; r < options.rounds; r++) {
    const item = items[r + 1]!;
    worker.postMessage({ type: 'expect', itemId: item.id });
    await once(worker, 'ready');
    const t0 = performance.timeOrigin + performance.now();
    await execute(deps, actor, setCurrentItem, { meetingId: meeting.id, itemId: item.id });
    // Wait until every follower has it, or 10 s.
    let times: number[] = [];
    for (let waited = 0; waited < 10_000; waited += 50) {
      await sleep(50);
      worker.postMessage({ type: 'collect' });
      times = (await once<{ times: number[] }>(worker, 'times')).times;
      if (times.length >= options.clients) break;
    }
    const latencies = times.map((t) => t - t0).sort((a, b) => a - b);
    missing += options.clients - latencies.length;
    all.push(...latencies);
    rounds.push({ p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? NaN, received: latencies.length });
    await sleep(200);
  }
  worker.postMessage({ type: 'stop' });
  await new Promise((r) => worker.once('exit', r));
  all.sort((a, b) => a - b);
  return {
    clients: options.clients,
    connectMs,
    rounds,
    all: { p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), max: all[all.length - 1] ?? NaN, missing },
  };
}

export function formatLiveSse(label: string, result: LiveSseResult): string {
  const f = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : '–');
  const lines = [
    `${label}: live view, ${result.clients} SSE followers on one process (connected in ${(result.connectMs / 1000).toFixed(1)} s)`,
    ...result.rounds.map((r, i) => `  item change ${i + 1}: ${r.received}/${result.clients} received, p50 ${f(r.p50)}, p99 ${f(r.p99)}, max ${f(r.max)}`),
    `  all changes: p50 ${f(result.all.p50)}, p95 ${f(result.all.p95)}, p99 ${f(result.all.p99)}, max ${f(result.all.max)}, missing ${result.all.missing}` +
      `  → p99 ${result.all.p99 < 1000 && result.all.missing === 0 ? 'under' : 'NOT under'} the 1 s target`,
  ];
  return lines.join('\n');
}

// Run alone: `npm run bench:live` (PGlite; and PostgreSQL too when DATABASE_URL is set).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { configSchema } = await import('../src/config.js');
  const { createLogger } = await import('../src/platform/logger.js');
  const { start } = await import('../src/server.js');
  const clients = Number(process.env.BENCH_SSE_CLIENTS ?? 2000);
  const rounds = Number(process.env.BENCH_SSE_ROUNDS ?? 5);
  const dir = mkdtempSync(join(tmpdir(), 'samverka-bench-live-'));
  const config = configSchema.parse({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', SEED_DEMO: '0', DATA_DIR: join(dir, 'data'), ROLE: 'web' });
  const running = await start(config, createLogger('silent'));
  try {
    process.stdout.write(`${formatLiveSse('PGlite', await benchLiveSse(running, config, { clients, rounds }))}\n`);
  } finally {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
