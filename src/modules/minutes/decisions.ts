import { and, eq, max } from 'drizzle-orm';
import type { CommandContext } from '../../platform/commands.js';
import { one } from '../../platform/db/rows.js';
import type { Meeting } from '../meetings/schema.js';
import { bodies, type Body } from '../structure/schema.js';
import { lastParagraph, paragraphYear, provisionalParagraphs } from './numbering.js';
import { itemsOf } from './queries/minutes.js';
import { decisionOutcomes, decisions, minuteItems, type Decision, type MinuteItem, type MinuteOutcome } from './schema.js';

/* Which outcomes are decisions of the body, and the decision text when none was written. */

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

// ---------------------------------------------------------------------------------------
// § numbering (bodies.paragraph_numbering): the items' § are stored when the minutes are
// locked, and a decision's number is its item's § (decisions.number = the §).

/**
 * Stores the § of every item of the minutes that has none yet, in tree order after the last
 * § locked in the body's minutes of the meeting's year. Runs when minutes are locked (approved
 * or finalised), before the decisions are brought in line; does nothing for a body without §.
 */
export async function assignParagraphs(ctx: CommandContext, body: Pick<Body, 'id' | 'paragraphNumbering'>, meeting: Pick<Meeting, 'startsAt'>, minutesId: string): Promise<void> {
  if (!body.paragraphNumbering) return;
  // The body's row is the lock that makes numbering take turns (as nextDecisionNumber).
  await ctx.tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, body.id)).for('update');
  const items = await itemsOf(ctx.tx, minutesId);
  const numbers = provisionalParagraphs(items, await lastParagraph(ctx.tx, body.id, paragraphYear(meeting)));
  for (const item of items) {
    if (item.paragraph !== null) continue;
    await ctx.tx
      .update(minuteItems)
      .set({ paragraph: numbers.get(item.id)! })
      .where(eq(minuteItems.id, item.id));
  }
}

/**
 * The number a decision of a body with § numbering takes: its item's § (stored, or provisional
 * while the minutes are a draft). A decision holding that number that is not in its place
 * (its own item has no stored § or another one: a draft of another meeting) is moved to the
 * next free number; it gets its own § when it is brought in line. When a decision in its place
 * holds it (a year in which the body changed its numbering), the decision keeps its number, or
 * a new one gets the next free number.
 */
export async function paragraphDecisionNumber(ctx: CommandContext, body: Pick<Body, 'id'>, meeting: Pick<Meeting, 'startsAt'>, item: MinuteItem, existing: Decision | undefined): Promise<number> {
  await ctx.tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, body.id)).for('update');
  const year = paragraphYear(meeting);
  const target = item.paragraph ?? provisionalParagraphs(await itemsOf(ctx.tx, item.minutesId), await lastParagraph(ctx.tx, body.id, year)).get(item.id)!;
  if (existing?.number === target) return target;
  const [holder] = await ctx.tx
    .select()
    .from(decisions)
    .where(and(eq(decisions.bodyId, body.id), eq(decisions.year, year), eq(decisions.number, target)));
  if (!holder) return target;
  const [holderItem] = holder.minuteItemId ? await ctx.tx.select({ paragraph: minuteItems.paragraph }).from(minuteItems).where(eq(minuteItems.id, holder.minuteItemId)) : [];
  const free = await freeDecisionNumber(ctx, body.id, year);
  // The holder is in place only when the number is its own item's stored §.
  if (holderItem && holderItem.paragraph !== holder.number) {
    const moved = one(await ctx.tx.update(decisions).set({ number: free, updatedAt: ctx.now }).where(eq(decisions.id, holder.id)).returning());
    await ctx.audit({ operation: 'minutes.recordDecision', objectType: 'decision', objectId: holder.id, before: holder, after: moved });
    return target;
  }
  return existing?.number ?? free;
}

async function freeDecisionNumber(ctx: CommandContext, bodyId: string, year: number): Promise<number> {
  const [row] = await ctx.tx
    .select({ n: max(decisions.number) })
    .from(decisions)
    .where(and(eq(decisions.bodyId, bodyId), eq(decisions.year, year)));
  return (row?.n ?? 0) + 1;
}
