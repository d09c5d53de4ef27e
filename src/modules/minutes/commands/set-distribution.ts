import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../platform/auth/authorize.js';
import { defineCommand } from '../../../platform/commands.js';
import { notFound } from '../../../platform/refusals.js';
import { one } from '../../../platform/db/rows.js';
import { rolesOf, sampleSetup } from '../../structure/index.js';
import { today } from '../../../platform/days.js';
import { bodies } from '../../structure/schema.js';
import { minutesDistribution } from '../schema.js';
import { parseEmails } from './common.js';

const emailList = z.preprocess((v) => (typeof v === 'string' ? parseEmails(v) : v === undefined || v === null ? [] : v), z.array(z.email().max(320)).max(500));

export const setDistributionInput = z.object({ bodyId: z.uuid(), emails: emailList });

/** minutes.setDistribution: the addresses a body's locked minutes are sent to besides its members. */
export const setDistribution = defineCommand({
  name: 'minutes.setDistribution',
  input: setDistributionInput,
  labels: (t) => ({ emails: t('minutes.distribution.emails') }),
  async run(ctx, input) {
    const [body] = await ctx.tx.select().from(bodies).where(eq(bodies.id, input.bodyId));
    if (!body) notFound('minutes.refusal.bodyNotFound');
    authorize(ctx.actor, 'minutes.write', { body, roles: await rolesOf(ctx.tx, ctx.actor, body.id, today(ctx.now)) });
    const [before] = await ctx.tx.select().from(minutesDistribution).where(eq(minutesDistribution.bodyId, body.id));
    const row = one(
      await ctx.tx
        .insert(minutesDistribution)
        .values({ bodyId: body.id, emails: input.emails, updatedAt: ctx.now })
        .onConflictDoUpdate({ target: minutesDistribution.bodyId, set: { emails: input.emails, updatedAt: ctx.now } })
        .returning(),
    );
    await ctx.audit({ objectType: 'body', objectId: body.id, before: before ?? null, after: row });
    return row;
  },
  async sample(sc) {
    const { actor, body } = await sampleSetup(sc);
    return { actor, input: { bodyId: body.id, emails: ['registrator@example.se', 'samordnare@example.se'] } };
  },
});
