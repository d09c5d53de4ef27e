import type { MessageKey, Params, Translate } from '../i18n/index.js';

/**
 * Errors that carry an HTTP status, rendered as a page or as problem details in the
 * reader's language. A refusal made with a message key (src/platform/refusals.ts) keeps
 * the key: `message` is its Swedish text (for logs), and `messageIn(err, t)` the text in
 * the language of whoever reads it.
 */
export interface FieldError {
  /** Form field name (or JSON pointer without the leading slash). */
  field: string;
  message: string;
  /** The message key the text came from, when it came from one. */
  key?: MessageKey | undefined;
  params?: Params | undefined;
}

/** A text by message key. */
export interface Text {
  key: MessageKey;
  params?: Params | undefined;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** The message key `message` was made from, so that it can be told in the reader's language. */
    readonly text?: Text,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Not found (404). Without a text of its own it tells every reader, in their language, that
 * the thing does not exist or is not theirs to see.
 */
export class NotFoundError extends AppError {
  constructor(message = 'Det du söker finns inte, eller så har du inte behörighet att se det.', text: Text = { key: 'error.notFound.thing' }) {
    super(404, 'not-found', message, [], text);
  }
}

/** Forbidden (403). Without a text of its own it tells the reader, in their language, that they may not. */
export class ForbiddenError extends AppError {
  constructor(message = 'Du har inte behörighet att se eller göra det här.', text: Text = { key: 'error.forbidden.detail' }) {
    super(403, 'forbidden', message, [], text);
  }
}

export class ValidationError extends AppError {
  constructor(fieldErrors: FieldError[], message = 'Invalid input', text?: Text) {
    super(422, 'validation', message, fieldErrors, text);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict', text?: Text) {
    super(409, code, message, [], text);
  }
}

/**
 * The error's message in the reader's language (its message key's text, else the message as
 * written). Invalid input without a text of its own tells how many fields need correcting and
 * what is wrong with each, naming them by their labels.
 */
export function messageIn(err: AppError, t: Translate): string {
  if (err.text) return t(err.text.key, err.text.params);
  if (err instanceof ValidationError && err.fieldErrors.length) {
    const errors = fieldErrorsIn(err.fieldErrors, t);
    return t('validation.detail', { count: errors.length, errors: errors.map((e) => e.message).join(' ') });
  }
  return err.message;
}

/** Field errors in the reader's language. */
export function fieldErrorsIn(errors: readonly FieldError[], t: Translate): FieldError[] {
  return errors.map((e) => (e.key ? { ...e, message: t(e.key, e.params) } : e));
}

/** An error's texts by key, one per field error (or the error's own): a refusal inside a larger report ("line 7: …"). */
export function textsOf(err: AppError): Text[] {
  const plain = (message: string): Text => ({ key: 'error.plain', params: { text: message } });
  if (err.fieldErrors.length) return err.fieldErrors.map((f) => (f.key ? { key: f.key, params: f.params } : plain(f.message)));
  return [err.text ?? plain(err.message)];
}
