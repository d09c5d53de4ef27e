import { aliasedTable, and, asc, count, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { today, type Day } from '../../../platform/days.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { pageOf, PAGE_SIZE, type Paged } from '../../../platform/http/paging.js';
import {
  bodies,
  contactSurfaces,
  mandateVersions,
  organisations,
  principals,
  structureCategories,
  structurePrincipals,
  structures,
  type Body,
  type BodyKind,
  type BodyLevel,
  type Principal,
  type Structure,
} from '../schema.js';

export * from './memberships.js';
export * from './people.js';

/** Principals in Swedish alphabetical order, sorted and paged in SQL. */
export async function listPrincipals(db: DbOrTx, page = 1, pageSize = PAGE_SIZE): Promise<Paged<Principal>> {
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(principals)
      .orderBy(asc(principals.sortKey), asc(principals.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(principals),
  ]);
  return pageOf(items, page, totals[0]?.n ?? 0, pageSize);
}

/** Every principal (for choices in forms), Swedish order. */
export function allPrincipals(db: DbOrTx) {
  return db.select().from(principals).orderBy(asc(principals.sortKey), asc(principals.id));
}

/** A page of structures, each with the number of its bodies that have not ended (on `on`). */
export async function listStructures(db: DbOrTx, page = 1, pageSize = PAGE_SIZE, on: Day = today()): Promise<Paged<Structure & { bodyCount: number }>> {
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(structures)
      .orderBy(asc(structures.sortKey), asc(structures.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(structures),
  ]);
  const counts = items.length
    ? await db
        .select({ structureId: bodies.structureId, n: count() })
        .from(bodies)
        .where(
          and(
            inArray(
              bodies.structureId,
              items.map((s) => s.id),
            ),
            or(isNull(bodies.activeTo), gte(bodies.activeTo, on)),
          ),
        )
        .groupBy(bodies.structureId)
    : [];
  const countOf = new Map(counts.map((r) => [r.structureId, Number(r.n)]));
  return pageOf(
    items.map((s) => ({ ...s, bodyCount: countOf.get(s.id) ?? 0 })),
    page,
    totals[0]?.n ?? 0,
    pageSize,
  );
}

export async function structureBySlug(db: DbOrTx, slug: string): Promise<Structure | undefined> {
  const [row] = await db.select().from(structures).where(eq(structures.slug, slug));
  return row;
}

export async function structureById(db: DbOrTx, id: string): Promise<Structure | undefined> {
  const [row] = await db.select().from(structures).where(eq(structures.id, id));
  return row;
}

/** A structure by its id or its slug (the web pages' /structures/:slug). */
export async function structureByKey(db: DbOrTx, key: string): Promise<Structure | undefined> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(key);
  return (isUuid ? await structureById(db, key) : undefined) ?? (await structureBySlug(db, key));
}

export async function structureDetails(db: DbOrTx, structureId: string) {
  const [ps, categories, surfaces] = await Promise.all([
    db
      .select({ id: principals.id, name: principals.name, kind: principals.kind })
      .from(structurePrincipals)
      .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
      .where(eq(structurePrincipals.structureId, structureId))
      .orderBy(asc(principals.sortKey)),
    db.select().from(structureCategories).where(eq(structureCategories.structureId, structureId)).orderBy(asc(structureCategories.kind), asc(structureCategories.position)),
    db.select().from(contactSurfaces).where(eq(contactSurfaces.structureId, structureId)).orderBy(asc(contactSurfaces.sortKey), asc(contactSurfaces.id)),
  ]);
  return { principals: ps, categories, contactSurfaces: surfaces };
}

export async function bodyById(db: DbOrTx, id: string): Promise<Body | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(bodies).where(eq(bodies.id, id));
  return row;
}

/** A body with its structure, in one query (undefined when there is no such body). */
export async function bodyWithStructure(db: DbOrTx, bodyId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(bodyId)) return undefined;
  const [row] = await db.select({ body: bodies, structure: structures }).from(bodies).innerJoin(structures, eq(structures.id, bodies.structureId)).where(eq(bodies.id, bodyId));
  return row;
}

