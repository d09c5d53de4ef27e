import { and, eq, like } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { conflict, notFound } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { today } from '../../../platform/days.js';
import { freeSlug, slugFrom } from '../../../platform/slug.js';
import { bodySettings, id, mandateInput, optionalId, slug } from '../inputs.js';
import { rolesOf } from '../policy.js';
import { scheduleChairReminder } from '../reminders.js';
import { bodies, structures } from '../schema.js';
import { fixtureBody, fixtureStructure } from '../samples.js';
import { bodyColumns, checkBodySettings, checkParent, insertMandate } from './body-settings.js';
import { bodyLabels } from './labels.js';

/**
 * structure.createBody: an administrator (or whoever manages the commissioning body) adds
 * a body to a structure, optionally with the first version of its mandate.
 */
export const createBody = defineCommand({
  name: 'structure.createBody',
  input: z.object({ structureId: id, parentId: optionalId, slug, ...bodySettings, mandate: mandateInput.optional() }),
  labels: bodyLabels,
  async run(ctx, input) {
    const [structure] = await ctx.tx.select().from(structures).where(eq(structures.id, input.structureId));
    if (!structure) notFound('structure.refuse.structureNotFound');
    if (input.parentId) {
      const [parent] = await ctx.tx.select().from(bodies).where(eq(bodies.id, input.parentId));
      if (!parent) notFound('structure.refuse.parentNotFound');
      authorize(ctx.actor, 'structure.createSubBody', { body: parent, roles: await rolesOf(ctx.tx, ctx.actor, parent.id, today(ctx.now)) });
    } else {
      authorize(ctx.actor, 'structure.administer', null);
    }
    await checkParent(ctx, structure.id, input.parentId);
    await checkBodySettings(ctx, structure.id, input);
    // Left empty, the address name is made from the name (numbered when taken); typed, it must be free.
    const base = input.slug ?? (slugFrom(input.name) || 'grupp');
    const taken = new Set(
      (
        await ctx.tx
          .select({ slug: bodies.slug })
          .from(bodies)
          .where(and(eq(bodies.structureId, structure.id), like(bodies.slug, `${base}%`)))
      ).map((r) => r.slug),
    );
    const slug = input.slug === undefined ? freeSlug(base, taken) : base;
    if (input.slug !== undefined && taken.has(slug)) conflict('structure.refuse.bodySlugTaken', { slug, structure: structure.name, suggestion: freeSlug(slug, taken) }, 'slug-taken');
    const row = one(
      await ctx.tx
        .insert(bodies)
        .values({ structureId: structure.id, parentId: input.parentId ?? null, slug, ...bodyColumns(input) })
        .returning(),
    );
    await ctx.audit({ objectType: 'body', objectId: row.id, after: row });
    if (input.mandate) await insertMandate(ctx, row, input.mandate);
    await scheduleChairReminder(ctx.tx, row, today(ctx.now));
    return row;
  },
  async sample(sc) {
    const s = await fixtureStructure(sc.database.db);
    const top = await fixtureBody(sc.database.db, s.structure.id);
    return {
      actor: await sc.admin(),
      input: {
        structureId: s.structure.id,
        parentId: top.id,
        slug: 'nosam-lerum',
        name: 'NOSAM Lerum',
        shortName: 'NOSAM',
        level: 'local' as const,
        kind: 'standing_group' as const,
        activeFrom: '2024-01-01',
        mandate: {
          purpose: 'Samverkan i närområdet.',
          tasks: 'Lyfta ärenden till Samordningsgruppen.',
          responsibilities: 'Aktivitetsplan för närområdet.',
          waysOfWorking: 'Möten varannan månad.',
          validFrom: '2024-01-01',
          approvedOn: '2023-12-01',
          approvedByBodyId: top.id,
          approvedByName: 'Samordningsgruppen',
        },
      },
    };
  },
});
