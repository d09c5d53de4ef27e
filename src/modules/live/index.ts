export { livePages } from './pages.js';
export { registerLiveHooks, publishLiveChange } from './publish.js';
export { setCurrentItem } from './commands/set-current-item.js';
