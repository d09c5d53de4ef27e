import { describe, expect, it } from 'vitest';
import { compareSwedish, sortKey } from './sortkey.js';

describe('sortKey (Swedish alphabet in byte order)', () => {
  it('puts Å, Ä, Ö after Z in that order', () => {
    const names = ['Örebro', 'Ädelö', 'Zeta', 'Åtvidaberg', 'Alingsås', 'Ödeshög', 'Ärla'];
    const sorted = [...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
    expect(sorted).toEqual(['Alingsås', 'Zeta', 'Åtvidaberg', 'Ädelö', 'Ärla', 'Ödeshög', 'Örebro']);
  });
  it('ignores case and folds other accents (é as e, ü as y, æ as ä, ø as ö)', () => {
    expect(sortKey('Éva')).toBe(sortKey('eva'));
    expect(sortKey('Müller')).toBe(sortKey('myller'));
    expect(sortKey('Æble')).toBe(sortKey('äble'));
    expect(sortKey('Søren')).toBe(sortKey('sören'));
  });
  it('compares in memory the same way', () => {
    expect(['ö', 'a', 'å', 'z', 'ä'].sort(compareSwedish)).toEqual(['a', 'z', 'å', 'ä', 'ö']);
  });
  it('collapses white space', () => {
    expect(sortKey('  Lerums   kommun ')).toBe('lerums kommun');
  });
});
