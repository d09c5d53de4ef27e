import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { meetings } from '../../meetings/schema.js';
import { decisions } from '../../minutes/schema.js';
import { caseFor, type CaseCtx } from '../access.js';
import { id, linkInput } from '../inputs.js';
import { notFound, refuse } from '../../../platform/refusals.js';
import { caseLinks, cases, type Case } from '../schema.js';
import { fixtureCase, sampleCase } from '../samples.js';
import { caseLabels } from './labels.js';

type LinkInput = z.output<typeof linkInput>;

/** Adds links after checking each target exists in the case's structure. */
export async function addLinks(ctx: CaseCtx, kase: Case, links: LinkInput[]) {
  const rows = [];
  for (const [i, l] of links.entries()) {
    const field = links.length > 1 ? `links.${i}` : 'targetId';
    if (l.kind === 'document') {
      if (!l.url) refuse(links.length > 1 ? field : 'url', 'cases.refusal.linkUrlRequired');
    } else {
      if (!l.targetId) refuse(field, 'cases.refusal.linkTargetRequired');
      const structureId =
        l.kind === 'meeting'
          ? (await ctx.tx.select({ s: meetings.structureId }).from(meetings).where(eq(meetings.id, l.targetId)))[0]?.s
          : l.kind === 'decision'
            ? (await ctx.tx.select({ s: decisions.structureId }).from(decisions).where(eq(decisions.id, l.targetId)))[0]?.s
            : (await ctx.tx.select({ s: cases.structureId }).from(cases).where(eq(cases.id, l.targetId)))[0]?.s;
      if (!structureId) refuse(field, 'cases.refusal.linkTargetNotFound');
      if (structureId !== kase.structureId) refuse(field, 'cases.refusal.linkOtherStructure');
      if (l.kind === 'case' && l.targetId === kase.id) refuse(field, 'cases.refusal.linkToSelf');
    }
    const row = one(
      await ctx.tx
        .insert(caseLinks)
        .values({
          caseId: kase.id,
          kind: l.kind,
          targetId: l.kind === 'document' ? null : l.targetId!,
          url: l.kind === 'document' ? l.url! : null,
          label: l.label,
          createdBy: actorId(ctx.actor),
          createdAt: ctx.now,
        })
        .returning(),
    );
    await ctx.audit({ objectType: 'case_link', objectId: row.id, after: row });
    rows.push(row);
  }
  return rows;
}

/** cases.addLink: a link to a document, meeting, decision or another case. */
export const addCaseLink = defineCommand({
  name: 'cases.addLink',
  input: linkInput.extend({ caseId: id }),
  labels: caseLabels,
  async run(ctx, input) {
    const { kase } = await caseFor(ctx, input.caseId, 'cases.link');
    return one(await addLinks(ctx, kase, [input]));
  },
  async sample(sc) {
    const { actor, kase, world, db } = await sampleCase(sc);
    const other = await fixtureCase(db, world, 'raised');
    return { actor, input: { caseId: kase.id, kind: 'case' as const, targetId: other.id, label: 'Liknande ärende från i fjol' } };
  },
});

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
