import { translator } from '../../../platform/i18n/index.js';
import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { bumpCase, caseLabels } from './common.js';
import { caseFor } from '../policy.js';
import { id } from '../inputs.js';
import { principalLists, sendToPrincipals } from '../notices.js';
import { conflict, refuse } from '../../../platform/refusals.js';
import { cases } from '../schema.js';
import { sampleCase } from '../samples.js';

/**
 * cases.sendImplementationNotice: information about the implementation goes out to every
 * principal's distribution lists (municipalities and health centres) at the same time: one
 * outbox batch, one timestamp. Sent once; every region and municipality must have an address.
 */
export const sendImplementationNotice = defineCommand({
  name: 'cases.sendImplementationNotice',
  input: z.object({ caseId: id, subject: optionalFreeText({ max: 200 }), text: freeText({ min: 1, max: 20_000 }) }),
  labels: caseLabels,
  async run(ctx, input) {
    const { kase } = await caseFor(ctx, input.caseId, 'cases.manage');
    if (kase.state !== 'implementation') refuse('caseId', 'cases.refusal.noticeNotNow');
    if (kase.noticeSentAt) conflict('cases.refusal.noticeAlreadySent', undefined, 'notice-sent');
    const lists = await principalLists(ctx.tx, kase.structureId);
    if (!lists.length) refuse('caseId', 'cases.refusal.noPrincipals');
    // Regions and municipalities must all be reached; others are told where they have a list.
    const missing = lists.filter((l) => l.emails.length === 0 && l.kind !== 'other');
    if (missing.length) {
      refuse('text', 'cases.refusal.principalsWithoutList', { principals: missing.map((m) => m.name).join(', ') });
    }
    const result = await sendToPrincipals(ctx, kase, {
      kind: 'implementation',
      subject: input.subject ?? translator('sv')('cases.mail.implementation.subject', { title: kase.title }),
      text: input.text,
      lists,
    });
    const row = one(
      await ctx.tx
        .update(cases)
        .set({ noticeBatchId: result.batchId, noticeSentAt: result.sentAt, ...bumpCase(ctx.now) })
        .where(eq(cases.id, kase.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'case', objectId: kase.id, before: kase, after: row });
    return { kase: row, batchId: result.batchId, sentAt: result.sentAt, principals: result.notices.length };
  },
  async sample(sc) {
    const { actor, kase } = await sampleCase(sc, 'implementation');
    return { actor, input: { caseId: kase.id, subject: 'Ny rutin för subkutan vätsketillförsel', text: 'Rutinen gäller från 1 mars i alla kommuner och vårdcentraler i länet.' } };
  },
});
