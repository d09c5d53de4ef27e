import { describe, expect, it } from 'vitest';
import { manifests } from '../../modules.js';
import { catalogs, messages, placeholdersOf, translator, type MessageKey } from './index.js';

describe('message catalogs', () => {
  it('has every key in both Swedish and English, none empty', () => {
    for (const catalog of catalogs()) {
      const sv = Object.keys(catalog.sv).sort();
      const en = Object.keys(catalog.en).sort();
      expect(en).toEqual(sv);
      for (const [k, v] of Object.entries({ ...catalog.sv, ...catalog.en })) expect(v.trim(), k).not.toBe('');
    }
  });
  it("holds the platform's catalogs and every composed module's (its manifest's `messages`)", () => {
    const withMessages = manifests.filter((m) => m.messages);
    expect(withMessages.length).toBeGreaterThan(5);
    for (const m of withMessages) expect(catalogs(), m.name).toContain(m.messages);
    expect(catalogs().length).toBe(4 + withMessages.length);
  });
  it('defines each key in one catalog only', () => {
    const seen = new Map<string, number>();
    catalogs().forEach((catalog, i) => {
      for (const key of Object.keys(catalog.sv)) {
        expect(seen.get(key), key).toBeUndefined();
        seen.set(key, i);
      }
    });
  });
  it('uses the same placeholders in both languages', () => {
    const all = messages();
    for (const key of Object.keys(all.sv)) {
      expect(placeholdersOf(all.en[key] ?? ''), key).toEqual(placeholdersOf(all.sv[key] ?? ''));
    }
  });
  it('interpolates parameters', () => {
    expect(translator('sv')('pager.status', { page: 2, pages: 5 })).toBe('Sida 2 av 5');
    expect(translator('en')('pager.status', { page: 2, pages: 5 })).toBe('Page 2 of 5');
  });
  it('tells a parameter that is itself a text by key in the same language', () => {
    const status = { key: 'pager.status', params: { page: 2, pages: 5 } } as const;
    expect(translator('sv')('structure.refuse.importLine', { line: 7, problem: status })).toBe('Rad 7: Sida 2 av 5');
    expect(translator('en')('structure.refuse.importLine', { line: 7, problem: status })).toBe('Line 7: Page 2 of 5');
    // A value written per language.
    const when = { sv: 'måndag 7 december', en: 'Monday 7 December' };
    expect(translator('en')('structure.refuse.importLine', { line: 7, problem: when })).toBe('Line 7: Monday 7 December');
    expect(translator('sv')('structure.refuse.importLine', { line: 7, problem: when })).toBe('Rad 7: måndag 7 december');
  });
  it("translates a module's keys in the composed process", () => {
    expect(translator('sv')('structure.nav.structures')).toBe('Samverkansstrukturer');
    expect(translator('en')('cases.choose')).toBe('Choose');
  });
  it('types the keys (checked by tsc): a module key is one, an unknown key is not', () => {
    const known: MessageKey = 'structure.nav.structures';
    // @ts-expect-error not a key of any catalog
    const unknown: MessageKey = 'no.such.key';
    expect([known, unknown]).toHaveLength(2);
  });
});
