import { eq } from 'drizzle-orm';
import { can } from '../../../platform/auth/authorize.js';
import type { LocalNavHook } from '../../../platform/http/render.js';
import { bodyNav, type BodyTab, type StructureTab } from '../../structure/index.js';
import { meetings } from '../schema.js';
import { UUID } from '../queries/index.js';

/** "Möten" among a body's tabs, for those who may see its meetings. */
export const meetingsBodyTab: BodyTab = {
  order: 10,
  path: '/meetings',
  label: 'meetings.tab',
  visible: ({ actor, body, roles }) => can(actor, 'meetings.view', { body, roles }),
};

/** "Möten" among a structure's tabs (the meetings of its bodies the person takes part in), for signed-in people. */
export const meetingsStructureTab: StructureTab = {
  order: 10,
  path: '/meetings',
  label: 'meetings.tab',
  visible: ({ actor }) => actor.kind === 'person',
};

const MEETING_PATH = /^\/meetings\/([0-9a-f-]{36})(\/.*)?$/i;

/** A meeting's pages show the tabs of its body, with the meetings as the current tab. */
export const meetingLocalNav: LocalNavHook = async (c, path) => {
  const m = MEETING_PATH.exec(path);
  if (!m || !UUID.test(m[1]!)) return null;
  const [row] = await c.get('deps').database.db.select({ bodyId: meetings.bodyId }).from(meetings).where(eq(meetings.id, m[1]!));
  return row ? bodyNav(c, row.bodyId, '/meetings') : null;
};
