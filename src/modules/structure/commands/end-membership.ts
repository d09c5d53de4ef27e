import { eq } from 'drizzle-orm';
import { notFound, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { today } from '../../../platform/days.js';
import { id, optionalDay } from '../inputs.js';
import { endMembership as endRow } from '../membership-rules.js';
import { memberships } from '../schema.js';
import { fixtureMembership, fixturePerson, sampleSetup } from '../samples.js';
import { bodyFor } from './common.js';

/** structure.endMembership: the body's managers end an engagement on a day (its last day). */
export const endMembership = defineCommand({
  name: 'structure.endMembership',
  input: z.object({ membershipId: id, endOn: optionalDay }),
  labels: (t) => ({ endOn: t('structure.member.endOn') }),
  async run(ctx, input) {
    const [m] = await ctx.tx.select().from(memberships).where(eq(memberships.id, input.membershipId)).for('update');
    if (!m) notFound('structure.refuse.membershipNotFound');
    await bodyFor(ctx, m.bodyId, 'structure.manageBody');
    if (m.exOfficio) refuse('membershipId', 'structure.refuse.membershipExOfficio');
    const endOn = input.endOn ?? today(ctx.now);
    if (endOn < m.startOn) refuse('endOn', 'structure.refuse.membershipEndBeforeStart', { day: m.startOn });
    if (m.endOn !== null && endOn > m.endOn) refuse('endOn', 'structure.refuse.membershipEndsAlready', { day: m.endOn });
    return endRow(ctx, m, endOn);
  },
  async sample(sc) {
    const { actor, body, seat } = await sampleSetup(sc);
    const p = await fixturePerson(sc.database.db);
    const m = await fixtureMembership(sc.database.db, { bodyId: body.id, personId: p.id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
    return { actor, input: { membershipId: m.id, endOn: '2025-06-30' } };
  },
});
