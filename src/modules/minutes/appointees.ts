import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import type { CommandContext } from '../../platform/commands.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { refuseAll, type Refusal } from '../../platform/refusals.js';
import { stockholmDay } from '../../platform/time.js';
import type { Meeting } from '../meetings/schema.js';
import { today } from '../../platform/days.js';
import { memberships } from '../structure/schema.js';
import type { PersonChoice } from './queries.js';

/*
 * Who may be appointed chair of the minutes, adjuster (justerare) or owner of an action:
 * people with a role in the meeting's body (or in a body that convenes the meeting
 * jointly) — any engagement, member, substitute, chair, secretary, adjunct, expert or
 * reader — that covers the meeting day and has not ended before today. Those are the
 * people who may read the minutes, so whoever is appointed can open what they are to
 * approve or follow up. An attendance entry alone (a guest) does not count.
 */

export interface AppointingMeeting {
  meeting: Pick<Meeting, 'bodyId' | 'startsAt'>;
  jointBodyIds: readonly string[];
}

/** The people who may be appointed, sorted by name (only among `ids` when given). */
export async function appointees(db: DbOrTx, m: AppointingMeeting, ids?: readonly string[], now = new Date()): Promise<PersonChoice[]> {
  if (ids && ids.length === 0) return [];
  const day = stockholmDay(m.meeting.startsAt);
  const until = today(now) > day ? today(now) : day;
  const rows = await db
    .selectDistinct({ id: people.id, name: people.name, sortKey: people.sortKey })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        inArray(memberships.bodyId, [m.meeting.bodyId, ...m.jointBodyIds]),
        lte(memberships.startOn, day),
        or(isNull(memberships.endOn), gte(memberships.endOn, until)),
        ids ? inArray(people.id, [...ids]) : undefined,
      ),
    )
    .orderBy(asc(people.sortKey), asc(people.id));
  return rows.map(({ id, name }) => ({ id, name }));
}

/**
 * In a command: refuses every picked person without a role in the body, one field error per
 * field, naming them. `picks` maps a field to the ids chosen in it.
 */
export async function refuseOutsiders(ctx: CommandContext, m: AppointingMeeting, picks: Record<string, readonly string[]>): Promise<void> {
  const all = [...new Set(Object.values(picks).flat())];
  if (all.length === 0) return;
  const eligible = new Set((await appointees(ctx.tx, m, all, ctx.now)).map((p) => p.id));
  const outsiders = all.filter((id) => !eligible.has(id));
  if (outsiders.length === 0) return;
  const names = new Map((await ctx.tx.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, outsiders))).map((p) => [p.id, p.name]));
  const refusals: Refusal[] = [];
  for (const [field, ids] of Object.entries(picks)) {
    const bad = ids.filter((id) => !eligible.has(id));
    if (bad.length === 0) continue;
    const who = bad.map((id) => names.get(id));
    refusals.push(who.some((n) => n === undefined) ? { field, key: 'minutes.appointee.unknown' } : { field, key: 'minutes.appointee.noRole', params: { names: who.join(', ') } });
  }
  refuseAll(refusals);
}
