export { calendarPages } from './pages.js';
export { configureInvitations, registerCalendarInvitations } from './invitations.js';
export { createFeed, revokeFeed } from './commands.js';
