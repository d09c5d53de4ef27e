import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { BodyRole } from '../../../platform/auth/roles.js';
import { people } from '../../../platform/auth/schema.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { stockholmDay } from '../../../platform/time.js';
import { bodies, memberships, type Membership } from '../../structure/schema.js';
import { absenceReports, type Meeting } from '../schema.js';

// What an absence report sets off: who stands in for the absent person, and who is told.

export interface AbsenceSubstitute {
  personId: string;
  membershipId: string;
  name: string;
  language: string | null;
}

export interface AbsencePlan {
  /** The membership the person holds a seat by (or their first membership) on the meeting's day. */
  seatHolding: Membership | undefined;
  /** Whether the body the person sits in allows substitutes at all. */
  substitutesAllowed: boolean;
  /** The substitute who is called in, when the person's seat has one who can come. */
  substitute: AbsenceSubstitute | undefined;
  /** Who is told that the person does not come: the secretary (or whoever runs the body). */
  informed: { personId: string; name: string; language: string | null }[];
  /** Whether those told are the body's secretaries (and not, lacking one, its process leader or chair). */
  informedSecretary: boolean;
}

/** Who runs a body's meetings, in the order an absence report reaches them: the secretary first. */
const INFORMED_ORDER: readonly (readonly BodyRole[])[] = [['secretary'], ['process_leader'], ['chair', 'vice_chair']];

/**
 * What happens when `personId` reports absence from a meeting: the substitute named for
 * the person's membership (active on the meeting's day, in a body that allows substitutes,
 * and not absent themselves) is called in; the host body's secretary is told (when the body
 * has no secretary, its process leader; when neither, its chair and vice chair).
 */
export async function absencePlan(db: DbOrTx, loaded: { meeting: Pick<Meeting, 'id' | 'bodyId' | 'startsAt'>; jointBodyIds: string[] }, personId: string): Promise<AbsencePlan> {
  const { meeting } = loaded;
  const day = stockholmDay(meeting.startsAt);
  const active = and(lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day)));
  const mine = await db
    .select({ membership: memberships, substitutesAllowed: bodies.substitutesAllowed })
    .from(memberships)
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(and(eq(memberships.personId, personId), inArray(memberships.bodyId, [meeting.bodyId, ...loaded.jointBodyIds]), active))
    .orderBy(asc(memberships.startOn));
  const held = mine.find((m) => m.membership.seatId && m.membership.role !== 'substitute') ?? mine[0];
  const allowing = mine.filter((m) => m.substitutesAllowed && m.membership.role !== 'substitute').map((m) => m.membership.id);

  let substitute: AbsenceSubstitute | undefined;
  if (allowing.length) {
    const candidates = await db
      .select({ personId: memberships.personId, membershipId: memberships.id, language: people.language, name: people.name })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(inArray(memberships.substituteForMembershipId, allowing), eq(memberships.role, 'substitute'), eq(people.status, 'active'), active))
      .orderBy(asc(memberships.startOn));
    const others = candidates.filter((c) => c.personId !== personId);
    const absent = others.length
      ? new Set(
          (
            await db
              .select({ personId: absenceReports.personId })
              .from(absenceReports)
              .where(
                and(
                  eq(absenceReports.meetingId, meeting.id),
                  inArray(
                    absenceReports.personId,
                    others.map((c) => c.personId),
                  ),
                ),
              )
          ).map((r) => r.personId),
        )
      : new Set<string>();
    substitute = others.find((c) => !absent.has(c.personId));
  }

  const managers = await db
    .select({ personId: memberships.personId, role: memberships.role, name: people.name, language: people.language })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.bodyId, meeting.bodyId), inArray(memberships.role, INFORMED_ORDER.flat()), eq(people.status, 'active'), active))
    .orderBy(asc(people.name));
  let informed: AbsencePlan['informed'] = [];
  let informedSecretary = false;
  for (const roles of INFORMED_ORDER) {
    const found = new Map<string, AbsencePlan['informed'][number]>();
    for (const m of managers) {
      if (m.personId !== personId && roles.includes(m.role)) found.set(m.personId, { personId: m.personId, name: m.name, language: m.language });
    }
    informed = [...found.values()];
    informedSecretary = roles.includes('secretary');
    if (informed.length) break;
  }

  return { seatHolding: held?.membership, substitutesAllowed: mine.some((m) => m.substitutesAllowed), substitute, informed, informedSecretary: informed.length > 0 && informedSecretary };
}
