import type { Lang } from '../i18n/index.js';
import { inboxMessages } from './messages.js';
import type { Delivery } from './schema.js';

/** A kind of notification that a module sends, and how it reaches people by default. */
export interface NotificationKind {
  /** `<module>.<what>`, e.g. 'agenda.deadline', 'cases.approvalRequested'. */
  kind: string;
  /** Shown in the inbox and on the preferences page. */
  label: Record<Lang, string>;
  /** Used for people who have not chosen; 'immediate' unless given. */
  defaultDelivery?: Delivery;
}

export interface RegisteredKind extends NotificationKind {
  defaultDelivery: Delivery;
}

const KIND_PATTERN = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/;
const kinds = new Map<string, RegisteredKind>();

/**
 * Declares a kind of notification (call it once, at module load). Modules declare theirs:
 * agenda deadlines, approvals, actions, reports due. Returns a function that removes it (tests).
 */
export function registerNotificationKind(def: NotificationKind): () => void {
  if (!KIND_PATTERN.test(def.kind)) throw new Error(`Notification kind "${def.kind}" must look like "module.what"`);
  const existing = kinds.get(def.kind);
  if (existing) throw new Error(`Notification kind "${def.kind}" is registered twice`);
  const registered: RegisteredKind = { ...def, defaultDelivery: def.defaultDelivery ?? 'immediate' };
  kinds.set(def.kind, registered);
  return () => {
    if (kinds.get(def.kind) === registered) kinds.delete(def.kind);
  };
}

export function notificationKind(kind: string): RegisteredKind | undefined {
  return kinds.get(kind);
}

/** Every registered kind, in the order they were registered. */
export function notificationKinds(): RegisteredKind[] {
  return [...kinds.values()];
}

export function isNotificationKind(kind: string): boolean {
  return kinds.has(kind);
}

/** The label of a kind in a language; the kind's name when it is no longer registered. */
export function kindLabel(kind: string, lang: Lang): string {
  return kinds.get(kind)?.label[lang] ?? kind;
}

const { sv, en } = inboxMessages;

/** General messages from Samverka or its administrators. */
export const SYSTEM_MESSAGE = 'system.message';
/** Reminders that can wait for the morning summary. */
export const SYSTEM_REMINDER = 'system.reminder';

registerNotificationKind({
  kind: SYSTEM_MESSAGE,
  label: { sv: sv['inbox.kind.system.message'], en: en['inbox.kind.system.message'] },
  defaultDelivery: 'immediate',
});
registerNotificationKind({
  kind: SYSTEM_REMINDER,
  label: { sv: sv['inbox.kind.system.reminder'], en: en['inbox.kind.system.reminder'] },
  defaultDelivery: 'digest',
});
