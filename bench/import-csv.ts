// A CSV import of seats and members (BENCH_IMPORT_LINES, default 2,000 lines) uploaded
// through the import page of a fresh public body, first as a dry run and then for real,
// while one reader requests that body's page (which reads the database) over and over.
// Prints how long each import took and the reading page's latency while it ran, next to
// its latency on an idle server. On the embedded database every request waits for the
// import's database work, so the reading page's latency is the import's cost to others.
//
// Part of `npm run bench` (BENCH_ONLY="csv import").
import type { Running } from '../src/server.js';
import { fixtureBody, fixtureStructure } from '../src/modules/structure/samples.js';
import { benchAdminCookie } from './generate-meetings.js';

export interface ImportBenchResult {
  lines: number;
  bytes: number;
  runs: { label: string; ms: number; status: number; pages: number; p50: number; p97_5: number; max: number }[];
  idle: { p50: number; p97_5: number };
}

const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

async function timedGet(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`csv import bench: GET ${url} answered ${res.status}`);
  return performance.now() - t;
}

/** Reads the page until `done` says stop; returns the latencies (ms). */
async function readWhile(url: string, done: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!done()) times.push(await timedGet(url));
  return times;
}

export async function benchCsvImport(running: Running, lines = 2000): Promise<ImportBenchResult> {
  const db = running.database.db;
  const s = await fixtureStructure(db);
  const body = await fixtureBody(db, s.structure.id, { name: `Bench-import ${Date.now()}`, isPublic: true });
  const session = await benchAdminCookie(running.database);
  const first = await fetch(`${running.url}/`, { headers: { cookie: session } });
  await first.arrayBuffer();
  const csrf = /samverka_csrf=([^;]+)/.exec(first.headers.getSetCookie().join('\n'))?.[1];
  if (!csrf) throw new Error('csv import bench: no CSRF cookie');
  const stamp = Date.now().toString(36);
  const csv = [
    'Plats;Företräder;Kontaktyta;Namn;E-post;Roll;Från;Till;Skäl',
    ...Array.from({ length: lines }, (_, i) => `Plats ${i};${s.region.name};Kontaktyta ${i % 40};Förnamn Efternamn ${i};bench.${stamp}.${i}@example.se;Ledamot;2025-01-01;;`),
  ].join('\r\n');
  const page = `${running.url}/bodies/${body.id}`;
  const idleTimes: number[] = [];
  for (let i = 0; i < 30; i++) idleTimes.push(await timedGet(page));
  idleTimes.sort((a, b) => a - b);

  const runs: ImportBenchResult['runs'] = [];
  for (const dryRun of [true, false]) {
    const form = new FormData();
    form.set('_csrf', csrf);
    form.set('file', new File([csv], 'ledamoter.csv', { type: 'text/csv' }));
    if (dryRun) form.set('dryRun', '1');
    let finished = false;
    const started = performance.now();
    // Up to LARGE_IMPORT_LINES lines the answer is the result; above, the import runs in the
    // background and the answer is its page, read again until it says the run is over.
    const cookie = `${session}; samverka_csrf=${csrf}`;
    const upload = fetch(`${running.url}/bodies/${body.id}/import`, { method: 'POST', body: form, headers: { cookie } }).then(async (res) => {
      let html = await res.text();
      const over = (text: string) =>
        (dryRun ? /Provkörningen (gick bra|är klar)/ : /Importen är klar|Klar: \d+ rader är importerade/).test(text) || /Filen har \d+ fel|kunde inte slutföras/.test(text);
      while (!over(html) && res.ok && res.url.includes('/import/runs/')) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        html = await (await fetch(res.url, { headers: { cookie } })).text();
      }
      const ms = performance.now() - started;
      finished = true;
      if (!over(html) || /Filen har \d+ fel|kunde inte slutföras/.test(html)) throw new Error(`csv import bench: the ${dryRun ? 'dry run' : 'import'} answered ${res.status} without its result`);
      return { ms, status: res.status };
    });
    const [times, result] = await Promise.all([readWhile(page, () => finished), upload]);
    times.sort((a, b) => a - b);
    runs.push({ label: dryRun ? 'dry run' : 'import', ...result, pages: times.length, p50: percentile(times, 0.5), p97_5: percentile(times, 0.975), max: times[times.length - 1] ?? NaN });
  }
  return { lines, bytes: Buffer.byteLength(csv), runs, idle: { p50: percentile(idleTimes, 0.5), p97_5: percentile(idleTimes, 0.975) } };
}

export function formatCsvImport(label: string, r: ImportBenchResult): string {
  const f = (n: number) => (Number.isNaN(n) ? '–' : n.toFixed(0));
  return [
    `${label}: CSV import of ${r.lines.toLocaleString('en')} lines (${(r.bytes / 1024).toFixed(0)} KiB) through the import page, one reader on the body page meanwhile`,
    `  body page on an idle server: p50 ${f(r.idle.p50)} ms, p97.5 ${f(r.idle.p97_5)} ms`,
    ...r.runs.map(
      (run) => `  ${run.label.padEnd(7)} ${f(run.ms)} ms (HTTP ${run.status}); body page during it: ${run.pages} answers, p50 ${f(run.p50)} ms, p97.5 ${f(run.p97_5)} ms, max ${f(run.max)} ms`,
    ),
  ].join('\n');
}
