// The cases module (ärenden): cases that travel between bodies, decided in the minutes,
// proposed to agendas, with working groups, directives, status reports and activity plans.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import { contribute } from '../../platform/registry.js';
import { AGENDA_SOURCES, MEETING_HOOKS } from '../meetings/index.js';
import { CASE_SUBJECTS, DECISION_HOOKS } from '../minutes/index.js';
import { casesDecisionSubject } from './case-subject.js';
import { casesPolicies } from './policy.js';
import { casesNotificationKinds } from './kinds.js';
import { withSamples } from '../../platform/inbox/kinds.js';
import { casesNoticeSamples } from './notice-samples.js';
import { overdueCheckJob, overdueOnPublish } from './overdue.js';
import { caseDecisionHook, casesAgendaSource, casesWaiting } from './hooks.js';
import { casesHomeSection } from './pages/body.js';
import { casesPages } from './pages/cases.js';
import { casesApi } from './api.js';
import { casesMessages } from './messages.js';
import { caseHistoryAccess, casesAudit } from './audit.js';
import { casesDemo } from './demo.js';
import { LOCAL_NAV } from '../../platform/http/render.js';
import { BODY_TABS, STRUCTURE_TABS } from '../structure/index.js';
import { caseLocalNav, casesBodyTabs, casesStructureTab } from './pages/local-nav.js';
import * as commands from './commands/index.js';

export const casesModule: ModuleManifest = {
  name: 'cases',
  requires: ['structure', 'meetings', 'minutes'],
  commands: commandsIn(commands),
  policies: casesPolicies,
  jobs: [overdueCheckJob],
  notificationKinds: withSamples(casesNotificationKinds, casesNoticeSamples),
  waitingSources: [casesWaiting],
  homeSections: [casesHomeSection],
  routes: [casesPages, casesApi],
  messages: casesMessages,
  demo: [casesDemo],
  decisionSubjects: [{ id: 'cases.transition', label: { sv: 'Ett steg i ett ärende', en: 'A step of a case' } }],
  historyAccess: [caseHistoryAccess],
  contributions: [
    ...casesAudit,
    ...contribute(AGENDA_SOURCES, casesAgendaSource),
    ...contribute(DECISION_HOOKS, caseDecisionHook),
    // The case's number and title, and the steps a decision may carry, for the minutes and the decision register.
    ...contribute(CASE_SUBJECTS, casesDecisionSubject),
    ...contribute(MEETING_HOOKS, overdueOnPublish),
    ...contribute(BODY_TABS, ...casesBodyTabs),
    ...contribute(STRUCTURE_TABS, casesStructureTab),
    ...contribute(LOCAL_NAV, caseLocalNav),
  ],
};
