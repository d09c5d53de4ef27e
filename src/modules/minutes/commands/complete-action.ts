import { actorId } from '../../../platform/auth/actor.js';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../platform/auth/authorize.js';
import { defineCommand } from '../../../platform/commands.js';
import { refuse } from '../../../platform/refusals.js';
import { one } from '../../../platform/db/rows.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { loadMeeting } from '../../meetings/index.js';
import { minutesTarget } from '../policy.js';
import { refreshFollowUp } from './common.js';
import { sampleMinutes } from '../samples.js';
import { actionItems } from '../schema.js';
import { loadAction } from './action-rules.js';

export const completeActionInput = z.object({ actionId: z.uuid(), note: optionalFreeText({ max: 2000 }) });

/** minutes.completeAction: the owner (or the secretary) marks an action done; the decision's follow-up follows. */
export const completeAction = defineCommand({
  name: 'minutes.completeAction',
  input: completeActionInput,
  labels: (t) => ({ note: t('minutes.label.comment') }),
  async run(ctx, input) {
    const before = await loadAction(ctx, input.actionId);
    const loaded = await loadMeeting(ctx.tx, ctx.actor, before.meetingId, ctx.now);
    authorize(ctx.actor, 'minutes.completeAction', { ...minutesTarget(loaded, 'minutes.completeAction'), isOwner: before.ownerPersonId !== null && before.ownerPersonId === actorId(ctx.actor) });
    if (before.status === 'done') refuse('actionId', 'minutes.refusal.actionDone');
    const row = one(
      await ctx.tx
        .update(actionItems)
        .set({ status: 'done', doneAt: ctx.now, doneBy: actorId(ctx.actor), doneNote: input.note ?? null, version: sql`${actionItems.version} + 1` })
        .where(eq(actionItems.id, before.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'action_item', objectId: before.id, before, after: row });
    if (row.decisionId) await refreshFollowUp(ctx, row.decisionId);
    return row;
  },
  async sample(sc) {
    const { actor, meeting, body, db } = await sampleMinutes(sc);
    const a = one(await db.insert(actionItems).values({ bodyId: body.id, meetingId: meeting.id, title: 'Ta frågan om vaccin till MAS-nätverket' }).returning());
    return { actor, input: { actionId: a.id, note: 'Togs upp på MAS-nätverkets möte.' } };
  },
});
