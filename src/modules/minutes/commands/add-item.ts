import { eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { one } from '../../../platform/db/rows.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { agendaItems } from '../../meetings/schema.js';
import { assertEditable, minutesFor } from './common.js';
import { checkbox } from '../inputs.js';
import { sampleMinutes } from '../samples.js';
import { minuteItems } from '../schema.js';
import { syncItems } from './common.js';

export const addMinuteItemInput = z.object({
  meetingId: z.uuid(),
  title: freeText({ min: 1, max: 300 }),
  number: optionalFreeText({ max: 20 }),
  internal: checkbox.default(false),
});

/**
 * minutes.addItem: an item taken up at the meeting that was not on the agenda (an
 * "övrig fråga", or every item of a meeting registered afterwards). It goes last on the
 * agenda as well, so that the agenda and the minutes stay the same list.
 */
export const addMinuteItem = defineCommand({
  name: 'minutes.addItem',
  input: addMinuteItemInput,
  labels: (t) => ({ title: t('minutes.item.addTitle'), number: t('minutes.label.number') }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    assertEditable(loaded.minutes);
    const [last] = await ctx.tx
      .select({ n: max(agendaItems.position) })
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, loaded.meeting.id));
    const position = (last?.n ?? 0) + 1;
    const agendaItem = one(
      await ctx.tx
        .insert(agendaItems)
        .values({
          meetingId: loaded.meeting.id,
          position,
          number: input.number ?? null,
          title: input.title,
          kind: 'other',
          source: 'secretary',
          internal: input.internal,
          changedAfterPublishAt: loaded.meeting.agendaPublishedAt ? ctx.now : null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning(),
    );
    await syncItems(ctx, loaded.meeting.id, loaded.minutes);
    const [item] = await ctx.tx.select().from(minuteItems).where(eq(minuteItems.agendaItemId, agendaItem.id));
    await ctx.audit({ objectType: 'minute_item', objectId: item!.id, after: { item, agendaItem } });
    return item!;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMinutes(sc);
    return { actor, input: { meetingId: meeting.id, title: 'Övrigt: barnrättsombudens roll', number: '13 a' } };
  },
});
