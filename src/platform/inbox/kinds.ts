import type { Lang, Translate } from '../i18n/index.js';
import { inboxMessages } from './messages.js';
import type { Delivery } from './schema.js';
import { addTo, extensionPoint, installed } from '../registry.js';

/** A kind of notification that a module sends, and how it reaches people by default. */
interface NotificationKind {
  /** `<module>.<what>`, e.g. 'agenda.deadline', 'cases.approvalRequested'. */
  kind: string;
  /** Shown in the inbox and on the preferences page. */
  label: Record<Lang, string>;
  /** Used for people who have not chosen; 'immediate' unless given. */
  defaultDelivery?: Delivery;
  /**
   * How a notice of this kind reads, with invented data, written through the same message keys
   * and helpers as the module sends it. A test renders every registered kind's sample for an
   * English and a Swedish reader (the texts must be in the reader's language).
   */
  sample?: NoticeSample | undefined;
}

/** A notice's texts as notify() takes them. */
export interface NoticeText {
  title: string;
  body?: string | undefined;
}

/** A kind's sample notice in a language (see NotificationKind.sample). */
export type NoticeSample = (t: Translate, lang: Lang) => NoticeText;

/** Kinds with their samples added (a module keeps its samples beside its texts). */
export function withSamples(kinds: readonly RegisteredKind[], samples: Readonly<Record<string, NoticeSample>>): RegisteredKind[] {
  return kinds.map((k) => ({ ...k, sample: samples[k.kind] ?? k.sample }));
}

export interface RegisteredKind extends NotificationKind {
  defaultDelivery: Delivery;
}

const KIND_PATTERN = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)+$/;
export const NOTIFICATION_KINDS = extensionPoint<RegisteredKind>('platform.notificationKinds');

/** Declares a kind of notification (no side effect: the module's manifest lists it). */
export function defineNotificationKind(def: NotificationKind): RegisteredKind {
  if (!KIND_PATTERN.test(def.kind)) throw new Error(`Notification kind "${def.kind}" must look like "module.what"`);
  return { ...def, defaultDelivery: def.defaultDelivery ?? 'immediate' };
}

/** Adds a kind to the installed registry (tests); returns a function that removes it. */
export function registerNotificationKind(def: NotificationKind): () => void {
  if (isNotificationKind(def.kind)) throw new Error(`Notification kind "${def.kind}" is registered twice`);
  return addTo(NOTIFICATION_KINDS, defineNotificationKind(def));
}

export function notificationKind(kind: string): RegisteredKind | undefined {
  return installed().find(NOTIFICATION_KINDS, (k) => k.kind, kind);
}

/** Every kind of the installed modules, in manifest order. */
export function notificationKinds(): RegisteredKind[] {
  return [...installed().all(NOTIFICATION_KINDS)];
}

export function isNotificationKind(kind: string): boolean {
  return notificationKind(kind) !== undefined;
}

/** The label of a kind in a language; the kind's name when it is no longer registered. */
export function kindLabel(kind: string, lang: Lang): string {
  return notificationKind(kind)?.label[lang] ?? kind;
}

const { sv, en } = inboxMessages;

/** General messages from Samverka or its administrators. */
export const SYSTEM_MESSAGE = 'system.message';
/** Reminders that can wait for the morning summary. */
export const SYSTEM_REMINDER = 'system.reminder';

/** The platform's own kinds. */
export const platformNotificationKinds = [
  defineNotificationKind({
    kind: SYSTEM_MESSAGE,
    label: { sv: sv['inbox.kind.system.message'], en: en['inbox.kind.system.message'] },
    defaultDelivery: 'immediate',
    // Written by an administrator: the text is theirs, in no language of Samverka's own.
    sample: () => ({ title: 'Scheduled maintenance on Sunday', body: 'Samverka is closed from 18:00 to 20:00.' }),
  }),
  defineNotificationKind({
    kind: SYSTEM_REMINDER,
    label: { sv: sv['inbox.kind.system.reminder'], en: en['inbox.kind.system.reminder'] },
    defaultDelivery: 'digest',
    sample: () => ({ title: 'Reminder: review the member list' }),
  }),
];
