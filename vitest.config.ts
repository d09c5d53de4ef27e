import { defineConfig } from 'vitest/config';

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
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
          exclude: ['**/*.db.test.{ts,tsx}', '**/*.e2e.test.{ts,tsx}', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
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
          maxWorkers: 1,
          testTimeout: 180_000,
        },
      },
    ],
  },
});
