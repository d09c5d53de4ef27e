import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { sortKey } from '../../../platform/sortkey.js';
import { emailList, id, name, optionalId, shortName } from '../inputs.js';
import { organisations, principals } from '../schema.js';
import { fixturePrincipal } from '../samples.js';

/** structure.createOrganisation: an administrator adds a unit of a principal, under another unit or at the top. */
export const createOrganisation = defineCommand({
  name: 'structure.createOrganisation',
  input: z.object({ principalId: id, parentId: optionalId, name, shortName, distributionList: emailList.default([]) }),
  labels: (t) => ({ name: t('structure.org.name'), shortName: t('structure.shortName'), parentId: t('structure.org.parent'), distributionList: t('structure.distributionList') }),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    const [principal] = await ctx.tx.select().from(principals).where(eq(principals.id, input.principalId));
    if (!principal) refuse('principalId', 'structure.refuse.principalNotFound');
    if (input.parentId) {
      const [parent] = await ctx.tx.select().from(organisations).where(eq(organisations.id, input.parentId));
      if (!parent || parent.principalId !== principal.id) refuse('parentId', 'structure.refuse.parentUnitOtherPrincipal', { name: principal.name });
    }
    const row = one(
      await ctx.tx
        .insert(organisations)
        .values({
          principalId: principal.id,
          parentId: input.parentId ?? null,
          name: input.name,
          shortName: input.shortName ?? null,
          sortKey: sortKey(input.name),
          distributionList: input.distributionList,
        })
        .returning(),
    );
    await ctx.audit({ objectType: 'organisation', objectId: row.id, after: row });
    return row;
  },
  async sample(sc) {
    const p = await fixturePrincipal(sc.database.db, 'region');
    return { actor: await sc.admin(), input: { principalId: p.id, name: 'Närsjukvårdsområde väster', shortName: 'NSV', distributionList: ['nsv@example.se'] } };
  },
});
