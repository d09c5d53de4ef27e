import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type Text } from './http/errors.js';
import { translator, type MessageKey, type Params } from './i18n/index.js';

/*
 * Refusals: the one way a command or a rule says no. Each takes a message key (and its
 * parameters), so the refusal reaches every reader in their language: the page, the form
 * and the API translate it (messageIn, fieldErrorsIn); `message` holds the Swedish text
 * for logs. See docs/decisions/0008-composition-root.md.
 */

/** The Swedish text of a key (the language of logs and of work outside a request). */
function swedish(key: MessageKey, params?: Params): string {
  return translator('sv')(key, params);
}

/** One field's refusal. */
export interface Refusal {
  field: string;
  key: MessageKey;
  params?: Params | undefined;
}

/** Refuses with one field error (422). */
export function refuse(field: string, key: MessageKey, params?: Params): never {
  return refuseAll([{ field, key, params }]);
}

/** Refuses with several field errors at once (422); the first one is the summary. */
export function refuseAll(refusals: readonly Refusal[]): never {
  const errors = refusals.map((r) => ({ field: r.field, key: r.key, params: r.params, message: swedish(r.key, r.params) }));
  const first = refusals[0];
  throw new ValidationError(errors, errors[0]?.message ?? 'Invalid input', first ? { key: first.key, params: first.params } : undefined);
}

/** Not found (404): an unknown id, or one the reader may not know exists. */
export function notFound(key: MessageKey, params?: Params): never {
  throw new NotFoundError(swedish(key, params), { key, params });
}

/** Forbidden (403) with a reason the reader can act on. */
export function forbidden(key: MessageKey, params?: Params): never {
  const err = new ForbiddenError(swedish(key, params), { key, params });
  throw err;
}

/** A conflict with the stored state (409), e.g. a meeting that is already held. */
export function conflict(key: MessageKey, params?: Params, code = 'conflict'): never {
  throw new ConflictError(swedish(key, params), code, { key, params });
}

/**
 * A refusal with a status of its own (401, 410, 415 …), told by message key like the
 * others: pages and the API tell it in the reader's language (messageIn).
 */
export function keyedError(status: number, code: string, key: MessageKey, params?: Params): AppError {
  return new AppError(status, code, swedish(key, params), [], { key, params });
}

/** A save made from an older version than the stored one; carries what is stored now. */
export class StaleError extends ConflictError {
  constructor(
    text: Text,
    readonly current: unknown,
  ) {
    super(swedish(text.key, text.params), 'stale', text);
  }
}

/**
 * Refuses a save made from an older version than the stored one (409 'stale'). The key's
 * text may use {sent} and {stored}; `current` is what is stored now (shown beside the
 * reader's own text, so that nothing they wrote is lost).
 */
export function checkVersion(stored: number, sent: number | undefined, key: MessageKey, current?: unknown): void {
  if (sent !== undefined && sent !== stored) throw new StaleError({ key, params: { sent, stored } }, current);
}
