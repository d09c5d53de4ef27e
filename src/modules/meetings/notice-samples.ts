import type { NoticeSample } from '../../platform/inbox/kinds.js';
import { formatLongDate, formatTime } from '../../platform/time.js';
import { KIND, deadlineLabel, meetingLabel } from './notices.js';

/*
 * How each kind of meeting notice reads, with invented data, through the same message keys
 * and labels as the notices themselves (notices.ts and the commands that send them). The
 * test over every registered notification kind renders these for an English and a Swedish
 * reader.
 */

const meeting = { title: 'Steering group', startsAt: new Date('2026-03-12T08:00:00Z') };
const endsAt = new Date('2026-03-12T10:00:00Z');
const deadline = new Date('2026-03-05T22:59:00Z');

export const meetingsNoticeSamples: Record<string, NoticeSample> = {
  [KIND.callOpened]: (t, lang) => ({
    title: t('meetings.notice.callOpened.title', { meeting: meetingLabel(meeting, lang) }),
    body: t('meetings.notice.callOpened.body', { deadline: deadlineLabel(deadline, lang) }),
  }),
  [KIND.deadlineReminder]: (t, lang) => ({
    title: t('meetings.notice.deadline.title', { meeting: meetingLabel(meeting, lang) }),
    body: t('meetings.notice.deadline.body', { deadline: deadlineLabel(deadline, lang) }),
  }),
  [KIND.publishReminder]: (t, lang) => ({
    title: t('meetings.notice.publishReminder.title', { meeting: meetingLabel(meeting, lang) }),
    body: t('meetings.notice.publishReminder.body', { date: deadlineLabel(deadline, lang) }),
  }),
  [KIND.agendaPublished]: (t, lang) => ({
    title: t('meetings.notice.published.title', { meeting: meetingLabel(meeting, lang) }),
    body: [t('meetings.notice.published.body', { count: 1 }), t('meetings.notice.published.body', { count: 7 })].join(' '),
  }),
  [KIND.submissionDeclined]: (t, lang) => ({
    title: [
      t('meetings.notice.declined.title', { title: 'Staffing over the summer', meeting: meetingLabel(meeting, lang) }),
      t('meetings.notice.merged.title', { title: 'Staffing over the summer', meeting: meetingLabel(meeting, lang) }),
    ].join(' / '),
    body: 'Thank you, we take it up in May.',
  }),
  [KIND.substituteCalled]: (t, lang) => ({
    title: t('meetings.notice.substitute.title', { meeting: meetingLabel(meeting, lang) }),
    body: t('meetings.notice.substitute.body', { member: 'Alex Example' }),
  }),
  [KIND.absenceReported]: (t, lang) => ({
    title: t('meetings.notice.absence.title', { member: 'Alex Example', meeting: meetingLabel(meeting, lang) }),
    body: [t('meetings.notice.absence.substitute', { substitute: 'Robin Example' }), t('meetings.notice.absence.noSubstitute', { member: 'Alex Example' }), t('meetings.notice.absence.views')].join(
      ' ',
    ),
  }),
  [KIND.changed]: (t, lang) => ({
    title: t('meetings.notice.changed.title', { meeting: meetingLabel(meeting, lang) }),
    body: t('meetings.notice.changed.body', { when: `${formatLongDate(meeting.startsAt, lang)} ${formatTime(meeting.startsAt)}–${formatTime(endsAt)}`, where: 'Town hall, Room 2' }),
  }),
  [KIND.cancelled]: (t, lang) => ({
    title: t('meetings.notice.cancelled.title', { meeting: meetingLabel(meeting, lang) }),
    body: t('meetings.notice.cancelled.reason', { reason: 'Too few can attend.' }),
  }),
};
