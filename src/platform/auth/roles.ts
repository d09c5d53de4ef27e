/** The one role list of the domain (shared/domain README, "Roles"). */
export const bodyRoles = ['chair', 'vice_chair', 'secretary', 'process_leader', 'convenor', 'member', 'substitute', 'adjunct', 'expert', 'reader'] as const;
export type BodyRole = (typeof bodyRoles)[number];

/** Roles that hold or stand in for a seat. */
export const seatRoles: readonly BodyRole[] = ['member', 'substitute', 'chair', 'vice_chair'];
/** Roles that may prepare meetings and manage the body's composition. */
export const managingRoles: readonly BodyRole[] = ['chair', 'vice_chair', 'secretary', 'process_leader'];
/** Every role may read the body's internal material. */
export const readingRoles: readonly BodyRole[] = bodyRoles;

export function isBodyRole(v: unknown): v is BodyRole {
  return typeof v === 'string' && (bodyRoles as readonly string[]).includes(v);
}
