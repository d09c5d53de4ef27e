import { z } from 'zod';
import { refuse } from '../../../platform/refusals.js';
import { defineCommand } from '../../../platform/commands.js';
import { today } from '../../../platform/days.js';
import { bodyForMeetings } from './common.js';
import { meetingTitle, meetingWhenWhere, optionalClockTime } from '../inputs.js';
import { sampleSetup } from '../../structure/index.js';
import { dayFromNow } from '../samples.js';
import { insertMeeting, instantsOf } from './common.js';

const registerPastInput = z.object({
  bodyId: z.uuid(),
  title: meetingTitle,
  ...meetingWhenWhere,
  /** Optional: a meeting registered afterwards may be known by its day only. */
  startTime: optionalClockTime,
  endTime: optionalClockTime,
});

/** The whole day in Stockholm, for a meeting whose times are not known. */
const WHOLE_DAY = { startTime: '00:00', endTime: '23:59' };

/**
 * meetings.registerPast: a meeting that has already taken place, registered afterwards: held,
 * no agenda dates and so no notices. The times may be left out (both): the meeting then keeps
 * its day only (times_known false) and pages, documents and calendars show the date alone.
 */
export const registerPastMeeting = defineCommand({
  name: 'meetings.registerPast',
  input: registerPastInput,
  async run(ctx, input) {
    const { body } = await bodyForMeetings(ctx, input.bodyId, 'meetings.manage');
    if (!input.startTime !== !input.endTime) refuse(input.startTime ? 'endTime' : 'startTime', 'meetings.refusal.timesBoth');
    const timesKnown = !!input.startTime;
    const when = timesKnown ? { ...input, startTime: input.startTime!, endTime: input.endTime! } : { ...input, ...WHOLE_DAY };
    const { startsAt } = instantsOf(when);
    if (timesKnown ? startsAt.getTime() > ctx.now.getTime() : input.date > today(ctx.now)) refuse('date', 'meetings.refusal.notYetHeld');
    return insertMeeting(ctx, body, when, { registeredAfterwards: true, timesKnown });
  },
  async sample(sc) {
    const { actor, body } = await sampleSetup(sc);
    return {
      actor,
      input: { bodyId: body.id, title: 'Möte som registreras i efterhand', date: dayFromNow(-20), startTime: '13:00', endTime: '16:00', format: 'digital' as const, notes: 'Digitalt via Zoom' },
    };
  },
});
