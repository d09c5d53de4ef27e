import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { forbidden } from '../../refusals.js';
import { notifications } from '../schema.js';
import { samplePersonWithNotification } from './samples.js';

/** inbox.markAllRead: a person marks every unread notification of theirs as read. */
export const markAllNotificationsRead = defineCommand({
  name: 'inbox.markAllRead',
  input: z.object({}),
  async run(ctx) {
    if (ctx.actor.kind !== 'person') return forbidden('auth.refused.personOnly');
    const marked = await ctx.tx
      .update(notifications)
      .set({ readAt: ctx.now })
      .where(and(eq(notifications.personId, ctx.actor.personId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    await ctx.audit({ objectType: 'person', objectId: ctx.actor.personId, after: { notificationsMarkedRead: marked.length } });
    return { count: marked.length };
  },
  async sample(sc) {
    const { actor } = await samplePersonWithNotification(sc);
    return { actor, input: {} };
  },
});
