import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { formatDate } from '../../../platform/time.js';
import type { OtherHolding } from '../../structure/index.js';
import { bodies } from '../../structure/schema.js';
import { meetings } from '../../meetings/schema.js';
import { minutesLink } from '../links.js';
import { actionItems, approvals, minutes, type ActionItem, type Approval } from '../schema.js';
import { contentVersion } from './minutes.js';

/** What a leaving person holds in the minutes: open actions and approvals not yet given for the current version. */

interface Held {
  actions: { action: ActionItem; body: string; startsAt: Date }[];
  approvals: { approval: Approval; meetingId: string; body: string; startsAt: Date }[];
}

/** The person's open actions and pending approvals. */
export async function heldBy(db: DbOrTx, personId: string): Promise<Held> {
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
