import type { z } from 'zod';
import { ValidationError, type FieldError } from './errors.js';
import type { Translate } from '../i18n/index.js';

/** Turns zod issues into field errors in the reader's language. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[], t?: Translate, labels: Record<string, string> = {}): FieldError[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '_';
    const label = labels[field] ?? field;
    let message = issue.message;
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

/** Parses input with a schema or throws a ValidationError listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, t?: Translate, labels?: Record<string, string>): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(issuesToFieldErrors(result.error.issues, t, labels));
  return result.data;
}
