// The cases module (ärenden): cases that travel between bodies, decided in the minutes,
// proposed to agendas, with working groups, directives, status reports and activity plans.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import { contribute } from '../../platform/registry.js';
import { AGENDA_SOURCES, MEETING_HOOKS } from '../meetings/index.js';
import { DECISION_HOOKS } from '../minutes/index.js';
import { casesPolicies } from './policy.js';
import { casesNotificationKinds } from './kinds.js';
import { overdueCheckJob, overdueOnPublish } from './overdue.js';
import { caseDecisionHook, casesAgendaSource, casesWaiting } from './hooks.js';
import { casesHomeSection } from './pages/body.js';
import { casesPages } from './pages/cases.js';
import { casesApi } from './api.js';
import { casesMessages } from './messages.js';
import { casesDemo } from './demo.js';
import * as commands from './commands/index.js';

export const casesModule: ModuleManifest = {
  name: 'cases',
  requires: ['structure', 'meetings', 'minutes'],
  commands: commandsIn(commands),
  policies: casesPolicies,
  jobs: [overdueCheckJob],
  notificationKinds: casesNotificationKinds,
  waitingSources: [casesWaiting],
  homeSections: [casesHomeSection],
  routes: [casesPages, casesApi],
  messages: casesMessages,
  demo: [casesDemo],
  decisionSubjects: [{ id: 'cases.transition', label: { sv: 'Ett steg i ett ärende', en: 'A step of a case' } }],
  contributions: [...contribute(AGENDA_SOURCES, casesAgendaSource), ...contribute(DECISION_HOOKS, caseDecisionHook), ...contribute(MEETING_HOOKS, overdueOnPublish)],
};
