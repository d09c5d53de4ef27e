import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { forbidden, notFound } from '../../refusals.js';
import { notifications } from '../schema.js';
import { samplePersonWithNotification } from './samples.js';

/** inbox.markRead: a person marks one of their own notifications as read. */
export const markNotificationRead = defineCommand({
  name: 'inbox.markRead',
  input: z.object({ notificationId: z.uuid() }),
  async run(ctx, input) {
    if (ctx.actor.kind !== 'person') return forbidden('auth.refused.personOnly');
    const [row] = await ctx.tx
      .select({ id: notifications.id, readAt: notifications.readAt })
      .from(notifications)
      .where(and(eq(notifications.id, input.notificationId), eq(notifications.personId, ctx.actor.personId)))
      .for('update');
    // Someone else's notification is as unknown as a missing one.
    if (!row) return notFound('inbox.refused.notFound');
    const readAt = row.readAt ?? ctx.now;
    if (!row.readAt) await ctx.tx.update(notifications).set({ readAt }).where(eq(notifications.id, row.id));
    await ctx.audit({ objectType: 'notification', objectId: row.id, before: { readAt: row.readAt }, after: { readAt } });
    return { id: row.id, readAt };
  },
  async sample(sc) {
    const { actor, notificationId } = await samplePersonWithNotification(sc);
    return { actor, input: { notificationId } };
  },
});
