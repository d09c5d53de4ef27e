import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { refuseAll } from '../../../platform/refusals.js';
import { bodyForMeetings } from './common.js';
import { checkbox, meetingTitle, meetingWhenWhere } from '../inputs.js';
import { sampleSetup, fixtureBody } from '../../structure/index.js';
import { dayFromNow } from '../samples.js';
import { insertMeeting, placeProblems } from './common.js';
import type { Text } from '../../../platform/http/errors.js';
import type { Meeting } from '../schema.js';
import { formatDate } from '../../../platform/time.js';
import { translator } from '../../../platform/i18n/index.js';

/**
 * The agenda dates of a planned meeting that have already passed when it is planned (a meeting
 * planned at short notice): no notice goes out for them. One warning naming them, or none.
 * The page shows it as a flash, the API as `warnings`.
 */
export function passedAgendaDates(meeting: Pick<Meeting, 'status' | 'registeredAfterwards' | 'callOpensOn' | 'submissionDeadline' | 'agendaPublishOn'>, now: Date): Text[] {
  if (meeting.registeredAfterwards || meeting.status === 'held' || meeting.status === 'cancelled') return [];
  const dates = [
    ['meetings.dates.callOpens', meeting.callOpensOn],
    ['meetings.dates.submissionDeadline', meeting.submissionDeadline],
    ['meetings.dates.agendaPublish', meeting.agendaPublishOn],
  ] as const;
  const passed = dates.filter(([, d]) => d && d.getTime() <= now.getTime());
  if (!passed.length) return [];
  const named = (lang: 'sv' | 'en') => passed.map(([key, d]) => `${translator(lang)(key).toLowerCase()} ${formatDate(d!)}`).join(', ');
  return [{ key: 'meetings.warning.datesPassed', params: { dates: { sv: named('sv'), en: named('en') } } }];
}

const createMeetingInput = z.object({
  bodyId: z.uuid(),
  title: meetingTitle,
  ...meetingWhenWhere,
  isJoint: checkbox.default(false),
  /** The other bodies of a joint meeting (e.g. the body's sub-bodies). */
  jointBodyIds: z.array(z.uuid()).max(50).default([]),
});

/** meetings.create: one planned meeting (a joint one when other bodies take part). */
export const createMeeting = defineCommand({
  name: 'meetings.create',
  input: createMeetingInput,
  async run(ctx, input) {
    const { body } = await bodyForMeetings(ctx, input.bodyId, 'meetings.manage');
    const errors = placeProblems(input);
    if (errors.length) refuseAll(errors);
    return insertMeeting(ctx, body, input);
  },
  async sample(sc) {
    const { actor, body, db, structure } = await sampleSetup(sc);
    const sub = await fixtureBody(db, structure.id, { parentId: body.id, level: 'operational' });
    return {
      actor,
      input: {
        bodyId: body.id,
        title: 'Gemensamt möte med de operativa grupperna',
        date: dayFromNow(50),
        startTime: '09:00',
        endTime: '15:00',
        format: 'hybrid' as const,
        address: 'Konferens Lindesberg',
        link: 'https://meet.example.org/gemensamt',
        isJoint: true,
        jointBodyIds: [sub.id],
      },
    };
  },
});
