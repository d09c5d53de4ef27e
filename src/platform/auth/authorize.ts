import type { Actor } from './actor.js';
import { ForbiddenError } from '../http/errors.js';
import { extensionPoint, installed } from '../registry.js';

/**
 * Every action and the kind of target it is checked against. Modules add their actions
 * by augmenting this interface:
 *   declare module '../../platform/auth/authorize.js' { interface PolicyTargets { 'meetings.publish': MeetingTarget } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PolicyTargets {
  'admin.manage': null;
  'person.self': { personId: string };
}

export type Action = keyof PolicyTargets;
export type Policy<A extends Action> = (actor: Actor, target: PolicyTargets[A]) => boolean;

/** The rule of one action (a manifest's `policies`). */
export interface PolicyDef {
  action: Action;
  allows: Policy<never>;
}

export const POLICIES = extensionPoint<PolicyDef>('platform.policies');

/** Defines the rule for an action (no side effect: the module's manifest lists it). */
export function definePolicy<A extends Action>(action: A, policy: Policy<A>): PolicyDef {
  return { action, allows: policy as Policy<never> };
}

export function can<A extends Action>(actor: Actor, action: A, target: PolicyTargets[A]): boolean {
  const policy = installed().find(POLICIES, (p) => p.action, action);
  if (!policy) throw new Error(`No policy for ${action}`);
  return (policy.allows as Policy<A>)(actor, target);
}

/** Throws a 403 when the actor may not do the action on the target. */
export function authorize<A extends Action>(actor: Actor, action: A, target: PolicyTargets[A]): void {
  // The action stays in the message for the logs; the reader is told the general refusal.
  if (!can(actor, action, target)) throw new ForbiddenError(`Not allowed: ${action}`, { key: 'error.forbidden.detail' });
}

/** What the actor may do with a target, for views (which buttons) and API responses. */
export function abilities<A extends Action>(actor: Actor, actions: readonly A[], target: PolicyTargets[A]): Record<A, boolean> {
  const out = {} as Record<A, boolean>;
  for (const a of actions) out[a] = can(actor, a, target);
  return out;
}

/** The platform's own rules. */
export const platformPolicies = [
  definePolicy('admin.manage', (actor) => actor.kind === 'system' || (actor.kind === 'person' && actor.isAdmin)),
  definePolicy('person.self', (actor, target) => actor.kind === 'person' && (actor.personId === target.personId || actor.isAdmin)),
];
