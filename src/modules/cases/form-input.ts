import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.js';
import { isFormControl } from '../../platform/http/forms.js';

/** A submitted form: repeated fields (checkbox groups) keep every value. */
export type AllValues = Record<string, string | string[] | undefined>;

export async function readAll(c: Context<AppEnv>): Promise<AllValues> {
  const body = await c.req.parseBody({ all: true });
  const out: AllValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (isFormControl(k)) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

/** Command input from a form: single values as strings, the named list fields as arrays. */
export function formInput(values: AllValues, lists: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (lists.includes(k)) out[k] = Array.isArray(v) ? v : v ? [v] : [];
    else out[k] = Array.isArray(v) ? v[0] : v;
  }
  for (const k of lists) out[k] ??= [];
  return out;
}
