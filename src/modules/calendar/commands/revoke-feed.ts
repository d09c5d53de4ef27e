import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { isAdmin } from '../../../platform/auth/actor.js';
import { newToken, sha256 } from '../../../platform/auth/tokens.js';
import { one } from '../../../platform/db/rows.js';
import { ForbiddenError } from '../../../platform/http/errors.js';
import { notFound } from '../../../platform/refusals.js';
import { calendarFeeds } from '../schema.js';

const revokeFeedInput = z.object({ feedId: z.uuid() });

/** calendar.revokeFeed: the owner (or an administrator) turns a calendar URL off for good. */
export const revokeFeed = defineCommand({
  name: 'calendar.revokeFeed',
  input: revokeFeedInput,
  async run(ctx, input) {
    const [feed] = await ctx.tx
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.id, input.feedId), isNull(calendarFeeds.revokedAt)));
    if (!feed) notFound('calendar.refused.noFeed');
    if (!isAdmin(ctx.actor) && !(ctx.actor.kind === 'person' && ctx.actor.personId === feed.personId)) throw new ForbiddenError();
    await ctx.tx.update(calendarFeeds).set({ revokedAt: ctx.now }).where(eq(calendarFeeds.id, feed.id));
    await ctx.audit({ objectType: 'calendar_feed', objectId: feed.id, before: { name: feed.name, prefix: feed.prefix }, after: { revoked: true } });
    return { revoked: true };
  },
  async sample(sc) {
    const actor = await sc.admin();
    if (actor.kind !== 'person') throw new Error('sample admin must be a person');
    const row = one(
      await sc.database.db
        .insert(calendarFeeds)
        .values({ personId: actor.personId, scope: 'person', name: 'Mina möten', tokenHash: sha256(newToken()), prefix: 'cal_x' })
        .returning(),
    );
    return { actor, input: { feedId: row.id } };
  },
});
