import type { MeetingLinks } from '../meetings/index.js';

// Once a meeting has started its page links to the minutes, decisions and actions.
export const minutesMeetingLinks: MeetingLinks = {
  order: 30,
  links: ({ meeting, started }) => (started && meeting.status !== 'cancelled' ? { href: `/meetings/${meeting.id}/minutes`, label: 'minutes.meetingLink.minutes' } : null),
};
