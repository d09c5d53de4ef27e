import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.js';
import { isFormControl } from '../../platform/http/forms.js';
import type { FieldError } from '../../platform/http/errors.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { abilities } from '../../platform/auth/authorize.js';
import { today } from './dates.js';
import { eq, sql } from 'drizzle-orm';
import type { BodyRole } from '../../platform/auth/roles.js';
import { rolesJson, toBodyRoles, type BodyRoles } from './policy.js';
import { bodies, type Body } from './schema.js';

export type FormData = Record<string, string | string[]>;

/** The submitted form with repeated names kept as lists (checkbox groups). */
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

export const one = (f: FormData, k: string): string => {
  const v = f[k];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};
export const many = (f: FormData, k: string): string[] => {
  const v = f[k];
  return Array.isArray(v) ? v : v ? [v] : [];
};
export const flag = (f: FormData, k: string) => one(f, k) === '1';
/** Plain string values for re-rendering a form. */
export const values = (f: FormData): Record<string, string> => Object.fromEntries(Object.keys(f).map((k) => [k, one(f, k)]));

/** Errors on list items (distributionList.2) belong to the list's field. */
export function fieldErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, field: e.field.replace(/\.\d+$/, '') }));
}

export interface BodyAccess {
  body: Body;
  roles: BodyRoles;
  can: { view: boolean; read: boolean; manage: boolean; createSub: boolean };
}

/** Loads a body for a page with what the visitor may do with it. */
export async function bodyAccess(c: Context<AppEnv>, id: string): Promise<BodyAccess> {
  const db = c.get('deps').database.db;
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError();
  const actor = c.get('actor');
  // The body and the visitor's roles on it in one round trip.
  const [row] = await db
    .select({ body: bodies, roles: actor.kind === 'person' ? rolesJson(id, actor.personId, today()) : sql`'[]'::json` })
    .from(bodies)
    .where(eq(bodies.id, id));
  if (!row) throw new NotFoundError();
  const body = row.body;
  const raw = row.roles as string | { role: BodyRole; depth: number }[];
  const roles = toBodyRoles(typeof raw === 'string' ? JSON.parse(raw) : raw);
  const a = abilities(actor, ['structure.viewComposition', 'structure.readBody', 'structure.manageBody', 'structure.createSubBody'], { body, roles });
  return { body, roles, can: { view: a['structure.viewComposition'], read: a['structure.readBody'], manage: a['structure.manageBody'], createSub: a['structure.createSubBody'] } };
}
