import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.js';
import { AppError, ValidationError } from '../../platform/http/errors.js';
import { parseOrThrow } from '../../platform/http/validation.js';
import { compositionDayQuery } from './commissioners.js';

/**
 * The day a body's composition is shown on: `?on=YYYY-MM-DD` on the body's page and in
 * structure.getBody, today when absent. A day that is not one (2021-02-30, "igår") is a bad
 * request (400), told in the reader's language.
 */
export function shownDay(c: Context<AppEnv>): string | undefined {
  const t = c.get('t');
  try {
    return parseOrThrow(compositionDayQuery, { on: c.req.query('on') || undefined }, t, () => ({ on: t('structure.body.composition.dayField') })).on;
  } catch (err) {
    if (err instanceof ValidationError) throw new AppError(400, 'bad-request', err.fieldErrors[0]?.message ?? err.message, err.fieldErrors, err.text);
    throw err;
  }
}
