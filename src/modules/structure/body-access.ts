import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { abilities } from '../../platform/auth/authorize.js';
import { today } from '../../platform/days.js';
import { eq, sql } from 'drizzle-orm';
import type { BodyRole } from '../../platform/auth/roles.js';
import { rolesJson, toBodyRoles, type BodyRoles } from './policy.js';
import { bodies, type Body } from './schema.js';

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
