import type { CommandContext } from '../../platform/commands.js';
import type { Tx } from '../../platform/db/client.js';
import type { Meeting } from '../meetings/schema.js';
import type { Decision, MinuteItem } from './schema.js';
import { extensionPoint, installed } from '../../platform/registry.js';

/*
 * Extension point for what happens when a decision is recorded in the minutes. The cases
 * module registers a hook that applies `decision.caseTransition` to `decision.caseId`.
 * Hooks run inside the command's transaction, after the decision row is written (it has
 * its id and number): a hook that throws rolls the whole save back. Anything slow belongs
 * in an outbox job the hook enqueues. A hook gets the running command's context (`cmd`):
 * it writes its audit rows through `cmd.audit` (the command's request id, and they count
 * as the command's), and whatever it calls that needs a command context (the meetings
 * module's agenda helpers, with the config for the calendar and live hooks) gets `cmd`.
 *
 * A decision is "recorded" when an item's outcome is saved as a decision of the body
 * (approved, rejected, amended, tabled, sent back) for the first time, and again when a
 * later save changes its outcome, text, case or transition (`change` tells which).
 */

export interface DecisionHookContext {
  /** The context of the command that recorded the decision (transaction, actor, clock, request id, config, audit). */
  cmd: CommandContext;
  /** The command's transaction (`cmd.tx`), for hooks that only read. */
  tx: Tx;
  /** The decision as written. */
  decision: Decision;
  /** The minutes' entry for the agenda item the decision was taken under. */
  minuteItem: MinuteItem;
  meeting: Meeting;
  /** 'created' the first time; 'updated' when a later save changed it; 'withdrawn' when the outcome is no longer a decision. */
  change: 'created' | 'updated' | 'withdrawn';
}

export type DecisionHook = (ctx: DecisionHookContext) => Promise<void>;

/** What other modules do when a decision is recorded (a manifest contributes `decisionHooks`). */
export const DECISION_HOOKS = extensionPoint<DecisionHook>('minutes.decisionHooks');

/** Runs the decision hooks in manifest order, with the running command's context. */
export async function runDecisionHooks(cmd: CommandContext, event: Omit<DecisionHookContext, 'cmd' | 'tx'>): Promise<void> {
  const ctx: DecisionHookContext = { cmd, tx: cmd.tx, ...event };
  for (const hook of [...installed().all(DECISION_HOOKS)]) await hook(ctx);
}
