import { isAdmin } from '../../platform/auth/actor.js';
import type { Actor } from '../../platform/auth/actor.js';
import { definePolicy } from '../../platform/auth/authorize.js';
import { managingRoles, type BodyRole } from '../../platform/auth/roles.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { rolesOf, type BodyRoles } from '../structure/index.js';
import { today } from '../../platform/days.js';
import type { Body } from '../structure/schema.js';

/**
 * Who may do what with a body's meetings. The actor's roles on the body (and, for a joint
 * meeting, on every participating body) decide:
 * - view: any role on the body or a body above it, or an administrator;
 * - manage (plan, edit, build and publish the agenda, roll call): chair, vice chair,
 *   secretary or process leader of the body itself, or an administrator;
 * - submit an item: members and chairs, the managing roles, and substitutes where the
 *   body allows substitutes;
 * - report absence: anyone called to the body's meetings (every role but reader).
 */

export interface MeetingTarget {
  body: Pick<Body, 'id' | 'isPublic' | 'substitutesAllowed'>;
  roles: BodyRoles;
}

declare module '../../platform/auth/authorize.js' {
  interface PolicyTargets {
    'meetings.view': MeetingTarget;
    'meetings.manage': MeetingTarget;
    'meetings.submit': MeetingTarget;
    'meetings.reportAbsence': MeetingTarget;
  }
}

/** Roles that may send in agenda items (substitutes only where the body allows them). */
export const submittingRoles: readonly BodyRole[] = ['member', 'chair', 'vice_chair', ...managingRoles, 'convenor'];
/** Roles called to the body's meetings. */
export const calledRoles: readonly BodyRole[] = ['chair', 'vice_chair', 'secretary', 'process_leader', 'convenor', 'member', 'adjunct', 'expert'];

export function maySubmit(roles: readonly BodyRole[], substitutesAllowed: boolean): boolean {
  return roles.some((r) => submittingRoles.includes(r) || (r === 'substitute' && substitutesAllowed));
}

/** The rules of the meetings module's actions (listed in its manifest). */
export const meetingsPolicies = [
  definePolicy('meetings.view', (actor, t) => isAdmin(actor) || t.roles.own.length > 0 || t.roles.inherited.length > 0),
  definePolicy('meetings.manage', (actor, t) => isAdmin(actor) || t.roles.own.some((r) => managingRoles.includes(r))),
  definePolicy('meetings.submit', (actor, t) => actor.kind === 'person' && (maySubmit(t.roles.own, t.body.substitutesAllowed) || isAdmin(actor))),
  definePolicy('meetings.reportAbsence', (actor, t) => actor.kind === 'person' && t.roles.own.some((r) => calledRoles.includes(r) || (r === 'substitute' && t.body.substitutesAllowed))),
];

/** The actor's roles on a meeting: on the host body and on the other bodies of a joint meeting. */
export async function meetingRoles(db: DbOrTx, actor: Actor, bodyIds: readonly string[], on: Date = new Date()): Promise<BodyRoles> {
  const day = today(on);
  const all = await Promise.all(bodyIds.map((id) => rolesOf(db, actor, id, day)));
  return {
    own: [...new Set(all.flatMap((r) => r.own))],
    inherited: [...new Set(all.flatMap((r) => r.inherited))],
  };
}

export const meetingActions = ['meetings.view', 'meetings.manage', 'meetings.submit', 'meetings.reportAbsence'] as const;
