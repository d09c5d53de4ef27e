// The calendar module: invitations (iCalendar by e-mail) that follow each meeting, and
// personal calendar feeds.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import { contribute } from '../../platform/registry.js';
import { MEETING_HOOKS } from '../meetings/index.js';
import * as commands from './commands/index.js';
import { invitationHooks } from './invitations.js';
import { calendarPages } from './pages/index.js';
import { calendarMessages } from './messages.js';

export const calendarModule: ModuleManifest = {
  name: 'calendar',
  requires: ['structure', 'meetings'],
  commands: commandsIn(commands),
  routes: [calendarPages],
  messages: calendarMessages,
  contributions: contribute(MEETING_HOOKS, ...invitationHooks),
};
