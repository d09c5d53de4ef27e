import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../../platform/http/context.js';
import type { LocalNavHook } from '../../../platform/http/render.js';
import type { MessageKey, Translate } from '../../../platform/i18n/index.js';
import { isAdmin } from '../../../platform/auth/actor.js';
import { installed } from '../../../platform/registry.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { bodyAccess, managesBody } from '../policy.js';
import { structureBySlug } from '../queries/index.js';
import { BODY_TABS, STRUCTURE_TABS, currentTab, type BodyTab, type StructureTab } from '../tabs.js';

/*
 * The local navigation of a body's and a structure's pages (the tabs of tabs.ts), shown by
 * the layout above every page below /bodies/:id and /structures/:slug, and by other modules
 * on pages that belong to a body (a meeting, a case, a decision) through bodyNav.
 */

interface ShownTab {
  href: string;
  label: string;
  current: 'page' | 'true' | undefined;
}

function LocalNav(props: { t: Translate; label: string; title: Child; tabs: ShownTab[] }) {
  return (
    <nav class="wrap local-nav" aria-label={props.label}>
      <p class="local-nav-title">{props.title}</p>
      <ul>
        {props.tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.current}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

async function shown<T extends { order: number; path: string; also?: readonly string[]; label: MessageKey }>(
  t: Translate,
  all: readonly T[],
  base: string,
  rest: string,
  visible: (tab: T) => boolean | Promise<boolean>,
): Promise<ShownTab[]> {
  const sorted = [...all].sort((a, b) => a.order - b.order);
  const flags = await Promise.all(sorted.map((tab) => visible(tab)));
  const tabs = sorted.filter((_, i) => flags[i]);
  const here = currentTab(tabs, rest);
  return tabs.map((tab) => ({ href: base + tab.path, label: t(tab.label), current: here?.tab === tab ? (here.exact ? 'page' : 'true') : undefined }));
}

/**
 * The tabs of a body, for a page below it: `rest` is the page's path below /bodies/:id
 * ('' for the body's page, '/meetings/plan' …; a meeting page passes '/meetings'). Null
 * when there is no such body.
 */
export async function bodyNav(c: Context<AppEnv>, bodyId: string, rest: string): Promise<Child> {
  let access;
  try {
    access = await bodyAccess(c, bodyId);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
  const t = c.get('t');
  const { body, roles } = access;
  const ctx = { db: c.get('deps').database.db, actor: c.get('actor'), body, roles, can: access.can };
  const tabs = await shown(t, installed().all(BODY_TABS), `/bodies/${body.id}`, rest, (tab: BodyTab) => tab.visible(ctx));
  return <LocalNav t={t} label={t('structure.tabs.bodyLabel', { name: body.shortName ?? body.name })} title={body.name} tabs={tabs} />;
}

const BODY_PATH = /^\/bodies\/([0-9a-f-]{36})(\/.*)?$/i;
const STRUCTURE_PATH = /^\/structures\/([^/]+)(\/.*)?$/;

/** Every page below /bodies/:id shows the body's tabs. */
export const bodyLocalNav: LocalNavHook = (c, path) => {
  const m = BODY_PATH.exec(path);
  return m ? bodyNav(c, m[1]!, m[2] ?? '') : null;
};

/** Every page below /structures/:slug shows the structure's tabs. */
export const structureLocalNav: LocalNavHook = async (c, path) => {
  const m = STRUCTURE_PATH.exec(path);
  if (!m) return null;
  const db = c.get('deps').database.db;
  const structure = await structureBySlug(db, decodeURIComponent(m[1]!));
  if (!structure) return null;
  const t = c.get('t');
  const ctx = { db, actor: c.get('actor'), structure };
  const tabs = await shown(t, installed().all(STRUCTURE_TABS), `/structures/${structure.slug}`, m[2] ?? '', (tab: StructureTab) => tab.visible(ctx));
  return <LocalNav t={t} label={t('structure.tabs.structureLabel', { name: structure.shortName ?? structure.name })} title={structure.name} tabs={tabs} />;
};

/** The structure module's own tabs of a body: the overview, members, follow-up, history and settings. */
export const structureBodyTabs: BodyTab[] = [
  { order: 0, path: '', also: ['/mandate'], label: 'structure.tabs.overview', visible: () => true },
  { order: 60, path: '/admin', also: ['/seats', '/import'], label: 'structure.tabs.members', visible: ({ can }) => can.manage },
  // The secretary's overview of the body (open actions, approvals, submissions, meetings without minutes).
  {
    order: 70,
    path: '/follow-up',
    label: 'structure.tabs.followUp',
    visible: ({ actor, roles }) => isAdmin(actor) || managesBody(roles),
  },
  { order: 75, path: '/engagements', label: 'structure.tabs.engagements', visible: ({ can }) => can.read },
  // The change history: those who may manage the body (and administrators).
  { order: 80, path: '/history', label: 'structure.tabs.history', visible: ({ can }) => can.manage },
  { order: 90, path: '/settings', label: 'structure.tabs.settings', visible: ({ can }) => can.manage },
];

/** The structure module's own tabs of a structure: its bodies and, for administrators, its settings. */
export const structureStructureTabs: StructureTab[] = [
  { order: 0, path: '', also: ['/bodies'], label: 'structure.tabs.bodies', visible: () => true },
  { order: 90, path: '/settings', label: 'structure.tabs.settings', visible: ({ actor }) => isAdmin(actor) },
];
