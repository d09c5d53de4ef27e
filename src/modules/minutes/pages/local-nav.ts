import { eq } from 'drizzle-orm';
import type { LocalNavHook } from '../../../platform/http/render.js';
import { bodyNav, type BodyTab, type StructureTab } from '../../structure/index.js';
import { UUID } from '../../meetings/index.js';
import { decisions } from '../schema.js';

/**
 * "Beslut" (the decision register: everyone sees the decisions of published minutes, people
 * with a role all of their bodies') and "Protokoll" (the published minutes of a public body)
 * among a body's tabs.
 */
export const minutesBodyTabs: BodyTab[] = [
  { order: 30, path: '/decisions', label: 'minutes.tab.decisions', visible: () => true },
  { order: 50, path: '/published', label: 'minutes.tab.published', visible: ({ body }) => body.isPublic },
];

/** "Beslut" among a structure's tabs: the register of all its bodies. */
export const minutesStructureTab: StructureTab = { order: 30, path: '/decisions', label: 'minutes.tab.decisions', visible: () => true };

const DECISION_PATH = /^\/decisions\/([0-9a-f-]{36})$/i;

/** A decision's page shows the tabs of its body, with the register as the current tab. */
export const decisionLocalNav: LocalNavHook = async (c, path) => {
  const m = DECISION_PATH.exec(path);
  if (!m || !UUID.test(m[1]!)) return null;
  const [row] = await c.get('deps').database.db.select({ bodyId: decisions.bodyId }).from(decisions).where(eq(decisions.id, m[1]!));
  return row ? bodyNav(c, row.bodyId, '/decisions') : null;
};
