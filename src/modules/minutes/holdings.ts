import { and, asc, eq, sql } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import type { CommandContext } from '../../platform/commands.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { one } from '../../platform/db/rows.js';
import { formatDate } from '../../platform/time.js';
import { bodies } from '../structure/schema.js';
import type { HoldingProvider, OtherHolding } from '../structure/index.js';
import { meetings } from '../meetings/schema.js';
import { contentVersion } from './access.js';
import { refreshFollowUp } from './decisions.js';
import { minutesLink } from './notices.js';
import { actionItems, approvals, minutes, type ActionItem, type Approval } from './schema.js';

/*
 * What a leaving person holds in the minutes: the open actions they are responsible for,
 * and their approvals (justering) of a running round that they have not given for the
 * current version. The leaving flow of the structure module lists them (HOLDINGS), and
 * `handOverMinutesHoldings` gives them to the successor.
 */

interface Held {
  actions: { action: ActionItem; body: string; startsAt: Date }[];
  approvals: { approval: Approval; meetingId: string; body: string; startsAt: Date }[];
}

/** The person's open actions and pending approvals. */
async function heldBy(db: DbOrTx, personId: string): Promise<Held> {
  const [actionRows, approvalRows] = await Promise.all([
    db
      .select({ action: actionItems, body: bodies.name, startsAt: meetings.startsAt })
      .from(actionItems)
      .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
      .innerJoin(bodies, eq(bodies.id, actionItems.bodyId))
      .where(and(eq(actionItems.ownerPersonId, personId), eq(actionItems.status, 'open')))
      .orderBy(asc(actionItems.dueOn), asc(actionItems.createdAt)),
    db
      .select({ approval: approvals, minutes, body: bodies.name, startsAt: meetings.startsAt })
      .from(approvals)
      .innerJoin(minutes, and(eq(minutes.id, approvals.minutesId), eq(approvals.round, sql`${minutes.lockedVersion} + 1`)))
      .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
      .innerJoin(bodies, eq(bodies.id, minutes.bodyId))
      .where(and(eq(approvals.personId, personId), eq(minutes.status, 'in_approval')))
      .orderBy(asc(approvals.deadline)),
  ]);
  const pending = [];
  for (const r of approvalRows) {
    if (r.approval.approvedVersion !== null && r.approval.approvedVersion === (await contentVersion(db, r.minutes))) continue;
    pending.push({ approval: r.approval, meetingId: r.minutes.meetingId, body: r.body, startsAt: r.startsAt });
  }
  return { actions: actionRows, approvals: pending };
}

/** The person's open actions and pending approvals, as the leaving flow lists them (texts by key). */
export async function minutesHoldings(db: DbOrTx, personId: string): Promise<OtherHolding[]> {
  const held = await heldBy(db, personId);
  return [
    ...held.actions.map((r) => ({
      text: { key: 'minutes.holding.action' as const, params: { title: r.action.title, body: r.body, date: formatDate(r.startsAt) } },
      href: `${minutesLink(r.action.meetingId)}#minutes-actions`,
    })),
    ...held.approvals.map((r) => ({
      text: { key: 'minutes.holding.approval' as const, params: { body: r.body, date: formatDate(r.startsAt) } },
      href: `${minutesLink(r.meetingId)}#minutes-approval`,
    })),
  ];
}

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
