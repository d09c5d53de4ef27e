import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/*
 * The module boundaries of .dependency-cruiser.cjs (checked on the tree by `npm test`,
 * `npm run lint:boundaries`), tried on a small tree of their own: each rule must catch what
 * it forbids and let through what it allows.
 */

const root = resolve(import.meta.dirname, '..');

function cruise(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'samverka-boundaries-'));
  try {
    for (const [path, text] of Object.entries({ 'tsconfig.json': '{"compilerOptions":{"module":"NodeNext","moduleResolution":"NodeNext","allowJs":true}}', ...files })) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'],
      { cwd: dir, encoding: 'utf8' },
    );
    const result = JSON.parse(r.stdout) as { summary: { violations: { from: string; to: string; rule: { name: string } }[] } };
    return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('module boundaries', () => {
  it("forbids a module reaching into another module's internals, and the platform importing a module", () => {
    const violations = cruise({
      'src/modules/a/index.ts': "export { inner } from './inner.js';\n",
      'src/modules/a/inner.ts': 'export const inner = 1;\n',
      'src/modules/a/schema.ts': 'export type Row = { id: string };\n',
      'src/modules/b/uses.ts': [
        "import { inner } from '../a/index.js';", // allowed: through the index
        "import type { Row } from '../a/schema.js';", // allowed: table types
        "import { inner as again } from '../a/inner.js';", // forbidden
        "import { own } from './own.js';", // allowed: its own files
        'export const x: Row[] = [{ id: String(inner + again + own) }];',
      ].join('\n'),
      'src/modules/b/own.ts': 'export const own = 2;\n',
      'src/modules/b/uses.test.ts': "import { inner } from '../a/inner.js';\nexport const y = inner;\n", // tests may
      'src/platform/core.ts': "import { inner } from '../modules/a/index.js';\nexport const z = inner;\n", // forbidden
    });
    expect(violations).toEqual(['module-through-index: src/modules/b/uses.ts → src/modules/a/inner.ts', 'platform-imports-no-module: src/platform/core.ts → src/modules/a/index.ts']);
  });

  it('registers nothing at import: the modules load without a registry, and the root composes them once', () => {
    // A fresh process imports every module through the composition root's list (which
    // imports each index.ts and, through them, every file of every module). A module that
    // registered anything at import would throw there: no registry exists before composeApp.
    const script = [
      "const root = await import('./src/modules.ts');",
      "const registry = await import('./src/platform/registry.ts');",
      'const before = registry.isInstalled();',
      'const composed = root.composeApp();',
      "const { COMMANDS } = await import('./src/platform/commands.ts');",
      'console.log(JSON.stringify({ before, modules: root.manifests.map((m) => m.name), commands: composed.all(COMMANDS).length, again: root.composeApp() === composed }));',
    ].join('\n');
    const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), '--eval', script, '--input-type=module'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { before: boolean; modules: string[]; commands: number; again: boolean };
    expect(out.before).toBe(false);
    expect(out.modules[0]).toBe('platform');
    expect(out.commands).toBeGreaterThan(80);
    expect(out.again).toBe(true);
  });
});
