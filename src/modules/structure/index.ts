// The structure module: principals and their organisations, collaboration structures, their
// bodies with mandates, seats and members, CSV import and export, the people directory.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import * as commands from './commands/index.js';
import { structurePolicies } from './policy.js';
import { chairReminderJob } from './reminders.js';
import { personLeftJob } from './jobs.js';
import { importRunJob } from './import/runs.js';
import { bodyHistoryAccess, myBodiesSection, principalsHomeSection, structureAdminLink, structureNav, structurePages } from './pages/index.js';
import { structureApi } from './api.js';
import { structureMessages } from './messages.js';
import { structureDemo } from './demo/seed.js';

export const structureModule: ModuleManifest = {
  name: 'structure',
  commands: commandsIn(commands),
  policies: structurePolicies,
  jobs: [chairReminderJob, personLeftJob, importRunJob],
  homeSections: [myBodiesSection, principalsHomeSection],
  nav: [structureNav],
  adminLinks: [structureAdminLink],
  historyAccess: [bodyHistoryAccess],
  routes: [structurePages, structureApi],
  messages: structureMessages,
  demo: [structureDemo],
};

// Roles: what a person is in a body (own and inherited), for other modules' access rules.
// Holdings: where other modules list what a leaving person holds, and hand it to the successor.
export { HOLDINGS, type HoldingProvider, type OtherHolding } from './holdings.js';
export { rolesOf, type BodyRoles } from './policy.js';
// Reads: active memberships, sub-bodies, a person's bodies, a structure's organisations.
export { activeOn, subBodies, bodiesOfPerson, organisationsOfStructure } from './queries/index.js';
// Memberships: adding and ending one under the structure's rules (cases appoint working groups).
export { addMembership, endMembership } from './membership-rules.js';
// Command steps: creating a body, and finding a person by id or e-mail (or adding a contact).
export { createBody } from './commands/create-body.js';
export { resolvePerson } from './commands/common.js';
// CSV: writing a spreadsheet-friendly export.
export { writeCsv } from './import/csv.js';
// Samples: the structure a command's sample() builds on, and fixtures for other modules' samples.
export { sampleSetup, fixturePrincipal, fixtureStructure, fixtureBody, fixtureSeat, fixturePerson, fixtureMembership } from './samples.js';
