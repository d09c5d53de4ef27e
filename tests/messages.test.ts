/**
 * The message catalogs are complete and owned: every key the source uses exists in Swedish
 * and in English, and each catalog's keys carry its owner's namespace (a module's catalog
 * `<module>.`), so that no two catalogs can hold the same key by accident.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { manifests } from '../src/modules.js';
import { messages, type MessageCatalog } from '../src/platform/i18n/index.js';
import { platformMessages } from '../src/platform/i18n/platform-messages.js';
import { authMessages } from '../src/platform/auth/messages.js';
import { outboxMessages } from '../src/platform/outbox/messages.js';
import { inboxMessages } from '../src/platform/inbox/messages.js';

const root = resolve(import.meta.dirname, '..');

/** Every source file under src (tests left out), relative to the repository. */
function sourceFiles(): string[] {
  return readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .map((f) => join('src', f).split('\\').join('/'))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .sort();
}

/** What a message key looks like: dotted words, e.g. `meetings.refused.notFound`. */
const KEY = /^[a-zA-Z][\w-]*(\.[\w-]+)+$/;
const Q = `(?:'([^'\\n]*)'|"([^"\\n]*)"|\`([^\`$\\n]*)\`)`;

/**
 * The places a literal key is handed to the catalogs: `t('…')` (and `t?.('…')`, a
 * translator's call `…)('…')`), the refusals (`refuse(field, '…')`, `notFound('…')`,
 * `forbidden('…')`, `conflict('…')`, `checkVersion(a, b, '…')`, `keyedError(status, code, '…')`)
 * and a text given by key (`{ key: '…' }`, `{ field, key: '…' }`).
 */
const USES: readonly RegExp[] = [
  new RegExp(`(?:\\bt|\\bt\\?\\.|\\))\\(\\s*${Q}`, 'g'),
  new RegExp(`\\brefuse\\(\\s*[^,()]+,\\s*${Q}`, 'g'),
  new RegExp(`\\b(?:notFound|forbidden|conflict)\\(\\s*${Q}`, 'g'),
  new RegExp(`\\bcheckVersion\\(\\s*[^,]+,\\s*[^,]+,\\s*${Q}`, 'g'),
  new RegExp(`\\bkeyedError\\(\\s*[^,]+,\\s*[^,]+,\\s*${Q}`, 'g'),
  new RegExp(`[{,]\\s*key:\\s*${Q}`, 'g'),
];

/** The literal keys each source file uses, as `file: key`. */
function usedKeys(): { file: string; key: string }[] {
  const found: { file: string; key: string }[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(join(root, file), 'utf8');
    for (const pattern of USES) {
      for (const m of text.matchAll(pattern)) {
        const key = m[1] ?? m[2] ?? m[3];
        if (key !== undefined && KEY.test(key)) found.push({ file, key });
      }
    }
  }
  return found;
}

/** The platform's own catalogs and their namespaces today (module catalogs get no exceptions). */
const PLATFORM_CATALOGS: readonly { name: string; catalog: MessageCatalog; namespaces: readonly string[] }[] = [
  {
    name: 'platform',
    catalog: platformMessages,
    namespaces: ['app', 'layout', 'home', 'pager', 'table', 'form', 'error', 'request', 'validation'],
  },
  { name: 'auth', catalog: authMessages, namespaces: ['auth', 'people', 'tokens', 'admin'] },
  { name: 'outbox', catalog: outboxMessages, namespaces: ['outbox', 'mailLog'] },
  { name: 'inbox', catalog: inboxMessages, namespaces: ['inbox'] },
];

/** Every catalog of the process with the namespaces its keys may use. */
function allCatalogs(): { name: string; catalog: MessageCatalog; namespaces: readonly string[] }[] {
  const modules = manifests.filter((m) => m.messages).map((m) => ({ name: m.name, catalog: m.messages!, namespaces: [m.name] }));
  return [...PLATFORM_CATALOGS, ...modules];
}

describe('message keys', () => {
  it('finds the keys the source uses (the scan works)', () => {
    const keys = new Set(usedKeys().map((u) => u.key));
    expect(keys.size).toBeGreaterThan(200);
    expect(keys).toContain('auth.refused.badCredentials');
    expect(keys).toContain('error.forbidden.detail');
  });

  it('exist in both the Swedish and the English catalog for every key the source uses', () => {
    const { sv, en } = messages();
    const missing = usedKeys()
      .filter((u) => !(u.key in sv) || !(u.key in en))
      .map((u) => `${u.file}: ${u.key}${u.key in sv ? ' (no English)' : u.key in en ? ' (no Swedish)' : ''}`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('are the same in Swedish and in English in each catalog, with a text for each', () => {
    const problems: string[] = [];
    for (const { name, catalog } of allCatalogs()) {
      for (const key of Object.keys(catalog.sv)) if (!(key in catalog.en)) problems.push(`${name}: ${key} has no English`);
      for (const key of Object.keys(catalog.en)) if (!(key in catalog.sv)) problems.push(`${name}: ${key} has no Swedish`);
      for (const lang of ['sv', 'en'] as const) {
        for (const [key, text] of Object.entries(catalog[lang])) if (!text.trim()) problems.push(`${name}: ${key} is empty in ${lang}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("start with their owner's namespace (a module's catalog: `<module>.`)", () => {
    const foreign: string[] = [];
    for (const { name, catalog, namespaces } of allCatalogs()) {
      for (const key of Object.keys(catalog.sv)) {
        if (!namespaces.some((n) => key.startsWith(`${n}.`))) foreign.push(`${name}: ${key}`);
      }
    }
    expect(foreign).toEqual([]);
  });

  it('are each held by one catalog only', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const { name, catalog } of allCatalogs()) {
      for (const key of Object.keys(catalog.sv)) {
        const first = owner.get(key);
        if (first) twice.push(`${key}: ${first} and ${name}`);
        else owner.set(key, name);
      }
    }
    expect(twice).toEqual([]);
  });
});
