import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { BodyRole } from '../../platform/auth/roles.js';

/*
 * Who counts as a member of a body (for its size bounds and member counts): the one
 * definition, told to TypeScript (`countsAsMember`) and to SQL (`countsAsMemberSql`) from
 * the same list; members.db.test.ts checks that the two agree over every case.
 */

/** Roles that count as members even without a seat. */
const MEMBER_ROLES = ['member', 'chair', 'vice_chair'] as const satisfies readonly BodyRole[];
/** The role that never counts, even in a seat (it stands in for the seat's holder). */
const SUBSTITUTE = 'substitute' satisfies BodyRole;

/** Whether a membership counts towards the body's size: a member role, or a seat held by anyone but a substitute. */
export function countsAsMember(role: BodyRole, seatId: string | null | undefined): boolean {
  return (MEMBER_ROLES as readonly BodyRole[]).includes(role) || (!!seatId && role !== SUBSTITUTE);
}

/** The same rule in SQL, over a membership's role and seat columns (constants written as literals). */
export function countsAsMemberSql(role: SQLWrapper, seatId: SQLWrapper): SQL {
  const members = sql.raw(MEMBER_ROLES.map((r) => `'${r}'`).join(','));
  return sql`(${role} in (${members}) or (${seatId} is not null and ${role} <> ${sql.raw(`'${SUBSTITUTE}'`)}))`;
}
