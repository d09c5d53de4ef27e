import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { addDays, addMonths, monthsBetween, type Day } from '../../platform/days.js';
import { bodies, memberships, organisations, principals, seats, type Body, type PrincipalKind } from './schema.js';

/*
 * Chair rotation as a rule on the body. A body may have mandate periods of a number of
 * months counted from an anchor date (one year in SAMLA, four years in political bodies),
 * and a rule for which principal kind holds the chair in each period: any; alternating
 * between region and municipalities; or following the principal chairing another body
 * (SAMLA's Samordningsgrupp follows the political group). The vice chair may have to come
 * from the kind that does not hold the chair.
 */

type ChairRuleFields = Pick<Body, 'id' | 'name' | 'chairPeriodMonths' | 'chairPeriodAnchor' | 'chairKindRule' | 'chairFirstKind' | 'chairFollowsBodyId' | 'viceChairOtherKind'>;

export interface MandatePeriod {
  index: number;
  start: Day;
  end: Day;
}

/** The other kind of an alternation between region and municipalities. */
function otherKind(kind: PrincipalKind): PrincipalKind {
  return kind === 'region' ? 'municipality' : kind === 'municipality' ? 'region' : 'other';
}

/** The mandate period of fixed length, counted from the anchor, that contains the day. */
export function periodAt(months: number, anchor: Day, day: Day): MandatePeriod {
  let index = Math.floor(monthsBetween(anchor, day) / months);
  const start = (i: number) => addMonths(anchor, i * months);
  while (start(index) > day) index--;
  while (start(index + 1) <= day) index++;
  return { index, start: start(index), end: addDays(start(index + 1), -1) };
}

/** Whether the body's own columns define mandate periods. */
function hasOwnPeriods(body: Pick<Body, 'chairPeriodMonths' | 'chairPeriodAnchor'>): body is typeof body & { chairPeriodMonths: number; chairPeriodAnchor: string } {
  return !!body.chairPeriodMonths && body.chairPeriodMonths > 0 && !!body.chairPeriodAnchor;
}

/** The kind that chairs the body in an alternation period (pure). */
function alternatingKind(body: Pick<Body, 'chairFirstKind'>, period: MandatePeriod): PrincipalKind | null {
  if (!body.chairFirstKind) return null;
  return period.index % 2 === 0 ? body.chairFirstKind : otherKind(body.chairFirstKind);
}

export interface ChairPeriodInfo {
  period: MandatePeriod | null;
  /** The principal kind that must hold the chair in the period; null when any may. */
  chairKind: PrincipalKind | null;
  /** Where the kind comes from when it follows another body. */
  followsBody: { id: string; name: string } | null;
}

async function loadRule(db: DbOrTx, id: string): Promise<ChairRuleFields | undefined> {
  const [row] = await db
    .select({
      id: bodies.id,
      name: bodies.name,
      chairPeriodMonths: bodies.chairPeriodMonths,
      chairPeriodAnchor: bodies.chairPeriodAnchor,
      chairKindRule: bodies.chairKindRule,
      chairFirstKind: bodies.chairFirstKind,
      chairFollowsBodyId: bodies.chairFollowsBodyId,
      viceChairOtherKind: bodies.viceChairOtherKind,
    })
    .from(bodies)
    .where(eq(bodies.id, id));
  return row;
}

/**
 * The mandate period containing the day and which kind must chair in it. A body that
 * follows another uses its own periods when it has them, else the other body's.
 */
export async function chairPeriodInfo(db: DbOrTx, body: ChairRuleFields, day: Day, depth = 0): Promise<ChairPeriodInfo> {
  const own = hasOwnPeriods(body) ? periodAt(body.chairPeriodMonths, body.chairPeriodAnchor, day) : null;
  if (body.chairKindRule === 'alternate') {
    return { period: own, chairKind: own ? alternatingKind(body, own) : null, followsBody: null };
  }
  if (body.chairKindRule === 'follow_body' && body.chairFollowsBodyId && depth < 5) {
    const followed = await loadRule(db, body.chairFollowsBodyId);
    if (!followed) return { period: own, chairKind: null, followsBody: null };
    const theirs = await chairPeriodInfo(db, followed, day, depth + 1);
    const kind = theirs.chairKind ?? (await actualChairKind(db, followed.id, day));
    return { period: own ?? theirs.period, chairKind: kind, followsBody: { id: followed.id, name: followed.name } };
  }
  return { period: own, chairKind: null, followsBody: null };
}

/** The current and the next mandate period, for the body page. */
export async function currentAndNextPeriod(db: DbOrTx, body: ChairRuleFields, day: Day): Promise<{ current: ChairPeriodInfo; next: ChairPeriodInfo | null }> {
  const current = await chairPeriodInfo(db, body, day);
  const next = current.period ? await chairPeriodInfo(db, body, addDays(current.period.end, 1)) : null;
  return { current, next };
}

/**
 * The principal kind a person speaks for in a body on a day: the kind of the seat they hold
 * there (or of its organisation's principal), else the principal of the organisation given
 * on one of their memberships.
 */
export async function personKindInBody(db: DbOrTx, bodyId: string, personId: string, day: Day): Promise<PrincipalKind | null> {
  const rows = await db
    .select({ seatKind: seats.principalKind, orgKind: principals.kind, role: memberships.role })
    .from(memberships)
    .leftJoin(seats, eq(seats.id, memberships.seatId))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(principals, eq(principals.id, organisations.principalId))
    .where(and(eq(memberships.bodyId, bodyId), eq(memberships.personId, personId), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day))));
  return rows.find((r) => r.seatKind)?.seatKind ?? rows.find((r) => r.orgKind)?.orgKind ?? null;
}

/** The principal kind of whoever chairs the body on the day (null when nobody or unknown). */
export async function actualChairKind(db: DbOrTx, bodyId: string, day: Day): Promise<PrincipalKind | null> {
  const chairs = await db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.bodyId, bodyId), eq(memberships.role, 'chair'), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day))))
    .limit(1);
  const chair = chairs[0];
  return chair ? personKindInBody(db, bodyId, chair.personId, day) : null;
}
