import type { Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './http/context.js';
import type { Database } from './db/client.js';
import type { Config } from '../config.js';
import type { Lang } from './i18n/index.js';
import type { Actor } from './auth/actor.js';
import { COMMANDS, type CommandDef } from './commands.js';
import { POLICIES, type PolicyDef } from './auth/authorize.js';
import { JOBS, type JobDef } from './outbox/outbox.js';
import { NOTIFICATION_KINDS, type RegisteredKind } from './inbox/kinds.js';
import { WAITING_SOURCES, type WaitingSource } from './inbox/waiting.js';
import { HOME_SECTIONS, type HomeSection } from './views/home.js';
import { ACCOUNT_AREA, NAV, type AccountArea, type NavHook } from './http/render.js';
import { ADMIN_LINKS, HISTORY_ACCESS, type AdminLink, type HistoryAccess } from './auth/admin-pages.js';
import { Registry, extensionPoint, type Contribution, type ExtensionPoint } from './registry.js';
import { MESSAGES } from './i18n/index.js';

/*
 * A module's manifest: everything it contributes, as plain data (no side effect when its
 * index.ts is imported). The composition root (src/modules.ts) lists the manifests in
 * dependency order; composeModules builds the one registry the app, the worker and the demo
 * seeding run with. See docs/decisions/0008-composition-root.md.
 */

/** Pages and API routes of a module, mounted in manifest order. */
export type Routes = () => Hono<AppEnv>;

/** What a demo step runs with: the configuration is read first, so links use PUBLIC_URL. */
export interface DemoContext {
  database: Database;
  config: Config;
  /** The demo accounts' password of this installation. */
  password: string;
  now: Date;
}

/**
 * One step of the demo data, run in manifest order once per database. Returns what it
 * seeded, as a phrase for the start-up summary ("3 collaboration structures …").
 */
export interface DemoStep {
  name: string;
  run(ctx: DemoContext): Promise<string | undefined>;
}

/** What a decision in the minutes can act on (a case step today; a document version, an annual report next). */
export interface DecisionSubject {
  /** Stable id, e.g. 'cases.transition'. */
  id: string;
  label: Record<Lang, string>;
}

/** A section a module writes into the annual report (activities, decisions, deviations …). */
export interface AnnualReportSection {
  id: string;
  label: Record<Lang, string>;
  /** Order in the report: lower first. */
  order: number;
}

/** What a public site may show from a module (published agendas, minutes, documents). */
export interface PublicationSource {
  id: string;
  label: Record<Lang, string>;
}

/** What can be found through search, with the rule of who may read each hit. */
export interface SearchSource {
  id: string;
  label: Record<Lang, string>;
  /** Whether the actor may see a hit of this source (the module's own read rule). */
  canRead?: (actor: Actor, hit: { objectId: string; bodyId?: string | null }) => boolean | Promise<boolean>;
}

export const DEMO_STEPS = extensionPoint<DemoStep>('platform.demoSteps');
export const ROUTES = extensionPoint<Routes>('platform.routes');
const DECISION_SUBJECTS = extensionPoint<DecisionSubject>('platform.decisionSubjects');
const ANNUAL_REPORT_SECTIONS = extensionPoint<AnnualReportSection>('platform.annualReportSections');
const PUBLICATION_SOURCES = extensionPoint<PublicationSource>('platform.publicationSources');
const SEARCH_SOURCES = extensionPoint<SearchSource>('platform.searchSources');

export interface ModuleManifest {
  /** Unique, e.g. 'meetings'. */
  name: string;
  /** Modules that must come before this one in the root's list (whose extension points it contributes to). */
  requires?: readonly string[];
  commands?: readonly CommandDef<z.ZodType, unknown>[];
  policies?: readonly PolicyDef[];
  jobs?: readonly JobDef[];
  notificationKinds?: readonly RegisteredKind[];
  /** "Waiting for you" on the home page and in the inbox. */
  waitingSources?: readonly WaitingSource[];
  homeSections?: readonly HomeSection[];
  nav?: readonly NavHook[];
  accountArea?: AccountArea;
  adminLinks?: readonly AdminLink[];
  historyAccess?: readonly HistoryAccess[];
  /** Pages and API, mounted by the app in manifest order. */
  routes?: readonly Routes[];
  /** The module's message catalog (Swedish and English). */
  messages?: { sv: Record<string, string>; en: Record<string, string> };
  demo?: readonly DemoStep[];
  decisionSubjects?: readonly DecisionSubject[];
  annualReportSections?: readonly AnnualReportSection[];
  publicationSources?: readonly PublicationSource[];
  searchSources?: readonly SearchSource[];
  /** Contributions to extension points other modules declare (agenda sources, meeting hooks, decision hooks, meeting links, holdings …). */
  contributions?: readonly Contribution[];
}

/** Builds the registry from the manifests, checking names, order and duplicates. */
export function composeModules(manifests: readonly ModuleManifest[]): Registry {
  const registry = new Registry();
  const seen = new Set<string>();
  const unique = <T>(what: string, values: readonly T[], keyOf: (v: T) => string, taken: Set<string>) => {
    for (const v of values) {
      const key = keyOf(v);
      if (taken.has(key)) throw new Error(`${what} "${key}" is contributed twice`);
      taken.add(key);
    }
  };
  const put = <T>(point: ExtensionPoint<T>, values: readonly T[] | undefined) => {
    for (const v of values ?? []) registry.add(point, v);
  };
  const commandNames = new Set<string>();
  const actions = new Set<string>();
  const jobKinds = new Set<string>();
  const kinds = new Set<string>();
  for (const m of manifests) {
    if (seen.has(m.name)) throw new Error(`Module "${m.name}" is listed twice`);
    for (const r of m.requires ?? []) if (!seen.has(r)) throw new Error(`Module "${m.name}" requires "${r}", which must come before it`);
    seen.add(m.name);
    unique('Command', m.commands ?? [], (c) => c.name, commandNames);
    unique('Policy for', m.policies ?? [], (p) => p.action, actions);
    unique('Job kind', m.jobs ?? [], (j) => j.kind, jobKinds);
    unique('Notification kind', m.notificationKinds ?? [], (k) => k.kind, kinds);
    put(COMMANDS, m.commands);
    put(POLICIES, m.policies);
    put(JOBS, m.jobs);
    put(NOTIFICATION_KINDS, m.notificationKinds);
    put(WAITING_SOURCES, m.waitingSources);
    put(HOME_SECTIONS, m.homeSections);
    put(NAV, m.nav);
    put(ACCOUNT_AREA, m.accountArea ? [m.accountArea] : []);
    put(ADMIN_LINKS, m.adminLinks);
    put(HISTORY_ACCESS, m.historyAccess);
    put(ROUTES, m.routes);
    put(MESSAGES, m.messages ? [m.messages] : []);
    put(DEMO_STEPS, m.demo);
    put(DECISION_SUBJECTS, m.decisionSubjects);
    put(ANNUAL_REPORT_SECTIONS, m.annualReportSections);
    put(PUBLICATION_SOURCES, m.publicationSources);
    put(SEARCH_SOURCES, m.searchSources);
    for (const c of m.contributions ?? []) registry.add(c.point, c.value);
  }
  return registry;
}
