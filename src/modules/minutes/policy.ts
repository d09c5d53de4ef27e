import { isAdmin, type Actor } from '../../platform/auth/actor.js';
import { can, definePolicy } from '../../platform/auth/authorize.js';
import { managesBody, rolesOf, type BodyRoles } from '../structure/index.js';
import { today } from '../../platform/days.js';
import type { Body } from '../structure/schema.js';
import { calledRoles, type LoadedMeeting } from '../meetings/index.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { approvalsOf, attended, bodyById, currentRound } from './queries/index.js';
import type { Decision, Minutes } from './schema.js';

/**
 * Who may do what with minutes, decisions and actions:
 * - view: any role on the body or a body above it (as for the meeting), or an administrator;
 * - write (minutes, actions, approval rounds, publishing, the distribution list): chair,
 *   vice chair, secretary or process leader of the body itself, or an administrator;
 * - approve (justera) or comment: the chair and adjusters of the running approval round;
 * - evaluate the meeting: whoever attended it or is called to the body's meetings;
 * - complete an action: its owner, or those who may write the minutes;
 * - see a body's follow-up: its chair, vice chair, secretary or process leader, or an administrator;
 * - read published minutes: everyone.
 */

interface MinutesTarget {
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
    /** See a body's follow-up: open actions of all owners, pending approvals, submissions, meetings without minutes. */
    'minutes.followUp': MinutesTarget;
  }
}

/** The rules of the minutes module's actions (listed in its manifest). */
export const minutesPolicies = [
  definePolicy('minutes.view', (actor, t) => isAdmin(actor) || t.roles.own.length > 0 || t.roles.inherited.length > 0),
  definePolicy('minutes.write', (actor, t) => isAdmin(actor) || managesBody(t.roles)),
  definePolicy('minutes.approve', (actor, t) => actor.kind === 'person' && t.isApprover),
  definePolicy('minutes.evaluate', (actor, t) => actor.kind === 'person' && (t.attended || t.roles.own.some((r) => calledRoles.includes(r) || r === 'substitute'))),
  definePolicy('minutes.completeAction', (actor, t) => isAdmin(actor) || (actor.kind === 'person' && t.isOwner) || managesBody(t.roles)),
  definePolicy('minutes.followUp', (actor, t) => isAdmin(actor) || managesBody(t.roles)),
];

type MinutesAction = 'minutes.view' | 'minutes.write';

/** The target of a rule: readers are judged by their roles here or above; writers by the hosting body's roles. */
export function minutesTarget(loaded: Pick<LoadedMeeting, 'body' | 'roles' | 'hostRoles'>, action: MinutesAction | 'minutes.evaluate' | 'minutes.completeAction'): MinutesTarget {
  return { body: loaded.body, roles: action === 'minutes.view' ? loaded.roles : loaded.hostRoles };
}

export interface MinutesAbilities {
  view: boolean;
  write: boolean;
  approve: boolean;
  evaluate: boolean;
}

/** What the actor may do with the minutes of a loaded meeting. */
export async function minutesAbilities(db: DbOrTx, actor: Actor, loaded: LoadedMeeting & { minutes: Minutes | undefined }): Promise<MinutesAbilities> {
  const view = can(actor, 'minutes.view', minutesTarget(loaded, 'minutes.view'));
  const write = can(actor, 'minutes.write', minutesTarget(loaded, 'minutes.write'));
  let approve = false;
  if (loaded.minutes?.status === 'in_approval' && actor.kind === 'person') {
    const round = await approvalsOf(db, loaded.minutes.id, currentRound(loaded.minutes));
    approve = can(actor, 'minutes.approve', { isApprover: round.some((a) => a.personId === actor.personId) });
  }
  const wasThere = actor.kind === 'person' ? await attended(db, loaded.meeting.id, actor.personId) : false;
  const evaluate = can(actor, 'minutes.evaluate', { ...minutesTarget(loaded, 'minutes.evaluate'), attended: wasThere });
  return { view, write, approve, evaluate };
}

/**
 * Who may read one decision of the register: whoever may view the minutes of its body
 * (`byRole`), and everyone when the minutes of a public body are published and the decision
 * is not internal.
 */
export async function decisionAccess(db: DbOrTx, actor: Actor, d: Pick<Decision, 'bodyId' | 'internal'> & { minutesPublished: boolean }): Promise<{ readable: boolean; byRole: boolean }> {
  const body = await bodyById(db, d.bodyId);
  if (!body) return { readable: false, byRole: false };
  const byRole = can(actor, 'minutes.view', { body, roles: await rolesOf(db, actor, d.bodyId, today()) });
  return { readable: byRole || (body.isPublic && d.minutesPublished && !d.internal), byRole };
}