/** The structure (slug and names) and the chain of commissioning bodies of a body, in one round trip. */
export async function trailOf(db: DbOrTx, body: Pick<Body, 'id' | 'structureId'>) {
  const result = await db.execute(sql`select
    (select json_build_object('slug', s.slug, 'name', s.name, 'shortName', s.short_name) from structures s where s.id = ${body.structureId}) as structure,
    (with recursive chain(id, parent_id, name, short_name, depth) as (
       select p.id, p.parent_id, p.name, p.short_name, 1 from bodies b join bodies p on p.id = b.parent_id where b.id = ${body.id}
       union all
       select p.id, p.parent_id, p.name, p.short_name, c.depth + 1 from bodies p join chain c on p.id = c.parent_id where c.depth < 32
     )
     select coalesce(json_agg(json_build_object('id', id, 'name', name, 'shortName', short_name) order by depth desc), '[]'::json) from chain) as ancestors`);
  const row = result.rows[0] as { structure: unknown; ancestors: unknown };
  const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    structure: parse(row.structure) as { slug: string; name: string; shortName: string | null },
    ancestors: parse(row.ancestors) as { id: string; name: string; shortName: string | null }[],
  };
}

/** True when `candidate` is the body itself or one of its descendants (to refuse cycles). */
export async function isSelfOrDescendant(db: DbOrTx, bodyId: string, candidate: string): Promise<boolean> {
  const result = await db.execute(sql`
    with recursive down(id, depth) as (
      select id, 0 from bodies where id = ${bodyId}
      union all
      select b.id, d.depth + 1 from bodies b join down d on b.parent_id = d.id where d.depth < 32
    )
    select 1 as hit from down where id = ${candidate} limit 1`);
  return result.rows.length > 0;
}

export function subBodies(db: DbOrTx, bodyId: string) {
  return db
    .select({ id: bodies.id, name: bodies.name, shortName: bodies.shortName, level: bodies.level, kind: bodies.kind, activeTo: bodies.activeTo, isPublic: bodies.isPublic })
    .from(bodies)
    .where(eq(bodies.parentId, bodyId))
    .orderBy(asc(bodies.sortKey), asc(bodies.id))
    .limit(200);
}

export interface TreeRow {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  level: BodyLevel;
  kind: BodyKind;
  isPublic: boolean;
  activeTo: string | null;
  depth: number;
}

/**
 * A structure's bodies in tree order (each body followed by its sub-bodies, siblings in
 * Swedish order), paged in SQL.
 */
export async function bodyTreePage(db: DbOrTx, structureId: string, page = 1, pageSize = PAGE_SIZE): Promise<Paged<TreeRow>> {
  const result = await db.execute(sql`
    with recursive tree(id, parent_id, name, short_name, level, kind, is_public, active_to, depth, path) as (
      select id, parent_id, name, short_name, level, kind, is_public, active_to, 0, sort_key || chr(1) || id::text
      from bodies where structure_id = ${structureId} and parent_id is null
      union all
      select b.id, b.parent_id, b.name, b.short_name, b.level, b.kind, b.is_public, b.active_to, t.depth + 1,
             t.path || chr(2) || b.sort_key || chr(1) || b.id::text
      from bodies b join tree t on b.parent_id = t.id where t.depth < 32
    )
    select id, parent_id, name, short_name, level::text as level, kind::text as kind, is_public, active_to::text as active_to, depth,
           count(*) over () as total
    from tree order by path collate "C" limit ${pageSize} offset ${(page - 1) * pageSize}`);
  const rows = result.rows as Record<string, unknown>[];
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && page > 1) {
    const [c] = await db.select({ n: count() }).from(bodies).where(eq(bodies.structureId, structureId));
    total = c?.n ?? 0;
  }
  return pageOf(rows.map(toTreeRow), page, total, pageSize);
}

function toTreeRow(r: Record<string, unknown>): TreeRow {
  return {
    id: String(r.id),
    parentId: (r.parent_id as string | null) ?? null,
    name: String(r.name),
    shortName: (r.short_name as string | null) ?? null,
    level: r.level as BodyLevel,
    kind: r.kind as BodyKind,
    isPublic: r.is_public === true || r.is_public === 't',
    activeTo: (r.active_to as string | null) ?? null,
    depth: Number(r.depth),
  };
}

