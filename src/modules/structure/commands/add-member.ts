import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { maxDay, today } from '../../../platform/days.js';
import { id, nullableDay, optionalDay, optionalEmail, optionalId, roleInput } from '../inputs.js';
import { addMembership } from '../membership-rules.js';
import { sampleSetup } from '../samples.js';
import { bodyFor, resolvePerson } from './common.js';

const addMemberInput = z.object({
  bodyId: id,
  personId: optionalId,
  personEmail: optionalEmail,
  personName: optionalFreeText({ max: 200 }),
  role: roleInput,
  seatId: optionalId,
  substituteForMembershipId: optionalId,
  organisationId: optionalId,
  reason: optionalFreeText({ max: 2000 }),
  startOn: optionalDay,
  endOn: nullableDay,
});

/**
 * structure.addMember: the body's managers give a person an engagement: a seat, or no seat
 * as adjunct (with a reason), expert or reader; a substitute for a named member where the
 * body allows substitutes. An unknown e-mail address with a name becomes a new contact.
 */
export const addMember = defineCommand({
  name: 'structure.addMember',
  input: addMemberInput,
  labels: (t) => ({
    personEmail: t('structure.member.personEmail'),
    personName: t('structure.member.personName'),
    role: t('structure.member.role'),
    seatId: t('structure.member.seat'),
    substituteForMembershipId: t('structure.member.substituteFor'),
    organisationId: t('structure.member.organisation'),
    reason: t('structure.member.reason'),
    startOn: t('structure.member.startOn'),
    endOn: t('structure.member.endOn'),
  }),
  async run(ctx, input) {
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    const person = await resolvePerson(ctx, input);
    return addMembership(ctx, body, {
      personId: person.id,
      role: input.role,
      seatId: input.seatId,
      substituteForMembershipId: input.substituteForMembershipId,
      organisationId: input.organisationId,
      reason: input.reason,
      startOn: input.startOn ?? maxDay(today(ctx.now), body.activeFrom),
      endOn: input.endOn,
    });
  },
  async sample(sc) {
    const { actor, body, seat } = await sampleSetup(sc);
    return {
      actor,
      input: {
        bodyId: body.id,
        personEmail: `${sc.unique('ny')}@example.se`,
        personName: 'Nils Nyberg',
        role: 'member' as const,
        seatId: seat.id,
        startOn: '2025-01-01',
        reason: 'Representerar regionen',
      },
    };
  },
});
