import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { forbidden } from '../../refusals.js';
import { samplePerson } from '../../auth/commands/samples.js';
import { isNotificationKind, notificationKind, SYSTEM_REMINDER } from '../kinds.js';
import { savedPreferences } from '../queries.js';
import { DELIVERIES, notificationPreferences, type Delivery } from '../schema.js';

export const deliverySchema = z.enum(DELIVERIES);

/** Choices by kind; kinds left out keep what they had. */
export const preferencesInput = z.object({
  preferences: z.record(z.string().refine(isNotificationKind, { message: 'Unknown notification kind' }), deliverySchema),
});

/**
 * inbox.setPreferences: a person chooses, per kind, e-mail at once, in the daily digest, or
 * none. A choice equal to the kind's default is stored only when the person had chosen
 * otherwise before, so that unchosen kinds follow their default.
 */
export const setNotificationPreferences = defineCommand({
  name: 'inbox.setPreferences',
  input: preferencesInput,
  async run(ctx, input) {
    if (ctx.actor.kind !== 'person') return forbidden('auth.refused.personOnly');
    const personId = ctx.actor.personId;
    const saved = await savedPreferences(ctx.tx, personId);
    const before: Record<string, Delivery> = {};
    const after: Record<string, Delivery> = {};
    for (const [kind, delivery] of Object.entries(input.preferences)) {
      const current = saved.get(kind) ?? notificationKind(kind)!.defaultDelivery;
      if (!saved.has(kind) && delivery === current) continue;
      if (saved.get(kind) === delivery) continue;
      before[kind] = current;
      after[kind] = delivery;
      await ctx.tx
        .insert(notificationPreferences)
        .values({ personId, kind, delivery, updatedAt: ctx.now })
        .onConflictDoUpdate({ target: [notificationPreferences.personId, notificationPreferences.kind], set: { delivery, updatedAt: ctx.now } });
    }
    await ctx.audit({ objectType: 'notification_preferences', objectId: personId, before, after });
    return { changed: Object.keys(after) };
  },
  async sample(sc) {
    const { actor } = await samplePerson(sc);
    return { actor, input: { preferences: { [SYSTEM_REMINDER]: 'off' as const } } };
  },
});
