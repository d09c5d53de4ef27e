import { AppError } from './errors.js';
import { translator, type MessageKey, type Params } from '../i18n/index.js';

/**
 * An error with a status of its own (401, 410, 415 …) told by message key, like the refusals
 * of src/platform/refusals.ts: `message` is the Swedish text (for logs), and pages and the API
 * tell it in the reader's language (messageIn).
 */
export function keyedError(status: number, code: string, key: MessageKey, params?: Params): AppError {
  return new AppError(status, code, translator('sv')(key, params), [], { key, params });
}
