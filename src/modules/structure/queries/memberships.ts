import { aliasedTable, and, asc, count, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { pageOf, PAGE_SIZE, type Paged } from '../../../platform/http/paging.js';
import { people } from '../../../platform/auth/schema.js';
import type { BodyRole } from '../../../platform/auth/roles.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { today, type Day } from '../../../platform/days.js';
import { visibleEmailSql } from '../policy.js';
import { countsAsMemberSql } from '../members.js';
import { memberships, organisations, seats, type Membership } from '../schema.js';

/** Memberships active on a day: a period that includes it. */
export function activeOn(on: Day): SQL {
  return and(lte(memberships.startOn, on), or(isNull(memberships.endOn), gte(memberships.endOn, on)))!;
}

/**
 * The memberships active on a day, of a body and/or a person. Other modules use it to
 * find who sits in a body (meetings: attendance lists) or where a person sits.
 */
export async function activeMemberships(db: DbOrTx, filter: { bodyId?: string; personId?: string; on?: Day }): Promise<Membership[]> {
  const on = filter.on ?? today();
  return db
    .select()
    .from(memberships)
    .where(and(filter.bodyId ? eq(memberships.bodyId, filter.bodyId) : undefined, filter.personId ? eq(memberships.personId, filter.personId) : undefined, activeOn(on)));
}

/** SQL: the membership counts towards the body's size (holds a seat, or is a member role). */
const countsAsMember = countsAsMemberSql(memberships.role, memberships.seatId);

/** How many people are members (seat holders) of a body on a day. */
export async function memberCount(db: DbOrTx, bodyId: string, on: Day, exceptPersonId?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${memberships.personId})::int` })
    .from(memberships)
    .where(and(eq(memberships.bodyId, bodyId), activeOn(on), countsAsMember, exceptPersonId ? sql`${memberships.personId} <> ${exceptPersonId}` : undefined));
  return Number(row?.n ?? 0);
}

/** Member counts of several bodies on a day. */
export async function memberCounts(db: DbOrTx, bodyIds: string[], on: Day): Promise<Map<string, number>> {
  if (bodyIds.length === 0) return new Map();
  const rows = await db
    .select({ bodyId: memberships.bodyId, n: sql<number>`count(distinct ${memberships.personId})::int` })
    .from(memberships)
    .where(and(inArray(memberships.bodyId, bodyIds), activeOn(on), countsAsMember))
    .groupBy(memberships.bodyId);
  return new Map(rows.map((r) => [r.bodyId, Number(r.n)]));
}

// ---------------------------------------------------------------------------------------
// Structures and bodies

// ---------------------------------------------------------------------------------------
// People

export interface MembershipRow {
  id: string;
  personId: string;
  personName: string;
  personEmail: string | null;
  personTitle: string | null;
  role: BodyRole;
  seatId: string | null;
  seatFunction: string | null;
  organisationName: string | null;
  reason: string | null;
  startOn: string;
  endOn: string | null;
  exOfficio: boolean;
  substituteForMembershipId: string | null;
}

const seatOrg = aliasedTable(organisations, 'membership_org');

function membershipColumns(reader: Actor) {
  return {
    id: memberships.id,
    personId: memberships.personId,
    personName: people.name,
    personEmail: visibleEmailSql(reader),
    personTitle: people.title,
    role: memberships.role,
    seatId: memberships.seatId,
    seatFunction: seats.function,
    organisationName: seatOrg.name,
    reason: memberships.reason,
    startOn: memberships.startOn,
    endOn: memberships.endOn,
    exOfficio: memberships.exOfficio,
    substituteForMembershipId: memberships.substituteForMembershipId,
  };
}

/** A body's memberships (current on a day, or the whole history), sorted by name, paged in SQL; addresses only where the reader may see them. */
export async function membershipPage(db: DbOrTx, bodyId: string, options: { reader: Actor; page?: number; on?: Day; history?: boolean; pageSize?: number }): Promise<Paged<MembershipRow>> {
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const where = and(eq(memberships.bodyId, bodyId), options.history ? undefined : activeOn(options.on ?? today()));
  // The body's rows are picked first (OFFSET 0 keeps PostgreSQL from walking every person
  // in name order instead: 13 ms against 2 ms for 600 of 10,000 memberships).
  const ofBody = sql`${memberships.id} in (select ${memberships.id} from ${memberships} where ${where} offset 0)`;
  // One query: the page and, in each row, the total (a page past the end counts apart).
  const rows = await db
    .select({ ...membershipColumns(options.reader), total: sql<number>`count(*) over ()` })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .leftJoin(seats, eq(seats.id, memberships.seatId))
    .leftJoin(seatOrg, eq(seatOrg.id, memberships.organisationId))
    .where(ofBody)
    .orderBy(asc(people.sortKey), asc(memberships.startOn), asc(memberships.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && page > 1) total = (await db.select({ n: count() }).from(memberships).where(where))[0]?.n ?? 0;
  return pageOf(
    rows.map(({ total: _total, ...row }) => row as MembershipRow),
    page,
    total,
    pageSize,
  );
}
