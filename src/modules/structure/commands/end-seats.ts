import { and, gt, inArray, isNull, or } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { notFound, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { day, id } from '../inputs.js';
import { endMembership } from '../membership-rules.js';
import { memberships, seats } from '../schema.js';
import { fixtureSeat, sampleSetup } from '../samples.js';
import { bodyFor } from './common.js';

/** structure.endSeats: the body's managers remove several seats from a day on, all or none; their engagements end that day. */
export const endSeats = defineCommand({
  name: 'structure.endSeats',
  input: z.object({ bodyId: id, seatIds: z.array(id).min(1).max(500), endedOn: day }),
  labels: (t) => ({ endedOn: t('structure.seat.endedOn'), seatIds: t('structure.body.admin.seats') }),
  async run(ctx, input) {
    await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    const ids = [...new Set(input.seatIds)];
    const rows = await ctx.tx.select().from(seats).where(inArray(seats.id, ids)).for('update');
    if (rows.length !== ids.length || rows.some((s) => s.bodyId !== input.bodyId)) notFound('structure.refuse.seatsNotInBody');
    for (const seat of rows) if (input.endedOn < seat.createdOn) refuse('endedOn', 'structure.refuse.seatsEndBeforeStart', { seat: seat.function, day: seat.createdOn });
    for (const seat of rows) {
      const open = await ctx.tx
        .select()
        .from(memberships)
        .where(and(inArray(memberships.seatId, [seat.id]), or(isNull(memberships.endOn), gt(memberships.endOn, input.endedOn))));
      for (const m of open) {
        const [fresh] = await ctx.tx
          .select()
          .from(memberships)
          .where(inArray(memberships.id, [m.id]));
        if (fresh && (fresh.endOn === null || fresh.endOn > input.endedOn)) await endMembership(ctx, fresh, input.endedOn);
      }
      const row = one(
        await ctx.tx
          .update(seats)
          .set({ endedOn: input.endedOn, version: seat.version + 1 })
          .where(inArray(seats.id, [seat.id]))
          .returning(),
      );
      await ctx.audit({ objectType: 'seat', objectId: seat.id, before: seat, after: row });
    }
    return { ended: rows.length, endedOn: input.endedOn };
  },
  async sample(sc) {
    const { actor, body, seat } = await sampleSetup(sc);
    const other = await fixtureSeat(sc.database.db, body.id);
    return { actor, input: { bodyId: body.id, seatIds: [seat.id, other.id], endedOn: '2025-12-31' } };
  },
});
