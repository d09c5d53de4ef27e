// Restarts a PostgreSQL cluster of its own ten times with `pg_ctl restart -m fast` and ten
// times with `-m immediate`, under light load on a real Samverka process, and prints what
// happened: tries, process crashes, 500s, the longest 503 window and lost writes. The same
// code as tests/process/pg-restart.db.test.ts (three of each, in CI); this one is not in CI.
//   npx tsx scripts/pg-restart-trial.ts            (TRIAL_RESTARTS=10 restarts of each kind)
import { killAllChildren } from '../tests/process/helpers.js';
import { postgresBinDir, runRestartTrial, startPgCluster, type RestartMode, type TrialReport } from '../tests/process/pg-cluster.js';

const restarts = Number(process.env.TRIAL_RESTARTS ?? 10);
const binDir = postgresBinDir();
if (!binDir) {
  process.stderr.write('No PostgreSQL server programs found (initdb and pg_ctl in `pg_config --bindir` or /usr/lib/postgresql/*/bin).\n');
  process.exit(2);
}

const rows: [RestartMode, TrialReport][] = [];
const cluster = await startPgCluster(binDir);
try {
  for (const mode of ['fast', 'immediate'] as const) {
    process.stdout.write(`\n${restarts} × pg_ctl restart -m ${mode}\n`);
    const report = await runRestartTrial({
      cluster,
      modes: Array<RestartMode>(restarts).fill(mode),
      afterCrash: 'restart',
      progress: (line) => process.stdout.write(`  ${line}\n`),
    });
    rows.push([mode, report]);
    for (const line of report.unexpected.slice(0, 20)) process.stdout.write(`  unexpected: ${line}\n`);
    for (const line of report.escapedErrors.slice(0, 5)) process.stdout.write(`  escaped: ${line}\n`);
    for (const text of report.crashOutput) process.stdout.write(`  crash:\n${text}\n`);
  }
} finally {
  await killAllChildren();
  await cluster.destroy();
}

const header = [
  'mode',
  'tries',
  'process crashes',
  '500s',
  'longest 503 window (ms)',
  'lost writes',
  'longest restart (ms)',
  'longest recovery after (ms)',
  'acknowledged writes',
  'other unexpected',
  'not recovered',
  'live view back',
];
const table = rows.map(([mode, r]) =>
  [
    mode,
    r.tries,
    r.crashes,
    r.status500,
    r.longest503Ms,
    r.lostWrites.length,
    r.longestRestartMs,
    r.longestRecoveryMs,
    r.acknowledgedWrites,
    r.unexpected.length - r.status500,
    r.unrecovered,
    r.liveViewBack ? 'yes' : 'no',
  ].map(String),
);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
process.stdout.write(`\n${line(header)}\n${table.map(line).join('\n')}\n`);
const failed = rows.some(([, r]) => r.crashes || r.status500 || r.lostWrites.length || r.unrecovered || r.unexpected.length || !r.liveViewBack);
process.exit(failed ? 1 : 0);
