import type { MeetingLinks } from '../meetings/index.js';

/** The minutes page of a meeting. */
export const minutesLink = (meetingId: string) => `/meetings/${meetingId}/minutes`;

// Once a meeting has started its page links to the minutes, decisions and actions.
export const minutesMeetingLinks: MeetingLinks = {
  order: 30,
  links: ({ meeting, started }) => (started && meeting.status !== 'cancelled' ? { href: minutesLink(meeting.id), label: 'minutes.meetingLink.minutes' } : null),
};
