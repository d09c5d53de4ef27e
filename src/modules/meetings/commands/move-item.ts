import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { agendaOf } from '../queries/index.js';
import { afterPublishedChange } from '../agenda.js';
import { agendaItems } from '../schema.js';
import { fixtureItem, sampleMeeting } from '../samples.js';
import { itemFor } from './common.js';

const moveItemInput = z.object({
  itemId: z.uuid(),
  direction: z.enum(['up', 'down', 'first', 'last']),
});

/** meetings.moveItem: one step up or down (or first/last) among the item's siblings on the agenda. */
export const moveItem = defineCommand({
  name: 'meetings.moveItem',
  input: moveItemInput,
  async run(ctx, input) {
    const { item, loaded } = await itemFor(ctx, input.itemId);
    // An item moves among its siblings (a sub-item under its parent); its sub-items go with it.
    const items = (await agendaOf(ctx.tx, loaded.meeting.id)).filter((i) => i.parentId === item.parentId);
    const from = items.findIndex((i) => i.id === item.id);
    const to = { up: from - 1, down: from + 1, first: 0, last: items.length - 1 }[input.direction];
    if (to < 0 || to >= items.length || to === from) {
      await ctx.audit({ objectType: 'agenda_item', objectId: item.id, before: { position: from + 1 }, after: { position: from + 1 } });
      return { moved: false, position: from + 1 };
    }
    const [moving] = items.splice(from, 1);
    items.splice(to, 0, moving!);
    for (const [i, it] of items.entries()) {
      if (it.position !== i + 1 || it.id === item.id) {
        await ctx.tx
          .update(agendaItems)
          .set({ position: i + 1, ...(it.id === item.id ? { updatedAt: ctx.now } : {}) })
          .where(and(eq(agendaItems.id, it.id), eq(agendaItems.meetingId, loaded.meeting.id)));
      }
    }
    await ctx.audit({ objectType: 'agenda_item', objectId: item.id, before: { position: from + 1 }, after: { position: to + 1 } });
    await afterPublishedChange(ctx, loaded, ['agenda']);
    return { moved: true, position: to + 1 };
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    await fixtureItem(db, meeting, 1);
    const second = await fixtureItem(db, meeting, 2);
    return { actor, input: { itemId: second.id, direction: 'up' as const } };
  },
});
