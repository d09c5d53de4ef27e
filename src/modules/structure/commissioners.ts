import { aliasedTable, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../platform/db/client.js';
import { day } from './inputs.js';
import { bodies, bodyCommissioners, principals, structures, type Body } from './schema.js';

/*
 * Who commissions a body (uppdragsgivare): its parent (bodies.parent_id, the body it sits
 * under in the structure's tree) and, besides it, the rows of body_commissioners: other
 * bodies (a body that serves several bodies, also in another structure), principals, or
 * parties outside Samverka by name. The commissioning bodies' pages list the body among
 * the bodies they commission.
 */

export type CommissionerKind = 'body' | 'principal' | 'name';

export interface Commissioner {
  /** The body_commissioners row; null for the parent. */
  id: string | null;
  kind: CommissionerKind;
  bodyId: string | null;
  principalId: string | null;
  name: string;
  /** The body's parent in the structure's tree (not a row of its own). */
  isParent: boolean;
}

const commissionerBody = aliasedTable(bodies, 'commissioner_body');

/** The rows of body_commissioners of a body, in order, with the names of the bodies and principals. */
async function extraCommissioners(db: DbOrTx, bodyId: string): Promise<Commissioner[]> {
  const rows = await db
    .select({ row: bodyCommissioners, bodyName: commissionerBody.name, principalName: principals.name })
    .from(bodyCommissioners)
    .leftJoin(commissionerBody, eq(commissionerBody.id, bodyCommissioners.commissionerBodyId))
    .leftJoin(principals, eq(principals.id, bodyCommissioners.principalId))
    .where(eq(bodyCommissioners.bodyId, bodyId))
    .orderBy(asc(bodyCommissioners.position), asc(bodyCommissioners.createdAt), asc(bodyCommissioners.id))
    .limit(200);
  return rows.map(({ row, bodyName, principalName }) => ({
    id: row.id,
    kind: row.commissionerBodyId ? 'body' : row.principalId ? 'principal' : 'name',
    bodyId: row.commissionerBodyId,
    principalId: row.principalId,
    name: bodyName ?? principalName ?? row.name ?? '',
    isParent: false,
  }));
}

/** Every commissioner of a body: its parent first (when it has one), then the others in order. */
export async function commissionersOf(db: DbOrTx, body: Pick<Body, 'id' | 'parentId'>): Promise<Commissioner[]> {
  const [parent, extra] = await Promise.all([
    body.parentId ? db.select({ id: bodies.id, name: bodies.name }).from(bodies).where(eq(bodies.id, body.parentId)) : Promise.resolve([]),
    extraCommissioners(db, body.id),
  ]);
  const top = parent[0];
  return [...(top ? [{ id: null, kind: 'body' as const, bodyId: top.id, principalId: null, name: top.name, isParent: true }] : []), ...extra];
}

/** The commissioners besides the parent (what the settings page lists and the commands change). */
export function otherCommissionersOf(db: DbOrTx, bodyId: string): Promise<Commissioner[]> {
  return extraCommissioners(db, bodyId);
}

/** What a commissioner is in the audit trail: the body's or principal's id (told by name there), or the name. */
export const auditValueOf = (c: Pick<Commissioner, 'bodyId' | 'principalId' | 'name'>) => c.bodyId ?? c.principalId ?? c.name;

/**
 * The bodies a body commissions without being their parent (they name it in
 * body_commissioners), each with the body it sits under: listed beside its sub-bodies.
 */
export async function servedBodies(db: DbOrTx, body: Pick<Body, 'id' | 'structureId'>) {
  const rows = await db
    .select({
      id: bodies.id,
      name: bodies.name,
      level: bodies.level,
      kind: bodies.kind,
      structureId: bodies.structureId,
      structureName: structures.name,
      parentId: bodies.parentId,
      parentName: sql<string | null>`(select p.name from bodies p where p.id = ${bodies.parentId})`,
    })
    .from(bodyCommissioners)
    .innerJoin(bodies, eq(bodies.id, bodyCommissioners.bodyId))
    .innerJoin(structures, eq(structures.id, bodies.structureId))
    .where(eq(bodyCommissioners.commissionerBodyId, body.id))
    .orderBy(asc(bodies.sortKey), asc(bodies.id))
    .limit(200);
  // The structure is named only for a body of another structure.
  return rows.map((r) => ({ ...r, structureName: r.structureId === body.structureId ? null : r.structureName }));
}

/* The API's shape of a body's commissioners and of the bodies it serves. */

export const commissionerOut = z.object({
  id: z.uuid().nullable().describe('The commissioner row (for structure.removeCommissioner); null for the parent'),
  kind: z.enum(['body', 'principal', 'name']),
  bodyId: z.uuid().nullable(),
  principalId: z.uuid().nullable(),
  name: z.string(),
  isParent: z.boolean().describe('The body it sits under in the structure (bodies.parentId)'),
});

export const servedBodyOut = z.object({
  id: z.uuid(),
  name: z.string(),
  parentId: z.uuid().nullable().describe('The body it sits under (its parent), which is not this body'),
  parentName: z.string().nullable(),
});

export const removedCommissionerOut = z.object({ id: z.uuid(), name: z.string() });
export const commissionerParams = z.object({ id: z.uuid(), commissionerId: z.uuid() });
/** The day a composition is shown on (the page's and the API's ?on=); absent means today. */
export const compositionDayQuery = z.object({ on: day.optional() });
/** The API's documentation of ?on= (checked by shownDay, which answers 400 for a day that is not one). */
export const compositionDayParam = z.object({ on: z.string().max(40).optional().describe('YYYY-MM-DD: the composition on that day (default today); another value is a 400') });

/** What the settings page's commissioner section shows and offers, in one go. */
export async function commissionerChoices(db: DbOrTx, body: Pick<Body, 'id' | 'parentId' | 'structureId'>) {
  const [list, parent, others, allPrincipals] = await Promise.all([
    extraCommissioners(db, body.id),
    body.parentId ? db.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, body.parentId)) : Promise.resolve([]),
    db
      .select({ id: bodies.id, name: bodies.name, structureId: bodies.structureId, structureName: sql<string>`coalesce(${structures.shortName}, ${structures.name})` })
      .from(bodies)
      .innerJoin(structures, eq(structures.id, bodies.structureId))
      .where(sql`${bodies.id} <> ${body.id}`)
      // The body's own structure first, then the others.
      .orderBy(sql`${bodies.structureId} = ${body.structureId} desc`, asc(structures.sortKey), asc(bodies.sortKey), asc(bodies.id))
      .limit(500),
    db.select({ id: principals.id, name: principals.name }).from(principals).orderBy(asc(principals.sortKey), asc(principals.id)).limit(1000),
  ]);
  return {
    list,
    parentName: parent[0]?.name ?? null,
    bodies: others.filter((b) => b.id !== body.parentId).map((b) => ({ id: b.id, name: b.structureId === body.structureId ? b.name : `${b.name} (${b.structureName})` })),
    principals: allPrincipals,
  };
}