/** The top of the tree for the organisation chart: the first levels, at most `limit` bodies. */
export async function chartNodes(db: DbOrTx, structureId: string, maxDepth = 2, limit = 60): Promise<{ nodes: TreeRow[]; total: number }> {
  const result = await db.execute(sql`
    with recursive tree(id, parent_id, name, short_name, level, kind, is_public, active_to, depth, path) as (
      select id, parent_id, name, short_name, level, kind, is_public, active_to, 0, sort_key || chr(1) || id::text
      from bodies where structure_id = ${structureId} and parent_id is null
      union all
      select b.id, b.parent_id, b.name, b.short_name, b.level, b.kind, b.is_public, b.active_to, t.depth + 1,
             t.path || chr(2) || b.sort_key || chr(1) || b.id::text
      from bodies b join tree t on b.parent_id = t.id where t.depth < ${maxDepth}
    )
    select id, parent_id, name, short_name, level::text as level, kind::text as kind, is_public, active_to::text as active_to, depth
    from tree order by depth, path collate "C" limit ${limit}`);
  const [c] = await db.select({ n: count() }).from(bodies).where(eq(bodies.structureId, structureId));
  return { nodes: (result.rows as Record<string, unknown>[]).map(toTreeRow), total: c?.n ?? 0 };
}

const LEVEL_RANK: Record<BodyLevel, number> = { political: 0, strategic: 1, operational: 2, local: 3 };

interface AdminChoices {
  surfaces: { id: string; name: string }[];
  principals: { id: string; name: string }[];
  organisations: { id: string; name: string; principalName: string }[];
  /** Bodies at the body's level or above (commissioning body, followed chair). */
  above: { id: string; name: string }[];
  subBodies: { id: string; name: string }[];
}

/** The choices of a body's management forms, in one round trip. */
export async function adminChoices(db: DbOrTx, body: Pick<Body, 'id' | 'structureId' | 'level'>): Promise<AdminChoices> {
  const levels = (Object.keys(LEVEL_RANK) as BodyLevel[]).filter((l) => LEVEL_RANK[l] <= LEVEL_RANK[body.level]);
  const result = await db.execute(sql`select
    (select coalesce(json_agg(json_build_object('id', cs.id, 'name', cs.name) order by cs.sort_key, cs.id), '[]'::json)
       from contact_surfaces cs where cs.structure_id = ${body.structureId}) as surfaces,
    (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name) order by p.sort_key, p.id), '[]'::json)
       from structure_principals sp join principals p on p.id = sp.principal_id where sp.structure_id = ${body.structureId}) as principals,
    (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'principalName', p.name) order by p.sort_key, o.sort_key, o.id), '[]'::json)
       from organisations o join principals p on p.id = o.principal_id
       join structure_principals sp on sp.principal_id = p.id and sp.structure_id = ${body.structureId}) as organisations,
    (select coalesce(json_agg(json_build_object('id', b.id, 'name', b.name) order by b.sort_key, b.id), '[]'::json)
       from (select id, name, sort_key from bodies where structure_id = ${body.structureId} and level::text in (${sql.join(
         levels.map((l) => sql`${l}`),
         sql`, `,
       )}) order by sort_key, id limit 300) b) as above,
    (select coalesce(json_agg(json_build_object('id', b.id, 'name', b.name) order by b.sort_key, b.id), '[]'::json)
       from (select id, name, sort_key from bodies where parent_id = ${body.id} order by sort_key, id limit 200) b) as sub_bodies`);
  const row = result.rows[0] as Record<string, unknown>;
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    surfaces: parse(row.surfaces),
    principals: parse(row.principals),
    organisations: parse(row.organisations),
    above: parse(row.above),
    subBodies: parse(row.sub_bodies),
  };
}

export async function mandateHistory(db: DbOrTx, bodyId: string) {
  const approver = aliasedTable(bodies, 'approver');
  return db
    .select({ mandate: mandateVersions, approverName: approver.name })
    .from(mandateVersions)
    .leftJoin(approver, eq(approver.id, mandateVersions.approvedByBodyId))
    .where(eq(mandateVersions.bodyId, bodyId))
    .orderBy(sql`${mandateVersions.number} desc`)
    .limit(100);
}

export async function organisationsOfPrincipal(db: DbOrTx, principalId: string) {
  return db.select().from(organisations).where(eq(organisations.principalId, principalId)).orderBy(asc(organisations.sortKey), asc(organisations.id)).limit(1000);
}

/** Organisations of the principals taking part in a structure (for seat and member forms). */
export async function organisationsOfStructure(db: DbOrTx, structureId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, principalName: principals.name })
    .from(organisations)
    .innerJoin(principals, eq(principals.id, organisations.principalId))
    .innerJoin(structurePrincipals, and(eq(structurePrincipals.principalId, principals.id), eq(structurePrincipals.structureId, structureId)))
    .orderBy(asc(principals.sortKey), asc(organisations.sortKey))
    .limit(1000);
}

export async function principalById(db: DbOrTx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(principals).where(eq(principals.id, id));
  return row;
}

export async function organisationById(db: DbOrTx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}
