import type { CaseCtx } from './commands/common.js';
import { loadCase, UUID, type LoadedCase } from './queries/index.js';
import { isAdmin, type Actor } from '../../platform/auth/actor.js';
import { definePolicy, authorize, can, type PolicyTargets } from '../../platform/auth/authorize.js';
import { managingRoles, type BodyRole } from '../../platform/auth/roles.js';
import { type BodyRoles, managesBody, rolesOf } from '../structure/index.js';
import { type Body, bodies } from '../structure/schema.js';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/refusals.js';
import { today } from '../../platform/days.js';
import type { TransitionName } from './flow.js';

/**
 * Who may do what with cases. Rights are scoped to the case's body (and, for the steps
 * the commissioning body takes, to that body):
 * - view: any role on the body, a body above it (the commissioning body's people read what
 *   is prepared for them), or the case's working group; administrators;
 * - raise: those who may send in agenda items (members, chairs, the managing roles,
 *   convenors; substitutes where the body allows them);
 * - manage (the flow, working group, directive, activity plan, notices): chair, vice
 *   chair, secretary or process leader of the deciding body itself;
 * - report status: the working group's convenor, or the body's managers;
 * - answer for a principal in the anchoring: the member whose seat covers it, or managers;
 * - record an adoption: the managers of the case's body or of the commissioning body;
 * - withdraw: the raiser too.
 */

export interface CaseRoles {
  /** Roles on the case's body (own) and on the bodies above it (inherited). */
  body: BodyRoles;
  /** Roles on the case's working group. */
  workingGroup: BodyRole[];
  /** Own roles on the commissioning body the case was prepared for. */
  commissioner: BodyRole[];
}

export interface CaseTarget {
  body: Pick<Body, 'id' | 'substitutesAllowed'>;
  roles: CaseRoles;
  /** The actor raised the case. */
  isRaiser: boolean;
  /** The principals whose seats in the body the actor holds (anchoring, adoption). */
  coveredPrincipalIds: string[];
}

interface CaseBodyTarget {
  body: Pick<Body, 'id' | 'substitutesAllowed'>;
  roles: BodyRoles;
}

declare module '../../platform/auth/authorize.js' {
  interface PolicyTargets {
    'cases.view': CaseTarget;
    'cases.manage': CaseTarget;
    'cases.decideAsCommissioner': CaseTarget;
    'cases.report': CaseTarget;
    'cases.anchor': CaseTarget & { principalId: string };
    'cases.adopt': CaseTarget;
    'cases.withdraw': CaseTarget;
    'cases.link': CaseTarget;
    /** Raise a case in a body. */
    'cases.raise': CaseBodyTarget;
    /** See a body's cases, overview, activity plan and yearly report. */
    'cases.viewBody': CaseBodyTarget;
    /** Keep a body's activity plan. */
    'cases.managePlan': CaseBodyTarget;
    /** See the structure-wide overview: anyone with a role in one of the structure's bodies. */
    'cases.viewStructure': { rolesInStructure: number };
  }
}

const manages = (roles: readonly BodyRole[]) => roles.some((r) => managingRoles.includes(r));
/** Roles that may raise a case (those who may send in agenda items). */
const raisingRoles: readonly BodyRole[] = ['member', 'chair', 'vice_chair', ...managingRoles, 'convenor'];

function mayRaise(roles: readonly BodyRole[], substitutesAllowed: boolean): boolean {
  return roles.some((r) => raisingRoles.includes(r) || (r === 'substitute' && substitutesAllowed));
}

const seesBody = (r: BodyRoles) => r.own.length > 0 || r.inherited.length > 0;

