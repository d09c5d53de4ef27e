import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { actorId } from '../../../platform/auth/actor.js';
import { defineCommand } from '../../../platform/commands.js';
import { one } from '../../../platform/db/rows.js';
import { refuse } from '../../../platform/refusals.js';
import { meetingFor, fixtureItem, sampleMeeting, assertOpenForRecording } from '../../meetings/index.js';
import { agendaItems } from '../../meetings/schema.js';
import { publishLiveChange } from '../publish.js';
import { meetingItemTimes, meetingLive } from '../schema.js';

const setCurrentItemInput = z.object({
  meetingId: z.uuid(),
  /** The item taken up now; null pauses (or ends) the meeting. */
  itemId: z.uuid().nullable(),
});

/**
 * live.setCurrentItem: the secretary moves the meeting to an agenda item (or pauses
 * it). The time spent on the previous item is recorded, and everyone following the live
 * view is told when the transaction commits.
 */
export const setCurrentItem = defineCommand({
  name: 'live.setCurrentItem',
  input: setCurrentItemInput,
  async run(ctx, input) {
    const { meeting } = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    if (meeting.status === 'cancelled') refuse('meetingId', 'live.refused.cancelled');
    assertOpenForRecording(meeting, ctx.now);
    if (input.itemId) {
      const [item] = await ctx.tx
        .select({ id: agendaItems.id })
        .from(agendaItems)
        .where(and(eq(agendaItems.id, input.itemId), eq(agendaItems.meetingId, meeting.id)));
      if (!item) refuse('itemId', 'live.refused.notOnAgenda');
    }
    const [before] = await ctx.tx.select().from(meetingLive).where(eq(meetingLive.meetingId, meeting.id)).for('update');
    const unchanged = (before?.currentItemId ?? null) === input.itemId;
    let after = before;
    if (!unchanged) {
      await ctx.tx
        .update(meetingItemTimes)
        .set({ endedAt: ctx.now })
        .where(and(eq(meetingItemTimes.meetingId, meeting.id), isNull(meetingItemTimes.endedAt)));
      if (input.itemId) await ctx.tx.insert(meetingItemTimes).values({ meetingId: meeting.id, itemId: input.itemId, startedAt: ctx.now });
      const values = {
        currentItemId: input.itemId,
        itemStartedAt: input.itemId ? ctx.now : null,
        updatedAt: ctx.now,
        updatedBy: actorId(ctx.actor),
      };
      after = one(
        await ctx.tx
          .insert(meetingLive)
          .values({ meetingId: meeting.id, startedAt: ctx.now, ...values })
          .onConflictDoUpdate({ target: meetingLive.meetingId, set: values })
          .returning(),
      );
      await publishLiveChange(ctx.tx, meeting.id, 'current-item');
    }
    await ctx.audit({
      objectType: 'meeting',
      objectId: meeting.id,
      before: { currentItemId: before?.currentItemId ?? null },
      after: { currentItemId: input.itemId },
    });
    return { meetingId: meeting.id, currentItemId: after?.currentItemId ?? null, itemStartedAt: after?.itemStartedAt ?? null, changed: !unchanged };
  },
  async sample(sc) {
    // A meeting in progress: it began an hour ago (the live view opens once it has started).
    const { actor, meeting, db } = await sampleMeeting(sc, -1 / 24, { status: 'called' });
    const item = await fixtureItem(db, meeting, 1, { title: 'Mötets öppnande' });
    return { actor, input: { meetingId: meeting.id, itemId: item.id } };
  },
});
