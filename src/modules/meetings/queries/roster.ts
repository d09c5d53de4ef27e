import { aliasedTable, and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { BodyRole } from '../../../platform/auth/roles.js';
import { people } from '../../../platform/auth/schema.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { compareSwedish } from '../../../platform/sortkey.js';
import { bodies, memberships, organisations, principals, seats } from '../../structure/schema.js';
import { stockholmDay } from '../../../platform/time.js';
import { attendance, type AttendanceRow, type Meeting } from '../schema.js';

/*
 * The attendance list of a meeting (upprop): each seat of the body with its holder(s) and
 * their substitutes, vacant seats, the people without a seat who are called (chair's
 * staff, adjuncts, experts), and guests, each with what is recorded for the meeting.
 */

export interface RosterEntry {
  personId: string | null;
  name: string;
  role: BodyRole | 'guest';
  membershipId: string | null;
  seatId: string | null;
  bodyId: string | null;
  organisationLabel: string | null;
  /** For a substitute: the member they stand in for. */
  substituteForPersonId: string | null;
  substituteForName: string | null;
  attendance: AttendanceRow | undefined;
}

interface RosterSeat {
  seatId: string;
  bodyId: string;
  label: string;
  organisationLabel: string | null;
  holders: RosterEntry[];
  substitutes: RosterEntry[];
  vacant: boolean;
}

export interface Roster {
  seats: RosterSeat[];
  /** Called people without a seat (secretary, process leader, adjuncts, experts). */
  others: RosterEntry[];
  /** Recorded attendance of people who are not members: guests, and people called in for the meeting. */
  extra: RosterEntry[];
  substitutesAllowed: boolean;
}

const seatOrg = aliasedTable(organisations, 'roster_seat_org');
const memberOrg = aliasedTable(organisations, 'roster_member_org');
const seatPrincipal = aliasedTable(principals, 'roster_seat_principal');

function membersOn(db: DbOrTx, bodyIds: string[], day: string) {
  return db
    .select({
      id: memberships.id,
      bodyId: memberships.bodyId,
      personId: memberships.personId,
      name: people.name,
      role: memberships.role,
      seatId: memberships.seatId,
      orgName: memberOrg.name,
      substituteForMembershipId: memberships.substituteForMembershipId,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .leftJoin(memberOrg, eq(memberOrg.id, memberships.organisationId))
    .where(and(inArray(memberships.bodyId, bodyIds), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day))));
}

export async function meetingRoster(db: DbOrTx, meeting: Pick<Meeting, 'id' | 'bodyId' | 'startsAt'>, jointBodyIds: readonly string[] = []): Promise<Roster> {
  const bodyIds = [meeting.bodyId, ...jointBodyIds];
  const day = stockholmDay(meeting.startsAt);
  const plainRows = await membersOn(db, bodyIds, day);
  const byMembership = new Map(plainRows.map((m) => [m.id, m]));
  const memberRows = plainRows.map((m) => {
    const target = m.substituteForMembershipId ? byMembership.get(m.substituteForMembershipId) : undefined;
    return { ...m, substituteForPersonId: target?.personId ?? null, substituteForSeatId: target?.seatId ?? null };
  });
  const [seatRows, recorded, hostBody] = await Promise.all([
    db
      .select({ id: seats.id, bodyId: seats.bodyId, function: seats.function, groupLabel: seats.groupLabel, orgName: seatOrg.name, principalName: seatPrincipal.name, position: seats.position })
      .from(seats)
      .leftJoin(seatOrg, eq(seatOrg.id, seats.organisationId))
      .leftJoin(seatPrincipal, eq(seatPrincipal.id, seats.principalId))
      .where(and(inArray(seats.bodyId, bodyIds), lte(seats.createdOn, day), or(isNull(seats.endedOn), gte(seats.endedOn, day))))
      .orderBy(asc(seats.position), asc(seats.sortKey)),
    db.select().from(attendance).where(eq(attendance.meetingId, meeting.id)),
    db.select({ substitutesAllowed: bodies.substitutesAllowed }).from(bodies).where(eq(bodies.id, meeting.bodyId)),
  ]);
  const byPerson = new Map(recorded.filter((r) => r.personId).map((r) => [r.personId!, r]));
  const names = new Map(memberRows.map((m) => [m.personId, m.name]));
  const seatLabel = new Map<string, string | null>();
  for (const s of seatRows) seatLabel.set(s.id, s.orgName ?? s.principalName ?? s.groupLabel ?? null);
  const used = new Set<string>();

  const entry = (m: (typeof memberRows)[number]): RosterEntry => {
    used.add(m.personId);
    const seatId = m.seatId ?? m.substituteForSeatId ?? null;
    return {
      personId: m.personId,
      name: m.name,
      role: m.role,
      membershipId: m.id,
      seatId,
      bodyId: m.bodyId,
      organisationLabel: m.orgName ?? (seatId ? (seatLabel.get(seatId) ?? null) : null),
      substituteForPersonId: m.substituteForPersonId ?? null,
      substituteForName: m.substituteForPersonId ? (names.get(m.substituteForPersonId) ?? null) : null,
      attendance: byPerson.get(m.personId),
    };
  };

  const rosterSeats: RosterSeat[] = seatRows.map((s) => {
    const holders = memberRows.filter((m) => m.seatId === s.id && m.role !== 'substitute' && m.role !== 'reader');
    const holderIds = new Set(holders.map((h) => h.id));
    const subs = memberRows.filter((m) => m.role === 'substitute' && (m.seatId === s.id || (m.substituteForMembershipId && holderIds.has(m.substituteForMembershipId))));
    return {
      seatId: s.id,
      bodyId: s.bodyId,
      label: s.function,
      organisationLabel: seatLabel.get(s.id) ?? null,
      holders: holders.map(entry),
      substitutes: subs.map(entry),
      vacant: holders.length === 0,
    };
  });
  const others = memberRows
    .filter((m) => !used.has(m.personId) && m.role !== 'reader' && (m.role !== 'substitute' || !m.seatId))
    .filter((m, i, all) => all.findIndex((x) => x.personId === m.personId) === i)
    .map(entry)
    .sort((a, b) => compareSwedish(a.name, b.name));
  const extra: RosterEntry[] = [];
  if (recorded.some((r) => !r.personId || !used.has(r.personId))) {
    const outsiders = recorded.filter((r) => !r.personId || !used.has(r.personId));
    const ids = outsiders.map((r) => r.personId).filter((x): x is string => !!x);
    const subIds = outsiders.map((r) => r.substituteForPersonId).filter((x): x is string => !!x);
    const found =
      ids.length || subIds.length
        ? await db
            .select({ id: people.id, name: people.name })
            .from(people)
            .where(inArray(people.id, [...ids, ...subIds]))
        : [];
    const nameOf = new Map(found.map((p) => [p.id, p.name]));
    for (const r of outsiders) {
      extra.push({
        personId: r.personId,
        name: r.personId ? (nameOf.get(r.personId) ?? '') : (r.guestName ?? ''),
        role: r.adjunct ? 'adjunct' : 'guest',
        membershipId: r.membershipId,
        seatId: r.seatId,
        bodyId: null,
        organisationLabel: r.organisationLabel,
        substituteForPersonId: r.substituteForPersonId,
        substituteForName: r.substituteForPersonId ? (nameOf.get(r.substituteForPersonId) ?? names.get(r.substituteForPersonId) ?? null) : null,
        attendance: r,
      });
    }
  }
  return { seats: rosterSeats, others, extra, substitutesAllowed: hostBody[0]?.substitutesAllowed ?? false };
}

/** Every person on the roster once (seat holders, substitutes, others, extra). */
export function rosterPeople(roster: Roster): RosterEntry[] {
  const all = [...roster.seats.flatMap((s) => [...s.holders, ...s.substitutes]), ...roster.others, ...roster.extra];
  const seen = new Set<string>();
  return all.filter((e) => {
    const key = e.personId ?? `guest:${e.attendance?.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
