import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { afterPublishedChange, compactPositions } from '../agenda.js';
import { agendaItems, itemSubmissions } from '../schema.js';
import { fixtureItem, sampleMeeting } from '../samples.js';
import { itemFor } from './common.js';

const removeItemInput = z.object({ itemId: z.uuid() });

/** meetings.removeItem: takes an item off the agenda; a submission it came from is proposed again. */
export const removeItem = defineCommand({
  name: 'meetings.removeItem',
  input: removeItemInput,
  async run(ctx, input) {
    const { item, loaded } = await itemFor(ctx, input.itemId);
    // A submission accepted as this item goes back to the proposals.
    await ctx.tx.update(itemSubmissions).set({ status: 'proposed', mergedIntoItemId: null, decidedAt: null, decidedBy: null }).where(eq(itemSubmissions.mergedIntoItemId, item.id));
    await ctx.tx.delete(agendaItems).where(eq(agendaItems.id, item.id));
    await compactPositions(ctx, loaded.meeting.id);
    await ctx.audit({ objectType: 'agenda_item', objectId: item.id, before: item });
    await afterPublishedChange(ctx, loaded, ['agenda']);
    return { removed: true };
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    const item = await fixtureItem(db, meeting, 1);
    return { actor, input: { itemId: item.id } };
  },
});
