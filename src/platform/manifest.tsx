import type { ModuleManifest } from './modules.js';
import { commandsIn } from './commands.js';
import { platformPolicies } from './auth/authorize.js';
import { mailJob } from './mail.js';
import { digestJob } from './inbox/digest.js';
import { platformNotificationKinds } from './inbox/kinds.js';
import { waitingHomeSection } from './inbox/home-section.js';
import { overviewApi } from './views/overview-api.js';
import { AccountMenu } from './auth/account-menu.js';
import { personHistoryAccess } from './auth/admin-pages.js';
import * as people from './auth/commands/people.js';
import * as apiTokens from './auth/commands/api-tokens.js';
import * as loginOidc from './auth/commands/login-oidc.js';
import * as login from './auth/commands/login.js';
import * as logout from './auth/commands/logout.js';
import * as password from './auth/commands/password.js';
import * as markAllRead from './inbox/commands/mark-all-read.js';
import * as markRead from './inbox/commands/mark-read.js';
import * as preferences from './inbox/commands/set-preferences.js';
import { demoAccountsStep } from './demo/seed.js';
import { contribute } from './registry.js';
import { AUDIT_LABELS } from './audit/labels.js';
import { AUDIT_NAMES } from './audit/history.js';
import { peopleNames, platformAuditLabels } from './audit/platform-labels.js';

/**
 * What the platform itself contributes, listed first by the composition root: identity and
 * the inbox (their commands, rules, jobs and notification kinds), the outbox's mail job, the
 * "waiting for you" section of the home page, GET /api/me/overview (the home page's
 * sections as JSON) and the header's account area.
 */
export const platformModule: ModuleManifest = {
  name: 'platform',
  commands: [people, apiTokens, loginOidc, login, logout, password, markAllRead, markRead, preferences].flatMap((exports) => commandsIn(exports)),
  policies: platformPolicies,
  jobs: [mailJob, digestJob],
  notificationKinds: platformNotificationKinds,
  homeSections: [waitingHomeSection],
  routes: [overviewApi],
  accountArea: (c) => <AccountMenu c={c} />,
  historyAccess: [personHistoryAccess],
  demo: [demoAccountsStep],
  contributions: [...contribute(AUDIT_LABELS, platformAuditLabels), ...contribute(AUDIT_NAMES, peopleNames)],
};
