import { eq, sql } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { notFound } from '../../../platform/refusals.js';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { id } from '../inputs.js';
import { structureCategories, structures } from '../schema.js';
import { fixtureStructure } from '../samples.js';
import { categoryInput } from './create-structure.js';

/** structure.addCategory: an administrator adds a goal area or target group to a structure. */
export const addCategory = defineCommand({
  name: 'structure.addCategory',
  input: categoryInput.extend({ structureId: id }),
  labels: (t) => ({ name: t('structure.category.name'), description: t('structure.description'), kind: t('structure.category.kind') }),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    const [structure] = await ctx.tx.select().from(structures).where(eq(structures.id, input.structureId));
    if (!structure) notFound('structure.refuse.structureNotFound');
    const [last] = await ctx.tx
      .select({ n: sql<number>`coalesce(max(${structureCategories.position}), -1)::int` })
      .from(structureCategories)
      .where(eq(structureCategories.structureId, structure.id));
    const row = one(
      await ctx.tx
        .insert(structureCategories)
        .values({ structureId: structure.id, kind: input.kind, name: input.name, description: input.description ?? null, crossCutting: input.crossCutting, position: Number(last?.n ?? -1) + 1 })
        .returning(),
    );
    await ctx.audit({ objectType: 'structure_category', objectId: row.id, after: row });
    return row;
  },
  async sample(sc) {
    const s = await fixtureStructure(sc.database.db);
    return { actor: await sc.admin(), input: { structureId: s.structure.id, kind: 'target_group' as const, name: 'Äldre', description: 'Personer över 65 år', crossCutting: false } };
  },
});
