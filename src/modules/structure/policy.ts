import type { Context } from 'hono';
import { eq, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { isAdmin, type Actor } from '../../platform/auth/actor.js';
import { abilities, definePolicy } from '../../platform/auth/authorize.js';
import { managingRoles, type BodyRole } from '../../platform/auth/roles.js';
import { people } from '../../platform/auth/schema.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { AppEnv } from '../../platform/http/context.js';
import { NotFoundError } from '../../platform/http/errors.js';
import { perRequest } from '../../platform/http/per-request.js';
import { today, type Day } from '../../platform/days.js';
import type { Composition, Holder } from './queries/composition.js';
import { bodies, type Body } from './schema.js';

/**
 * Who may do what with a body. Rights are scoped to a body: a role on a body lets the
 * person read it and its sub-bodies; managing (seats, members, mandate, settings, meetings,
 * minutes, cases) needs chair, vice chair, secretary or process leader on the body itself, or
 * an administrator; or, where the body's commissioning body (its parent) manages its
 * sub-bodies (bodies.manages_sub_bodies), process leader or secretary on that parent. The
 * mandate reaches the direct sub-bodies only, not their sub-bodies. `managesBody` is that
 * rule, in one place: the structure's, the meetings', the minutes' and the cases' policies ask it.
 */

/** A person's active roles on a body (own), on the bodies above it (inherited), and those that manage it by its parent's mandate. */
export interface BodyRoles {
  own: BodyRole[];
  inherited: BodyRole[];
  /**
   * The person's roles on the body's parent that let them manage this body: the parent
   * manages its sub-bodies (body settings) and the person is its process leader or secretary.
   */
  byMandate: BodyRole[];
}

/** Roles on a body that manage its direct sub-bodies where the body's settings say so (managesSubBodies). */
export const subBodyManagingRoles: readonly BodyRole[] = ['process_leader', 'secretary'];

/**
 * The one rule of who manages a body (besides administrators): a managing role on the body
 * itself, or process leader or secretary on a parent that manages its sub-bodies.
 */
export function managesBody(roles: Pick<BodyRoles, 'own'> & Partial<Pick<BodyRoles, 'byMandate'>>): boolean {
  return roles.own.some((r) => managingRoles.includes(r)) || (roles.byMandate?.length ?? 0) > 0;
}

/** No roles (anonymous visitors, bodies that are not there). */
export const noBodyRoles = (): BodyRoles => ({ own: [], inherited: [], byMandate: [] });

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

/** The rules of the structure module's actions (listed in its manifest). */
export const structurePolicies = [
  definePolicy('structure.administer', (actor) => isAdmin(actor)),
  definePolicy('structure.readBody', (actor, t) => isAdmin(actor) || t.roles.own.length > 0 || t.roles.inherited.length > 0),
  definePolicy('structure.viewComposition', (actor, t) => t.body.isPublic || isAdmin(actor) || t.roles.own.length > 0 || t.roles.inherited.length > 0),
  definePolicy('structure.manageBody', (actor, t) => isAdmin(actor) || managesBody(t.roles)),
  // Own roles only: the mandate over sub-bodies does not reach further down.
  definePolicy('structure.createSubBody', (actor, t) => isAdmin(actor) || t.roles.own.some((r) => managingRoles.includes(r))),
  definePolicy('structure.invitePerson', (actor, t) => isAdmin(actor) || t.managesABodyOfThePerson),
  definePolicy('structure.viewDirectory', (actor) => actor.kind !== 'anonymous'),
];

/**
 * SQL (a scalar subquery): the person's roles on the body and its ancestors on the day, as
 * JSON [{role, depth, mandate}]; `mandate` is true for a role on the parent (depth 1) that
 * manages this body by the parent's managesSubBodies.
 */
function rolesJson(bodyId: SQL | string, personId: string, on: Day): SQL {
  return sql`(with recursive chain(id, parent_id, manages_sub_bodies, depth) as (
      select id, parent_id, manages_sub_bodies, 0 from bodies where id = ${bodyId}
      union all
      select b.id, b.parent_id, b.manages_sub_bodies, c.depth + 1 from bodies b join chain c on b.id = c.parent_id where c.depth < 32
    )
    select coalesce(json_agg(json_build_object('role', m.role, 'depth', c.depth,
      'mandate', c.depth = 1 and c.manages_sub_bodies and m.role::text in (${sql.join(
        subBodyManagingRoles.map((r) => sql`${r}`),
        sql`, `,
      )}))), '[]'::json)
    from memberships m join chain c on c.id = m.body_id
    where m.person_id = ${personId} and m.start_on <= ${on} and (m.end_on is null or m.end_on >= ${on}))`;
}

type RoleRow = { role: BodyRole; depth: number | string; mandate?: boolean | string };

/** Splits [{role, depth, mandate}] into own, inherited and mandated roles. */
function toBodyRoles(raw: string | RoleRow[] | null): BodyRoles {
  const rows: RoleRow[] = typeof raw === 'string' ? JSON.parse(raw) : (raw ?? []);
  return {
    own: [...new Set(rows.filter((r) => Number(r.depth) === 0).map((r) => r.role))],
    inherited: [...new Set(rows.filter((r) => Number(r.depth) > 0).map((r) => r.role))],
    byMandate: [...new Set(rows.filter((r) => r.mandate === true || r.mandate === 't').map((r) => r.role))],
  };
}

/**
 * The actor's active roles on a body and on its ancestors on a day, in one query. Other
 * modules use this to authorize against a body: load the roles, then call `authorize`.
 */
export async function rolesOf(db: DbOrTx, actor: Actor, bodyId: string, on: Day = today()): Promise<BodyRoles> {
  if (actor.kind !== 'person') return noBodyRoles();
  const result = await db.execute(sql`select ${rolesJson(bodyId, actor.personId, on)} as roles`);
  return toBodyRoles((result.rows[0] as { roles: string | RoleRow[] | null } | undefined)?.roles ?? null);
}

/* Loading a body for a page, with what the visitor may do with it. */

export interface BodyAccess {
  body: Body;
  roles: BodyRoles;
  can: { view: boolean; read: boolean; manage: boolean; createSub: boolean };
}

/** Loads a body for a page with what the visitor may do with it. */
export function bodyAccess(c: Context<AppEnv>, id: string): Promise<BodyAccess> {
  // The page and its tabs (local-nav.tsx) both ask: one load per request.
  return perRequest(c, `structure.bodyAccess:${id}`, () => loadBodyAccess(c, id));
}

async function loadBodyAccess(c: Context<AppEnv>, id: string): Promise<BodyAccess> {
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
  const roles = toBodyRoles(row.roles as string | RoleRow[]);
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
 * of a body sit in it, so they see the addresses of its members; those who manage a
 * sub-body by the mandate (managesBody) see the addresses of its members too. Everyone else (another
 * structure, another body, anonymous visitors) sees none.
 */

/** SQL: true when the reader may see the e-mail address of the person whose id is `personId`. */
function mayReadEmailSql(reader: Actor, personId: SQL | AnyColumn, on: Day = today()): SQL<boolean> {
  if (isAdmin(reader)) return sql<boolean>`true`;
  if (reader.kind !== 'person') return sql<boolean>`false`;
  return sql<boolean>`(${personId} = ${reader.personId} or exists (
    select 1 from memberships mine join memberships theirs on theirs.body_id = mine.body_id
    where mine.person_id = ${reader.personId} and mine.start_on <= ${on} and (mine.end_on is null or mine.end_on >= ${on})
      and theirs.person_id = ${personId} and (theirs.end_on is null or theirs.end_on >= ${on}))
    or exists (
    select 1 from memberships mine join bodies mb on mb.id = mine.body_id and mb.manages_sub_bodies
      join bodies sub on sub.parent_id = mb.id join memberships theirs on theirs.body_id = sub.id
    where mine.person_id = ${reader.personId} and mine.role::text in (${sql.join(
      subBodyManagingRoles.map((r) => sql`${r}`),
      sql`, `,
    )}) and mine.start_on <= ${on} and (mine.end_on is null or mine.end_on >= ${on})
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
