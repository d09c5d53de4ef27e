// The inbox module: notifications, preferences, the daily digest and "what needs me".

export { inboxPages } from './pages.js';
export { inboxApi } from './api.js';
export { InboxLink } from './views.js';
export { notify, defineNotificationKind, registerNotificationKind, notificationKinds, type NotifyInput, type NotifyOptions, type NotifyResult } from './notify.js';
export { registerWaitingSource, collectWaiting, type WaitingItem, type WaitingContext, type WaitingSource } from './waiting.js';
export { scheduleDailyDigest, runDailyDigest, DIGEST_JOB } from './digest.js';
export { SYSTEM_MESSAGE, SYSTEM_REMINDER } from './kinds.js';
