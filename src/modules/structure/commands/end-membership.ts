import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { today } from '../dates.js';
import { id, optionalDay } from '../inputs.js';
import { endMembership as endRow, refuse } from '../membership-rules.js';
import { memberships } from '../schema.js';
import { fixtureMembership, fixturePerson, sampleSetup } from '../samples.js';
import { bodyFor } from './common.js';

/** structure.endMembership: the body's managers end an engagement on a day (its last day). */
export const endMembership = defineCommand({
  name: 'structure.endMembership',
  input: z.object({ membershipId: id, endOn: optionalDay }),
  labels: (t) => ({ endOn: t('member.endOn') }),
  async run(ctx, input) {
    const [m] = await ctx.tx.select().from(memberships).where(eq(memberships.id, input.membershipId)).for('update');
    if (!m) throw new NotFoundError('Uppdraget finns inte.');
    await bodyFor(ctx, m.bodyId, 'structure.manageBody');
    if (m.exOfficio) refuse('membershipId', 'Uppdraget följer en roll i en annan grupp och avslutas automatiskt när den rollen upphör.');
    const endOn = input.endOn ?? today(ctx.now);
    if (endOn < m.startOn) refuse('endOn', `Uppdraget börjar ${m.startOn}; sista dagen kan inte vara före det.`);
    if (m.endOn !== null && endOn > m.endOn) refuse('endOn', `Uppdraget slutar redan ${m.endOn}.`);
    return endRow(ctx, m, endOn);
  },
  async sample(sc) {
    const { actor, body, seat } = await sampleSetup(sc);
    const p = await fixturePerson(sc.database.db);
    const m = await fixtureMembership(sc.database.db, { bodyId: body.id, personId: p.id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
    return { actor, input: { membershipId: m.id, endOn: '2025-06-30' } };
  },
});
