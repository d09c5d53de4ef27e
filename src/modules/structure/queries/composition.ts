import { aliasedTable, and, asc, eq, gte, inArray, isNotNull, isNull, lte, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { people } from '../../../platform/auth/schema.js';
import { bodyRoles, type BodyRole } from '../../../platform/auth/roles.js';
import type { Day } from '../../../platform/days.js';
import { chairRuleWarnings, currentAndNextPeriod, type ChairPeriodInfo, type ChairRuleWarning } from '../chair.js';
import type { KindText } from '../principal-kinds.js';
import { countsAsMemberSql } from '../members.js';
import { activeOn, memberCount } from './memberships.js';
import { bodies, contactSurfaces, memberships, organisations, principals, seatPrincipals, seats, type Body, type PrincipalKind, type SeatRepresentation } from '../schema.js';

export interface Holder {
  membershipId: string;
  personId: string;
  name: string;
  email: string | null;
  title: string | null;
  role: BodyRole;
  /** Other roles the person has in the body (chair, secretary…). */
  alsoRoles: BodyRole[];
  startOn: string;
  endOn: string | null;
  exOfficio: boolean;
  substituteFor: string | null;
  organisationName: string | null;
  reason: string | null;
}

interface SeatView {
  id: string;
  function: string;
  representation: SeatRepresentation;
  principalKind: PrincipalKind | null;
  representsName: string | null;
  groupLabel: string | null;
  groupPrincipalNames: string[];
  contactSurface: { id: string; name: string; distributionList: string[] } | null;
  exOfficio: { bodyId: string; bodyName: string; role: BodyRole } | null;
  holders: Holder[];
  substitutes: Holder[];
  vacant: boolean;
}

export interface SeatGroup {
  /** The principal the seats speak for, or null for group and function seats. */
  principalName: string | null;
  principalKind: PrincipalKind | null;
  seats: SeatView[];
}

export interface Warning {
  kind: 'tooFew' | 'tooMany' | 'vacant' | 'noChair' | ChairRuleWarning['kind'];
  params: Record<string, string | number | KindText>;
}

export interface Composition {
  on: Day;
  groups: SeatGroup[];
  withoutSeat: Holder[];
  /** Engagements without a seat beyond those listed (members, adjuncts, experts, readers). */
  withoutSeatMore: number;
  memberCount: number;
  chair: { current: ChairPeriodInfo; next: ChairPeriodInfo | null; chairName: string | null; viceName: string | null };
  warnings: Warning[];
}

const roleOrder = (r: BodyRole) => bodyRoles.indexOf(r);
/** Roles listed in full on the composition; the others without a seat are paged. */
const NAMED_ROLES: BodyRole[] = ['chair', 'vice_chair', 'secretary', 'process_leader', 'convenor'];
/** How many engagements without a seat (beyond the named roles) a composition lists. */
const OTHERS_SHOWN = 50;
const seatPrincipal = aliasedTable(principals, 'seat_principal');
const orgPrincipal = aliasedTable(principals, 'org_principal');
const exBody = aliasedTable(bodies, 'ex_body');
const memberOrg = aliasedTable(organisations, 'member_org');

/** A body's composition on a day: seats grouped by principal with holders, the others, chair periods, warnings. */
export async function compositionOf(db: DbOrTx, body: Body, on: Day, options: { othersLimit?: number } = {}): Promise<Composition> {
  const [seatRows, memberRows, otherRows, periods] = await Promise.all([
    db
      .select({
        seat: seats,
        principalName: seatPrincipal.name,
        orgName: organisations.name,
        orgPrincipalName: orgPrincipal.name,
        orgPrincipalKind: orgPrincipal.kind,
        surfaceName: contactSurfaces.name,
        surfaceList: contactSurfaces.distributionList,
        exBodyName: exBody.name,
      })
      .from(seats)
      .leftJoin(seatPrincipal, eq(seatPrincipal.id, seats.principalId))
      .leftJoin(organisations, eq(organisations.id, seats.organisationId))
      .leftJoin(orgPrincipal, eq(orgPrincipal.id, organisations.principalId))
      .leftJoin(contactSurfaces, eq(contactSurfaces.id, seats.contactSurfaceId))
      .leftJoin(exBody, eq(exBody.id, seats.exOfficioBodyId))
      .where(and(eq(seats.bodyId, body.id), lte(seats.createdOn, on), or(isNull(seats.endedOn), gte(seats.endedOn, on))))
      .orderBy(asc(seats.position), asc(seats.sortKey), asc(seats.id))
      .limit(500),
    db
      .select({
        m: memberships,
        name: people.name,
        email: people.email,
        title: people.title,
        sortKey: people.sortKey,
        orgName: memberOrg.name,
        // Evaluated once (an uncorrelated subquery): the body's size on the day.
        memberCount: sql<number>`(select count(distinct m2.person_id)::int from memberships m2 where m2.body_id = ${body.id} and m2.start_on <= ${on} and (m2.end_on is null or m2.end_on >= ${on}) and ${countsAsMemberSql(sql.raw('m2.role'), sql.raw('m2.seat_id'))})`,
      })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .leftJoin(memberOrg, eq(memberOrg.id, memberships.organisationId))
      .where(and(eq(memberships.bodyId, body.id), activeOn(on), or(isNotNull(memberships.seatId), inArray(memberships.role, NAMED_ROLES))))
      .orderBy(asc(people.sortKey), asc(memberships.startOn))
      .limit(2000),
    options.othersLimit === 0
      ? Promise.resolve([])
      : db
          .select({ m: memberships, name: people.name, email: people.email, title: people.title, sortKey: people.sortKey, orgName: memberOrg.name, total: sql<number>`count(*) over ()` })
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .leftJoin(memberOrg, eq(memberOrg.id, memberships.organisationId))
          .where(and(eq(memberships.bodyId, body.id), activeOn(on), isNull(memberships.seatId), notInArray(memberships.role, NAMED_ROLES)))
          .orderBy(asc(memberships.role), asc(people.sortKey), asc(memberships.id))
          .limit(options.othersLimit ?? OTHERS_SHOWN),
    currentAndNextPeriod(db, body, on),
  ]);
  const groupSeatIds = seatRows.filter((r) => r.seat.representation === 'principal_group').map((r) => r.seat.id);
  const groupNames = groupSeatIds.length
    ? await db
        .select({ seatId: seatPrincipals.seatId, name: principals.name })
        .from(seatPrincipals)
        .innerJoin(principals, eq(principals.id, seatPrincipals.principalId))
        .where(inArray(seatPrincipals.seatId, groupSeatIds))
        .orderBy(asc(principals.sortKey))
    : [];

  const rolesOfPerson = new Map<string, BodyRole[]>();
  for (const r of memberRows) rolesOfPerson.set(r.m.personId, [...(rolesOfPerson.get(r.m.personId) ?? []), r.m.role]);
  const nameOfMembership = new Map(memberRows.map((r) => [r.m.id, r.name]));
  type Row = Pick<(typeof memberRows)[number], 'm' | 'name' | 'email' | 'title' | 'orgName'>;
  const holder = (r: Row): Holder => ({
    membershipId: r.m.id,
    personId: r.m.personId,
    name: r.name,
    email: r.email,
    title: r.title,
    role: r.m.role,
    alsoRoles: (rolesOfPerson.get(r.m.personId) ?? []).filter((x) => x !== r.m.role && x !== 'member').sort((a, b) => roleOrder(a) - roleOrder(b)),
    startOn: r.m.startOn,
    endOn: r.m.endOn,
    exOfficio: r.m.exOfficio,
    substituteFor: r.m.substituteForMembershipId ? (nameOfMembership.get(r.m.substituteForMembershipId) ?? null) : null,
    organisationName: r.orgName,
    reason: r.m.reason,
  });

  const groups = new Map<string, SeatGroup>();
  const seatViews: SeatView[] = [];
  for (const r of seatRows) {
    const s = r.seat;
    const inSeat = memberRows.filter((m) => m.m.seatId === s.id);
    const holders = inSeat.filter((m) => m.m.role !== 'substitute').map(holder);
    const view: SeatView = {
      id: s.id,
      function: s.function,
      representation: s.representation,
      principalKind: s.principalKind,
      representsName: r.principalName ?? (r.orgName ? `${r.orgName} (${r.orgPrincipalName})` : null),
      groupLabel: s.groupLabel,
      groupPrincipalNames: groupNames.filter((g) => g.seatId === s.id).map((g) => g.name),
      contactSurface: s.contactSurfaceId ? { id: s.contactSurfaceId, name: r.surfaceName ?? '', distributionList: r.surfaceList ?? [] } : null,
      exOfficio: s.exOfficioBodyId && s.exOfficioRole ? { bodyId: s.exOfficioBodyId, bodyName: r.exBodyName ?? '', role: s.exOfficioRole } : null,
      holders,
      substitutes: inSeat.filter((m) => m.m.role === 'substitute').map(holder),
      vacant: holders.length === 0,
    };
    seatViews.push(view);
    const principalName = r.principalName ?? r.orgPrincipalName ?? null;
    // Seats without a principal form one group per caption (seats for a group of principals, function seats), whatever kind of principal each asks for.
    const key = principalName ?? (s.representation === 'principal_group' ? '~group' : '~function');
    const group = groups.get(key) ?? { principalName, principalKind: principalName ? (s.principalKind ?? r.orgPrincipalKind ?? null) : null, seats: [] };
    group.seats.push(view);
    groups.set(key, group);
  }
  const kindOrder = (k: PrincipalKind | null) => (k === 'region' ? 0 : k === 'municipality' ? 1 : k === 'other' ? 2 : 3);
  const sortedGroups = [...groups.values()].sort(
    (a, b) =>
      Number(a.principalName === null) - Number(b.principalName === null) ||
      kindOrder(a.principalKind) - kindOrder(b.principalKind) ||
      (a.principalName ?? '').localeCompare(b.principalName ?? '', 'sv'),
  );

  const withoutSeat = [
    ...memberRows.filter((m) => !m.m.seatId && !(m.m.role === 'chair' || m.m.role === 'vice_chair' ? memberRows.some((o) => o.m.personId === m.m.personId && o.m.seatId) : false)),
    ...otherRows,
  ]
    .map(holder)
    .sort((a, b) => roleOrder(a.role) - roleOrder(b.role));
  const withoutSeatMore = Math.max(0, Number(otherRows[0]?.total ?? 0) - otherRows.length);
  const count = memberRows.length ? Number(memberRows[0]!.memberCount) : await memberCount(db, body.id, on);

  const chairName = memberRows.find((m) => m.m.role === 'chair')?.name ?? null;
  const viceName = memberRows.find((m) => m.m.role === 'vice_chair')?.name ?? null;

  const warnings: Warning[] = [];
  if (body.sizeMin !== null && count < body.sizeMin) warnings.push({ kind: 'tooFew', params: { count, min: body.sizeMin } });
  if (body.sizeMax !== null && count > body.sizeMax) warnings.push({ kind: 'tooMany', params: { count, max: body.sizeMax } });
  for (const s of seatViews) if (s.vacant) warnings.push({ kind: 'vacant', params: { seat: s.function } });
  if ((periods.current.period || body.chairKindRule !== 'any') && !chairName) warnings.push({ kind: 'noChair', params: {} });
  // The chairs in office checked against the rule (it may have changed since they were appointed).
  if (chairName || viceName) for (const w of await chairRuleWarnings(db, body, on, periods.current)) warnings.push({ kind: w.kind, params: w.params as Warning['params'] });

  return { on, groups: sortedGroups, withoutSeat, withoutSeatMore, memberCount: count, chair: { ...periods, chairName, viceName }, warnings };
}
