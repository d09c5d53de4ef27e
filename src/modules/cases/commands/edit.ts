import { and, eq, inArray } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { can } from '../../../platform/auth/authorize.js';
import { structureCategories } from '../../structure/schema.js';
import { bumpCase, caseLabels } from './common.js';
import { caseFor } from '../policy.js';
import { terminalStates } from '../flow.js';
import { checkbox, id, idList, longText, optionalVersion, title } from '../inputs.js';
import { checkVersion, forbidden, refuse } from '../../../platform/refusals.js';
import { caseCategories, cases } from '../schema.js';
import { sampleCase } from '../samples.js';

/** cases.edit: the raiser or the body's managers correct the title, description and categories of an open case. */
export const editCase = defineCommand({
  name: 'cases.edit',
  input: z.object({ caseId: id, version: optionalVersion, title, description: longText, categoryIds: idList, newMedicalTask: checkbox.default(false) }),
  labels: caseLabels,
  async run(ctx, input) {
    const { kase, target } = await caseFor(ctx, input.caseId, 'cases.manage', 'cases.withdraw');
    if (!can(ctx.actor, 'cases.manage', target) && kase.state !== 'raised') forbidden('cases.refusal.editAfterAgenda');
    if (terminalStates.includes(kase.state)) refuse('title', 'cases.refusal.caseClosed');
    checkVersion(kase.version, input.version, 'cases.refusal.stale');
    const ids = [...new Set(input.categoryIds)];
    if (ids.length) {
      const found = await ctx.tx
        .select({ id: structureCategories.id })
        .from(structureCategories)
        .where(and(inArray(structureCategories.id, ids), eq(structureCategories.structureId, kase.structureId)));
      if (found.length !== ids.length) refuse('categoryIds', 'cases.refusal.categoriesOtherStructure');
    }
    const before = await ctx.tx.select({ id: caseCategories.categoryId }).from(caseCategories).where(eq(caseCategories.caseId, kase.id));
    await ctx.tx.delete(caseCategories).where(eq(caseCategories.caseId, kase.id));
    if (ids.length) await ctx.tx.insert(caseCategories).values(ids.map((categoryId) => ({ caseId: kase.id, categoryId })));
    const row = one(
      await ctx.tx
        .update(cases)
        .set({ title: input.title, description: input.description ?? null, newMedicalTask: input.newMedicalTask, ...bumpCase(ctx.now) })
        .where(eq(cases.id, kase.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'case', objectId: kase.id, before: { ...kase, categoryIds: before.map((b) => b.id) }, after: { ...row, categoryIds: ids } });
    return row;
  },
  async sample(sc) {
    const { actor, kase, world } = await sampleCase(sc);
    return { actor, input: { caseId: kase.id, title: 'Subkutan vätsketillförsel – rutin', description: 'Förtydligad beskrivning.', categoryIds: [world.goalAreaId] } };
  },
});
