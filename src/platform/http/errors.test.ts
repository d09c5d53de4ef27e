import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/index.js';
import { ForbiddenError, NotFoundError, messageIn } from './errors.js';

describe('errors without a text of their own', () => {
  it('tell a 404 and a 403 in the reader’s language, not in English to everyone', () => {
    const sv = translator('sv');
    const en = translator('en');
    expect(messageIn(new NotFoundError(), sv)).toBe('Det du söker finns inte, eller så har du inte behörighet att se det.');
    expect(messageIn(new NotFoundError(), en)).toBe('What you are looking for does not exist, or you are not allowed to see it.');
    expect(messageIn(new ForbiddenError(), sv)).toBe(sv('error.forbidden.detail'));
    expect(messageIn(new ForbiddenError(), en)).toBe(en('error.forbidden.detail'));
    // The Swedish text stays the message, for logs.
    expect(new NotFoundError().message).toBe(sv('error.notFound.thing'));
  });
});
