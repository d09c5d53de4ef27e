import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { freeText } from '../../../platform/pin.js';
import { contactSurfaces } from '../../structure/schema.js';
import { loadCase } from '../queries/index.js';
import { anchoringPositionInput, id, optionalId } from '../inputs.js';
import { notFound, refuse } from '../../../platform/refusals.js';
import { caseAnchoring } from '../schema.js';
import { caseWorld, fixtureCase } from '../samples.js';
import { caseLabels } from './common.js';

/**
 * cases.recordAnchoring: the member whose seat covers a principal records the feedback
 * from the contact surface (förankring). It can be corrected while the anchoring lasts.
 */
export const recordAnchoring = defineCommand({
  name: 'cases.recordAnchoring',
  input: z.object({ caseId: id, principalId: id, position: anchoringPositionInput, feedback: freeText({ min: 1, max: 10_000 }), contactSurfaceId: optionalId }),
  labels: caseLabels,
  async run(ctx, input) {
    const loaded = await loadCase(ctx.tx, ctx.actor, input.caseId, ctx.now, true);
    authorize(ctx.actor, 'cases.anchor', { ...loaded.target, principalId: input.principalId });
    if (loaded.kase.state !== 'anchoring') refuse('caseId', 'cases.refusal.notAnchoring');
    const [row] = await ctx.tx
      .select()
      .from(caseAnchoring)
      .where(and(eq(caseAnchoring.caseId, loaded.kase.id), eq(caseAnchoring.principalId, input.principalId)))
      .for('update');
    if (!row) notFound('cases.refusal.principalNotAnchoring');
    if (input.contactSurfaceId) {
      const [surface] = await ctx.tx.select({ s: contactSurfaces.structureId }).from(contactSurfaces).where(eq(contactSurfaces.id, input.contactSurfaceId));
      if (surface?.s !== loaded.kase.structureId) refuse('contactSurfaceId', 'cases.refusal.surfaceOtherStructure');
    }
    const updated = one(
      await ctx.tx
        .update(caseAnchoring)
        .set({ position: input.position, feedback: input.feedback, contactSurfaceId: input.contactSurfaceId ?? row.contactSurfaceId, answeredBy: actorId(ctx.actor), answeredAt: ctx.now })
        .where(and(eq(caseAnchoring.caseId, row.caseId), eq(caseAnchoring.principalId, row.principalId)))
        .returning(),
    );
    await ctx.audit({ objectType: 'case_anchoring', objectId: `${row.caseId}:${row.principalId}`, before: row, after: updated });
    return updated;
  },
  async sample(sc) {
    const db = sc.database.db;
    const world = await caseWorld(db);
    const kase = await fixtureCase(db, world, 'anchoring');
    const member = world.members[2]!;
    return {
      actor: member.actor,
      input: { caseId: kase.id, principalId: member.principalId, position: 'supports_with_changes' as const, feedback: 'MAS-nätverket tillstyrker med en ändring i avsnitt 3.' },
    };
  },
});
