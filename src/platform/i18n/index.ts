export { defineMessages } from './define.js';
import { platformMessages } from './platform-messages.js';
import { authMessages } from '../auth/messages.js';
import { outboxMessages } from '../outbox/messages.js';
import { inboxMessages } from '../inbox/messages.js';
import { structureMessages } from '../../modules/structure/messages.js';
import { meetingsMessages } from '../../modules/meetings/messages.js';
import { calendarMessages } from '../../modules/calendar/messages.js';
import { liveMessages } from '../../modules/live/messages.js';
import { meetingDocumentsMessages } from '../../modules/meeting-documents/messages.js';
import { minutesMessages } from '../../modules/minutes/messages.js';
import { casesMessages } from '../../modules/cases/messages.js';

export const languages = ['sv', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'sv';

/** Every module's catalog; a module adds its own here. */
export const catalogs = [
  platformMessages,
  authMessages,
  outboxMessages,
  inboxMessages,
  structureMessages,
  meetingsMessages,
  minutesMessages,
  calendarMessages,
  liveMessages,
  meetingDocumentsMessages,
  casesMessages,
] as const;

type CatalogKeys<C> = C extends { sv: infer S } ? keyof S : never;
export type MessageKey = CatalogKeys<(typeof catalogs)[number]>;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const merged: Record<Lang, Record<string, string>> = { sv: {}, en: {} };
for (const catalog of catalogs) {
  for (const lang of languages) Object.assign(merged[lang], catalog[lang]);
}
export const messages: Readonly<Record<Lang, Readonly<Record<string, string>>>> = merged;

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (languages as readonly string[]).includes(v);
}

export function translator(lang: Lang): Translate {
  const table = merged[lang];
  return (key, params) => {
    const template = table[key] ?? merged.sv[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
