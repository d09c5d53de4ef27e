import { inArray } from 'drizzle-orm';
import { notFound, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { today } from '../../../platform/days.js';
import { id, optionalDay } from '../inputs.js';
import { endMembership as endRow } from '../membership-rules.js';
import { memberships } from '../schema.js';
import { fixtureMembership, fixturePerson, sampleSetup } from '../samples.js';
import { bodyFor } from './common.js';

/** structure.endMemberships: the body's managers end several engagements of one body on the same day, all or none. */
export const endMemberships = defineCommand({
  name: 'structure.endMemberships',
  input: z.object({ bodyId: id, membershipIds: z.array(id).min(1).max(500), endOn: optionalDay }),
  labels: (t) => ({ endOn: t('structure.member.endOn'), membershipIds: t('structure.body.admin.members') }),
  async run(ctx, input) {
    await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    const endOn = input.endOn ?? today(ctx.now);
    const rows = await ctx.tx
      .select()
      .from(memberships)
      .where(inArray(memberships.id, [...new Set(input.membershipIds)]))
      .for('update');
    if (rows.length !== new Set(input.membershipIds).size || rows.some((m) => m.bodyId !== input.bodyId)) notFound('structure.refuse.membershipsNotInBody');
    for (const m of rows) {
      if (m.exOfficio) refuse('membershipIds', 'structure.refuse.membershipsExOfficio');
      if (endOn < m.startOn) refuse('endOn', 'structure.refuse.membershipsEndBeforeStart', { day: m.startOn });
    }
    let ended = 0;
    for (const m of rows) {
      const [fresh] = await ctx.tx
        .select()
        .from(memberships)
        .where(inArray(memberships.id, [m.id]));
      if (fresh && (fresh.endOn === null || fresh.endOn > endOn)) {
        await endRow(ctx, fresh, endOn);
        ended++;
      }
    }
    return { ended, endOn };
  },
  async sample(sc) {
    const { actor, body, seat } = await sampleSetup(sc);
    const a = await fixtureMembership(sc.database.db, { bodyId: body.id, personId: (await fixturePerson(sc.database.db)).id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
    const b = await fixtureMembership(sc.database.db, { bodyId: body.id, personId: (await fixturePerson(sc.database.db)).id, role: 'expert', startOn: '2024-01-01' });
    return { actor, input: { bodyId: body.id, membershipIds: [a.id, b.id], endOn: '2025-06-30' } };
  },
});
