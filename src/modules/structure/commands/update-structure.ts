import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { checkVersion, notFound, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { sortKey } from '../../../platform/sortkey.js';
import { id, longText, name, shortName } from '../inputs.js';
import { principals, structurePrincipals, structures } from '../schema.js';
import { fixtureStructure } from '../samples.js';

/** structure.updateStructure: an administrator changes a structure's name, description and taking-part principals. */
export const updateStructure = defineCommand({
  name: 'structure.updateStructure',
  input: z.object({ structureId: id, name, shortName, description: longText, principalIds: z.array(id).max(500).default([]), version: z.coerce.number().int().optional() }),
  labels: (t) => ({ name: t('structure.name'), shortName: t('structure.shortName'), description: t('structure.description'), principalIds: t('structure.principals') }),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    const [before] = await ctx.tx.select().from(structures).where(eq(structures.id, input.structureId)).for('update');
    if (!before) notFound('structure.refuse.structureNotFound');
    checkVersion(before.version, input.version, 'structure.refuse.stale.structure');
    const ids = [...new Set(input.principalIds)];
    if (ids.length) {
      const found = await ctx.tx.select({ id: principals.id }).from(principals).where(inArray(principals.id, ids));
      if (found.length !== ids.length) refuse('principalIds', 'structure.refuse.onePrincipalMissing');
    }
    const previous = (await ctx.tx.select().from(structurePrincipals).where(eq(structurePrincipals.structureId, before.id))).map((r) => r.principalId);
    await ctx.tx.delete(structurePrincipals).where(and(eq(structurePrincipals.structureId, before.id), ids.length ? notInArray(structurePrincipals.principalId, ids) : undefined));
    const added = ids.filter((p) => !previous.includes(p));
    if (added.length) await ctx.tx.insert(structurePrincipals).values(added.map((principalId) => ({ structureId: before.id, principalId })));
    const row = one(
      await ctx.tx
        .update(structures)
        .set({ name: input.name, shortName: input.shortName ?? null, description: input.description ?? null, sortKey: sortKey(input.name), version: before.version + 1 })
        .where(eq(structures.id, before.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'structure', objectId: before.id, before: { ...before, principalIds: previous }, after: { ...row, principalIds: ids } });
    return row;
  },
  async sample(sc) {
    const s = await fixtureStructure(sc.database.db);
    return { actor: await sc.admin(), input: { structureId: s.structure.id, name: 'Strategisk Samverkan Öster', shortName: 'SSÖ', description: 'Östra länsdelen', principalIds: [s.region.id] } };
  },
});
