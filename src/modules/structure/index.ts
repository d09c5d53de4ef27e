// The structure module: principals and their organisations, collaboration structures, their
// bodies with mandates, seats and members, CSV import and export, the people directory.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import * as commands from './commands/index.js';
import { structurePolicies } from './policy.js';
import { chairReminderJob } from './reminders.js';
import { personLeftJob } from './jobs.js';
import { importRunJob } from './import/runs.js';
import { bodyHistoryAccess, myBodiesSection, structureAdminLink, structureNav, structurePages, visitorHomeSection } from './pages/index.js';
import { ledBodiesSection } from './pages/home.js';
import { structureApi } from './api.js';
import { contribute } from '../../platform/registry.js';
import { LOCAL_NAV } from '../../platform/http/render.js';
import { BODY_TABS, STRUCTURE_TABS } from './tabs.js';
import { bodyLocalNav, structureBodyTabs, structureLocalNav, structureStructureTabs } from './pages/local-nav.js';
import { structureMessages } from './messages.js';
import { structureDemo } from './demo/seed.js';
import { structureAudit } from './audit.js';

export const structureModule: ModuleManifest = {
  name: 'structure',
  commands: commandsIn(commands),
  policies: structurePolicies,
  jobs: [chairReminderJob, personLeftJob, importRunJob],
  homeSections: [ledBodiesSection, myBodiesSection, visitorHomeSection],
  nav: [structureNav],
  adminLinks: [structureAdminLink],
  historyAccess: [bodyHistoryAccess],
  routes: [structurePages, structureApi],
  contributions: [
    ...structureAudit,
    ...contribute(LOCAL_NAV, bodyLocalNav, structureLocalNav),
    ...contribute(BODY_TABS, ...structureBodyTabs),
    ...contribute(STRUCTURE_TABS, ...structureStructureTabs),
  ],
  messages: structureMessages,
  demo: [structureDemo],
};

// Roles: what a person is in a body (own and inherited), for other modules' access rules.
// Holdings: where other modules list what a leaving person holds, and hand it to the successor.
export { HOLDINGS, type HoldingProvider, type OtherHolding } from './holdings.js';
// Body warnings: what other modules tell about the bodies a person leads (home page, "Grupper du leder").
export { BODY_WARNINGS, type BodyWarning, type BodyWarningContext, type BodyWarningSource } from './body-warnings.js';
// managesBody: the one rule of who manages a body (own managing role, or process leader or secretary of a parent that manages its sub-bodies).
export { rolesOf, managesBody, noBodyRoles, type BodyRoles } from './policy.js';
// Change history: who may read a body's (and its meetings', cases', minutes') history.
export { mayReadBodyHistory } from './audit.js';
// Local navigation: the tabs of a body's and a structure's pages other modules add to, and the body's tabs for a page that belongs to a body (a meeting, a case).
export { BODY_TABS, STRUCTURE_TABS, type BodyTab, type BodyTabContext, type StructureTab, type StructureTabContext } from './tabs.js';
export { bodyNav } from './pages/local-nav.js';
export { bodyTrail } from './crumbs.js';
// Reads: active memberships, sub-bodies, a person's bodies, a structure's organisations.
export { activeOn, bodyWithStructure, subBodies, bodiesOfPerson, organisationsOfStructure } from './queries/index.js';
// Memberships: adding and ending one under the structure's rules (cases appoint working groups).
export { addMembership, endMembership } from './membership-rules.js';
// Command steps: creating a body, and finding a person by id or e-mail (or adding a contact).
export { createBody } from './commands/create-body.js';
export { resolvePerson } from './commands/common.js';
// CSV: writing a spreadsheet-friendly export.
export { writeCsv } from './import/csv.js';
// Samples: the structure a command's sample() builds on, and fixtures for other modules' samples.
export { sampleSetup, fixturePrincipal, fixtureStructure, fixtureBody, fixtureSeat, fixturePerson, fixtureMembership } from './samples.js';
