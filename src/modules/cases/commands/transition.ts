import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { can } from '../../../platform/auth/authorize.js';
import { caseFor, loadCase, type LoadedCase } from '../access.js';
import { transitionDef, type TransitionName } from '../flow.js';
import { id, message, optionalId, optionalVersion, transitionInput } from '../inputs.js';
import { checkVersion, forbidden, refuse } from '../../../platform/refusals.js';
import { applyTransition } from '../transition.js';
import { caseWorld, fixtureCase, fixtureMeetingOf } from '../samples.js';
import { caseLabels } from './labels.js';

export const transitionCommandInput = z.object({
  caseId: id,
  transition: transitionInput,
  meetingId: optionalId,
  message,
  evaluation: message,
  note: message,
  version: optionalVersion,
});

/** Whether the actor may take the transition: the body's managers; for a case prepared for it, the commissioning body's. */
export function mayTake(loaded: LoadedCase, name: TransitionName, actor: Parameters<typeof can>[0]): boolean {
  if (name === 'withdraw') return can(actor, 'cases.withdraw', loaded.target);
  if (loaded.kase.state === 'prepared') return can(actor, 'cases.decideAsCommissioner', loaded.target) || can(actor, 'cases.manage', loaded.target);
  return can(actor, 'cases.manage', loaded.target);
}

/**
 * cases.transition: moves a case one step along the flow (flow.ts). Steps that need a
 * form of their own (appointing the working group, issuing the directive) go through
 * their commands. A step outside the graph is refused and changes nothing.
 */
export const transitionCase = defineCommand({
  name: 'cases.transition',
  input: transitionCommandInput,
  labels: caseLabels,
  async run(ctx, input) {
    const name = input.transition as TransitionName;
    const loaded = await loadCase(ctx.tx, ctx.actor, input.caseId, ctx.now, true);
    if (!mayTake(loaded, name, ctx.actor)) {
      // Those who may see the case learn why; others only that it is not theirs.
      await caseFor(ctx, input.caseId, 'cases.view');
      forbidden('cases.refusal.stepForbidden');
    }
    checkVersion(loaded.kase.version, input.version, 'cases.refusal.stale');
    const via = transitionDef(name).via;
    if (via) refuse('transition', via === 'cases.appointWorkingGroup' ? 'cases.refusal.useWorkingGroupForm' : 'cases.refusal.useDirectiveForm');
    return applyTransition(ctx, loaded.kase, loaded.body, name, input);
  },
  async sample(sc) {
    const db = sc.database.db;
    const world = await caseWorld(db);
    const kase = await fixtureCase(db, world, 'raised');
    const meeting = await fixtureMeetingOf(db, world.body, 20);
    return { actor: world.secretary.actor, input: { caseId: kase.id, transition: 'schedule', meetingId: meeting.id, note: 'Tas upp på nästa strategiska möte.' } };
  },
});
