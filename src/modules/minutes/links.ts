import { registerMeetingLinks } from '../meetings/links.js';

// Once a meeting has started its page links to the minutes, decisions and actions.
registerMeetingLinks(30, ({ meeting, started }) => (started && meeting.status !== 'cancelled' ? { href: `/meetings/${meeting.id}/minutes`, label: 'minutes.meetingLink.minutes' } : null));
