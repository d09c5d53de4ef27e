import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { newToken, sha256 } from '../../../platform/auth/tokens.js';
import { one } from '../../../platform/db/rows.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { notFound, refuse } from '../../../platform/refusals.js';
import { rolesOf, sampleSetup } from '../../structure/index.js';
import { bodies } from '../../structure/schema.js';
import { calendarFeeds } from '../schema.js';
import { FEED_TOKEN_PREFIX, feedUrl } from '../feeds.js';

const createFeedInput = z.object({
  scope: z.enum(['person', 'body']),
  bodyId: z.uuid().optional(),
  name: optionalFreeText({ max: 100 }),
});

/** calendar.createFeed: a secret calendar URL for the actor's meetings (all, or one body's). */
export const createFeed = defineCommand({
  name: 'calendar.createFeed',
  input: createFeedInput,
  labels: (t) => ({ name: t('calendar.name'), scope: t('calendar.what'), bodyId: t('calendar.what') }),
  async run(ctx, input) {
    // A body's feed names its body; a personal feed names none.
    if ((input.scope === 'body') !== !!input.bodyId) refuse('bodyId', 'calendar.refused.chooseBody');
    if (ctx.actor.kind !== 'person') throw new ForbiddenError();
    let name = input.name;
    if (input.scope === 'body') {
      const [body] = await ctx.tx.select().from(bodies).where(eq(bodies.id, input.bodyId!));
      if (!body) notFound('calendar.refused.noBody');
      authorize(ctx.actor, 'meetings.view', { body, roles: await rolesOf(ctx.tx, ctx.actor, body.id) });
      name ??= body.name;
    }
    name ??= 'Samverka';
    const token = FEED_TOKEN_PREFIX + newToken();
    const row = one(
      await ctx.tx
        .insert(calendarFeeds)
        .values({
          personId: ctx.actor.personId,
          scope: input.scope,
          bodyId: input.scope === 'body' ? input.bodyId! : null,
          name,
          tokenHash: sha256(token),
          prefix: token.slice(0, 10),
          createdAt: ctx.now,
        })
        .returning(),
    );
    // The token itself is never written anywhere but the answer.
    await ctx.audit({ objectType: 'calendar_feed', objectId: row.id, after: { name: row.name, scope: row.scope, bodyId: row.bodyId, prefix: row.prefix } });
    return { id: row.id, name: row.name, token, url: feedUrl(ctx.config.PUBLIC_URL, token) };
  },
  async sample(sc) {
    const { actor, body } = await sampleSetup(sc);
    return { actor, input: { scope: 'body' as const, bodyId: body.id, name: 'Jobbkalendern i Outlook' } };
  },
});
