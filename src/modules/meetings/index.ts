// The meetings module: planning, agenda dates and notices, submissions, the agenda builder,
// publication (with the agenda as PDF and Word), absence and attendance. Its manifest lists what it contributes; it declares
// the extension points other modules contribute to (agenda sources, meeting hooks, meeting links).
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import { contribute } from '../../platform/registry.js';
import * as commands from './commands/index.js';
import { meetingsPolicies } from './policy.js';
import { callOpensJob, deadlineReminderJob, meetingsNotificationKinds, publishReminderJob } from './notices.js';
import { AGENDA_SOURCES, previousMinutesSource, submissionSource, templateSource } from './sources.js';
import { meetingsWaiting } from './queries/index.js';
import { meetingsPages } from './pages/index.js';
import { meetingsApi } from './api.js';
import { agendaDocumentLinks, meetingDocumentRoutes } from './pages/agenda-documents.js';
import { MEETING_LINKS } from './links.js';
import { meetingsMessages } from './messages.js';
import { withSamples } from '../../platform/inbox/kinds.js';
import { meetingsNoticeSamples } from './notice-samples.js';
import { meetingsDemo } from './demo.js';
import { meetingHistoryAccess, meetingsAudit } from './audit.js';
import { LOCAL_NAV } from '../../platform/http/render.js';
import { BODY_TABS, STRUCTURE_TABS } from '../structure/index.js';
import { meetingLocalNav, meetingsBodyTab, meetingsStructureTab } from './pages/local-nav.js';
import { frequencyWarnings, nextMeetingsSection } from './pages/home.js';
import { BODY_WARNINGS } from '../structure/index.js';

export const meetingsModule: ModuleManifest = {
  name: 'meetings',
  requires: ['structure'],
  commands: commandsIn(commands),
  policies: meetingsPolicies,
  jobs: [callOpensJob, deadlineReminderJob, publishReminderJob],
  notificationKinds: withSamples(meetingsNotificationKinds, meetingsNoticeSamples),
  waitingSources: [meetingsWaiting],
  homeSections: [nextMeetingsSection],
  routes: [meetingsPages, meetingsApi, meetingDocumentRoutes],
  messages: meetingsMessages,
  demo: [meetingsDemo],
  historyAccess: [meetingHistoryAccess],
  contributions: [
    ...meetingsAudit,
    ...contribute(AGENDA_SOURCES, templateSource, submissionSource, previousMinutesSource),
    ...contribute(MEETING_LINKS, agendaDocumentLinks),
    ...contribute(BODY_WARNINGS, frequencyWarnings),
    ...contribute(BODY_TABS, meetingsBodyTab),
    ...contribute(STRUCTURE_TABS, meetingsStructureTab),
    ...contribute(LOCAL_NAV, meetingLocalNav),
  ],
};

// Demo data: other modules' demos plan meetings for their own bodies.
export { seedMeetingsForBody } from './demo.js';
export { meetingUid } from './commands/common.js';
export { personActor } from './samples.js';
// The meeting call's text and its preview before publishing
export { CALL_TEXTS, type CallTextSource, type CallText } from './publication.js';
export { MEETING_HOOKS, onAgendaPublished, onMeetingChanged, onMeetingCancelled, type MeetingHookDef, type MeetingHookContext, type MeetingRecipient } from './hooks.js';
export { AGENDA_SOURCES, defineAgendaSource, type Proposal } from './sources.js';
export { MEETING_LINKS, type MeetingLinks } from './links.js';
export { timedAgenda } from './agenda.js';
// Item numbers of the agenda and the minutes (1, 2, 2.1, 2.5.1), unique within a meeting, and the tree order of items
export { itemNumbers, numberConflict, treeOrder, depthOf, descendantsOf, cleanNumber, type NumberedItem } from './numbering.js';
export { MAX_ATTACHMENT_BYTES } from './schema.js';

// Loading a meeting with the actor's roles, its agenda, joint bodies and recipients (for other modules' commands and pages)
export { UUID, loadMeeting, agendaOf, jointBodyIdsOf, meetingRecipients, meetingRoster, type LoadedMeeting } from './queries/index.js';
export { meetingFor } from './commands/common.js';
// Changing a published agenda from another module (inserting an item, the follow-up of a change)
export { insertItem, afterPublishedChange } from './agenda.js';
// The end of the Stockholm day N days before an instant (agenda dates)
export { endOfDayBefore } from './dates.js';
// Agenda-source proposal references
export { proposalRef } from './sources.js';
// What a reader may see of an agenda
export { agendaVisibility, type AgendaVisibility } from './policy.js';
// Minutes, roll call and live view open once a meeting has started (or was registered afterwards)
export { openForRecording, assertOpenForRecording } from './policy.js';
export { refuseNotStarted } from './pages/not-started.js';
// Read queries: visible bodies, structures, joint bodies, attachments
export { visibleBodyIds, structureBySlugOrId, attachmentsOf, attachmentById } from './queries/index.js';
// Page helpers for pages hung under a meeting
export { meetingPage, meetingCrumbs } from './pages/common.js';
export { dateLabel } from './pages/meeting-pages.js';
// The roles called to a meeting
export { calledRoles } from './policy.js';
// Form input parsers shared by meeting forms
export { checkbox, optionalDay, optionalUuid, presentersInput, presentersFromForm } from './inputs.js';
// Presenters of items: stored form, the form rows and their text
export { resolvePresenters, type PresenterInput } from './commands/common.js';
export { PresenterFields, presenterNames, presenterValues } from './views/presenters.js';
// Notice labels
export { meetingLabel } from './notices.js';
// Sample and fixture meetings and agenda items (command sample() functions)
export { sampleMeeting, fixtureMeeting, fixtureItem } from './samples.js';
