/** The one role list of the domain (shared/domain README, "Roles"). */
export const bodyRoles = ['chair', 'vice_chair', 'secretary', 'process_leader', 'convenor', 'member', 'substitute', 'adjunct', 'expert', 'reader'] as const;
export type BodyRole = (typeof bodyRoles)[number];

/** Roles that may prepare meetings and manage the body's composition. */
export const managingRoles: readonly BodyRole[] = ['chair', 'vice_chair', 'secretary', 'process_leader'];
