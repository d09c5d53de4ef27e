import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { people } from '../../platform/auth/schema.js';
import { addDays, addMonths, monthsBetween, type Day } from '../../platform/days.js';
import { kindText, principalKindByKey, type KindText } from './principal-kinds.js';
import { bodies, memberships, organisations, principals, seatPrincipals, seats, type Body, type PrincipalKind } from './schema.js';

/*
 * Chair rotation as a rule on the body. A body may have mandate periods of a number of
 * months counted from an anchor date (one year in SAMLA, four years in political bodies),
 * and a rule for which principal kind holds the chair in each period: any; alternating
 * between region and municipalities; or following the principal chairing another body
 * (SAMLA's Samordningsgrupp follows the political group); or rotating among named principals
 * in a set order (bodies.chair_rotation), one principal per period counted from the anchor.
 * The vice chair may have to come from the kind that does not hold the chair.
 */

export type ChairRuleFields = Pick<
  Body,
  'id' | 'name' | 'chairPeriodMonths' | 'chairPeriodAnchor' | 'chairKindRule' | 'chairFirstKind' | 'chairRotation' | 'chairFollowsBodyId' | 'viceChairOtherKind'
>;

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
  /** With a rotation: the principal whose turn it is in the period. */
  chairPrincipal: { id: string; name: string } | null;
  /** The chair kind's names (principal_kinds), to show in the reader's language. */
  chairKindName: KindText | null;
  /** With a rotation: the principals in their order. */
  rotation: { id: string; name: string }[];
}

/** The principal whose turn it is in a period of a rotation (pure; null without a rotation). */
export function rotationPrincipalId(rotation: readonly string[], period: MandatePeriod): string | null {
  if (rotation.length < 2) return null;
  const n = rotation.length;
  return rotation[((period.index % n) + n) % n] ?? null;
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
      chairRotation: bodies.chairRotation,
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
  const none = { chairPrincipal: null, followsBody: null, chairKindName: null, rotation: [] };
  if (body.chairKindRule === 'alternate') {
    const kind = own ? alternatingKind(body, own) : null;
    return { ...none, period: own, chairKind: kind, chairKindName: await nameOfKind(db, kind) };
  }
  if (body.chairKindRule === 'rotate') {
    const names = await principalNames(db, body.chairRotation);
    const rotation = body.chairRotation.map((id) => ({ id, name: names.get(id) ?? '' }));
    const id = own ? rotationPrincipalId(body.chairRotation, own) : null;
    return { ...none, rotation, period: own, chairKind: null, chairPrincipal: rotation.find((p) => p.id === id) ?? null };
  }
  if (body.chairKindRule === 'follow_body' && body.chairFollowsBodyId && depth < 5) {
    const followed = await loadRule(db, body.chairFollowsBodyId);
    if (!followed) return { ...none, period: own, chairKind: null };
    const theirs = await chairPeriodInfo(db, followed, day, depth + 1);
    const kind = theirs.chairKind ?? (await actualChairKind(db, followed.id, day));
    return { ...none, period: own ?? theirs.period, chairKind: kind, chairKindName: await nameOfKind(db, kind), followsBody: { id: followed.id, name: followed.name } };
  }
  return { ...none, period: own, chairKind: null };
}

async function nameOfKind(db: DbOrTx, key: PrincipalKind | null): Promise<KindText | null> {
  if (!key) return null;
  const row = await principalKindByKey(db, key);
  return kindText(row ? [row] : [], key);
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

/**
 * The principals a seat or an organisation speaks for: the seat's principal, its
 * organisation's principal, the principals of a group seat; an organisation's principal.
 */
export async function principalsOfSeatOrOrganisation(db: DbOrTx, seatId: string | null, organisationId: string | null): Promise<string[]> {
  const found = new Set<string>();
  if (seatId) {
    const [seat] = await db
      .select({ principalId: seats.principalId, orgPrincipal: organisations.principalId })
      .from(seats)
      .leftJoin(organisations, eq(organisations.id, seats.organisationId))
      .where(eq(seats.id, seatId));
    if (seat?.principalId) found.add(seat.principalId);
    if (seat?.orgPrincipal) found.add(seat.orgPrincipal);
    for (const g of await db.select({ principalId: seatPrincipals.principalId }).from(seatPrincipals).where(eq(seatPrincipals.seatId, seatId))) found.add(g.principalId);
  }
  if (organisationId) {
    const [org] = await db.select({ principalId: organisations.principalId }).from(organisations).where(eq(organisations.id, organisationId));
    if (org) found.add(org.principalId);
  }
  return [...found];
}

/** The principals a person speaks for in a body on a day, through the seats and organisations of their engagements there. */
export async function personPrincipalsInBody(db: DbOrTx, bodyId: string, personId: string, day: Day): Promise<string[]> {
  const rows = await db
    .select({ seatId: memberships.seatId, organisationId: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.bodyId, bodyId), eq(memberships.personId, personId), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day))));
  const found = new Set<string>();
  for (const r of rows) for (const id of await principalsOfSeatOrOrganisation(db, r.seatId, r.organisationId)) found.add(id);
  return [...found];
}

/** Principals' names by id (for showing a rotation). */
export async function principalNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: principals.id, name: principals.name })
    .from(principals)
    .where(inArray(principals.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A chair in office who does not comply with the body's chair rule (shown as a warning). */
export interface ChairRuleWarning {
  kind: 'chairKind' | 'chairPrincipal' | 'chairUnknown' | 'viceKind';
  params: { name: string; kind?: KindText; principal?: string };
}

/**
 * Re-checks the chair and vice chair in office on the day against the body's rule (after the
 * rule changed, or when a rotation's period turned): one warning for each that no longer complies.
 */
export async function chairRuleWarnings(db: DbOrTx, body: ChairRuleFields, day: Day, info?: ChairPeriodInfo): Promise<ChairRuleWarning[]> {
  const current = info ?? (await chairPeriodInfo(db, body, day));
  const holders = await db
    .select({ personId: memberships.personId, role: memberships.role, name: people.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.bodyId, body.id), inArray(memberships.role, ['chair', 'vice_chair']), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day))));
  const chair = holders.find((h) => h.role === 'chair');
  const vice = holders.find((h) => h.role === 'vice_chair');
  const warnings: ChairRuleWarning[] = [];
  const chairKind = chair ? await personKindInBody(db, body.id, chair.personId, day) : null;
  if (chair && current.chairKind && chairKind !== current.chairKind) {
    warnings.push(
      chairKind
        ? { kind: 'chairKind', params: { name: chair.name, kind: current.chairKindName ?? { sv: current.chairKind, en: current.chairKind } } }
        : { kind: 'chairUnknown', params: { name: chair.name } },
    );
  }
  if (chair && current.chairPrincipal) {
    const speaksFor = await personPrincipalsInBody(db, body.id, chair.personId, day);
    if (!speaksFor.length) warnings.push({ kind: 'chairUnknown', params: { name: chair.name } });
    else if (!speaksFor.includes(current.chairPrincipal.id)) warnings.push({ kind: 'chairPrincipal', params: { name: chair.name, principal: current.chairPrincipal.name } });
  }
  if (vice && body.viceChairOtherKind) {
    const held = current.chairKind ?? chairKind;
    const viceKind = await personKindInBody(db, body.id, vice.personId, day);
    if (held && viceKind === held) {
      warnings.push({ kind: 'viceKind', params: { name: vice.name, kind: (await nameOfKind(db, held))! } });
    }
  }
  return warnings;
}
