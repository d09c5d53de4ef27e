import { routeCatalog, type CatalogEntry } from './route-catalog.js';

/**
 * The checks are split into ACCESSIBILITY_PARTS test files, tests/e2e/accessibility-<n>.e2e.test.ts,
 * so that two workers share them instead of one running them alone at the end of the suite. Item i
 * of the catalog (its entries in order, then the error pages) belongs to part (i mod N) + 1: every
 * item is checked in exactly one part, which tests/e2e/accessibility-parts.test.ts verifies
 * against the files present. Each part has its own server, database and browser.
 */
export const ACCESSIBILITY_PARTS = 2;

/** What one part checks: its catalog entries and whether the error pages are among them. */
export interface AccessibilityPart {
  entries: CatalogEntry[];
  errorPages: boolean;
}

/** Part `part` (1 to ACCESSIBILITY_PARTS) of the catalog. */
export function accessibilityPart(part: number, parts = ACCESSIBILITY_PARTS): AccessibilityPart {
  if (!Number.isInteger(part) || part < 1 || part > parts) throw new Error(`No accessibility part ${part} of ${parts}`);
  const mine = (i: number) => i % parts === part - 1;
  return { entries: routeCatalog.filter((_, i) => mine(i)), errorPages: mine(routeCatalog.length) };
}

/** The part a test file runs, from its name: tests/e2e/accessibility-<n>.e2e.test.ts. */
export function partOfFile(file: string): number {
  const m = /accessibility-(\d+)\.e2e\.test\.ts$/.exec(file);
  if (!m) throw new Error(`${file} is not named accessibility-<n>.e2e.test.ts`);
  return Number(m[1]);
}
