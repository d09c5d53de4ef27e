// The meetings module: planning, agenda dates and notices, submissions, the agenda builder,
// publication, absence and attendance. Its manifest lists what it contributes; it declares
// the extension points other modules contribute to (agenda sources, meeting hooks, meeting links).
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import { contribute } from '../../platform/registry.js';
import * as commands from './commands/index.js';
import { meetingsPolicies } from './policy.js';
import { callOpensJob, deadlineReminderJob, meetingsNotificationKinds, publishReminderJob } from './notices.js';
import { AGENDA_SOURCES, previousMinutesSource, submissionSource, templateSource } from './sources.js';
import { meetingsWaiting } from './waiting.js';
import { meetingsPages } from './pages/index.js';
import { meetingsApi } from './api.js';
import { meetingsMessages } from './messages.js';

export const meetingsModule: ModuleManifest = {
  name: 'meetings',
  requires: ['structure'],
  commands: commandsIn(commands),
  policies: meetingsPolicies,
  jobs: [callOpensJob, deadlineReminderJob, publishReminderJob],
  notificationKinds: meetingsNotificationKinds,
  waitingSources: [meetingsWaiting],
  routes: [meetingsPages, meetingsApi],
  messages: meetingsMessages,
  contributions: contribute(AGENDA_SOURCES, templateSource, submissionSource, previousMinutesSource),
};

export { meetingsPages } from './pages/index.js';
export { meetingsApi } from './api.js';
export { MEETING_HOOKS, onAgendaPublished, onMeetingChanged, onMeetingCancelled, type MeetingHook, type MeetingHookDef, type MeetingHookContext, type MeetingRecipient } from './hooks.js';
export { AGENDA_SOURCES, defineAgendaSource, registerAgendaSource, type AgendaSource, type Proposal } from './sources.js';
export { MEETING_LINKS, type MeetingLinks } from './links.js';
export { timedAgenda } from './agenda.js';
export { evaluateFrequency } from './frequency.js';
export { MAX_ATTACHMENT_BYTES } from './schema.js';
