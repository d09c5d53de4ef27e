// PostgreSQL restarted under light load: `pg_ctl restart -m fast` three times and
// `-m immediate` three times, on a cluster the test starts itself, with a real Samverka
// process on it. The process stays up, answers 503 with Retry-After while the database is
// away (never 500), says so on /readyz, loses no write it acknowledged, and recovers by
// itself: reads, writes and the live view (LISTEN/NOTIFY) work again after each restart.
// scripts/pg-restart-trial.ts runs the same with ten restarts of each kind.
import { afterAll, describe, expect, it } from 'vitest';
import { testDbKind } from '../helpers/db-env.js';
import { killAllChildren } from './helpers.js';
import { postgresBinDir, runRestartTrial, startPgCluster, type PgCluster } from './pg-cluster.js';

const TITLE = 'PostgreSQL restarts under load';
const binDir = testDbKind() === 'postgres' ? postgresBinDir() : undefined;
const missing = 'no PostgreSQL server programs found (initdb and pg_ctl in `pg_config --bindir` or /usr/lib/postgresql/*/bin)';
let cluster: PgCluster | undefined;

afterAll(async () => {
  await killAllChildren();
  await cluster?.destroy();
});

if (testDbKind() !== 'postgres') {
  describe.skip(`${TITLE} [skipped: runs only in the PostgreSQL pass, TEST_DB=postgres]`, () => {
    it('restarts the cluster', () => undefined);
  });
} else if (!binDir && process.env.REQUIRE_POSTGRES === '1') {
  describe(TITLE, () => {
    it('needs the PostgreSQL server programs (REQUIRE_POSTGRES=1)', () => {
      throw new Error(`The PostgreSQL restart test is required (REQUIRE_POSTGRES=1) but there are ${missing}.`);
    });
  });
} else if (!binDir) {
  process.stdout.write(`\nPostgreSQL restart test skipped: ${missing}.\n`);
  describe.skip(`${TITLE} [skipped: ${missing}]`, () => {
    it('restarts the cluster', () => undefined);
  });
} else {
  describe(TITLE, () => {
    it('keeps the process up, answers 503 with Retry-After while the database is away, loses no acknowledged write and recovers', async () => {
      cluster = await startPgCluster(binDir);
      const report = await runRestartTrial({ cluster, modes: ['fast', 'fast', 'fast', 'immediate', 'immediate', 'immediate'], loadMs: 700 });
      const { tries, crashes, status500, longest503Ms, longestRestartMs, longestRecoveryMs, acknowledgedWrites, lostWrites } = report;
      process.stdout.write(`${JSON.stringify({ tries, crashes, status500, longest503Ms, longestRestartMs, longestRecoveryMs, acknowledgedWrites, lostWrites: lostWrites.length })}\n`);
      expect(report.crashOutput).toEqual([]);
      expect(report.crashes).toBe(0);
      expect(report.escapedErrors).toEqual([]);
      expect(report.status500).toBe(0);
      expect(report.unexpected).toEqual([]);
      expect(report.tries).toBe(6);
      expect(report.unrecovered).toBe(0);
      expect(report.readyz503Restarts).toBeGreaterThan(0);
      expect(report.acknowledgedWrites).toBeGreaterThan(6);
      expect(report.lostWrites).toEqual([]);
      expect(report.liveViewBack).toBe(true);
    }, 900_000);
  });
}
