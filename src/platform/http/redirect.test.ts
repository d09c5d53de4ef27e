import { describe, expect, it } from 'vitest';
import { safeLocalPath } from './redirect.js';

describe('safeLocalPath', () => {
  it('keeps local paths with query strings', () => {
    expect(safeLocalPath('/account?tab=tokens')).toBe('/account?tab=tokens');
  });
  it('refuses other sites, backslashes and control characters', () => {
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', '/\nLocation: x', '', undefined, null]) {
      expect(safeLocalPath(bad)).toBe('/');
    }
  });
});
