import { eq, inArray } from 'drizzle-orm';
import { agendaOf } from '../queries/index.js';
import { descendantsOf } from '../numbering.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { afterPublishedChange, compactPositions } from '../agenda.js';
import { agendaItems, itemSubmissions } from '../schema.js';
import { fixtureItem, sampleMeeting } from '../samples.js';
import { itemFor } from './common.js';

const removeItemInput = z.object({ itemId: z.uuid() });

/** meetings.removeItem: takes an item and its sub-items off the agenda; a submission it came from is proposed again. */
export const removeItem = defineCommand({
  name: 'meetings.removeItem',
  input: removeItemInput,
  async run(ctx, input) {
    const { item, loaded } = await itemFor(ctx, input.itemId);
    // Its sub-items go with it (the foreign key cascades); the numbers of the rest close up.
    const agenda = await agendaOf(ctx.tx, loaded.meeting.id);
    const subItems = agenda.filter((i) => descendantsOf(agenda, item.id).has(i.id));
    // A submission accepted as this item (or one of its sub-items) goes back to the proposals.
    await ctx.tx
      .update(itemSubmissions)
      .set({ status: 'proposed', mergedIntoItemId: null, decidedAt: null, decidedBy: null })
      .where(inArray(itemSubmissions.mergedIntoItemId, [item.id, ...subItems.map((i) => i.id)]));
    await ctx.tx.delete(agendaItems).where(eq(agendaItems.id, item.id));
    await compactPositions(ctx, loaded.meeting.id);
    await ctx.audit({ objectType: 'agenda_item', objectId: item.id, before: subItems.length ? { ...item, subItems } : item });
    await afterPublishedChange(ctx, loaded, ['agenda']);
    return { removed: true };
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    const item = await fixtureItem(db, meeting, 1);
    return { actor, input: { itemId: item.id } };
  },
});
