import { isAdmin } from '../../platform/auth/actor.js';
import { definePolicy } from '../../platform/auth/authorize.js';
import { managingRoles } from '../../platform/auth/roles.js';
import type { BodyRoles } from '../structure/index.js';
import type { Body } from '../structure/schema.js';
import { calledRoles } from '../meetings/index.js';

/**
 * Who may do what with minutes, decisions and actions:
 * - view: any role on the body or a body above it (as for the meeting), or an administrator;
 * - write (minutes, actions, approval rounds, publishing, the distribution list): chair,
 *   vice chair, secretary or process leader of the body itself, or an administrator;
 * - approve (justera) or comment: the chair and adjusters of the running approval round;
 * - evaluate the meeting: whoever attended it or is called to the body's meetings;
 * - complete an action: its owner, or those who may write the minutes;
 * - read published minutes: everyone.
 */

export interface MinutesTarget {
  body: Pick<Body, 'id' | 'isPublic'>;
  roles: BodyRoles;
}

declare module '../../platform/auth/authorize.js' {
  interface PolicyTargets {
    'minutes.view': MinutesTarget;
    'minutes.write': MinutesTarget;
    'minutes.approve': { isApprover: boolean };
    'minutes.evaluate': MinutesTarget & { attended: boolean };
    'minutes.completeAction': MinutesTarget & { isOwner: boolean };
  }
}

/** The rules of the minutes module's actions (listed in its manifest). */
export const minutesPolicies = [
  definePolicy('minutes.view', (actor, t) => isAdmin(actor) || t.roles.own.length > 0 || t.roles.inherited.length > 0),
  definePolicy('minutes.write', (actor, t) => isAdmin(actor) || t.roles.own.some((r) => managingRoles.includes(r))),
  definePolicy('minutes.approve', (actor, t) => actor.kind === 'person' && t.isApprover),
  definePolicy('minutes.evaluate', (actor, t) => actor.kind === 'person' && (t.attended || t.roles.own.some((r) => calledRoles.includes(r) || r === 'substitute'))),
  definePolicy('minutes.completeAction', (actor, t) => isAdmin(actor) || (actor.kind === 'person' && t.isOwner) || t.roles.own.some((r) => managingRoles.includes(r))),
];
