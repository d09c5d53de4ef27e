// The live view of a meeting: the current item and the agenda as it changes.
import type { ModuleManifest } from '../../platform/modules.js';
import { contribute } from '../../platform/registry.js';
import { MEETING_HOOKS, MEETING_LINKS } from '../meetings/index.js';
import { setCurrentItem } from './commands/set-current-item.js';
import { liveMeetingHooks } from './publish.js';
import { liveMeetingLinks, livePages } from './pages.js';
import { liveMessages } from './messages.js';

export const liveModule: ModuleManifest = {
  name: 'live',
  requires: ['structure', 'meetings'],
  commands: [setCurrentItem],
  routes: [livePages],
  messages: liveMessages,
  contributions: [...contribute(MEETING_HOOKS, ...liveMeetingHooks), ...contribute(MEETING_LINKS, liveMeetingLinks)],
};

export { livePages } from './pages.js';
export { publishLiveChange } from './publish.js';
export { setCurrentItem } from './commands/set-current-item.js';
