// The minutes module: minutes per agenda item, decisions and their register, actions,
// approval (justering), locked versions with their digest, evaluation, publishing. It
// declares the decision hooks other modules contribute to.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import { HOLDINGS } from '../structure/index.js';
import { minutesHoldingProvider } from './holdings.js';
import { contribute } from '../../platform/registry.js';
import { AGENDA_SOURCES, MEETING_LINKS } from '../meetings/index.js';
import * as commands from './commands/index.js';
import { minutesPolicies } from './policy.js';
import { actionReminderJob, approvalReminderJob, minutesNotificationKinds, minutesWaiting } from './notices.js';
import { actionsSource, tabledSource } from './sources.js';
import { minutesMeetingLinks } from './links.js';
import { minutesPages } from './pages/index.js';
import { minutesApi } from './api.js';
import { minutesMessages } from './messages.js';
import { minutesDemo } from './demo.js';

export const minutesModule: ModuleManifest = {
  name: 'minutes',
  requires: ['structure', 'meetings'],
  commands: commandsIn(commands),
  policies: minutesPolicies,
  jobs: [approvalReminderJob, actionReminderJob],
  notificationKinds: minutesNotificationKinds,
  waitingSources: [minutesWaiting],
  routes: [minutesPages, minutesApi],
  messages: minutesMessages,
  demo: [minutesDemo],
  contributions: [...contribute(AGENDA_SOURCES, tabledSource, actionsSource), ...contribute(MEETING_LINKS, minutesMeetingLinks), ...contribute(HOLDINGS, minutesHoldingProvider)],
};

export { DECISION_HOOKS, type DecisionHook } from './hooks.js';
// Demo data: minutes for the meetings other modules' demos hold.
export { seedMinutes } from './demo.js';
