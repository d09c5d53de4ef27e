import { platformMessages } from './platform-messages.js';
import { authMessages } from '../auth/messages.js';
import { outboxMessages } from '../outbox/messages.js';
import { inboxMessages } from '../inbox/messages.js';
import { extensionPoint, installed, isInstalled, type Registry } from '../registry.js';

/** The message catalogs of the modules (a manifest's `messages`). */
export const MESSAGES = extensionPoint<{ sv: Record<string, string>; en: Record<string, string> }>('platform.messages');

export const languages = ['sv', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'sv';

/** One catalog: the Swedish texts and the English ones, under the same keys (see defineMessages). */
export interface MessageCatalog {
  sv: Record<string, string>;
  en: Record<string, string>;
}

/**
 * The catalogs whose keys `t('…')` accepts, by name. The platform lists its own here; a
 * module adds the type of its catalog by declaration merging, next to the catalog in its
 * messages.ts, and its texts through its manifest's `messages` slot:
 *
 *   declare module '../../platform/i18n/index.js' {
 *     interface MessageCatalogs { meetings: typeof meetingsMessages }
 *   }
 */
export interface MessageCatalogs {
  platform: typeof platformMessages;
  auth: typeof authMessages;
  outbox: typeof outboxMessages;
  inbox: typeof inboxMessages;
}

type CatalogKeys<C> = C extends { sv: infer S } ? keyof S & string : never;
export type MessageKey = { [N in keyof MessageCatalogs]: CatalogKeys<MessageCatalogs[N]> }[keyof MessageCatalogs];
/**
 * A message's parameters. A parameter may itself be a text by key (`{ key, params }`), told in
 * the same language ("Rad {line}: {problem}" with the problem's own key), or a value written
 * per language (`{ sv, en }`: a date in words, a state's name).
 */
export type Params = { [name: string]: string | number | { key: MessageKey; params?: Params | undefined } | Readonly<Record<Lang, string>> };
export type Translate = (key: MessageKey, params?: Params) => string;

/** The platform's own catalogs, there in every process. */
const platformCatalogs: readonly MessageCatalog[] = [platformMessages, authMessages, outboxMessages, inboxMessages];

/**
 * Every catalog of the process: the platform's, then the modules' in the composition root's
 * order (the installed registry's MESSAGES). Before the root has run (a bare unit test) only
 * the platform's.
 */
export function catalogs(): readonly MessageCatalog[] {
  return isInstalled() ? [...platformCatalogs, ...installed().all(MESSAGES)] : platformCatalogs;
}

type Tables = Readonly<Record<Lang, Readonly<Record<string, string>>>>;

function merge(list: readonly MessageCatalog[]): Tables {
  const merged: Record<Lang, Record<string, string>> = { sv: {}, en: {} };
  for (const catalog of list) {
    for (const lang of languages) Object.assign(merged[lang], catalog[lang]);
  }
  return merged;
}

/** The merged tables, built once per registry (again only if a catalog was added to it since). */
const built = new WeakMap<Registry, { count: number; tables: Tables }>();
let platformOnly: Tables | undefined;

/** Every text of the process by language and key (all catalogs merged). */
export function messages(): Tables {
  if (!isInstalled()) return (platformOnly ??= merge(platformCatalogs));
  const registry = installed();
  const count = registry.all(MESSAGES).length;
  let entry = built.get(registry);
  if (!entry || entry.count !== count) {
    entry = { count, tables: merge(catalogs()) };
    built.set(registry, entry);
  }
  return entry.tables;
}

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (languages as readonly string[]).includes(v);
}

const reported = new Set<string>();

/**
 * A key no catalog holds (a key built at run time that the type checker could not see). In
 * tests that is an error; in use the key itself is shown and the fault reported once.
 */
function missing(key: string): string {
  if (process.env.VITEST) throw new Error(`No message has the key "${key}"`);
  if (!reported.has(key)) {
    reported.add(key);
    process.stderr.write(`samverka: no message has the key "${key}"\n`);
  }
  return key;
}

/** One translator per language and set of tables (every request asks for one). */
const translators = new WeakMap<Tables, Partial<Record<Lang, Translate>>>();

export function translator(lang: Lang): Translate {
  const all = messages();
  let made = translators.get(all);
  if (!made) translators.set(all, (made = {}));
  return (made[lang] ??= makeTranslator(all, lang));
}

function makeTranslator(all: Tables, lang: Lang): Translate {
  const table = all[lang];
  const t: Translate = (key, params) => {
    const template = table[key] ?? all.sv[key] ?? missing(key);
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => {
      const value = params[name];
      if (value === undefined) return m;
      if (typeof value !== 'object') return String(value);
      return 'key' in value ? t(value.key, value.params) : value[lang];
    });
  };
  return t;
}
