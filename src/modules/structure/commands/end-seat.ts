import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { notFound, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { day, id } from '../inputs.js';
import { endMembership } from '../membership-rules.js';
import { memberships, seats } from '../schema.js';
import { sampleSetup } from '../samples.js';
import { bodyFor } from './common.js';

/** structure.endSeat: the body's managers remove a seat from a day on; the engagements in it end that day. */
export const endSeat = defineCommand({
  name: 'structure.endSeat',
  input: z.object({ seatId: id, endedOn: day }),
  labels: (t) => ({ endedOn: t('structure.seat.endedOn') }),
  async run(ctx, input) {
    const [seat] = await ctx.tx.select().from(seats).where(eq(seats.id, input.seatId)).for('update');
    if (!seat) notFound('structure.refuse.seatNotFound');
    await bodyFor(ctx, seat.bodyId, 'structure.manageBody');
    if (input.endedOn < seat.createdOn) refuse('endedOn', 'structure.refuse.seatEndBeforeStart', { day: seat.createdOn });
    const open = await ctx.tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.seatId, seat.id), or(isNull(memberships.endOn), gt(memberships.endOn, input.endedOn))));
    for (const m of open) {
      const [fresh] = await ctx.tx.select().from(memberships).where(eq(memberships.id, m.id));
      if (fresh) await endMembership(ctx, fresh, input.endedOn);
    }
    const row = one(
      await ctx.tx
        .update(seats)
        .set({ endedOn: input.endedOn, version: seat.version + 1 })
        .where(eq(seats.id, seat.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'seat', objectId: seat.id, before: seat, after: row });
    return row;
  },
  async sample(sc) {
    const { actor, seat } = await sampleSetup(sc);
    return { actor, input: { seatId: seat.id, endedOn: '2025-12-31' } };
  },
});
