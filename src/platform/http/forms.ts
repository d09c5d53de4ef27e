import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { AppError, type FieldError } from './errors.js';
import { execute, type CommandDef } from '../commands.js';
import { IDEMPOTENCY_FIELD } from './idempotency.js';
import type { z } from 'zod';

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

/** Runs a command for the signed-in actor of this request. */
export function runCommand<S extends z.ZodType, O>(c: Context<AppEnv>, def: CommandDef<S, O>, input: unknown): Promise<O> {
  const deps = c.get('deps');
  return execute(deps, c.get('actor'), def, input, { requestId: c.get('requestId'), t: c.get('t') });
}

/**
 * Runs a command from a form: on success returns its result; on a refusal with field errors
 * (or another 4xx), returns the errors so the page can render the form again with the
 * user's input kept.
 */
export async function tryCommand<S extends z.ZodType, O>(
  c: Context<AppEnv>,
  def: CommandDef<S, O>,
  input: unknown,
): Promise<{ ok: true; value: O } | { ok: false; errors: FieldError[]; status: number }> {
  try {
    return { ok: true, value: await runCommand(c, def, input) };
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && err.status !== 403 && err.status !== 429) {
      return { ok: false, errors: err.fieldErrors.length ? err.fieldErrors : [{ field: '_', message: err.message }], status: err.status };
    }
    throw err;
  }
}
