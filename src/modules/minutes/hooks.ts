import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/client.js';
import type { Meeting } from '../meetings/schema.js';
import type { Decision, MinuteItem } from './schema.js';

/*
 * Extension point for what happens when a decision is recorded in the minutes. The cases
 * module registers a hook that applies `decision.caseTransition` to `decision.caseId`.
 * Hooks run inside the command's transaction, after the decision row is written (it has
 * its id and number): a hook that throws rolls the whole save back. Anything slow belongs
 * in an outbox job the hook enqueues.
 *
 * A decision is "recorded" when an item's outcome is saved as a decision of the body
 * (approved, rejected, amended, tabled, sent back) for the first time, and again when a
 * later save changes its outcome, text, case or transition (`change` tells which).
 */

export interface DecisionHookContext {
  tx: Tx;
  actor: Actor;
  now: Date;
  /** The decision as written. */
  decision: Decision;
  /** The minutes' entry for the agenda item the decision was taken under. */
  minuteItem: MinuteItem;
  meeting: Meeting;
  /** 'created' the first time; 'updated' when a later save changed it; 'withdrawn' when the outcome is no longer a decision. */
  change: 'created' | 'updated' | 'withdrawn';
}

export type DecisionHook = (ctx: DecisionHookContext) => Promise<void>;

const hooks: DecisionHook[] = [];

/** Registers a hook (once, at module load); returns a function that removes it (tests). */
export function registerDecisionHook(hook: DecisionHook): () => void {
  hooks.push(hook);
  return () => {
    const i = hooks.indexOf(hook);
    if (i >= 0) hooks.splice(i, 1);
  };
}

/** Runs the decision hooks in registration order. */
export async function runDecisionHooks(ctx: DecisionHookContext): Promise<void> {
  for (const hook of [...hooks]) await hook(ctx);
}
