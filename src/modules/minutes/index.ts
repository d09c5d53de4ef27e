// The minutes module: minutes per agenda item, decisions and their register, actions,
// approval (justering), locked versions with their digest, evaluation, publishing. It
// declares the decision hooks other modules contribute to.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import { BODY_WARNINGS, HOLDINGS } from '../structure/index.js';
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
import { withSamples } from '../../platform/inbox/kinds.js';
import { minutesNoticeSamples } from './notice-samples.js';
import { minutesAudit, minutesHistoryAccess } from './audit.js';
import { minutesDemo } from './demo.js';
import { LOCAL_NAV } from '../../platform/http/render.js';
import { PERSON_MENU } from '../../platform/auth/account-menu.js';
import { BODY_TABS, STRUCTURE_TABS } from '../structure/index.js';
import { decisionLocalNav, minutesBodyTabs, minutesStructureTab } from './pages/local-nav.js';
import { myActionsSection } from './pages/home.js';
import { minutesWarnings } from './follow-up.js';

export const minutesModule: ModuleManifest = {
  name: 'minutes',
  requires: ['structure', 'meetings'],
  commands: commandsIn(commands),
  policies: minutesPolicies,
  jobs: [approvalReminderJob, actionReminderJob],
  notificationKinds: withSamples(minutesNotificationKinds, minutesNoticeSamples),
  waitingSources: [minutesWaiting],
  homeSections: [myActionsSection],
  routes: [minutesPages, minutesApi],
  messages: minutesMessages,
  demo: [minutesDemo],
  historyAccess: [minutesHistoryAccess],
  contributions: [
    ...minutesAudit,
    ...contribute(BODY_TABS, ...minutesBodyTabs),
    ...contribute(STRUCTURE_TABS, minutesStructureTab),
    ...contribute(LOCAL_NAV, decisionLocalNav),
    // The person's open actions, in the header's menu of the signed-in person.
    ...contribute(PERSON_MENU, (c) => (c.get('actor').kind === 'person' ? [{ href: '/actions', label: c.get('t')('minutes.myActions.title') }] : [])),
    ...contribute(AGENDA_SOURCES, tabledSource, actionsSource),
    ...contribute(MEETING_LINKS, minutesMeetingLinks),
    ...contribute(HOLDINGS, minutesHoldingProvider),
    ...contribute(BODY_WARNINGS, minutesWarnings),
  ],
};

export { DECISION_HOOKS, type DecisionHook } from './hooks.js';
// The case a decision is taken on: its number and title, and the steps a decision may carry (the cases module contributes)
export { CASE_SUBJECTS, type CaseSubjectSource, type CaseRef, type CaseStepChoice } from './case-subjects.js';
// Demo data: minutes for the meetings other modules' demos hold.
export { seedMinutes } from './demo.js';
// The numbers of minutes items ("2.1", or "§ 14" where the body numbers by paragraph) and a decision's label ("§ 14" or "SAMS 2026:12")
export { minutesNumbers, minuteItemNumbers, decisionLabel, paragraphLabel } from './numbering.js';
