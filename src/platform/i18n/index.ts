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
    return selectPlurals(template, lang, params).replace(/\{(\w+)\}/g, (m, name: string) => {
      const value = params[name];
      if (value === undefined) return m;
      if (typeof value !== 'object') return String(value);
      return 'key' in value ? t(value.key, value.params) : value[lang];
    });
  };
  return t;
}

/**
 * The text of a key built at run time (a field's label, `validation.label.<name>`) when a
 * catalog holds it, in the translator's language; undefined when none does.
 */
export function textIfAny(t: Translate, key: string): string | undefined {
  return key in messages().sv ? t(key as MessageKey) : undefined;
}

const pluralRules: Partial<Record<Lang, Intl.PluralRules>> = {};

/**
 * The plural form a number takes in a language (`Intl.PluralRules`: Swedish and English have
 * "one" and "other").
 */
export function pluralCategory(lang: Lang, n: number): Intl.LDMLPluralRule {
  return (pluralRules[lang] ??= new Intl.PluralRules(lang)).select(n);
}

const PLURAL_START = /\{(\w+),\s*plural,/g;

/**
 * Chooses the forms of a text's plural parts by their count parameter, the way ICU message
 * format writes them: `{count, plural, one {# pågående ärende} other {# pågående ärenden}}`.
 * A form is `=N` (exactly N), a category of Intl.PluralRules for the language (`one`,
 * `other` …), and `other` is the fallback; `#` in the chosen form is the number. The forms
 * may hold plain placeholders (`{name}`), told afterwards like the rest of the text. A
 * count parameter that is not a number leaves the part as written.
 */
export function selectPlurals(template: string, lang: Lang, params: Params): string {
  if (!template.includes('plural,')) return template;
  let out = '';
  let from = 0;
  PLURAL_START.lastIndex = 0;
  for (let m = PLURAL_START.exec(template); m; m = PLURAL_START.exec(template)) {
    const parsed = parsePluralForms(template, PLURAL_START.lastIndex);
    if (!parsed) break; // not well formed: the rest is left as written
    const value = params[m[1]!];
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    out += template.slice(from, m.index);
    if (Number.isFinite(n)) {
      const form = parsed.forms.get(`=${n}`) ?? parsed.forms.get(pluralCategory(lang, n)) ?? parsed.forms.get('other') ?? '';
      out += form.replace(/#/g, String(n));
    } else if (value !== undefined && typeof value !== 'object') {
      // A count already written out ("1 234"): the general form, with the text as given.
      out += (parsed.forms.get('other') ?? '').replace(/#/g, String(value));
    } else {
      out += template.slice(m.index, parsed.end);
    }
    from = parsed.end;
    PLURAL_START.lastIndex = parsed.end;
  }
  return out + template.slice(from);
}

/** The forms `sel {text} sel {text} …}` from `at`, and where the plural part ends (after its `}`). */
function parsePluralForms(s: string, at: number): { forms: Map<string, string>; end: number } | undefined {
  const forms = new Map<string, string>();
  let i = at;
  for (;;) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (s[i] === '}') return forms.size ? { forms, end: i + 1 } : undefined;
    const selector = /^(=\d+|[a-z]+)\s*\{/.exec(s.slice(i));
    if (!selector) return undefined;
    i += selector[0].length;
    let depth = 1;
    const start = i;
    while (i < s.length && depth > 0) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}') depth--;
      i++;
    }
    if (depth > 0) return undefined;
    forms.set(selector[1]!, s.slice(start, i - 1));
  }
}

/**
 * The parameters a text takes: its placeholders and the count parameters of its plural
 * parts (the catalogs' test compares them between the languages).
 */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  const collect = (text: string): void => {
    let rest = text;
    const start = /\{(\w+),\s*plural,/.exec(rest);
    if (start) {
      const parsed = parsePluralForms(rest, start.index + start[0].length);
      if (parsed) {
        names.add(start[1]!);
        for (const form of parsed.forms.values()) collect(form);
        collect(rest.slice(0, start.index));
        collect(rest.slice(parsed.end));
        return;
      }
      rest = rest.slice(0, start.index);
    }
    for (const m of rest.matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
  };
  collect(template);
  return [...names].sort();
}
