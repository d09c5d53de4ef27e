import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { checkVersion, notFound } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { sortKey } from '../../../platform/sortkey.js';
import { emailList, id, name, shortName } from '../inputs.js';
import { organisations } from '../schema.js';
import { fixturePrincipal } from '../samples.js';

/** structure.updateOrganisation: an administrator renames a unit or changes its distribution list. */
export const updateOrganisation = defineCommand({
  name: 'structure.updateOrganisation',
  input: z.object({ organisationId: id, name, shortName, distributionList: emailList.default([]), version: z.coerce.number().int().optional() }),
  labels: (t) => ({ name: t('structure.org.name'), shortName: t('structure.shortName'), distributionList: t('structure.distributionList') }),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    const [before] = await ctx.tx.select().from(organisations).where(eq(organisations.id, input.organisationId)).for('update');
    if (!before) notFound('structure.refuse.unitNotFound');
    checkVersion(before.version, input.version, 'structure.refuse.stale.organisation');
    const row = one(
      await ctx.tx
        .update(organisations)
        .set({ name: input.name, shortName: input.shortName ?? null, sortKey: sortKey(input.name), distributionList: input.distributionList, version: before.version + 1 })
        .where(eq(organisations.id, before.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'organisation', objectId: before.id, before, after: row });
    return row;
  },
  async sample(sc) {
    const p = await fixturePrincipal(sc.database.db, 'municipality');
    const o = one(
      await sc.database.db
        .insert(organisations)
        .values({ principalId: p.id, name: 'Vård och omsorg', sortKey: sortKey('Vård och omsorg') })
        .returning(),
    );
    return { actor: await sc.admin(), input: { organisationId: o.id, name: 'Vård och omsorg', shortName: 'VoO', distributionList: ['voo@example.se'] } };
  },
});
