import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize, can, type PolicyTargets } from '../../platform/auth/authorize.js';
import type { CommandContext } from '../../platform/commands.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/refusals.js';
import { rolesOf, type BodyRoles } from '../structure/index.js';
import { today, type Day } from '../../platform/days.js';
import { bodies, memberships, organisations, seatPrincipals, seats, type Body } from '../structure/schema.js';
import { caseActions, type CaseAction, type CaseBodyTarget, type CaseTarget } from './policy.js';
import { cases, type Case } from './schema.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The internals of the module run in a command's context: the module's own commands, and
 * the decision hook in the minutes (the command that saved the minutes, its audit writing
 * 'cases.transition' rows). The whole context, so that what they call (the meetings
 * module's agenda helpers and hooks, the structure module's rules) gets it without a cast.
 */
export type CaseCtx = CommandContext;

export interface LoadedCase {
  kase: Case;
  body: Body;
  target: CaseTarget;
}

/**
 * The principals a person speaks for in a body on a day: through the seats they hold there
 * (a principal's seat, an organisation's seat, or a group seat's principals).
 */
async function coveredPrincipals(db: DbOrTx, personId: string, bodyId: string, on: Day): Promise<string[]> {
  const rows = await db
    .select({ principalId: seats.principalId, orgPrincipal: organisations.principalId, groupPrincipal: seatPrincipals.principalId })
    .from(memberships)
    .innerJoin(seats, eq(seats.id, memberships.seatId))
    .leftJoin(organisations, eq(organisations.id, seats.organisationId))
    .leftJoin(seatPrincipals, eq(seatPrincipals.seatId, seats.id))
    .where(and(eq(memberships.personId, personId), eq(memberships.bodyId, bodyId), lte(memberships.startOn, on), or(isNull(memberships.endOn), gte(memberships.endOn, on))));
  const ids = new Set<string>();
  for (const r of rows) for (const id of [r.principalId, r.orgPrincipal, r.groupPrincipal]) if (id) ids.add(id);
  return [...ids];
}

/** The actor's roles on the case's body, its working group and the commissioning body. */
async function caseTarget(db: DbOrTx, actor: Actor, kase: Case, body: Body, on: Day): Promise<CaseTarget> {
  const none: BodyRoles = { own: [], inherited: [] };
  if (actor.kind !== 'person') {
    return { body, roles: { body: none, workingGroup: [], commissioner: [] }, isRaiser: false, coveredPrincipalIds: [] };
  }
  const [roles, wg, commissioner, covered] = await Promise.all([
    rolesOf(db, actor, body.id, on),
    kase.workingGroupBodyId ? rolesOf(db, actor, kase.workingGroupBodyId, on) : Promise.resolve(none),
    (kase.escalatedToBodyId ?? body.parentId) ? rolesOf(db, actor, (kase.escalatedToBodyId ?? body.parentId)!, on) : Promise.resolve(none),
    coveredPrincipals(db, actor.personId, body.id, on),
  ]);
  return {
    body,
    roles: { body: roles, workingGroup: wg.own, commissioner: commissioner.own },
    isRaiser: kase.raisedByPersonId === actor.personId,
    coveredPrincipalIds: covered,
  };
}

/** Loads a case, its body and the actor's target (no authorization). */
export async function loadCase(db: DbOrTx, actor: Actor, caseId: string, now = new Date(), lock = false): Promise<LoadedCase> {
  if (!UUID.test(caseId)) notFound('cases.refusal.caseNotFound');
  const query = db.select().from(cases).where(eq(cases.id, caseId));
  const [kase] = lock ? await query.for('update') : await query;
  if (!kase) notFound('cases.refusal.caseNotFound');
  const [body] = await db.select().from(bodies).where(eq(bodies.id, kase.bodyId));
  if (!body) notFound('cases.refusal.bodyNotFound');
  return { kase, body, target: await caseTarget(db, actor, kase, body, today(now)) };
}

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

/** Bumps a case row's version. */
export const bumpCase = (now: Date) => ({ version: sql`${cases.version} + 1`, updatedAt: now });
