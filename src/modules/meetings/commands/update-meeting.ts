import { eq, sql } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { checkVersion, refuse, refuseAll } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { formatLongDate, formatTime } from '../../../platform/time.js';
import { meetingFor } from './common.js';
import { meetingRecipients } from '../queries/index.js';
import { afterPublishedChange } from '../agenda.js';
import { agendaDates, endOfDayBefore } from '../dates.js';
import { stockholmDay, stockholmInstant } from '../../../platform/time.js';
import { meetingTitle, meetingWhenWhere, optionalClockTime, optionalDay, optionalVersion } from '../inputs.js';
import { today } from '../../../platform/days.js';
import { KIND, meetingLabel, notifyPeople, scheduleAgendaNotices } from '../notices.js';
import { meetings } from '../schema.js';
import { sampleMeeting } from '../samples.js';
import { dayFromNow } from '../samples.js';
import { instantsOf, placeColumns, placeProblems } from './common.js';

const updateMeetingInput = z.object({
  meetingId: z.uuid(),
  version: optionalVersion,
  title: meetingTitle,
  ...meetingWhenWhere,
  /** Optional only for a meeting registered afterwards: left out (both), only its day is kept. */
  startTime: optionalClockTime,
  endTime: optionalClockTime,
  /** The three agenda dates, each ending 23:59; computed from the body's settings when left out. */
  callOpensDate: optionalDay,
  submissionDeadlineDate: optionalDay,
  agendaPublishDate: optionalDay,
});

const endOfDay = (day: string) => new Date(stockholmInstant(day, '23:59').getTime() + 59_999);

/** meetings.update: time, place and agenda dates of a meeting; a published meeting's change is sent out again. */
export const updateMeeting = defineCommand({
  name: 'meetings.update',
  input: updateMeetingInput,
  async run(ctx, input) {
    const loaded = await meetingFor(ctx, input.meetingId, 'meetings.manage');
    const before = loaded.meeting;
    checkVersion(before.version, input.version, 'meetings.refusal.stale');
    if (before.status === 'cancelled') refuse('meetingId', 'meetings.refusal.cancelledCannotChange');
    // A meeting registered afterwards may be known by its day only; a planned one needs its times.
    if (!input.startTime !== !input.endTime || (!input.startTime && !before.registeredAfterwards)) refuse(input.startTime ? 'endTime' : 'startTime', 'meetings.refusal.timesBoth');
    const timesKnown = !!input.startTime;
    const when = timesKnown ? { ...input, startTime: input.startTime!, endTime: input.endTime! } : { ...input, startTime: '00:00', endTime: '23:59' };
    const errors = placeProblems(when);
    if (errors.length) refuseAll(errors);
    const { startsAt, endsAt } = instantsOf(when);

    let dates: { callOpensOn: Date | null; submissionDeadline: Date | null; agendaPublishOn: Date | null } = {
      callOpensOn: before.callOpensOn,
      submissionDeadline: before.submissionDeadline,
      agendaPublishOn: before.agendaPublishOn,
    };
    if (!before.registeredAfterwards) {
      const moved = stockholmDay(startsAt) !== stockholmDay(before.startsAt);
      const computed = agendaDates(startsAt, loaded.body);
      const pick = (given: string | undefined, current: Date | null, fallback: Date) => (given ? endOfDay(given) : moved || !current ? fallback : current);
      dates = {
        callOpensOn: pick(input.callOpensDate, before.callOpensOn, computed.callOpensOn),
        submissionDeadline: pick(input.submissionDeadlineDate, before.submissionDeadline, computed.submissionDeadline),
        agendaPublishOn: pick(input.agendaPublishDate, before.agendaPublishOn, computed.agendaPublishOn),
      };
      const latest = endOfDayBefore(startsAt, 0).getTime();
      if (dates.callOpensOn!.getTime() > dates.submissionDeadline!.getTime()) refuse('submissionDeadlineDate', 'meetings.refusal.deadlineBeforeCall');
      if (dates.submissionDeadline!.getTime() > dates.agendaPublishOn!.getTime()) refuse('agendaPublishDate', 'meetings.refusal.publishBeforeDeadline');
      if (dates.agendaPublishOn!.getTime() > latest) refuse('agendaPublishDate', 'meetings.refusal.publishAfterMeeting');
    }
    if (before.registeredAfterwards && (timesKnown ? startsAt.getTime() > ctx.now.getTime() : input.date > today(ctx.now))) refuse('date', 'meetings.refusal.pastToFuture');

    const meeting = one(
      await ctx.tx
        .update(meetings)
        .set({
          title: input.title ?? before.title,
          startsAt,
          endsAt,
          timesKnown,
          ...placeColumns(when),
          ...dates,
          updatedAt: ctx.now,
          version: sql`${meetings.version} + 1`,
        })
        .where(eq(meetings.id, before.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'meeting', objectId: before.id, before, after: meeting });

    const timeOrPlace =
      startsAt.getTime() !== before.startsAt.getTime() ||
      endsAt.getTime() !== before.endsAt.getTime() ||
      meeting.format !== before.format ||
      meeting.address !== before.address ||
      meeting.room !== before.room ||
      meeting.link !== before.link;
    const detailsChanged = timeOrPlace || meeting.title !== before.title || meeting.notes !== before.notes;
    let result = meeting;
    const mailed = new Set<string>();
    if (detailsChanged) result = await afterPublishedChange(ctx, { ...loaded, meeting: meeting }, ['details'], before, mailed);
    if (timeOrPlace && result.startsAt.getTime() > ctx.now.getTime() && (before.agendaPublishedAt || (before.callOpensOn && before.callOpensOn.getTime() <= ctx.now.getTime()))) {
      const recipients = await meetingRecipients(ctx.tx, result, { substitutes: true, jointBodyIds: loaded.jointBodyIds });
      await notifyPeople(
        ctx.tx,
        recipients,
        KIND.changed,
        (t, lang) => ({
          title: t('meetings.notice.changed.title', { meeting: meetingLabel(result, lang) }),
          body: t('meetings.notice.changed.body', {
            when: `${formatLongDate(result.startsAt, lang)} ${formatTime(result.startsAt)}–${formatTime(result.endsAt)}`,
            where: [result.address, result.room, result.link].filter(Boolean).join(', ') || '–',
          }),
        }),
        `/meetings/${result.id}`,
        { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: result.id, mailedElsewhere: mailed },
      );
    }
    await scheduleAgendaNotices(ctx.tx, result, ctx.now);
    return result;
  },
  async sample(sc) {
    const { actor, meeting } = await sampleMeeting(sc);
    return {
      actor,
      input: {
        meetingId: meeting.id,
        version: meeting.version,
        title: 'Flyttat möte',
        date: dayFromNow(35),
        startTime: '10:00',
        endTime: '12:00',
        format: 'physical' as const,
        address: 'Region Örebro län, Eklundavägen 2',
        room: 'Rum 202',
        notes: 'Nytt rum',
      },
    };
  },
});
