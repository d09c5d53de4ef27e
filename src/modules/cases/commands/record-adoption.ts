import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { caseFor } from '../policy.js';
import { adoptionDecisionInput, day, id } from '../inputs.js';
import { notFound, refuse } from '../../../platform/refusals.js';
import { caseAdoptions } from '../schema.js';
import { sampleCase } from '../samples.js';
import { caseLabels } from './common.js';

/**
 * cases.recordAdoption: where the deciding body can only recommend, each principal's own
 * committee adopts (fastställer) or declines; the case records which committee, when and
 * under which reference.
 */
export const recordAdoption = defineCommand({
  name: 'cases.recordAdoption',
  input: z.object({
    caseId: id,
    principalId: id,
    status: adoptionDecisionInput,
    committee: freeText({ min: 1, max: 200 }),
    decidedOn: day,
    reference: optionalFreeText({ max: 200 }),
    note: optionalFreeText({ max: 4000 }),
  }),
  labels: caseLabels,
  async run(ctx, input) {
    const { kase } = await caseFor(ctx, input.caseId, 'cases.adopt');
    if (kase.state === 'withdrawn' || kase.state === 'returned') refuse('caseId', 'cases.refusal.caseNotCurrent');
    const [row] = await ctx.tx
      .select()
      .from(caseAdoptions)
      .where(and(eq(caseAdoptions.caseId, kase.id), eq(caseAdoptions.principalId, input.principalId)))
      .for('update');
    if (!row) notFound('cases.refusal.notRecommendedTo');
    if (input.decidedOn < kase.raisedOn) refuse('decidedOn', 'cases.refusal.decidedBeforeRaised');
    const updated = one(
      await ctx.tx
        .update(caseAdoptions)
        .set({
          status: input.status,
          committee: input.committee,
          decidedOn: input.decidedOn,
          reference: input.reference ?? null,
          note: input.note ?? null,
          recordedBy: actorId(ctx.actor),
          recordedAt: ctx.now,
        })
        .where(and(eq(caseAdoptions.caseId, row.caseId), eq(caseAdoptions.principalId, row.principalId)))
        .returning(),
    );
    await ctx.audit({ objectType: 'case_adoption', objectId: `${row.caseId}:${row.principalId}`, before: row, after: updated });
    return updated;
  },
  async sample(sc) {
    const { actor, kase, world } = await sampleCase(sc, 'recommended');
    return {
      actor,
      input: {
        caseId: kase.id,
        principalId: world.principals[1]!.id,
        status: 'adopted' as const,
        committee: 'Vård- och omsorgsnämnden',
        decidedOn: kase.raisedOn,
        reference: 'VON 2026/114 § 52',
        note: 'Antagen utan ändringar.',
      },
    };
  },
});
