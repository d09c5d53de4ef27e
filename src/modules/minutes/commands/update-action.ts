import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { checkVersion } from '../../../platform/refusals.js';
import { one } from '../../../platform/db/rows.js';
import { minutesFor } from './common.js';
import { version } from '../inputs.js';
import { scheduleActionReminder } from '../notices.js';
import { sampleMinutes } from '../samples.js';
import { actionItems } from '../schema.js';
import { actionFields, checkOwner, loadAction, tellOwner } from './action-rules.js';

export const updateActionInput = z.object({ actionId: z.uuid(), version, ...actionFields });

/** minutes.updateAction: change an action's text, owner or due date (a new due date gets a new reminder). */
export const updateAction = defineCommand({
  name: 'minutes.updateAction',
  input: updateActionInput,
  labels: (t) => ({ title: t('minutes.action.title'), ownerName: t('minutes.action.owner'), dueOn: t('minutes.action.due') }),
  async run(ctx, input) {
    const before = await loadAction(ctx, input.actionId);
    const loaded = await minutesFor(ctx, before.meetingId, 'minutes.write');
    checkVersion(before.version, input.version, 'minutes.stale.action', before);
    if (input.ownerPersonId !== (before.ownerPersonId ?? undefined)) await checkOwner(ctx, loaded, input.ownerPersonId);
    const row = one(
      await ctx.tx
        .update(actionItems)
        .set({ title: input.title, ownerPersonId: input.ownerPersonId ?? null, ownerName: input.ownerName ?? null, dueOn: input.dueOn ?? null, version: sql`${actionItems.version} + 1` })
        .where(eq(actionItems.id, before.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'action_item', objectId: before.id, before, after: row });
    if (row.dueOn !== before.dueOn) await scheduleActionReminder(ctx.tx, row.id, row.dueOn, ctx.now);
    if (row.ownerPersonId !== before.ownerPersonId) await tellOwner(ctx, row);
    return row;
  },
  async sample(sc) {
    const { actor, meeting, body, db } = await sampleMinutes(sc);
    const a = one(await db.insert(actionItems).values({ bodyId: body.id, meetingId: meeting.id, title: 'Bjud in Märta till IFO-chefernas möte' }).returning());
    return { actor, input: { actionId: a.id, version: a.version, title: 'Bjud in Märta till IFO-chefernas möte i januari', ownerName: 'Ingmar' } };
  },
});
