// The meetings module: planning, agenda dates and notices, submissions, the agenda builder,
// publication, absence and attendance. Importing it registers its commands, jobs,
// notification kinds, waiting source and agenda sources.
import './policy.js';
import './notices.js';
import './sources.js';
import './waiting.js';
import './commands/index.js';

export { meetingsPages } from './pages/index.js';
export { meetingsApi } from './api.js';
export { onAgendaPublished, onMeetingChanged, onMeetingCancelled, type MeetingHook, type MeetingHookContext, type MeetingRecipient } from './hooks.js';
export { registerAgendaSource, type AgendaSource, type Proposal } from './sources.js';
export { timedAgenda } from './agenda.js';
export { evaluateFrequency } from './frequency.js';
export { MAX_ATTACHMENT_BYTES } from './schema.js';
