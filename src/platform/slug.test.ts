import { describe, expect, it } from 'vitest';
import { freeSlug, isSlug, slugFrom } from './slug.js';

describe('slugFrom: an address name made from a name', () => {
  it('writes Swedish letters without their dots and rings, in lower case, words joined by hyphens', () => {
    expect(slugFrom('Nätverk läkemedel')).toBe('natverk-lakemedel');
    expect(slugFrom('Åsa Öberg')).toBe('asa-oberg');
    expect(slugFrom('ÄLDREOMSORG I SÖDRA ÄLVSBORG')).toBe('aldreomsorg-i-sodra-alvsborg');
  });
  it('strips other diacritics and spells out letters that have none', () => {
    expect(slugFrom('Café Müller – Señor Ångström')).toBe('cafe-muller-senor-angstrom');
    expect(slugFrom('Færøerne Straße')).toBe('faeroerne-strasse');
  });
  it('turns every run of other characters into one hyphen, none at the ends', () => {
    expect(slugFrom('  SAMLA – Lerum/Alingsås (2024)!  ')).toBe('samla-lerum-alingsas-2024');
    expect(slugFrom('a---b__c')).toBe('a-b-c');
    expect(slugFrom('–!?')).toBe('');
  });
  it('keeps to the longest allowed, cutting at a hyphen', () => {
    const long = slugFrom('Samverkansgruppen för barn och unga med psykisk ohälsa i hela Västra Götaland');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long).toBe('samverkansgruppen-for-barn-och-unga-med-psykisk-ohalsa-i');
    expect(isSlug(long)).toBe(true);
    expect(slugFrom('a'.repeat(80))).toBe('a'.repeat(60));
  });
  it('always gives a valid slug or nothing', () => {
    for (const name of ['Nätverk läkemedel', 'ÅÄÖ', '---', '123', 'x y z', 'Øresund ß']) {
      const s = slugFrom(name);
      expect(s === '' || isSlug(s), name).toBe(true);
    }
  });
  it('finds a free one by numbering when the slug is taken', () => {
    expect(freeSlug('samla', new Set())).toBe('samla');
    expect(freeSlug('samla', new Set(['samla']))).toBe('samla-2');
    expect(freeSlug('samla', new Set(['samla', 'samla-2']))).toBe('samla-3');
    const base = 'a'.repeat(60);
    expect(freeSlug(base, new Set([base]))).toBe(`${'a'.repeat(58)}-2`);
  });
});
