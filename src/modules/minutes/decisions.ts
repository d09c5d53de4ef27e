import { and, eq, ne } from 'drizzle-orm';
import { one } from '../../platform/db/rows.js';
import type { CommandContext } from '../../platform/commands.js';
import type { Body } from '../structure/schema.js';
import { stockholmDay } from '../../platform/time.js';
import { agendaItems, type Meeting } from '../meetings/schema.js';
import { runDecisionHooks } from './hooks.js';
import { nextDecisionNumber } from './numbering.js';
import { actionItems, decisionOutcomes, decisions, type Decision, type MinuteItem, type MinuteOutcome } from './schema.js';

/*
 * Keeps the decision register in step with the minutes: an item whose outcome is a
 * decision of the body gets a numbered decision (once; later saves update it), an item
 * whose outcome stops being a decision withdraws it (the number is never reused). A
 * decision's condition becomes a follow-up action. The decision hooks run for every change.
 */

export const isDecisionOutcome = (o: MinuteOutcome | null | undefined): o is MinuteOutcome => !!o && decisionOutcomes.includes(o);

/** The decision text when the secretary wrote none. */
export function defaultDecisionText(body: Pick<Body, 'name' | 'shortName'>, outcome: MinuteOutcome, clauses: readonly string[]): string {
  const who = body.shortName?.trim() || body.name;
  switch (outcome) {
    case 'approved':
      return clauses.length ? `${who} beslutar ${clauses.map((c) => `att ${c}`).join(', ')}.` : `${who} beslutar att godkänna förslaget.`;
    case 'amended':
      return `${who} beslutar att godkänna förslaget med ändringar.`;
    case 'rejected':
      return `${who} beslutar att avslå förslaget.`;
    case 'tabled':
      return 'Ärendet bordläggs till nästa möte.';
    case 'sent_back':
      return 'Ärendet återremitteras.';
    case 'filed':
      return 'Läggs till handlingarna.';
    case 'noted':
      return 'Informationen noteras.';
    case 'concluded_no_decision':
      return 'Frågan diskuterades utan beslut.';
  }
}

/** What the agenda item records about the outcome (the meetings module reads it). */
function agendaOutcome(outcome: MinuteOutcome | null): 'handled' | 'tabled' | null {
  if (!outcome) return null;
  return outcome === 'tabled' ? 'tabled' : 'handled';
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Brings the item's decision, its condition's follow-up and the agenda item's outcome in line with the item. */
export async function reconcileItem(ctx: CommandContext, meeting: Meeting, body: Body, item: MinuteItem): Promise<Decision | null> {
  if (item.agendaItemId) {
    await ctx.tx
      .update(agendaItems)
      .set({ outcome: agendaOutcome(item.outcome), updatedAt: ctx.now })
      .where(eq(agendaItems.id, item.agendaItemId));
  }
  const [existing] = await ctx.tx.select().from(decisions).where(eq(decisions.minuteItemId, item.id)).for('update');
  let decision: Decision | null = null;
  if (isDecisionOutcome(item.outcome)) {
    const values = {
      title: item.title,
      outcome: item.outcome,
      text: item.decisionText?.trim() || defaultDecisionText(body, item.outcome, item.proposal),
      clauses: item.proposal,
      condition: item.condition,
      caseId: item.caseId,
      caseTransition: item.caseTransition,
      internal: item.internal,
    };
    if (!existing) {
      const decidedOn = stockholmDay(meeting.startsAt);
      const year = Number(decidedOn.slice(0, 4));
      const number = await nextDecisionNumber(ctx.tx, body.id, year);
      const row = one(
        await ctx.tx
          .insert(decisions)
          .values({
            ...values,
            bodyId: body.id,
            structureId: body.structureId,
            year,
            number,
            meetingId: meeting.id,
            minuteItemId: item.id,
            decidedOn,
            followUpStatus: item.condition ? 'open' : 'none',
            createdBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning(),
      );
      decision = row;
      await ctx.audit({ operation: 'minutes.recordDecision', objectType: 'decision', objectId: decision.id, after: decision });
      await runDecisionHooks(ctx, { decision, minuteItem: item, meeting, change: 'created' });
    } else {
      const changed =
        existing.withdrawnAt !== null ||
        existing.title !== values.title ||
        existing.outcome !== values.outcome ||
        existing.text !== values.text ||
        !same(existing.clauses, values.clauses) ||
        existing.condition !== values.condition ||
        existing.caseId !== values.caseId ||
        existing.caseTransition !== values.caseTransition ||
        existing.internal !== values.internal;
      decision = existing;
      if (changed) {
        const row = one(
          await ctx.tx
            .update(decisions)
            .set({ ...values, withdrawnAt: null, updatedAt: ctx.now })
            .where(eq(decisions.id, existing.id))
            .returning(),
        );
        decision = row;
        await ctx.audit({ operation: 'minutes.recordDecision', objectType: 'decision', objectId: decision.id, before: existing, after: decision });
        await runDecisionHooks(ctx, { decision, minuteItem: item, meeting, change: 'updated' });
      }
    }
  } else if (existing && !existing.withdrawnAt) {
    const row = one(await ctx.tx.update(decisions).set({ withdrawnAt: ctx.now, updatedAt: ctx.now }).where(eq(decisions.id, existing.id)).returning());
    await ctx.audit({ operation: 'minutes.withdrawDecision', objectType: 'decision', objectId: existing.id, before: existing, after: row });
    await runDecisionHooks(ctx, { decision: row, minuteItem: item, meeting, change: 'withdrawn' });
  }
  await reconcileCondition(ctx, meeting, body, item, decision);
  return decision;
}

/** A decision's condition is followed up as an action ("Beslutet behöver förankras med …"). */
async function reconcileCondition(ctx: CommandContext, meeting: Meeting, body: Body, item: MinuteItem, decision: Decision | null): Promise<void> {
  const [action] = await ctx.tx
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.minuteItemId, item.id), eq(actionItems.fromCondition, true)));
  const condition = item.condition?.trim() || null;
  if (condition && !action) {
    await ctx.tx.insert(actionItems).values({
      bodyId: body.id,
      meetingId: meeting.id,
      minuteItemId: item.id,
      decisionId: decision?.id ?? null,
      caseId: item.caseId,
      title: condition,
      fromCondition: true,
      createdBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
      createdAt: ctx.now,
    });
  } else if (condition && action && (action.title !== condition || action.decisionId !== (decision?.id ?? null))) {
    await ctx.tx
      .update(actionItems)
      .set({ title: condition, decisionId: decision?.id ?? null, caseId: item.caseId })
      .where(eq(actionItems.id, action.id));
  } else if (!condition && action && action.status === 'open') {
    await ctx.tx.delete(actionItems).where(eq(actionItems.id, action.id));
  }
  if (decision) await refreshFollowUp(ctx, decision.id);
}

/** A decision's follow-up status from its actions: open while one is open, done when all are. */
export async function refreshFollowUp(ctx: Pick<CommandContext, 'tx' | 'now'>, decisionId: string): Promise<void> {
  const actions = await ctx.tx.select({ status: actionItems.status }).from(actionItems).where(eq(actionItems.decisionId, decisionId));
  const status = actions.length === 0 ? 'none' : actions.some((a) => a.status === 'open') ? 'open' : 'done';
  await ctx.tx
    .update(decisions)
    .set({ followUpStatus: status, updatedAt: ctx.now })
    .where(and(eq(decisions.id, decisionId), ne(decisions.followUpStatus, status)));
}
