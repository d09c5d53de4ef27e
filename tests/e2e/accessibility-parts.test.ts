import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACCESSIBILITY_PARTS, accessibilityPart, partOfFile } from './accessibility-parts.js';
import { routeCatalog } from './route-catalog.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('the accessibility checks split into parts', () => {
  it('check every catalog entry and the error pages in exactly one part', () => {
    const parts = Array.from({ length: ACCESSIBILITY_PARTS }, (_, i) => accessibilityPart(i + 1));
    const checked = parts.flatMap((p) => p.entries);
    // The same entry objects, each once, and nothing else.
    expect(checked).toHaveLength(routeCatalog.length);
    expect(new Set(checked).size).toBe(routeCatalog.length);
    for (const entry of routeCatalog)
      expect(
        checked.filter((e) => e === entry),
        entry.pattern,
      ).toHaveLength(1);
    expect(parts.filter((p) => p.errorPages)).toHaveLength(1);
    for (const p of parts) expect(p.entries.length + (p.errorPages ? 1 : 0)).toBeGreaterThan(0);
  });

  it('has one test file for each part, and no other', () => {
    const files = readdirSync(here).filter((f) => /^accessibility.*\.e2e\.test\.ts$/.test(f));
    expect(files.map(partOfFile).sort((a, b) => a - b)).toEqual(Array.from({ length: ACCESSIBILITY_PARTS }, (_, i) => i + 1));
  });

  it('refuses a part that does not exist and a file not named after its part', () => {
    expect(() => accessibilityPart(0)).toThrow();
    expect(() => accessibilityPart(ACCESSIBILITY_PARTS + 1)).toThrow();
    expect(() => partOfFile('/x/tests/e2e/accessibility.e2e.test.ts')).toThrow();
  });
});
