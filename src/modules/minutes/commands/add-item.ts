import { and, eq } from 'drizzle-orm';
import { refuse } from '../../../platform/refusals.js';
import { agendaOf, numberConflict } from '../../meetings/index.js';
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
  /** Makes the item a sub-item of this item of the minutes (2.1 under 2). */
  parentId: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.uuid().optional()),
  internal: checkbox.default(false),
});

/**
 * minutes.addItem: an item taken up at the meeting that was not on the agenda (an
 * "övrig fråga", or every item of a meeting registered afterwards), or a sub-item of an item
 * (`parentId`). It goes last on the agenda (or last under its parent) as well, so that the
 * agenda and the minutes stay the same list. A typed number another item shows is refused.
 */
export const addMinuteItem = defineCommand({
  name: 'minutes.addItem',
  input: addMinuteItemInput,
  labels: (t) => ({ title: t('minutes.item.addTitle'), number: t('minutes.label.number'), parentId: t('minutes.item.parent') }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    assertEditable(loaded.minutes);
    // A sub-item goes under the agenda item of its parent in the minutes.
    let parentAgendaId: string | null = null;
    if (input.parentId) {
      const [parent] = await ctx.tx
        .select()
        .from(minuteItems)
        .where(and(eq(minuteItems.id, input.parentId), eq(minuteItems.minutesId, loaded.minutes.id)));
      if (!parent?.agendaItemId) refuse('parentId', 'minutes.refusal.parentNotFound');
      parentAgendaId = parent.agendaItemId;
    }
    const agenda = await agendaOf(ctx.tx, loaded.meeting.id);
    const conflict = numberConflict(agenda, { number: input.number });
    if (conflict) refuse('number', 'minutes.refusal.numberTaken', { number: conflict.number, title: conflict.item.title });
    const position = agenda.filter((a) => a.parentId === parentAgendaId).reduce((n, a) => Math.max(n, a.position), 0) + 1;
    const agendaItem = one(
      await ctx.tx
        .insert(agendaItems)
        .values({
          meetingId: loaded.meeting.id,
          parentId: parentAgendaId,
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
    return { actor, input: { meetingId: meeting.id, title: 'Barnombud: rollen i samverkan', number: '13 a' } };
  },
});
