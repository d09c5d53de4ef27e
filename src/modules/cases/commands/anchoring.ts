import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { freeText } from '../../../platform/pin.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { contactSurfaces } from '../../structure/schema.js';
import { actorPersonId, loadCase } from '../access.js';
import { anchoringPositionInput, id, optionalId } from '../inputs.js';
import { refuse } from '../numbering.js';
import { caseAnchoring } from '../schema.js';
import { caseWorld, fixtureCase } from '../samples.js';
import { caseLabels } from './labels.js';

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
    if (loaded.kase.state !== 'anchoring') refuse('caseId', 'Ärendet är inte under förankring.');
    const [row] = await ctx.tx
      .select()
      .from(caseAnchoring)
      .where(and(eq(caseAnchoring.caseId, loaded.kase.id), eq(caseAnchoring.principalId, input.principalId)))
      .for('update');
    if (!row) throw new NotFoundError('Huvudmannen deltar inte i förankringen av ärendet.');
    if (input.contactSurfaceId) {
      const [surface] = await ctx.tx.select({ s: contactSurfaces.structureId }).from(contactSurfaces).where(eq(contactSurfaces.id, input.contactSurfaceId));
      if (surface?.s !== loaded.kase.structureId) refuse('contactSurfaceId', 'Kontaktytan hör inte till strukturen.');
    }
    const [updated] = await ctx.tx
      .update(caseAnchoring)
      .set({ position: input.position, feedback: input.feedback, contactSurfaceId: input.contactSurfaceId ?? row.contactSurfaceId, answeredBy: actorPersonId(ctx.actor), answeredAt: ctx.now })
      .where(and(eq(caseAnchoring.caseId, row.caseId), eq(caseAnchoring.principalId, row.principalId)))
      .returning();
    await ctx.audit({ objectType: 'case_anchoring', objectId: `${row.caseId}:${row.principalId}`, before: row, after: updated });
    return updated!;
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
