// The inbox module: notifications, preferences, the daily digest and "what needs me".

export { inboxPages } from './pages.js';
export { inboxApi } from './api.js';
export { notify, defineNotificationKind } from './notify.js';
export { collectWaiting, type WaitingItem, type WaitingSource } from './waiting.js';
