import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { notFound, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { ValidationError, textsOf, type Text } from '../../../platform/http/errors.js';
import { translator } from '../../../platform/i18n/index.js';
import { handOverOtherHoldings } from '../holdings.js';
import { people } from '../../../platform/auth/schema.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { stockholmTime } from '../../../platform/time.js';
import { addDays, today } from '../../../platform/days.js';
import { day, email, id } from '../inputs.js';
import { addMembership, endMembership } from '../membership-rules.js';
import { personByEmail } from '../queries/index.js';
import { bodies, memberships } from '../schema.js';
import { fixtureMembership, fixturePerson, sampleSetup } from '../samples.js';

export const PERSON_LEFT_JOB = 'structure.personLeft';

/**
 * structure.endEngagement: a person leaves. Every engagement they have ends on the day,
 * and each can be handed to a successor who starts the day after, under the same rules
 * (the chair rule included). Their account is closed after the day.
 */
export const endEngagement = defineCommand({
  name: 'structure.endEngagement',
  input: z.object({
    personId: id,
    endOn: day,
    handovers: z
      .array(z.object({ membershipId: id, successorEmail: email }))
      .max(500)
      .default([]),
    /** Who takes over what other modules hold (open actions, pending approvals …). */
    otherSuccessorEmail: email.optional(),
  }),
  labels: (t) => ({ endOn: t('structure.leave.endOn') }),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    const [person] = await ctx.tx.select().from(people).where(eq(people.id, input.personId)).for('update');
    if (!person) notFound('structure.refuse.personNotFound');
    const held = (await ctx.tx.select().from(memberships).where(eq(memberships.personId, person.id))).filter((m) => m.endOn === null || m.endOn > input.endOn);

    // Check the hand-overs before anything changes.
    const handovers = input.handovers.map((h, i) => {
      const m = held.find((x) => x.id === h.membershipId);
      if (!m) refuse(`handovers.${i}.membershipId`, 'structure.refuse.handoverNotHeld');
      if (m.exOfficio) refuse(`handovers.${i}.membershipId`, 'structure.refuse.handoverExOfficio');
      return { ...h, membership: m, index: i };
    });

    for (const m of held.filter((x) => !x.exOfficio)) {
      const [fresh] = await ctx.tx.select().from(memberships).where(eq(memberships.id, m.id));
      if (fresh && (fresh.endOn === null || fresh.endOn > input.endOn)) await endMembership(ctx, fresh, input.endOn);
    }
    const after = one(
      await ctx.tx
        .update(people)
        .set({ leftOn: input.endOn, status: input.endOn < today(ctx.now) ? 'left' : person.status, version: person.version + 1 })
        .where(eq(people.id, person.id))
        .returning(),
    );
    const { passwordHash: _a, ...visibleBefore } = person;
    const { passwordHash: _b, ...visibleAfter } = after;
    await ctx.audit({ objectType: 'person', objectId: person.id, before: visibleBefore, after: visibleAfter });
    if (input.endOn >= today(ctx.now)) {
      const [y, mo, d] = addDays(input.endOn, 1).split('-').map(Number);
      await enqueue(ctx.tx, {
        kind: PERSON_LEFT_JOB,
        payload: { personId: person.id, leftOn: input.endOn },
        runAt: stockholmTime(y!, mo!, d!, 0, 5),
        dedupeKey: `structure.person-left:${person.id}:${input.endOn}`,
      });
    }

    let otherHandedOver = 0;
    if (input.otherSuccessorEmail) {
      const successor = await personByEmail(ctx.tx, input.otherSuccessorEmail);
      if (!successor) refuse('otherSuccessorEmail', 'structure.refuse.successorUnknown', { email: input.otherSuccessorEmail });
      if (successor.id === person.id) refuse('otherSuccessorEmail', 'structure.refuse.successorSelf');
      otherHandedOver = await handOverOtherHoldings(ctx, { personId: person.id, successorId: successor.id, endOn: input.endOn });
    }

    const startOn = addDays(input.endOn, 1);
    let handedOver = 0;
    for (const h of handovers) {
      const where = `handovers.${h.index}.successorEmail`;
      const successor = await personByEmail(ctx.tx, h.successorEmail);
      if (!successor) refuse(where, 'structure.refuse.successorUnknown', { email: h.successorEmail });
      if (successor.id === person.id) refuse(where, 'structure.refuse.successorSelf');
      const [body] = await ctx.tx.select().from(bodies).where(eq(bodies.id, h.membership.bodyId));
      const old = h.membership;
      try {
        await addMembership(ctx, body!, {
          personId: successor.id,
          role: old.role,
          seatId: old.role === 'substitute' ? undefined : old.seatId,
          substituteForMembershipId: old.substituteForMembershipId,
          organisationId: old.organisationId,
          reason: old.reason,
          startOn,
          endOn: old.endOn && old.endOn >= startOn ? old.endOn : old.role === 'chair' || old.role === 'vice_chair' ? undefined : null,
        });
      } catch (err) {
        if (err instanceof ValidationError) {
          // "Ordförande i SSÖ: …": the engagement and the reason, each told in the reader's language.
          const of = (reason: Text): Text => ({ key: 'structure.refuse.handoverOf', params: { role: { key: `structure.role.${old.role}` }, body: body!.name, reason } });
          const errors = textsOf(err).map((reason) => {
            const text = of(reason);
            return { field: where, key: text.key, params: text.params, message: translator('sv')(text.key, text.params) };
          });
          throw new ValidationError(errors, errors[0]!.message, { key: errors[0]!.key, params: errors[0]!.params });
        }
        throw err;
      }
      handedOver++;
    }
    return { personId: person.id, endOn: input.endOn, ended: held.length, handedOver, otherHandedOver };
  },
  async sample(sc) {
    const { actor, body, seat } = await sampleSetup(sc);
    const leaver = await fixturePerson(sc.database.db);
    const successor = await fixturePerson(sc.database.db);
    const m = await fixtureMembership(sc.database.db, { bodyId: body.id, personId: leaver.id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
    return { actor, input: { personId: leaver.id, endOn: '2025-06-30', handovers: [{ membershipId: m.id, successorEmail: successor.email! }] } };
  },
});
