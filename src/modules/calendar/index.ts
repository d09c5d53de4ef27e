// The calendar module: invitations (iCalendar by e-mail) that follow each meeting, and
// personal calendar feeds.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import { contribute } from '../../platform/registry.js';
import { CALL_TEXTS, MEETING_HOOKS } from '../meetings/index.js';
import * as commands from './commands/index.js';
import { invitationHooks, invitationText } from './invitations.js';
import { calendarPages } from './pages/index.js';
import { calendarMessages } from './messages.js';
import { calendarAudit } from './audit.js';
import { PERSON_MENU } from '../../platform/auth/account-menu.js';

export const calendarModule: ModuleManifest = {
  name: 'calendar',
  requires: ['structure', 'meetings'],
  commands: commandsIn(commands),
  routes: [calendarPages],
  messages: calendarMessages,
  contributions: [
    ...calendarAudit,
    ...contribute(MEETING_HOOKS, ...invitationHooks),
    // The invitation is the meeting call the secretary previews before publishing the agenda.
    ...contribute(CALL_TEXTS, invitationText),
    // The person's calendar links, in the header's menu of the signed-in person.
    ...contribute(PERSON_MENU, (c) => (c.get('actor').kind === 'person' ? [{ href: '/calendar', label: c.get('t')('calendar.title') }] : [])),
  ],
};
