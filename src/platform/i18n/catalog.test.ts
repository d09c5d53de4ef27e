import { describe, expect, it } from 'vitest';
import { catalogs, messages, translator } from './index.js';

describe('message catalogs', () => {
  it('has every key in both Swedish and English, none empty', () => {
    for (const catalog of catalogs) {
      const sv = Object.keys(catalog.sv).sort();
      const en = Object.keys(catalog.en).sort();
      expect(en).toEqual(sv);
      for (const [k, v] of Object.entries({ ...catalog.sv, ...catalog.en })) expect(v.trim(), k).not.toBe('');
    }
  });
  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(messages.sv)) {
      expect(placeholders(messages.en[key] ?? ''), key).toEqual(placeholders(messages.sv[key] ?? ''));
    }
  });
  it('interpolates parameters', () => {
    expect(translator('sv')('pager.status', { page: 2, pages: 5 })).toBe('Sida 2 av 5');
    expect(translator('en')('pager.status', { page: 2, pages: 5 })).toBe('Page 2 of 5');
  });
});
