/**
 * Module boundaries (docs/decisions/0008-composition-root.md), checked by `npm test`:
 * - a module imports another module only through its index.ts (or the table types in its
 *   schema.ts), never its internals;
 * - the platform imports no module.
 * Tests and their kits may reach into modules (they set up fixtures).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      comment: 'The platform is what modules build on; it learns about modules only through the composition root.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: '(\\.test|test-kit|test-helpers)\\.tsx?$' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'module-through-index',
      comment: 'A module uses another module through its index.ts (and its schema.ts for table types), not its internals.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: '(\\.test|test-kit|test-helpers)\\.tsx?$' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(index|schema)\\.tsx?$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|drizzle|public)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
