import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { refuseAll, type Refusal } from '../../../platform/refusals.js';
import { bodyForMeetings } from './common.js';
import { meetingTitle, meetingWhenWhere } from '../inputs.js';
import { sampleSetup } from '../../structure/index.js';
import { dayFromNow } from '../samples.js';
import { insertMeeting, placeProblems } from './common.js';

const planYearInput = z.object({
  bodyId: z.uuid(),
  /** The year being planned (for the audit trail and the page); dates may run into the next. */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Used for every meeting that has no title of its own. */
  title: meetingTitle,
  meetings: z
    .array(z.object({ ...meetingWhenWhere, title: meetingTitle }))
    .min(1)
    .max(60),
});

/** meetings.planYear: a body's secretary creates a year's meetings in one step. */
export const planYear = defineCommand({
  name: 'meetings.planYear',
  input: planYearInput,
  async run(ctx, input) {
    const { body } = await bodyForMeetings(ctx, input.bodyId, 'meetings.manage');
    const errors: Refusal[] = input.meetings.flatMap((m, i) => placeProblems(m, `meetings.${i}.`));
    if (errors.length) refuseAll(errors);
    const created = [];
    for (const [i, m] of input.meetings.entries()) {
      created.push(await insertMeeting(ctx, body, { ...m, title: m.title ?? input.title }, { prefix: `meetings.${i}.` }));
    }
    return created;
  },
  async sample(sc) {
    const { actor, body } = await sampleSetup(sc);
    return {
      actor,
      input: {
        bodyId: body.id,
        title: 'Strategiskt möte',
        meetings: [
          { date: dayFromNow(40), startTime: '09:00', endTime: '12:00', format: 'physical' as const, address: 'Eklundavägen 2, Örebro', room: 'Rum 101', notes: 'Fika från 08:30' },
          { date: dayFromNow(80), startTime: '13:00', endTime: '16:00', format: 'digital' as const, link: 'https://meet.example.org/sams' },
        ],
      },
    };
  },
});
