import { inArray, like } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { conflict, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { sortKey } from '../../../platform/sortkey.js';
import { freeSlug, slugFrom } from '../../../platform/slug.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { categoryKindInput, id, longText, name, shortName, slug } from '../inputs.js';
import { principals, structureCategories, structurePrincipals, structures } from '../schema.js';
import { fixturePrincipal } from '../samples.js';

export const categoryInput = z.object({
  kind: categoryKindInput,
  name,
  description: optionalFreeText({ max: 2000 }),
  crossCutting: z.boolean().default(false),
});

/** structure.createStructure: an administrator sets up a collaboration structure with its principals, goal areas and target groups. */
export const createStructure = defineCommand({
  name: 'structure.createStructure',
  input: z.object({
    slug,
    name,
    shortName,
    description: longText,
    principalIds: z.array(id).max(500).default([]),
    categories: z.array(categoryInput).max(100).default([]),
  }),
  labels: (t) => ({ slug: t('structure.slug'), name: t('structure.name'), shortName: t('structure.shortName'), description: t('structure.description'), principalIds: t('structure.principals') }),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    // Left empty, the address name is made from the name (numbered when taken); typed, it must be free.
    const base = input.slug ?? (slugFrom(input.name) || 'struktur');
    const taken = new Set(
      (
        await ctx.tx
          .select({ slug: structures.slug })
          .from(structures)
          .where(like(structures.slug, `${base}%`))
      ).map((r) => r.slug),
    );
    const slug = input.slug === undefined ? freeSlug(base, taken) : base;
    if (input.slug !== undefined && taken.has(slug)) conflict('structure.refuse.structureSlugTaken', { slug, suggestion: freeSlug(slug, taken) }, 'slug-taken');
    const ids = [...new Set(input.principalIds)];
    if (ids.length) {
      const found = await ctx.tx.select({ id: principals.id }).from(principals).where(inArray(principals.id, ids));
      if (found.length !== ids.length) refuse('principalIds', 'structure.refuse.onePrincipalMissing');
    }
    const row = one(
      await ctx.tx
        .insert(structures)
        .values({ slug, name: input.name, shortName: input.shortName ?? null, description: input.description ?? null, sortKey: sortKey(input.name) })
        .returning(),
    );
    if (ids.length) await ctx.tx.insert(structurePrincipals).values(ids.map((principalId) => ({ structureId: row.id, principalId })));
    if (input.categories.length) {
      await ctx.tx
        .insert(structureCategories)
        .values(input.categories.map((c, position) => ({ structureId: row.id, kind: c.kind, name: c.name, description: c.description ?? null, crossCutting: c.crossCutting, position })));
    }
    await ctx.audit({ objectType: 'structure', objectId: row.id, after: { ...row, principalIds: ids, categories: input.categories } });
    return row;
  },
  async sample(sc) {
    const p = await fixturePrincipal(sc.database.db, 'municipality');
    return {
      actor: await sc.admin(),
      input: {
        slug: sc.unique('samla').toLowerCase(),
        name: 'SAMLA – Lerum Alingsås',
        shortName: 'SAMLA',
        description: 'Vårdsamverkan mellan kommun och region.',
        principalIds: [p.id],
        categories: [{ kind: 'target_group' as const, name: 'Barn och unga', description: 'Från 0 år', crossCutting: false }],
      },
    };
  },
});
