import { describe, expect, it } from 'vitest';
import { messages, placeholdersOf, pluralCategory, selectPlurals, translator } from './index.js';

describe('plural forms (Intl.PluralRules)', () => {
  const items = '{count, plural, one {# punkt} other {# punkter}}';
  it('chooses the form by the count parameter and puts the number for #', () => {
    expect(selectPlurals(`Dagordningen med ${items}`, 'sv', { count: 1 })).toBe('Dagordningen med 1 punkt');
    expect(selectPlurals(`Dagordningen med ${items}`, 'sv', { count: 4 })).toBe('Dagordningen med 4 punkter');
    expect(selectPlurals(`Dagordningen med ${items}`, 'sv', { count: 0 })).toBe('Dagordningen med 0 punkter');
  });
  it('follows the rules of the language', () => {
    expect(pluralCategory('sv', 1)).toBe('one');
    expect(pluralCategory('en', 1)).toBe('one');
    expect(pluralCategory('sv', 2)).toBe('other');
    expect(pluralCategory('en', 0)).toBe('other');
    // 1.5 is "other" in both.
    expect(pluralCategory('en', 1.5)).toBe('other');
  });
  it('prefers an exact form (=N), then the category, then other', () => {
    const t = '{n, plural, =0 {inga möten} one {ett möte} other {# möten}}';
    expect(selectPlurals(t, 'sv', { n: 0 })).toBe('inga möten');
    expect(selectPlurals(t, 'sv', { n: 1 })).toBe('ett möte');
    expect(selectPlurals(t, 'sv', { n: 7 })).toBe('7 möten');
    expect(selectPlurals('{n, plural, other {# st}}', 'en', { n: 1 })).toBe('1 st');
  });
  it('takes a count given as a numeric string or written out, and leaves the part as written without one', () => {
    expect(selectPlurals(items, 'sv', { count: '1' })).toBe('1 punkt');
    expect(selectPlurals(items, 'sv', { other: 1 })).toBe(items);
    expect(selectPlurals(items, 'sv', { count: '1 234' })).toBe('1 234 punkter');
  });
  it('handles several plural parts and placeholders inside a form', () => {
    const t = '{rows, plural, one {# rad} other {# rader}} ({seats, plural, one {# plats i {body}} other {# platser i {body}}})';
    expect(translator('sv')('error.plain', { text: 'x' })).toBe('x'); // the translator is there
    expect(selectPlurals(t, 'sv', { rows: 1, seats: 3 })).toBe('1 rad (3 platser i {body})');
  });
  it("tells placeholders inside forms through the translator, in the reader's language", () => {
    expect(translator('sv')('form.errorCount', { count: 1 })).toBe('Rätta 1 fel för att kunna spara.');
    expect(translator('en')('form.errorCount', { count: 1 })).toBe('Correct 1 error to save.');
    expect(translator('en')('form.errorCount', { count: 3 })).toBe('Correct 3 errors to save.');
  });
  it('tells the converted texts with the right form in Swedish and English', () => {
    const sv = translator('sv');
    const en = translator('en');
    expect(sv('cases.myBodies.open', { count: 1 })).toBe('1 pågående ärende');
    expect(sv('cases.myBodies.open', { count: 3 })).toBe('3 pågående ärenden');
    expect(en('cases.myBodies.open', { count: 1 })).toBe('1 open case');
    expect(en('cases.myBodies.open', { count: 3 })).toBe('3 open cases');
    expect(sv('meetings.notice.published.body', { count: 1 })).toBe('Dagordningen med 1 punkt är publicerad i Samverka.');
    expect(sv('meetings.notice.published.body', { count: 4 })).toBe('Dagordningen med 4 punkter är publicerad i Samverka.');
    expect(en('meetings.notice.published.body', { count: 1 })).toBe('The agenda with 1 item is published in Samverka.');
    expect(en('meetings.notice.published.body', { count: 4 })).toBe('The agenda with 4 items is published in Samverka.');
    expect(sv('structure.body.warning.tooFew', { count: 1, min: 3 })).toBe('Gruppen har 1 ledamot; uppdragsbeskrivningen säger minst 3.');
    expect(en('inbox.unreadCount', { count: 0 })).toBe('You have no unread messages.');
    expect(sv('inbox.unreadCount', { count: 1 })).toBe('Du har 1 oläst meddelande.');
    expect(en('meetings.frequency.warning.missed', { what: 'Meetings', period: '2026', min: 1, count: 0 })).toBe('Meetings 2026: at least 1 was required, but only 0 were held.');
  });
  it('lists the count parameters among the placeholders of a text', () => {
    expect(placeholdersOf('{a} och {count, plural, one {# {b}} other {# {b}}}')).toEqual(['a', 'b', 'count']);
    // A form of one word is no placeholder.
    expect(placeholdersOf('{n} {n, plural, one {was} other {were}} held')).toEqual(['n']);
  });
  it('has well-formed plural parts in every catalog text, each with an "other" form', () => {
    const all = messages();
    for (const lang of ['sv', 'en'] as const) {
      for (const [key, text] of Object.entries(all[lang])) {
        if (!text.includes('plural,')) continue;
        const names = [...text.matchAll(/\{(\w+),\s*plural,/g)].map((m) => m[1]!);
        const params = Object.fromEntries(names.map((n) => [n, 2]));
        const told = selectPlurals(text, lang, params);
        expect(told, `${lang} ${key}`).not.toMatch(/plural,/);
        expect(told, `${lang} ${key}`).not.toContain('#');
        expect(text.match(/\bother\s*\{/g)?.length ?? 0, `${lang} ${key}: every plural part has an "other" form`).toBeGreaterThanOrEqual(names.length);
      }
    }
  });
});
