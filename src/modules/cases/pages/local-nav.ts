import { eq } from 'drizzle-orm';
import { can } from '../../../platform/auth/authorize.js';
import type { LocalNavHook } from '../../../platform/http/render.js';
import { bodyNav, type BodyTab, type StructureTab } from '../../structure/index.js';
import { structureForOverview, UUID } from '../queries/cases.js';
import { cases } from '../schema.js';

/** "Ärenden" (with the yearly report) and "Verksamhetsplan" among a body's tabs, for those who may see its cases. */
export const casesBodyTabs: BodyTab[] = [
  { order: 20, path: '/cases', also: ['/case-report'], label: 'cases.tab.cases', visible: ({ actor, body, roles }) => can(actor, 'cases.viewBody', { body, roles }) },
  { order: 40, path: '/activity-plan', label: 'cases.tab.plan', visible: ({ actor, body, roles }) => can(actor, 'cases.viewBody', { body, roles }) },
];

/** "Ärenden" among a structure's tabs, for those with a role in one of its bodies. */
export const casesStructureTab: StructureTab = {
  order: 20,
  path: '/cases',
  label: 'cases.tab.cases',
  visible: async ({ db, actor, structure }) => {
    if (actor.kind !== 'person') return false;
    const found = await structureForOverview(db, { id: structure.id }, actor.personId, undefined);
    return can(actor, 'cases.viewStructure', { rolesInStructure: found?.roles ?? 0 });
  },
};

const CASE_PATH = /^\/cases\/([0-9a-f-]{36})(\/.*)?$/i;

/** A case's pages show the tabs of the body that handles it, with the cases as the current tab. */
export const caseLocalNav: LocalNavHook = async (c, path) => {
  const m = CASE_PATH.exec(path);
  if (!m || !UUID.test(m[1]!)) return null;
  const [row] = await c.get('deps').database.db.select({ bodyId: cases.bodyId }).from(cases).where(eq(cases.id, m[1]!));
  return row ? bodyNav(c, row.bodyId, '/cases') : null;
};
