import { z } from 'zod';
import { refuse } from '../../../platform/refusals.js';
import { defineCommand } from '../../../platform/commands.js';
import { bodyForMeetings } from './common.js';
import { meetingTitle, meetingWhenWhere } from '../inputs.js';
import { sampleSetup } from '../../structure/index.js';
import { dayFromNow } from '../samples.js';
import { insertMeeting, instantsOf } from './common.js';

const registerPastInput = z.object({
  bodyId: z.uuid(),
  title: meetingTitle,
  ...meetingWhenWhere,
});

/** meetings.registerPast: a meeting that has already taken place, registered afterwards (no agenda dates, no notices). */
export const registerPastMeeting = defineCommand({
  name: 'meetings.registerPast',
  input: registerPastInput,
  async run(ctx, input) {
    const { body } = await bodyForMeetings(ctx, input.bodyId, 'meetings.manage');
    const { startsAt } = instantsOf(input);
    if (startsAt.getTime() > ctx.now.getTime()) refuse('date', 'meetings.refusal.notYetHeld');
    return insertMeeting(ctx, body, input, { registeredAfterwards: true });
  },
  async sample(sc) {
    const { actor, body } = await sampleSetup(sc);
    return {
      actor,
      input: { bodyId: body.id, title: 'Möte som registreras i efterhand', date: dayFromNow(-20), startTime: '13:00', endTime: '16:00', format: 'digital' as const, notes: 'Digitalt via Zoom' },
    };
  },
});
