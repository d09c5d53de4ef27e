import { z } from 'zod';
import { refuse } from '../../../platform/refusals.js';
import { defineCommand } from '../../../platform/commands.js';
import { maxDay, today } from '../../../platform/days.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { id, nullableDay, optionalDay, optionalEmail, optionalId } from '../inputs.js';
import { addMembership } from '../membership-rules.js';
import { fixtureMembership, fixturePerson, sampleSetup } from '../samples.js';
import { bodyFor, resolvePerson } from './common.js';

/**
 * structure.appointChair: appoints the chair or vice chair of a body for a mandate period,
 * under the body's chair rule (which principal holds the chair in the period; the vice
 * chair from the other). The current holder's appointment ends the day before.
 */
export const appointChair = defineCommand({
  name: 'structure.appointChair',
  input: z.object({
    bodyId: id,
    personId: optionalId,
    personEmail: optionalEmail,
    /** A person not yet in the register: added as a contact with this name and the e-mail address. */
    personName: optionalFreeText({ max: 200 }),
    role: z.enum(['chair', 'vice_chair']),
    organisationId: optionalId,
    startOn: optionalDay,
    endOn: nullableDay,
  }),
  labels: (t) => ({
    personEmail: t('structure.member.personEmail'),
    personName: t('structure.member.personName'),
    role: t('structure.member.role'),
    startOn: t('structure.member.startOn'),
    endOn: t('structure.member.endOn'),
  }),
  async run(ctx, input) {
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    if (!input.personId && !input.personEmail) refuse('personEmail', 'structure.refuse.appointWhom');
    // A person not yet in the register is added as a contact when a name is given (as the refusal for an unknown address says).
    const person = await resolvePerson(
      ctx,
      { personId: input.personId, personEmail: input.personEmail, personName: input.personName },
      { personId: 'personEmail', personEmail: 'personEmail', personName: 'personName' },
    );
    return addMembership(ctx, body, {
      personId: person.id,
      role: input.role,
      organisationId: input.organisationId,
      startOn: input.startOn ?? maxDay(today(ctx.now), body.activeFrom),
      endOn: input.endOn,
    });
  },
  async sample(sc) {
    const { actor, body, seat } = await sampleSetup(sc);
    const p = await fixturePerson(sc.database.db);
    await fixtureMembership(sc.database.db, { bodyId: body.id, personId: p.id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
    return { actor, input: { bodyId: body.id, personId: p.id, role: 'chair' as const, startOn: '2025-01-01' } };
  },
});
