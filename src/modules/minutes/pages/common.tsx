import type { Context } from 'hono';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../../platform/http/context.js';
import { forbidden } from '../../../platform/refusals.js';
import type { Crumb } from '../../../platform/views/layout.js';
import { formatDate } from '../../../platform/time.js';
import { structures } from '../../structure/schema.js';
import type { LoadedMeeting } from '../../meetings/index.js';
import { approvalsOf, currentRound, loadMeetingMinutes } from '../queries/index.js';
import { minutesAbilities, type MinutesAbilities } from '../policy.js';
import type { Approval, Minutes } from '../schema.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

export type C = Context<AppEnv>;

export function pageDeps(c: C) {
  return { t: c.get('t'), lang: c.get('lang'), db: c.get('deps').database.db, actor: c.get('actor'), csrf: csrfToken(c) };
}

interface MinutesPageData extends LoadedMeeting {
  minutes: Minutes | undefined;
  can: MinutesAbilities;
  approvals: Approval[];
  structure: { id: string; slug: string; name: string };
}

/** Loads a meeting's minutes for a page: readers of the body, and the approvers of a running round. */
export async function minutesPage(c: C): Promise<MinutesPageData> {
  const { db, actor } = pageDeps(c);
  const loaded = await loadMeetingMinutes(db, actor, c.req.param('id') ?? '');
  const can = await minutesAbilities(db, actor, loaded);
  if (!can.view && !can.approve) forbidden('minutes.noAccess');
  const approvals = loaded.minutes ? await approvalsOf(db, loaded.minutes.id, currentRound(loaded.minutes)) : [];
  const [structure] = await db.select({ id: structures.id, slug: structures.slug, name: structures.name }).from(structures).where(eq(structures.id, loaded.body.structureId));
  return { ...loaded, can, approvals, structure: structure! };
}

export function minutesCrumbs(c: C, data: Pick<MinutesPageData, 'meeting' | 'body' | 'structure'>, label: string, last?: string): Crumb[] {
  const t = c.get('t');
  const crumbs: Crumb[] = [
    { href: '/', label: t('layout.nav.home') },
    { href: `/bodies/${data.body.id}/meetings`, label: data.body.shortName ?? data.body.name },
    { href: `/meetings/${data.meeting.id}`, label: formatDate(data.meeting.startsAt) },
    { href: `/meetings/${data.meeting.id}/minutes`, label },
  ];
  if (last) crumbs.push({ label: last });
  return crumbs;
}
