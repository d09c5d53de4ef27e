import { and, eq, sql } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import type { CommandContext } from '../../platform/commands.js';
import { one } from '../../platform/db/rows.js';
import type { HoldingProvider } from '../structure/index.js';
import { refreshFollowUp } from './commands/common.js';
import { heldBy, minutesHoldings } from './queries/index.js';
import { actionItems, approvals } from './schema.js';

/*
 * What a leaving person holds in the minutes: the open actions they are responsible for,
 * and their approvals (justering) of a running round that they have not given for the
 * current version. The leaving flow of the structure module lists them (HOLDINGS), and
 * `handOverMinutesHoldings` gives them to the successor.
 */

/**
 * Hands a leaving person's open actions and pending approvals to their successor, in the
 * leaving's transaction: each open action gets the successor as owner; each pending
 * approval of a running round becomes the successor's (who approves afresh; when the
 * successor already approves in that round, the leaver's place is dropped). Audited.
 */
export async function handOverMinutesHoldings(ctx: CommandContext, personId: string, successorId: string): Promise<{ actions: number; approvals: number }> {
  const held = await heldBy(ctx.tx, personId);
  const [successor] = await ctx.tx.select({ id: people.id }).from(people).where(eq(people.id, successorId));
  if (!successor || successorId === personId) throw new Error('The successor must be another existing person');
  for (const { action } of held.actions) {
    const after = one(
      await ctx.tx
        .update(actionItems)
        .set({ ownerPersonId: successorId, ownerName: null, version: sql`${actionItems.version} + 1` })
        .where(eq(actionItems.id, action.id))
        .returning(),
    );
    await ctx.audit({ operation: 'minutes.handOverAction', objectType: 'action_item', objectId: action.id, before: action, after });
    if (after.decisionId) await refreshFollowUp(ctx, after.decisionId);
  }
  for (const { approval } of held.approvals) {
    const [taken] = await ctx.tx
      .select({ id: approvals.id })
      .from(approvals)
      .where(and(eq(approvals.minutesId, approval.minutesId), eq(approvals.round, approval.round), eq(approvals.personId, successorId)));
    if (taken) {
      await ctx.tx.delete(approvals).where(eq(approvals.id, approval.id));
      await ctx.audit({ operation: 'minutes.handOverApproval', objectType: 'minutes', objectId: approval.minutesId, before: approval, after: null });
    } else {
      const after = one(await ctx.tx.update(approvals).set({ personId: successorId, approvedAt: null, approvedVersion: null, remindedAt: null }).where(eq(approvals.id, approval.id)).returning());
      await ctx.audit({ operation: 'minutes.handOverApproval', objectType: 'minutes', objectId: approval.minutesId, before: approval, after });
    }
  }
  return { actions: held.actions.length, approvals: held.approvals.length };
}

/** The minutes' part of structure's HOLDINGS: listed on the leaving page, handed over with the leaving. */
export const minutesHoldingProvider: HoldingProvider = {
  id: 'minutes',
  list: (db, personId) => minutesHoldings(db, personId),
  async handOver(ctx, { personId, successorId }) {
    const moved = await handOverMinutesHoldings(ctx, personId, successorId);
    return moved.actions + moved.approvals;
  },
};
