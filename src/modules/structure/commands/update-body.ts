import { and, eq, gt, gte, isNull, or } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { checkVersion, forbidden, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { isAdmin } from '../../../platform/auth/actor.js';
import { today } from '../../../platform/days.js';
import { bodySettings, id, optionalId } from '../inputs.js';
import { endMembership } from '../membership-rules.js';
import { syncExOfficio } from '../ex-officio.js';
import { isSelfOrDescendant } from '../queries/index.js';
import { scheduleChairReminder } from '../reminders.js';
import { bodies, memberships, seats } from '../schema.js';
import { fixtureBody, fixtureStructure } from '../samples.js';
import { bodyColumns, checkBodySettings, checkParent } from './body-settings.js';
import { bodyFor } from './common.js';
import { bodyLabels } from './labels.js';

/**
 * structure.updateBody: the body's managers change its settings. Ending a temporary body
 * (setting its last day) ends every engagement and seat in it on that day; forbidding
 * substitutes is refused while substitutes still have engagements.
 */
export const updateBody = defineCommand({
  name: 'structure.updateBody',
  input: z.object({ bodyId: id, version: z.coerce.number().int().optional(), parentId: optionalId, ...bodySettings }),
  labels: bodyLabels,
  async run(ctx, input) {
    const before = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    checkVersion(before.version, input.version, 'structure.refuse.stale.body');
    const parentId = input.parentId === undefined ? before.parentId : input.parentId;
    if (parentId !== before.parentId) {
      if (!isAdmin(ctx.actor)) forbidden('structure.refuse.parentAdminOnly');
      if (parentId && (await isSelfOrDescendant(ctx.tx, before.id, parentId))) refuse('parentId', 'structure.refuse.parentSelfOrBelow');
      await checkParent(ctx, before.structureId, parentId, before.id);
    }
    await checkBodySettings(ctx, before.structureId, input, before.id);

    if (before.substitutesAllowed && !input.substitutesAllowed) {
      const subs = await ctx.tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.bodyId, before.id), eq(memberships.role, 'substitute'), or(isNull(memberships.endOn), gte(memberships.endOn, today(ctx.now)))));
      if (subs.length) refuse('substitutesAllowed', 'structure.refuse.substitutesInUse', { name: before.name, count: subs.length });
    }

    const row = one(
      await ctx.tx
        .update(bodies)
        .set({ ...bodyColumns(input), parentId, version: before.version + 1 })
        .where(eq(bodies.id, before.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'body', objectId: before.id, before, after: row });

    // A temporary body ends: so does everything in it.
    const end = row.activeTo;
    if (end && (before.activeTo === null || end < before.activeTo)) {
      const open = await ctx.tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.bodyId, before.id), or(isNull(memberships.endOn), gt(memberships.endOn, end))));
      for (const m of open.sort((a, b) => Number(a.role === 'substitute') - Number(b.role === 'substitute'))) {
        const [fresh] = await ctx.tx.select().from(memberships).where(eq(memberships.id, m.id));
        if (fresh) await endMembership(ctx, fresh, end);
      }
      const openSeats = await ctx.tx
        .select()
        .from(seats)
        .where(and(eq(seats.bodyId, before.id), or(isNull(seats.endedOn), gt(seats.endedOn, end))));
      for (const seat of openSeats) {
        const endedOn = end < seat.createdOn ? seat.createdOn : end;
        const s = one(
          await ctx.tx
            .update(seats)
            .set({ endedOn, version: seat.version + 1 })
            .where(eq(seats.id, seat.id))
            .returning(),
        );
        await ctx.audit({ objectType: 'seat', objectId: seat.id, before: seat, after: s });
      }
    }
    await syncExOfficio(ctx, { sourceBodyId: before.id });
    await scheduleChairReminder(ctx.tx, row, today(ctx.now));
    return row;
  },
  async sample(sc) {
    const s = await fixtureStructure(sc.database.db);
    const body = await fixtureBody(sc.database.db, s.structure.id, { name: 'Samordningsgruppen' });
    return {
      actor: await sc.admin(),
      input: {
        bodyId: body.id,
        name: 'Samordningsgruppen SAMLA',
        shortName: 'SG',
        level: 'strategic' as const,
        kind: 'standing_group' as const,
        activeFrom: '2020-01-01',
        substitutesAllowed: false,
        sizeMin: 10,
        sizeMax: 20,
      },
    };
  },
});
