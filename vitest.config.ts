import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * All three projects share one pool of two workers, and the longest files start first so
 * that none runs alone at the end: the browser tests (the accessibility parts first), then
 * the database tests, then the unit tests. Within a project vitest's own order applies (the
 * durations of the previous run when it has them, else the largest file first).
 */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      if (spec.project.name === 'e2e') return /accessibility-\d+\.e2e\.test\.ts$/.test(spec.moduleId) ? 0 : 1;
      return spec.project.name === 'db' ? 2 : 3;
    };
    // Array.prototype.sort is stable: vitest's order holds within a rank.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

// Three projects: unit tests (no database), database tests (PGlite, or PostgreSQL with
// TEST_DB=postgres) and browser tests (Debian's Chromium through playwright-core).
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    // Generous limits: tests wait for what they expect and never time the machine, which
    // may be ten times slower on a loaded day (durations belong in `npm run bench`).
    testTimeout: 120_000,
    // Seeding the whole demo in a hook takes 15–60 s on a quiet two-core machine.
    hookTimeout: 600_000,
    // The modules composed as the server composes them (src/modules.ts).
    setupFiles: ['tests/helpers/compose.ts'],
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // One process per worker for all its files: the module graph is loaded once, not once
          // per file (the tests keep no state between files: each db file opens its own database).
          isolate: false,
          include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
          exclude: ['**/*.db.test.{ts,tsx}', '**/*.e2e.test.{ts,tsx}', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          isolate: false,
          include: ['src/**/*.db.test.{ts,tsx}', 'tests/**/*.db.test.{ts,tsx}'],
          globalSetup: ['tests/helpers/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/**/*.e2e.test.{ts,tsx}', 'src/**/*.e2e.test.{ts,tsx}'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          // Each browser test file has its own server, database and Chromium, so they run
          // beside each other and beside the other projects' files.
          testTimeout: 180_000,
        },
      },
    ],
  },
});
