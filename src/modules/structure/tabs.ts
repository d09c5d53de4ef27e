import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { MessageKey } from '../../platform/i18n/index.js';
import { extensionPoint } from '../../platform/registry.js';
import type { BodyAccess, BodyRoles } from './policy.js';
import type { Body, Structure } from './schema.js';

/*
 * The local navigation of a body's pages and of a structure's pages: one list of tabs each
 * module adds to through its manifest (`contributions`), so that the structure module knows
 * no other module's pages and a later module (deviations, documents …) adds its own tab.
 * Every page under /bodies/:id and /structures/:slug shows the tabs the visitor may open,
 * the tab of the page marked as current (pages/local-nav.tsx).
 */

/** What a body tab is decided on: the visitor, the body and the visitor's roles on it. */
export interface BodyTabContext {
  db: DbOrTx;
  actor: Actor;
  body: Body;
  roles: BodyRoles;
  /** What the structure module allows the visitor (view the composition, read, manage, create sub-bodies). */
  can: BodyAccess['can'];
}

export interface BodyTab {
  /** Lower first: overview 0, meetings 10, cases 20, decisions 30, activity plan 40, minutes 50, members 60, follow-up 70, history 80, settings 90. */
  order: number;
  /** The tab's page below /bodies/:id ('' for the body's own page, '/meetings' …). */
  path: string;
  /** Further pages below /bodies/:id that belong to the tab (the mandate under the overview, seats under members …). */
  also?: readonly string[];
  label: MessageKey;
  /** Whether the visitor may open the tab's page (the same rule the page applies). */
  visible: (ctx: BodyTabContext) => boolean | Promise<boolean>;
}
export const BODY_TABS = extensionPoint<BodyTab>('structure.bodyTabs');

/** What a structure tab is decided on: the visitor and the structure. */
export interface StructureTabContext {
  db: DbOrTx;
  actor: Actor;
  structure: Pick<Structure, 'id' | 'slug' | 'name'>;
}

export interface StructureTab {
  /** Lower first: bodies 0, meetings 10, cases 20, decisions 30, settings 90. */
  order: number;
  /** The tab's page below /structures/:slug ('' for the structure's own page). */
  path: string;
  also?: readonly string[];
  label: MessageKey;
  visible: (ctx: StructureTabContext) => boolean | Promise<boolean>;
}
export const STRUCTURE_TABS = extensionPoint<StructureTab>('structure.structureTabs');

/**
 * The tab a page below an object belongs to: the one whose path (or one of its `also`
 * paths) is the longest prefix of `rest` at a segment boundary. `exact` tells whether the
 * page is the tab's own page (aria-current="page") or a page within it (aria-current="true").
 */
export function currentTab<T extends { path: string; also?: readonly string[] }>(tabs: readonly T[], rest: string): { tab: T; exact: boolean } | undefined {
  let best: { tab: T; exact: boolean; length: number } | undefined;
  for (const tab of tabs) {
    for (const p of [tab.path, ...(tab.also ?? [])]) {
      const within = p === '' ? rest === '' : rest === p || rest.startsWith(`${p}/`);
      if (within && (!best || p.length > best.length)) best = { tab, exact: rest === tab.path, length: p.length };
    }
  }
  return best && { tab: best.tab, exact: best.exact };
}