/** The rules of the cases module's actions (listed in its manifest). */
export const casesPolicies = [
  definePolicy('cases.view', (actor, t) => isAdmin(actor) || seesBody(t.roles.body) || t.roles.workingGroup.length > 0 || t.roles.commissioner.length > 0 || t.isRaiser),
  definePolicy('cases.manage', (actor, t) => isAdmin(actor) || managesBody(t.roles.body)),
  definePolicy('cases.decideAsCommissioner', (actor, t) => isAdmin(actor) || manages(t.roles.commissioner)),
  definePolicy('cases.report', (actor, t) => isAdmin(actor) || managesBody(t.roles.body) || t.roles.workingGroup.includes('convenor')),
  definePolicy('cases.anchor', (actor, t) => isAdmin(actor) || managesBody(t.roles.body) || t.coveredPrincipalIds.includes(t.principalId)),
  definePolicy('cases.adopt', (actor, t) => isAdmin(actor) || managesBody(t.roles.body) || manages(t.roles.commissioner)),
  definePolicy('cases.withdraw', (actor, t) => isAdmin(actor) || managesBody(t.roles.body) || (t.isRaiser && actor.kind === 'person')),
  definePolicy('cases.link', (actor, t) => isAdmin(actor) || managesBody(t.roles.body) || t.isRaiser || t.roles.workingGroup.includes('convenor')),
  definePolicy('cases.raise', (actor, t) => actor.kind === 'person' && (isAdmin(actor) || mayRaise(t.roles.own, t.body.substitutesAllowed))),
  definePolicy('cases.viewBody', (actor, t) => isAdmin(actor) || seesBody(t.roles)),
  definePolicy('cases.viewStructure', (actor, t) => isAdmin(actor) || t.rolesInStructure > 0),
  definePolicy('cases.managePlan', (actor, t) => isAdmin(actor) || managesBody(t.roles)),
];

/** The actions a case page and the API show abilities for. */
export const caseActions = ['cases.view', 'cases.manage', 'cases.decideAsCommissioner', 'cases.report', 'cases.adopt', 'cases.withdraw', 'cases.link'] as const;
export type CaseAction = (typeof caseActions)[number];

// ---------------------------------------------------------------------------------------
// Loading the target and asking the rules

type CaseTargetAction = { [A in keyof PolicyTargets]: PolicyTargets[A] extends CaseTarget ? A : never }[keyof PolicyTargets];

/** Loads (and locks) a case in a command and authorizes the actor for one of the actions. */
export async function caseFor(ctx: CaseCtx, caseId: string, ...actions: Exclude<CaseTargetAction, 'cases.anchor'>[]): Promise<LoadedCase> {
  const loaded = await loadCase(ctx.tx, ctx.actor, caseId, ctx.now, true);
  const ok = actions.some((a) => can(ctx.actor, a, loaded.target));
  if (!ok) authorize(ctx.actor, actions[0]!, loaded.target);
  return loaded;
}

/** Loads a body and the actor's roles on it, and authorizes a body-level case action. */
export async function bodyForCases(
  db: DbOrTx,
  actor: Actor,
  bodyId: string,
  action: 'cases.raise' | 'cases.viewBody' | 'cases.managePlan',
  now = new Date(),
): Promise<CaseBodyTarget & { body: Body }> {
  if (!UUID.test(bodyId)) notFound('cases.refusal.bodyNotFound');
  const [body] = await db.select().from(bodies).where(eq(bodies.id, bodyId));
  if (!body) notFound('cases.refusal.bodyNotFound');
  const roles = await rolesOf(db, actor, body.id, today(now));
  authorize(actor, action, { body, roles });
  return { body, roles };
}

/** What the actor may do with the case: for buttons and API answers. */
export function caseAbilities(actor: Actor, target: CaseTarget): Record<CaseAction, boolean> {
  const out = {} as Record<CaseAction, boolean>;
  for (const a of caseActions) out[a] = can(actor, a, target);
  return out;
}

/** Whether the actor may take the transition: the body's managers; for a case prepared for it, the commissioning body's. */
export function mayTake(loaded: LoadedCase, name: TransitionName, actor: Parameters<typeof can>[0]): boolean {
  if (name === 'withdraw') return can(actor, 'cases.withdraw', loaded.target);
  if (loaded.kase.state === 'prepared') return can(actor, 'cases.decideAsCommissioner', loaded.target) || can(actor, 'cases.manage', loaded.target);
  return can(actor, 'cases.manage', loaded.target);
}
