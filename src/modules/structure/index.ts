// The structure module: principals and their organisations, collaboration structures, their
// bodies with mandates, seats and members, CSV import and export, the people directory.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import * as commands from './commands/index.js';
import { structurePolicies } from './policy.js';
import { chairReminderJob } from './reminders.js';
import { personLeftJob } from './jobs.js';
import { importRunJob } from './import-runs.js';
import { bodyHistoryAccess, myBodiesSection, structureAdminLink, structureNav, structurePages } from './pages.js';
import { structureApi } from './api.js';
import { structureMessages } from './messages.js';

export const structureModule: ModuleManifest = {
  name: 'structure',
  commands: commandsIn(commands),
  policies: structurePolicies,
  jobs: [chairReminderJob, personLeftJob, importRunJob],
  homeSections: [myBodiesSection],
  nav: [structureNav],
  adminLinks: [structureAdminLink],
  historyAccess: [bodyHistoryAccess],
  routes: [structurePages, structureApi],
  messages: structureMessages,
};

export { HOLDINGS, type HoldingProvider, type OtherHolding } from './holdings.js';
