// `npm run bench:profile`: where a request's CPU time goes (#14). Starts Samverka on a fresh
// PGlite folder with demo data, loads one path with autocannon, records a CPU profile of the
// server's thread only while the load runs (node:inspector), and prints the functions with the
// most self time, grouped by package or source file. The .cpuprofile file is written too, for a
// flame graph in Chrome's DevTools or speedscope.
// Options (environment): PROFILE_PATH (default /__bench/constant), PROFILE_SECONDS (default 10),
// PROFILE_CONNECTIONS (default 10), PROFILE_COOKIE (a session cookie for logged-in pages),
// PROFILE_OUT (default profile-<time>.cpuprofile in the system's temporary folder).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Hono } from 'hono';
import { configSchema } from '../src/config.js';
import { createLogger } from '../src/platform/logger.js';
import type { AppEnv } from '../src/platform/http/context.js';
import { start } from '../src/server.js';
import { CONSTANT_PAGE, indexedPage } from './bare.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const path = process.env.PROFILE_PATH || '/__bench/constant';
const seconds = Number(process.env.PROFILE_SECONDS || 10);
const connections = Number(process.env.PROFILE_CONNECTIONS || 10);
const out = process.env.PROFILE_OUT || join(tmpdir(), `profile-${Date.now()}.cpuprofile`);

function benchRoutes(app: Hono<AppEnv>) {
  app.get('/__bench/constant', (c) => c.html(CONSTANT_PAGE));
  app.get('/__bench/indexed', async (c) => c.html(await indexedPage(c.get('deps').database)));
}

/** Where a frame's code lives: a package name, or a path below src/ or bench/. */
function placeOf(url: string): string {
  if (!url) return '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  const own = url.match(/\/(src|bench)\/(.*)$/);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return url;
  return url.split('/').slice(-2).join('/');
}

function summarise(profile: { nodes: ProfileNode[]; samples?: number[] }) {
  const total = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const place = placeOf(node.callFrame.url);
    const name = `${node.callFrame.functionName || '(anonymous)'} ${place}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits);
    byPlace.set(place, (byPlace.get(place) ?? 0) + hits);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
  return { places: top(byPlace, 25), functions: top(byFunction, 40) };
}

const dir = mkdtempSync(join(tmpdir(), 'samverka-profile-'));
const config = configSchema.parse({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NODE_ENV: 'production', SEED_DEMO: '1', DATA_DIR: join(dir, 'data') });
const running = await start(config, createLogger('silent'), { extraRoutes: benchRoutes });
try {
  const request = { url: running.url + path, connections, workers: 1, headers: process.env.PROFILE_COOKIE ? { cookie: process.env.PROFILE_COOKIE } : undefined };
  await autocannon({ ...request, duration: 3 }); // warm-up: the JIT, the caches, prepared statements
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const result = await autocannon({ ...request, duration: seconds });
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  writeFileSync(out, JSON.stringify(profile));
  const { places, functions } = summarise(profile as unknown as { nodes: ProfileNode[] });
  const rps = result.requests.total / result.duration;
  process.stdout.write(
    `${path}: ${rps.toFixed(0)} req/s, p97.5 ${result.latency.p97_5} ms, non-2xx ${result.non2xx}; profile in ${out}\n\nSelf time by place:\n${places.join('\n')}\n\nSelf time by function:\n${functions.join('\n')}\n`,
  );
} finally {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
}
