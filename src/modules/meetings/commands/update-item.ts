import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { afterPublishedChange } from '../agenda.js';
import { itemFields } from '../inputs.js';
import { agendaItems } from '../schema.js';
import { fixtureItem, sampleMeeting } from '../samples.js';
import { itemFor, presenterOf, refuseTakenNumber } from './common.js';

const updateItemInput = z.object({
  itemId: z.uuid(),
  ...itemFields,
  /** Pins the item's start (ISO instant), e.g. on day two of a two-day meeting. */
  fixedStartAt: z.preprocess((v) => (v === '' ? null : v), z.iso.datetime({ offset: true }).nullable().optional()),
});

/** meetings.updateItem: title, description, section, number, presenter and duration of an item. */
export const updateItem = defineCommand({
  name: 'meetings.updateItem',
  input: updateItemInput,
  labels: (t) => ({
    title: t('meetings.item.title'),
    description: t('meetings.item.description'),
    durationMinutes: t('meetings.item.duration'),
    section: t('meetings.item.section'),
    presenters: t('meetings.item.presenter'),
    number: t('meetings.item.number'),
  }),
  async run(ctx, input) {
    const { item, loaded } = await itemFor(ctx, input.itemId);
    await refuseTakenNumber(ctx, loaded.meeting.id, { id: item.id, number: input.number });
    const row = one(
      await ctx.tx
        .update(agendaItems)
        .set({
          title: input.title,
          description: input.description ?? null,
          kind: input.kind,
          section: input.section ?? null,
          number: input.number ?? null,
          ...(await presenterOf(ctx, input)),
          durationMinutes: input.durationMinutes ?? null,
          internal: input.internal,
          ...(input.fixedStartAt !== undefined ? { fixedStartAt: input.fixedStartAt ? new Date(input.fixedStartAt) : null } : {}),
          changedAfterPublishAt: loaded.meeting.agendaPublishedAt ? ctx.now : item.changedAfterPublishAt,
          updatedAt: ctx.now,
        })
        .where(eq(agendaItems.id, item.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'agenda_item', objectId: item.id, before: item, after: row });
    await afterPublishedChange(ctx, loaded, ['agenda']);
    return row;
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc);
    const item = await fixtureItem(db, meeting, 1);
    return {
      actor,
      input: {
        itemId: item.id,
        title: 'Barn som anhöriga – behov av samverkan',
        description: 'Kartläggning av stödet i kommunerna.',
        kind: 'discussion' as const,
        section: 'Information och dialog',
        number: '8',
        presenters: [{ name: 'Märtha Lundkvist' }],
        durationMinutes: 20,
      },
    };
  },
});
