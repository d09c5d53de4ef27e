// The live view of a meeting: the current item and the agenda as it changes.
import type { ModuleManifest } from '../../platform/modules.js';
import { commandsIn } from '../../platform/commands.js';
import { contribute } from '../../platform/registry.js';
import { MEETING_HOOKS, MEETING_LINKS } from '../meetings/index.js';
import * as commands from './commands/index.js';
import { liveMeetingHooks } from './publish.js';
import { liveMeetingLinks, livePages } from './pages/index.js';
import { liveApi } from './api.js';
import { liveMessages } from './messages.js';
import { liveAudit } from './audit.js';

export const liveModule: ModuleManifest = {
  name: 'live',
  requires: ['structure', 'meetings'],
  commands: commandsIn(commands),
  routes: [livePages, liveApi],
  messages: liveMessages,
  contributions: [...liveAudit, ...contribute(MEETING_HOOKS, ...liveMeetingHooks), ...contribute(MEETING_LINKS, liveMeetingLinks)],
};
