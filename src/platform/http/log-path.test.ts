import { describe, expect, it } from 'vitest';
import { loggablePath } from './log-path.js';

describe('loggablePath', () => {
  it('hides the token of a password reset and of a calendar feed', () => {
    expect(loggablePath('/password/reset/abc-DEF_123')).toBe('/password/reset/…');
    expect(loggablePath('/calendar/Zx9_-aaaaaaaaaaaa.ics')).toBe('/calendar/….ics');
  });
  it('leaves other paths as they are', () => {
    for (const path of ['/', '/calendar', '/meetings/1b2c/live', '/password/forgot']) expect(loggablePath(path)).toBe(path);
  });
});
