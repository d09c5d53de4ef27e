import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { bodyForMeetings } from './common.js';
import { itemKind, optionalMinutes } from '../inputs.js';
import { agendaTemplateItems } from '../schema.js';
import { sampleSetup } from '../../structure/index.js';

const setAgendaTemplateInput = z.object({
  bodyId: z.uuid(),
  /** The standing items in order; items before the first one with a section open the meeting, the rest close it. Empty: the built-in template. */
  items: z.array(z.object({ title: freeText({ min: 1, max: 300 }), section: optionalFreeText({ max: 100 }), kind: itemKind.default('formal'), durationMinutes: optionalMinutes })).max(40),
});

/** meetings.setAgendaTemplate: a body's own standing agenda items (its template). */
export const setAgendaTemplate = defineCommand({
  name: 'meetings.setAgendaTemplate',
  input: setAgendaTemplateInput,
  async run(ctx, input) {
    const { body } = await bodyForMeetings(ctx, input.bodyId, 'meetings.manage');
    const before = await ctx.tx.select().from(agendaTemplateItems).where(eq(agendaTemplateItems.bodyId, body.id));
    await ctx.tx.delete(agendaTemplateItems).where(eq(agendaTemplateItems.bodyId, body.id));
    const rows = input.items.length
      ? await ctx.tx
          .insert(agendaTemplateItems)
          .values(
            input.items.map((item, i) => ({ bodyId: body.id, position: i + 1, title: item.title, section: item.section ?? null, kind: item.kind, durationMinutes: item.durationMinutes ?? null })),
          )
          .returning()
      : [];
    await ctx.audit({ objectType: 'body', objectId: body.id, before: { agendaTemplate: before }, after: { agendaTemplate: rows } });
    return rows;
  },
  async sample(sc) {
    const { actor, body } = await sampleSetup(sc);
    return {
      actor,
      input: {
        bodyId: body.id,
        items: [
          { title: 'Inledning och närvarokontroll', kind: 'formal' as const, durationMinutes: 5 },
          { title: 'Dagens agenda', kind: 'formal' as const, durationMinutes: 2 },
          { title: 'Övrigt', section: 'Övriga frågor', kind: 'other' as const, durationMinutes: 10 },
        ],
      },
    };
  },
});
