import { isAdmin } from '../../platform/auth/actor.js';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { definePolicy } from '../../platform/auth/authorize.js';
import { managingRoles, type BodyRole } from '../../platform/auth/roles.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { today, type Day } from '../../platform/days.js';
import type { Body } from './schema.js';

/**
 * Who may do what with a body. Rights are scoped to a body: a role on a body lets the
 * person read it and its sub-bodies; managing (seats, members, mandate, sub-bodies) needs
 * chair, vice chair, secretary or process leader on the body itself, or an administrator.
 */

/** A person's active roles on a body (own) and on the bodies above it (inherited). */
export interface BodyRoles {
  own: BodyRole[];
  inherited: BodyRole[];
}

interface BodyTarget {
  body: Pick<Body, 'id' | 'isPublic'>;
  roles: BodyRoles;
}

declare module '../../platform/auth/authorize.js' {
  interface PolicyTargets {
    /** Principals, organisations, structures, the people directory's administration. */
    'structure.administer': null;
    /** See the composition of a body (public bodies: everyone). */
    'structure.viewComposition': BodyTarget;
    /** Read a body's internals (contact details, history, later meeting material). */
    'structure.readBody': BodyTarget;
    /** Manage a body's seats, members, chair appointments and mandate. */
    'structure.manageBody': BodyTarget;
    /** Create a sub-body commissioned by this body. */
    'structure.createSubBody': BodyTarget;
    /** Invite a person to create a login: administrators, or those managing a body the person sits in. */
    'structure.invitePerson': { managesABodyOfThePerson: boolean };
    /** The people directory: signed-in people. */
    'structure.viewDirectory': null;
  }
}

const manages = (roles: BodyRoles) => roles.own.some((r) => managingRoles.includes(r));

/** The rules of the structure module's actions (listed in its manifest). */
export const structurePolicies = [
  definePolicy('structure.administer', (actor) => isAdmin(actor)),
  definePolicy('structure.readBody', (actor, t) => isAdmin(actor) || t.roles.own.length > 0 || t.roles.inherited.length > 0),
  definePolicy('structure.viewComposition', (actor, t) => t.body.isPublic || isAdmin(actor) || t.roles.own.length > 0 || t.roles.inherited.length > 0),
  definePolicy('structure.manageBody', (actor, t) => isAdmin(actor) || manages(t.roles)),
  definePolicy('structure.createSubBody', (actor, t) => isAdmin(actor) || manages(t.roles)),
  definePolicy('structure.invitePerson', (actor, t) => isAdmin(actor) || t.managesABodyOfThePerson),
  definePolicy('structure.viewDirectory', (actor) => actor.kind !== 'anonymous'),
];

/** SQL (a scalar subquery): the person's roles on the body and its ancestors on the day, as JSON [{role, depth}]. */
export function rolesJson(bodyId: SQL | string, personId: string, on: Day): SQL {
  return sql`(with recursive chain(id, parent_id, depth) as (
      select id, parent_id, 0 from bodies where id = ${bodyId}
      union all
      select b.id, b.parent_id, c.depth + 1 from bodies b join chain c on b.id = c.parent_id where c.depth < 32
    )
    select coalesce(json_agg(json_build_object('role', m.role, 'depth', c.depth)), '[]'::json)
    from memberships m join chain c on c.id = m.body_id
    where m.person_id = ${personId} and m.start_on <= ${on} and (m.end_on is null or m.end_on >= ${on}))`;
}

/** Splits [{role, depth}] into own and inherited roles. */
export function toBodyRoles(rows: { role: BodyRole; depth: number | string }[]): BodyRoles {
  return {
    own: [...new Set(rows.filter((r) => Number(r.depth) === 0).map((r) => r.role))],
    inherited: [...new Set(rows.filter((r) => Number(r.depth) > 0).map((r) => r.role))],
  };
}

/**
 * The actor's active roles on a body and on its ancestors on a day, in one query. Other
 * modules use this to authorize against a body: load the roles, then call `authorize`.
 */
export async function rolesOf(db: DbOrTx, actor: Actor, bodyId: string, on: Day = today()): Promise<BodyRoles> {
  if (actor.kind !== 'person') return { own: [], inherited: [] };
  const result = await db.execute(sql`
    with recursive chain(id, parent_id, depth) as (
      select id, parent_id, 0 from bodies where id = ${bodyId}
      union all
      select b.id, b.parent_id, c.depth + 1 from bodies b join chain c on b.id = c.parent_id where c.depth < 32
    )
    select m.role::text as role, c.depth as depth
    from memberships m join chain c on c.id = m.body_id
    where m.person_id = ${actor.personId} and m.start_on <= ${on} and (m.end_on is null or m.end_on >= ${on})`);
  const rows = result.rows as { role: BodyRole; depth: number | string }[];
  return {
    own: [...new Set(rows.filter((r) => Number(r.depth) === 0).map((r) => r.role))],
    inherited: [...new Set(rows.filter((r) => Number(r.depth) > 0).map((r) => r.role))],
  };
}
