import { one } from '../../../platform/db/rows.js';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { caseFor } from '../policy.js';
import { id } from '../inputs.js';
import { notFound } from '../../../platform/refusals.js';
import { caseLinks } from '../schema.js';
import { sampleCase } from '../samples.js';

/** cases.removeLink: removes a link that was added by mistake. */
export const removeCaseLink = defineCommand({
  name: 'cases.removeLink',
  input: z.object({ linkId: id }),
  async run(ctx, input) {
    const [link] = await ctx.tx.select().from(caseLinks).where(eq(caseLinks.id, input.linkId));
    if (!link) notFound('cases.refusal.linkNotFound');
    await caseFor(ctx, link.caseId, 'cases.link');
    await ctx.tx.delete(caseLinks).where(and(eq(caseLinks.id, link.id), eq(caseLinks.caseId, link.caseId)));
    await ctx.audit({ objectType: 'case_link', objectId: link.id, before: link, after: null });
    return link;
  },
  async sample(sc) {
    const { actor, kase, db } = await sampleCase(sc);
    const link = one(await db.insert(caseLinks).values({ caseId: kase.id, kind: 'document', url: 'https://example.se/a.pdf', label: 'Utkast' }).returning());
    return { actor, input: { linkId: link.id } };
  },
});
