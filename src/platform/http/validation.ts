import type { z } from 'zod';
import { ValidationError, type FieldError, type Text } from './errors.js';
import type { Translate } from '../i18n/index.js';

/** Turns zod issues into field errors in the reader's language. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], t?: Translate, labels: Record<string, string> = {}): FieldError[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '_';
    const label = labels[field] ?? field;
    let message = issue.message;
    // A custom issue may carry its message by key (e.g. freeText's identity-number refusal).
    const text = issue.code === 'custom' ? keyedText(issue.params) : undefined;
    if (text) return { field, message: t ? t(text.key, text.params) : message, key: text.key, params: text.params };
    if (t) {
      if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) {
        message = t('validation.required', { field: label });
      } else if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) {
        message = t('validation.required', { field: label });
      } else if (issue.code === 'too_big' && issue.origin === 'string') {
        message = t('validation.tooLong', { field: label, max: Number(issue.maximum) });
      } else if (issue.code === 'custom') {
        message = issue.message;
      } else {
        message = t('validation.invalid', { field: label });
      }
    }
    return { field, message };
  });
}

/** The `text` (message key and parameters) a custom issue's params carry, if any. */
function keyedText(params: Record<string, unknown> | undefined): Text | undefined {
  const text = params?.text as Partial<Text> | undefined;
  return text && typeof text.key === 'string' ? { key: text.key, params: text.params } : undefined;
}

/** Parses input with a schema or throws a ValidationError listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, t?: Translate, labels?: Record<string, string>): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesToFieldErrors(result.error.issues, t, labels));
  return result.data;
}
