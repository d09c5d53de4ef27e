import { z } from 'zod';
import { one } from '../../../platform/db/rows.js';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { sortKey } from '../../../platform/sortkey.js';
import { emailList, name, principalKindInput } from '../inputs.js';
import { principals } from '../schema.js';
import { requirePrincipalKind } from './principal-kinds.js';

const createPrincipalInput = z.object({ name, kind: principalKindInput, distributionList: emailList.default([]) });

/** structure.createPrincipal: an administrator adds a principal (huvudman). */
export const createPrincipal = defineCommand({
  name: 'structure.createPrincipal',
  input: createPrincipalInput,
  labels: (t) => ({ name: t('structure.principals.name'), kind: t('structure.principals.kind'), distributionList: t('structure.distributionList') }),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    await requirePrincipalKind(ctx.tx, input.kind);
    const row = one(
      await ctx.tx
        .insert(principals)
        .values({ ...input, sortKey: sortKey(input.name) })
        .returning(),
    );
    await ctx.audit({ objectType: 'principal', objectId: row.id, after: row });
    return row;
  },
  async sample(sc) {
    return { actor: await sc.admin(), input: { name: `Region ${sc.unique('prov')}`, kind: 'region' as const, distributionList: ['registrator@example.se'] } };
  },
});
