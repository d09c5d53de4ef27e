import type { DbOrTx } from '../../platform/db/client.js';
import { publishEvent } from '../../platform/events.js';
import { onMeetingCancelled, onMeetingChanged, type MeetingHookDef } from '../meetings/index.js';
import { liveTopic } from './state.js';

/**
 * What tells the live view of a meeting to refresh. The current item is published by
 * live.setCurrentItem; agenda and detail changes of a published meeting come through
 * the meetings module's onMeetingChanged hook, a cancellation through onMeetingCancelled.
 *
 * Registry for the meetings module: the hooks run only for published meetings, so agenda
 * commands that change a meeting whose agenda is not yet published may call
 * `publishLiveChange(tx, meetingId)` in their transaction to refresh the live view too.
 */
export async function publishLiveChange(db: DbOrTx, meetingId: string, type: 'current-item' | 'agenda-changed' | 'cancelled' = 'agenda-changed'): Promise<void> {
  await publishEvent(db, { topic: liveTopic(meetingId), type });
}

/** The live view follows published changes and cancellations (contributed to the meetings hooks). */
export const liveMeetingHooks: MeetingHookDef[] = [
  onMeetingChanged((ctx) => publishLiveChange(ctx.tx, ctx.meeting.id, 'agenda-changed')),
  onMeetingCancelled((ctx) => publishLiveChange(ctx.tx, ctx.meeting.id, 'cancelled')),
];
