import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { AppError, fieldErrorsIn, messageIn, type FieldError } from './errors.js';
import { execute, type CommandDef } from '../commands.js';
import { IDEMPOTENCY_FIELD } from './idempotency.js';
import type { z } from 'zod';
import type { Translate } from '../i18n/index.js';

export type FormValues = Record<string, string>;

/** The hidden fields every form carries for the platform (CSRF token, idempotency key), not for the page. */
export function isFormControl(name: string): boolean {
  return name === '_csrf' || name === IDEMPOTENCY_FIELD;
}

/** The submitted form as plain strings (the platform's hidden fields left out). */
export async function readForm(c: Context<AppEnv>): Promise<FormValues> {
  const body = await c.req.parseBody({ all: false });
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && !isFormControl(k)) out[k] = v;
  return out;
}

/** A submitted form with repeated names kept as lists (checkbox groups). */
export type FormData = Record<string, string | string[]>;

/** The submitted form with repeated names as lists; the platform's hidden fields left out. */
export async function readFormAll(c: Context<AppEnv>): Promise<FormData> {
  const body = await c.req.parseBody({ all: true });
  const out: FormData = {};
  for (const [k, v] of Object.entries(body)) {
    if (isFormControl(k)) continue;
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/**
 * One value of a field: the last one given, as `readForm` and the browser's own form
 * handling agree (a hidden default before a checkbox of the same name yields the checkbox).
 */
export function formOne(f: FormData, name: string): string {
  const v = f[name];
  return Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? '');
}

/** Every value of a field (a checkbox group), in the order given. */
export function formMany(f: FormData, name: string): string[] {
  const v = f[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

/** Plain string values (each field's `formOne`), for re-rendering a form. */
export function formValues(f: FormData): Record<string, string> {
  return Object.fromEntries(Object.keys(f).map((k) => [k, formOne(f, k)]));
}

/** Runs a command for the signed-in actor of this request. */
export function runCommand<S extends z.ZodType, O>(c: Context<AppEnv>, def: CommandDef<S, O>, input: unknown): Promise<O> {
  const deps = c.get('deps');
  return execute(deps, c.get('actor'), def, input, { requestId: c.get('requestId'), t: c.get('t') });
}

/** A command's refusal as a form shows it: the errors in the reader's language, the status, and the error itself. */
export interface FormRefusal {
  ok: false;
  errors: FieldError[];
  status: number;
  error: AppError;
}

/**
 * Whether a refusal belongs in the form that was sent (the one way from a refusal to a
 * re-rendered form): every 4xx the person can act on (404 a vanished item, 409 a stale
 * version or a state that changed, 422 invalid input, 429 too many tries). 401 and 403
 * are not the form's business: they go to the login or the error page.
 */
function refusalFor(err: unknown, t: Translate): FormRefusal | undefined {
  if (!(err instanceof AppError) || err.status >= 500 || err.status === 401 || err.status === 403) return undefined;
  return { ok: false, errors: err.fieldErrors.length ? fieldErrorsIn(err.fieldErrors, t) : [{ field: '_', message: messageIn(err, t) }], status: err.status, error: err };
}

/**
 * Runs a command from a form: on success returns its result; on a refusal the form can
 * show (refusalFor), returns the errors so the page renders the form again with the
 * user's input kept.
 */
export async function tryCommand<S extends z.ZodType, O>(c: Context<AppEnv>, def: CommandDef<S, O>, input: unknown): Promise<{ ok: true; value: O } | FormRefusal> {
  try {
    return { ok: true, value: await runCommand(c, def, input) };
  } catch (err) {
    const refusal = refusalFor(err, c.get('t'));
    if (refusal) return refusal;
    throw err;
  }
}
