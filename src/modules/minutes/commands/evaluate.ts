import { actorId } from '../../../platform/auth/actor.js';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../platform/auth/authorize.js';
import { defineCommand } from '../../../platform/commands.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { refuse } from '../../../platform/refusals.js';
import { one } from '../../../platform/db/rows.js';
import { loadMeeting, fixtureMeeting } from '../../meetings/index.js';
import { attendance } from '../../meetings/schema.js';
import { sampleSetup } from '../../structure/index.js';
import { attended } from '../queries/index.js';
import { minutesTarget } from '../policy.js';
import { meetingEvaluations } from '../schema.js';

export const evaluateInput = z.object({
  meetingId: z.uuid(),
  forward: optionalFreeText({ max: 2000 }),
  hindered: optionalFreeText({ max: 2000 }),
});

/** minutes.evaluate: an attendee answers the short evaluation of a meeting (again to change the answer). */
export const evaluateMeeting = defineCommand({
  name: 'minutes.evaluate',
  input: evaluateInput,
  labels: (t) => ({ forward: t('minutes.evaluation.forward'), hindered: t('minutes.evaluation.hindered') }),
  async run(ctx, input) {
    const loaded = await loadMeeting(ctx.tx, ctx.actor, input.meetingId, ctx.now);
    const personId = actorId(ctx.actor);
    const wasThere = personId ? await attended(ctx.tx, loaded.meeting.id, personId) : false;
    authorize(ctx.actor, 'minutes.evaluate', { ...minutesTarget(loaded, 'minutes.evaluate'), attended: wasThere });
    if (loaded.meeting.startsAt.getTime() > ctx.now.getTime()) refuse('meetingId', 'minutes.refusal.meetingNotStarted');
    if (!input.forward && !input.hindered) refuse('forward', 'minutes.refusal.evaluationEmpty');
    const values = { forward: input.forward ?? null, hindered: input.hindered ?? null, updatedAt: ctx.now };
    const [before] = await ctx.tx
      .select()
      .from(meetingEvaluations)
      .where(and(eq(meetingEvaluations.meetingId, loaded.meeting.id), eq(meetingEvaluations.personId, personId!)));
    const row = one(
      await ctx.tx
        .insert(meetingEvaluations)
        .values({ meetingId: loaded.meeting.id, personId: personId!, ...values, createdAt: ctx.now })
        .onConflictDoUpdate({ target: [meetingEvaluations.meetingId, meetingEvaluations.personId], set: values })
        .returning(),
    );
    await ctx.audit({ objectType: 'meeting_evaluation', objectId: row.id, before: before ?? null, after: row });
    return row;
  },
  async sample(sc) {
    const { db, body } = await sampleSetup(sc);
    const actor = await sc.admin();
    const meeting = await fixtureMeeting(db, body, -2, { status: 'held' });
    await db.insert(attendance).values({ meetingId: meeting.id, personId: actor.kind === 'person' ? actor.personId : null, status: 'present' });
    return { actor, input: { meetingId: meeting.id, forward: 'Tydlig tidsatt agenda', hindered: 'Lång dag i cyberrymden' } };
  },
});
