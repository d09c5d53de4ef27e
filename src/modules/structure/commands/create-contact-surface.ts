import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { notFound } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { sortKey } from '../../../platform/sortkey.js';
import { emailList, id, name } from '../inputs.js';
import { contactSurfaces, structures } from '../schema.js';
import { fixtureStructure } from '../samples.js';

/** structure.createContactSurface: an administrator adds a contact surface (kontaktyta) with its distribution list. */
export const createContactSurface = defineCommand({
  name: 'structure.createContactSurface',
  input: z.object({ structureId: id, name, description: optionalFreeText({ max: 2000 }), distributionList: emailList.default([]) }),
  labels: (t) => ({ name: t('structure.contactSurface'), description: t('structure.description'), distributionList: t('structure.distributionList') }),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    const [structure] = await ctx.tx.select().from(structures).where(eq(structures.id, input.structureId));
    if (!structure) notFound('structure.refuse.structureNotFound');
    const row = one(
      await ctx.tx
        .insert(contactSurfaces)
        .values({ structureId: structure.id, name: input.name, sortKey: sortKey(input.name), description: input.description ?? null, distributionList: input.distributionList })
        .returning(),
    );
    await ctx.audit({ objectType: 'contact_surface', objectId: row.id, after: row });
    return row;
  },
  async sample(sc) {
    const s = await fixtureStructure(sc.database.db);
    return { actor: await sc.admin(), input: { structureId: s.structure.id, name: 'MAS/MAR-nätverket', description: 'Medicinskt ansvariga i länet', distributionList: ['mas@example.se'] } };
  },
});
