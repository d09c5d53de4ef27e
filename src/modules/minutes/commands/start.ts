import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../platform/auth/authorize.js';
import { defineCommand } from '../../../platform/commands.js';
import { conflict, refuse } from '../../../platform/refusals.js';
import { one } from '../../../platform/db/rows.js';
import { activeOn } from '../../structure/index.js';
import { memberships } from '../../structure/schema.js';
import { loadMeeting, fixtureItem, sampleMeeting, assertOpenForRecording } from '../../meetings/index.js';
import { stockholmDay } from '../../../platform/time.js';
import { minutesOf } from '../queries/index.js';
import { minutesTarget } from '../policy.js';
import { minutes } from '../schema.js';
import { syncItems } from './common.js';

const startMinutesInput = z.object({ meetingId: z.uuid() });

/**
 * minutes.start: the secretary starts the minutes of a meeting: minnesanteckningar or
 * protokoll as the body's mandate says, an entry per agenda item, the body's chair on the
 * meeting day as the chair who approves, and the writer as note taker.
 */
export const startMinutes = defineCommand({
  name: 'minutes.start',
  input: startMinutesInput,
  async run(ctx, input) {
    const loaded = await loadMeeting(ctx.tx, ctx.actor, input.meetingId, ctx.now, true);
    authorize(ctx.actor, 'minutes.write', minutesTarget(loaded, 'minutes.write'));
    if (loaded.meeting.status === 'cancelled') refuse('meetingId', 'minutes.refusal.meetingCancelled');
    assertOpenForRecording(loaded.meeting, ctx.now);
    if (await minutesOf(ctx.tx, loaded.meeting.id)) conflict('minutes.refusal.exists', undefined, 'exists');
    const [chair] = await ctx.tx
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.bodyId, loaded.body.id), eq(memberships.role, 'chair'), activeOn(stockholmDay(loaded.meeting.startsAt))))
      .limit(1);
    const row = one(
      await ctx.tx
        .insert(minutes)
        .values({
          meetingId: loaded.meeting.id,
          bodyId: loaded.body.id,
          structureId: loaded.body.structureId,
          kind: loaded.body.minutesKind,
          chairPersonId: chair?.personId ?? null,
          noteTakers: ctx.actor.kind === 'person' ? [{ personId: ctx.actor.personId, name: ctx.actor.name }] : [],
          createdBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning(),
    );
    await syncItems(ctx, loaded.meeting.id, row);
    await ctx.audit({ objectType: 'minutes', objectId: row.id, after: row });
    return row;
  },
  async sample(sc) {
    const { actor, meeting, db } = await sampleMeeting(sc, -3, { status: 'held' });
    await fixtureItem(db, meeting, 1, { title: 'Mötets öppnande', source: 'template' });
    return { actor, input: { meetingId: meeting.id } };
  },
});
