import { and, asc, count, eq, gte, isNull, like, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { pageOf, PAGE_SIZE } from '../../../platform/http/paging.js';
import { people } from '../../../platform/auth/schema.js';
import type { BodyRole } from '../../../platform/auth/roles.js';
import { sortKey } from '../../../platform/sortkey.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { today, type Day } from '../../../platform/days.js';
import { visibleEmailSql } from '../policy.js';
import { bodies, memberships, seats, structures } from '../schema.js';
import { activeOn } from './memberships.js';

/** The people directory in Swedish order, optionally only names starting with `q`; addresses only where the reader may see them. */
export async function directoryPage(db: DbOrTx, options: { reader: Actor; page?: number; q?: string | undefined; pageSize?: number }) {
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const prefix = options.q ? sortKey(options.q).replace(/[\\%_]/g, (c) => `\\${c}`) : '';
  const where = prefix ? like(people.sortKey, `${prefix}%`) : undefined;
  const [items, totals] = await Promise.all([
    db
      .select({
        id: people.id,
        name: people.name,
        title: people.title,
        email: visibleEmailSql(options.reader),
        status: people.status,
        leftOn: people.leftOn,
        hasLogin: sql<boolean>`${people.passwordHash} is not null`,
      })
      .from(people)
      .where(where)
      .orderBy(asc(people.sortKey), asc(people.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(people).where(where),
  ]);
  return pageOf(items, page, totals[0]?.n ?? 0, pageSize);
}

export interface PersonBodyRow {
  membershipId: string;
  bodyId: string;
  bodyName: string;
  structureName: string;
  structureSlug: string;
  role: BodyRole;
  seatFunction: string | null;
  startOn: string;
  endOn: string | null;
  exOfficio: boolean;
}

/** Every body a person sits in (active on the day, or from it on), across structures. */
export async function bodiesOfPerson(db: DbOrTx, personId: string, options: { on?: Day; includeFuture?: boolean; history?: boolean } = {}): Promise<PersonBodyRow[]> {
  const on = options.on ?? today();
  const when = options.history ? undefined : options.includeFuture ? or(isNull(memberships.endOn), gte(memberships.endOn, on)) : activeOn(on);
  const rows = await db
    .select({
      membershipId: memberships.id,
      bodyId: bodies.id,
      bodyName: bodies.name,
      structureName: structures.name,
      structureSlug: structures.slug,
      role: memberships.role,
      seatFunction: seats.function,
      startOn: memberships.startOn,
      endOn: memberships.endOn,
      exOfficio: memberships.exOfficio,
    })
    .from(memberships)
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .innerJoin(structures, eq(structures.id, bodies.structureId))
    .leftJoin(seats, eq(seats.id, memberships.seatId))
    .where(and(eq(memberships.personId, personId), when))
    .orderBy(asc(structures.sortKey), asc(bodies.sortKey), asc(memberships.startOn))
    .limit(500);
  return rows;
}

export async function personById(db: DbOrTx, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(people).where(eq(people.id, id));
  return row;
}

export async function personByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select().from(people).where(eq(people.email, email.trim().toLowerCase()));
  return row;
}

/** Whether the actor manages (chair, vice chair, secretary, process leader) a body the person sits in. */
export async function managesBodyOf(db: DbOrTx, managerId: string, personId: string, on: Day = today()): Promise<boolean> {
  const result = await db.execute(sql`
    select 1 as hit from memberships mine join bodies mb on mb.id = mine.body_id
      join memberships theirs on theirs.body_id = mine.body_id
        -- or a direct sub-body that the body's process leader and secretary manage (policy.ts, managesBody)
        or (mb.manages_sub_bodies and mine.role in ('secretary','process_leader') and theirs.body_id in (select s.id from bodies s where s.parent_id = mine.body_id))
    where mine.person_id = ${managerId} and mine.role in ('chair','vice_chair','secretary','process_leader')
      and mine.start_on <= ${on} and (mine.end_on is null or mine.end_on >= ${on})
      and theirs.person_id = ${personId} and (theirs.end_on is null or theirs.end_on >= ${on})
    limit 1`);
  return result.rows.length > 0;
}

// ---------------------------------------------------------------------------------------
// Organisations
