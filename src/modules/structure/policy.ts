import type { Context } from 'hono';
import { eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { isAdmin, type Actor } from '../../platform/auth/actor.js';
import { abilities, definePolicy } from '../../platform/auth/authorize.js';
import { managingRoles, type BodyRole } from '../../platform/auth/roles.js';
import { people } from '../../platform/auth/schema.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { AppEnv } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { today, type Day } from '../../platform/days.js';
import type { Composition, Holder } from './queries/composition.js';
import { bodies, type Body } from './schema.js';

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
function rolesJson(bodyId: SQL | string, personId: string, on: Day): SQL {
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
function toBodyRoles(rows: { role: BodyRole; depth: number | string }[]): BodyRoles {
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

/* Loading a body for a page, with what the visitor may do with it. */

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

/*
 * Whose e-mail address a reader may see. The one rule, used by the people directory (page
 * and API), the person page, a body's composition (page, API, members CSV) and member lists:
 *
 *   an administrator sees every address; a person sees their own, and that of anyone who
 *   has an engagement (active or starting later) in a body where the reader has an active
 *   engagement today.
 *
 * Sharing a body covers managing it: the chair, vice chair, secretary and process leader
 * of a body sit in it, so they see the addresses of its members. Everyone else (another
 * structure, another body, anonymous visitors) sees none.
 */

/** SQL: true when the reader may see the e-mail address of the person whose id is `personId`. */
function mayReadEmailSql(reader: Actor, personId: SQL | AnyColumn, on: Day = today()): SQL<boolean> {
  if (isAdmin(reader)) return sql<boolean>`true`;
  if (reader.kind !== 'person') return sql<boolean>`false`;
  return sql<boolean>`(${personId} = ${reader.personId} or exists (
    select 1 from memberships mine join memberships theirs on theirs.body_id = mine.body_id
    where mine.person_id = ${reader.personId} and mine.start_on <= ${on} and (mine.end_on is null or mine.end_on >= ${on})
      and theirs.person_id = ${personId} and (theirs.end_on is null or theirs.end_on >= ${on})))`;
}

/** SQL: the person's e-mail address when the reader may see it, else null. */
export function visibleEmailSql(reader: Actor, on: Day = today()): SQL<string | null> {
  return sql<string | null>`case when ${mayReadEmailSql(reader, people.id, on)} then ${people.email} end`;
}

/** The ids among `personIds` whose addresses the reader may see (one query). */
export async function readableEmailsOf(db: DbOrTx, reader: Actor, personIds: readonly string[], on: Day = today()): Promise<Set<string>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0 || reader.kind === 'anonymous') return new Set();
  if (isAdmin(reader)) return new Set(ids);
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(sql`${inArray(people.id, ids)} and ${mayReadEmailSql(reader, people.id, on)}`);
  return new Set(rows.map((r) => r.id));
}

/** A composition with the addresses the reader may not see set to null (one query). */
export async function compositionForReader(db: DbOrTx, reader: Actor, comp: Composition): Promise<Composition> {
  const holders = [...comp.groups.flatMap((g) => g.seats.flatMap((s) => [...s.holders, ...s.substitutes])), ...comp.withoutSeat];
  const readable = await readableEmailsOf(
    db,
    reader,
    holders.filter((h) => h.email).map((h) => h.personId),
  );
  const hide = (h: Holder): Holder => (h.email && !readable.has(h.personId) ? { ...h, email: null } : h);
  return {
    ...comp,
    groups: comp.groups.map((g) => ({ ...g, seats: g.seats.map((s) => ({ ...s, holders: s.holders.map(hide), substitutes: s.substitutes.map(hide) })) })),
    withoutSeat: comp.withoutSeat.map(hide),
  };
}
