import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './canonical.js';

describe('canonical JSON and its digest', () => {
  it('sorts keys, drops undefined, normalises strings to NFC, and is stable', () => {
    const a = canonicalJson({ b: 1, a: { d: [1, 'x', null], c: undefined }, å: 'a\u030a' });
    expect(a).toBe('{"a":{"d":[1,"x",null]},"b":1,"å":"å"}');
    expect(canonicalJson(JSON.parse(a))).toBe(a);
    expect(sha256Hex(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
