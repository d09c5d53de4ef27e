import { actorId } from '../../../platform/auth/actor.js';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { refuse } from '../../../platform/refusals.js';
import { one } from '../../../platform/db/rows.js';
import { minutesFor } from './common.js';
import { refreshFollowUp } from './common.js';
import { optionalUuid } from '../inputs.js';
import { scheduleActionReminder } from '../notices.js';
import { sampleMinutes } from '../samples.js';
import { fixtureMembership, fixturePerson } from '../../structure/index.js';
import { actionItems, decisions, minuteItems } from '../schema.js';
import { actionFields, checkOwner, tellOwner } from './action-rules.js';

export const addActionInput = z.object({ meetingId: z.uuid(), minuteItemId: optionalUuid, ...actionFields });

/** minutes.addAction: a follow-up from the meeting ("Ingmar går vidare i planeringen"): owner, due date, the item it comes from. */
export const addAction = defineCommand({
  name: 'minutes.addAction',
  input: addActionInput,
  labels: (t) => ({ title: t('minutes.action.title'), ownerName: t('minutes.action.owner'), dueOn: t('minutes.action.due') }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    await checkOwner(ctx, loaded, input.ownerPersonId);
    let decisionId: string | null = null;
    let caseId: string | null = null;
    if (input.minuteItemId) {
      const [item] = await ctx.tx
        .select()
        .from(minuteItems)
        .where(and(eq(minuteItems.id, input.minuteItemId), eq(minuteItems.minutesId, loaded.minutes.id)));
      if (!item) refuse('minuteItemId', 'minutes.refusal.itemNotInMinutes');
      const [d] = await ctx.tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.minuteItemId, item.id));
      decisionId = d?.id ?? null;
      caseId = item.caseId;
    }
    const row = one(
      await ctx.tx
        .insert(actionItems)
        .values({
          bodyId: loaded.body.id,
          meetingId: loaded.meeting.id,
          minuteItemId: input.minuteItemId ?? null,
          decisionId,
          caseId,
          title: input.title,
          ownerPersonId: input.ownerPersonId ?? null,
          ownerName: input.ownerName ?? null,
          dueOn: input.dueOn ?? null,
          createdBy: actorId(ctx.actor),
          createdAt: ctx.now,
        })
        .returning(),
    );
    await ctx.audit({ objectType: 'action_item', objectId: row.id, after: row });
    if (decisionId) await refreshFollowUp(ctx, decisionId);
    await scheduleActionReminder(ctx.tx, row.id, row.dueOn, ctx.now);
    await tellOwner(ctx, row);
    return row;
  },
  async sample(sc) {
    const { actor, meeting, items, db, body } = await sampleMinutes(sc);
    const owner = await fixturePerson(db, 'Ingmar Exempelsson');
    await fixtureMembership(db, { bodyId: body.id, personId: owner.id, role: 'member', startOn: '2020-01-01' });
    const due = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);
    return { actor, input: { meetingId: meeting.id, minuteItemId: items[1]!.id, title: 'Gå vidare i planeringen av konferensen', ownerPersonId: owner.id, ownerName: 'Ingmar', dueOn: due } };
  },
});
