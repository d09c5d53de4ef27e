import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../platform/commands.js';
import { authorize } from '../../platform/auth/authorize.js';
import { isAdmin } from '../../platform/auth/actor.js';
import { newToken, sha256 } from '../../platform/auth/tokens.js';
import { ForbiddenError, NotFoundError } from '../../platform/http/errors.js';
import { optionalFreeText } from '../../platform/pin.js';
import { rolesOf, sampleSetup } from '../structure/index.js';
import { bodies } from '../structure/schema.js';
import { calendarFeeds } from './schema.js';
import { FEED_TOKEN_PREFIX, feedUrl } from './feeds.js';

export const createFeedInput = z
  .object({
    scope: z.enum(['person', 'body']),
    bodyId: z.uuid().optional(),
    name: optionalFreeText({ max: 100 }),
  })
  .refine((v) => (v.scope === 'body') === !!v.bodyId, { path: ['bodyId'], message: 'Välj en grupp.' });

/** calendar.createFeed: a secret calendar URL for the actor's meetings (all, or one body's). */
export const createFeed = defineCommand({
  name: 'calendar.createFeed',
  input: createFeedInput,
  labels: (t) => ({ name: t('calendar.name'), scope: t('calendar.what'), bodyId: t('calendar.what') }),
  async run(ctx, input) {
    if (ctx.actor.kind !== 'person') throw new ForbiddenError();
    let name = input.name;
    if (input.scope === 'body') {
      const [body] = await ctx.tx.select().from(bodies).where(eq(bodies.id, input.bodyId!));
      if (!body) throw new NotFoundError('Gruppen finns inte.');
      authorize(ctx.actor, 'meetings.view', { body, roles: await rolesOf(ctx.tx, ctx.actor, body.id) });
      name ??= body.name;
    }
    name ??= 'Samverka';
    const token = FEED_TOKEN_PREFIX + newToken();
    const [row] = await ctx.tx
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
      .returning();
    // The token itself is never written anywhere but the answer.
    await ctx.audit({ objectType: 'calendar_feed', objectId: row!.id, after: { name: row!.name, scope: row!.scope, bodyId: row!.bodyId, prefix: row!.prefix } });
    return { id: row!.id, name: row!.name, token, url: feedUrl(ctx.config.PUBLIC_URL, token) };
  },
  async sample(sc) {
    const { actor, body } = await sampleSetup(sc);
    return { actor, input: { scope: 'body' as const, bodyId: body.id, name: 'Jobbkalendern i Outlook' } };
  },
});

export const revokeFeedInput = z.object({ feedId: z.uuid() });

/** calendar.revokeFeed: the owner (or an administrator) turns a calendar URL off for good. */
export const revokeFeed = defineCommand({
  name: 'calendar.revokeFeed',
  input: revokeFeedInput,
  async run(ctx, input) {
    const [feed] = await ctx.tx
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.id, input.feedId), isNull(calendarFeeds.revokedAt)));
    if (!feed) throw new NotFoundError('Kalenderlänken finns inte.');
    if (!isAdmin(ctx.actor) && !(ctx.actor.kind === 'person' && ctx.actor.personId === feed.personId)) throw new ForbiddenError();
    await ctx.tx.update(calendarFeeds).set({ revokedAt: ctx.now }).where(eq(calendarFeeds.id, feed.id));
    await ctx.audit({ objectType: 'calendar_feed', objectId: feed.id, before: { name: feed.name, prefix: feed.prefix }, after: { revoked: true } });
    return { revoked: true };
  },
  async sample(sc) {
    const actor = await sc.admin();
    if (actor.kind !== 'person') throw new Error('sample admin must be a person');
    const [row] = await sc.database.db
      .insert(calendarFeeds)
      .values({ personId: actor.personId, scope: 'person', name: 'Mina möten', tokenHash: sha256(newToken()), prefix: 'cal_x' })
      .returning();
    return { actor, input: { feedId: row!.id } };
  },
});
