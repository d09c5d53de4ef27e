import { eq, sql } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { checkVersion, refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { hookContext, meetingRecipients } from '../queries/index.js';
import { meetingFor } from './common.js';
import { runMeetingHooks } from '../hooks.js';
import { optionalVersion } from '../inputs.js';
import { KIND, meetingLabel, notifyPeople } from '../notices.js';
import { meetings } from '../schema.js';
import { sampleMeeting } from '../samples.js';

const cancelMeetingInput = z.object({
  meetingId: z.uuid(),
  version: optionalVersion,
  reason: optionalFreeText({ max: 1000 }),
});

/** meetings.cancel: the meeting will not take place; participants are told and the cancel hooks run. */
export const cancelMeeting = defineCommand({
  name: 'meetings.cancel',
  input: cancelMeetingInput,
  async run(ctx, input) {
    const loaded = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    const before = loaded.meeting;
    checkVersion(before.version, input.version, 'meetings.refusal.stale');
    if (before.status === 'cancelled') refuse('meetingId', 'meetings.refusal.alreadyCancelled');
    if (before.status === 'held') refuse('meetingId', 'meetings.refusal.heldCannotCancel');
    const meeting = one(
      await ctx.tx
        .update(meetings)
        .set({
          status: 'cancelled',
          cancelledAt: ctx.now,
          cancelReason: input.reason ?? null,
          // A published meeting's calendar entry is replaced by its cancellation (SEQUENCE + 1).
          sequence: before.agendaPublishedAt ? sql`${meetings.sequence} + 1` : meetings.sequence,
          updatedAt: ctx.now,
          version: sql`${meetings.version} + 1`,
        })
        .where(eq(meetings.id, before.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'meeting', objectId: before.id, before, after: meeting });
    const hook = await hookContext(ctx, { ...loaded, meeting: meeting });
    await runMeetingHooks('meetingCancelled', hook);
    if (meeting.startsAt.getTime() > ctx.now.getTime()) {
      const recipients = await meetingRecipients(ctx.tx, meeting, { substitutes: true, jointBodyIds: loaded.jointBodyIds });
      await notifyPeople(
        ctx.tx,
        recipients,
        KIND.cancelled,
        (t, lang) => ({
          title: t('meetings.notice.cancelled.title', { meeting: meetingLabel(meeting, lang) }),
          body: input.reason ? t('meetings.notice.cancelled.reason', { reason: input.reason }) : undefined,
        }),
        `/meetings/${meeting.id}`,
        { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: meeting.id, mailedElsewhere: hook.mailed },
      );
    }
    return meeting;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMeeting(sc);
    return { actor, input: { meetingId: meeting.id, reason: 'För få kan delta; punkterna flyttas till nästa möte.' } };
  },
});
