// The calendar module: invitations (iCalendar by e-mail) that follow each meeting, and
// personal calendar feeds.
import type { ModuleManifest } from '../../platform/modules.js';
import { contribute } from '../../platform/registry.js';
import { MEETING_HOOKS } from '../meetings/index.js';
import { createFeed, revokeFeed } from './commands.js';
import { invitationHooks } from './invitations.js';
import { calendarPages } from './pages.js';
import { calendarMessages } from './messages.js';

export const calendarModule: ModuleManifest = {
  name: 'calendar',
  requires: ['structure', 'meetings'],
  commands: [createFeed, revokeFeed],
  routes: [calendarPages],
  messages: calendarMessages,
  contributions: contribute(MEETING_HOOKS, ...invitationHooks),
};

export { calendarPages } from './pages.js';
export { createFeed, revokeFeed } from './commands.js';
