import { and, eq } from 'drizzle-orm';
import { notFound, refuse } from '../../../platform/refusals.js';
import type { CommandContext } from '../../../platform/commands.js';
import { people } from '../../../platform/auth/schema.js';
import { meetingFor, type LoadedMeeting } from '../access.js';
import { agendaItems, type AgendaItem } from '../schema.js';

/** Loads an agenda item (locked) and its meeting; the actor must manage the meeting. */
export async function itemFor(ctx: CommandContext, itemId: string): Promise<{ item: AgendaItem; loaded: LoadedMeeting }> {
  const [item] = await ctx.tx.select().from(agendaItems).where(eq(agendaItems.id, itemId)).for('update');
  if (!item) notFound('meetings.refusal.itemNotFound');
  const loaded = await meetingFor(ctx, item.meetingId, 'meetings.manage');
  if (loaded.meeting.status === 'cancelled') refuse('itemId', 'meetings.refusal.cancelled');
  return { item, loaded };
}

/** The presenter's name from the person when only the person is given. */
export async function presenterOf(ctx: CommandContext, input: { presenterPersonId?: string | undefined; presenterName?: string | undefined }) {
  if (!input.presenterPersonId) return { presenterPersonId: null, presenterName: input.presenterName ?? null };
  const [p] = await ctx.tx.select({ name: people.name }).from(people).where(eq(people.id, input.presenterPersonId));
  if (!p) refuse('presenterPersonId', 'meetings.refusal.personNotFound');
  return { presenterPersonId: input.presenterPersonId, presenterName: input.presenterName ?? p.name };
}

/** Makes sure an item belongs to the meeting. */
export async function itemOfMeeting(ctx: CommandContext, meetingId: string, itemId: string, field = 'itemId'): Promise<AgendaItem> {
  const [item] = await ctx.tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  if (!item) refuse(field, 'meetings.refusal.itemNotOnAgenda');
  return item;
}
