import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { checkVersion, notFound } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { sortKey } from '../../../platform/sortkey.js';
import { emailList, id, name, principalKindInput } from '../inputs.js';
import { principals } from '../schema.js';
import { requirePrincipalKind } from './principal-kinds.js';
import { fixturePrincipal } from '../samples.js';

/** structure.updatePrincipal: an administrator renames a principal or changes its distribution list. */
export const updatePrincipal = defineCommand({
  name: 'structure.updatePrincipal',
  input: z.object({ principalId: id, name, kind: principalKindInput, distributionList: emailList.default([]), version: z.coerce.number().int().optional() }),
  labels: (t) => ({ name: t('structure.principals.name'), kind: t('structure.principals.kind'), distributionList: t('structure.distributionList') }),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    await requirePrincipalKind(ctx.tx, input.kind);
    const [before] = await ctx.tx.select().from(principals).where(eq(principals.id, input.principalId)).for('update');
    if (!before) notFound('structure.refuse.principalNotFound');
    checkVersion(before.version, input.version, 'structure.refuse.stale.principal');
    const row = one(
      await ctx.tx
        .update(principals)
        .set({ name: input.name, kind: input.kind, sortKey: sortKey(input.name), distributionList: input.distributionList, version: before.version + 1 })
        .where(eq(principals.id, before.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'principal', objectId: before.id, before, after: row });
    return row;
  },
  async sample(sc) {
    const p = await fixturePrincipal(sc.database.db, 'municipality');
    return { actor: await sc.admin(), input: { principalId: p.id, name: `${p.name} (ny)`, kind: 'municipality' as const, distributionList: [] } };
  },
});
