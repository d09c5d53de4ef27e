import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Day } from '../../platform/days.js';
import type { Lang, Translate } from '../../platform/i18n/index.js';
import type { Logger } from '../../platform/logger.js';
import { managingRoles } from '../../platform/auth/roles.js';
import { extensionPoint, installed } from '../../platform/registry.js';
import { activeOn } from './queries/memberships.js';
import { bodies, memberships, structures, type Body } from './schema.js';

/**
 * What needs attention in the bodies a person leads ("Grupper du leder" on the home page):
 * each module lists, for many bodies at once (one or two queries, never one per body), the
 * warnings it knows of. This module tells vacant seats; meetings the meeting-frequency
 * rule; minutes the minutes not finished in time and the approvals past their deadline.
 */
export interface BodyWarning {
  bodyId: string;
  /** What it is, e.g. 'structure.vacantSeats', 'meetings.frequency', 'minutes.late'. */
  kind: string;
  /** The warning in the reader's language. */
  text: string;
  /** Relative URL of the page where it is dealt with. */
  link: string;
}

export interface BodyWarningContext {
  db: DbOrTx;
  /** The bodies to look at (active ones the person leads). */
  bodies: Body[];
  now: Date;
  day: Day;
  t: Translate;
  lang: Lang;
}

export type BodyWarningSource = (ctx: BodyWarningContext) => Promise<BodyWarning[]>;

/** The sources of other modules' warnings (a manifest contributes them). */
export const BODY_WARNINGS = extensionPoint<BodyWarningSource>('structure.bodyWarnings');

/** The warnings of every source for the bodies, in source order; a failing source is logged and left out. */
export async function bodyWarnings(ctx: BodyWarningContext, logger?: Logger): Promise<BodyWarning[]> {
  if (!ctx.bodies.length) return [];
  const results = await Promise.allSettled([
    vacantSeats(ctx),
    ...installed()
      .all(BODY_WARNINGS)
      .map((source) => source(ctx)),
  ]);
  const out: BodyWarning[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') out.push(...r.value);
    else logger?.error({ err: r.reason }, 'a body warning source failed');
  }
  return out;
}

export interface LedBody {
  body: Body;
  structureName: string;
  /** The person's managing roles in the body (chair, vice chair, secretary, process leader). */
  roles: string[];
}

/** The active bodies where the person is chair, vice chair, secretary or process leader on the day (one query). */
export async function bodiesLedBy(db: DbOrTx, personId: string, day: Day): Promise<LedBody[]> {
  const rows = await db
    .select({ body: bodies, structureName: structures.name, role: memberships.role })
    .from(memberships)
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .innerJoin(structures, eq(structures.id, bodies.structureId))
    .where(
      and(
        eq(memberships.personId, personId),
        activeOn(day),
        inArray(memberships.role, [...managingRoles]),
        sql`${bodies.activeFrom} <= ${day} and (${bodies.activeTo} is null or ${bodies.activeTo} >= ${day})`,
      ),
    )
    .orderBy(asc(structures.sortKey), asc(bodies.sortKey), asc(bodies.id))
    .limit(200);
  const byBody = new Map<string, LedBody>();
  for (const r of rows) {
    const led = byBody.get(r.body.id) ?? { body: r.body, structureName: r.structureName, roles: [] };
    if (!led.roles.includes(r.role)) led.roles.push(r.role);
    byBody.set(r.body.id, led);
  }
  return [...byBody.values()];
}

/** Seats held by nobody on the day (substitutes do not fill a seat), per body: one query for all the bodies. */
async function vacantSeats(ctx: BodyWarningContext): Promise<BodyWarning[]> {
  const ids = ctx.bodies.map((b) => b.id);
  const result = await ctx.db.execute(sql`
    select s.body_id, count(*)::int as vacant, (array_agg(s.function order by s.position, s.sort_key))[1:3] as names
    from seats s
    where s.body_id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
      and s.created_on <= ${ctx.day} and (s.ended_on is null or s.ended_on >= ${ctx.day})
      and not exists (
        select 1 from memberships m
        where m.seat_id = s.id and m.role <> 'substitute'
          and m.start_on <= ${ctx.day} and (m.end_on is null or m.end_on >= ${ctx.day}))
    group by s.body_id`);
  return (result.rows as { body_id: string; vacant: number; names: string[] | string }[]).map((r) => {
    const names = Array.isArray(r.names) ? r.names : parsePgArray(r.names);
    return {
      bodyId: r.body_id,
      kind: 'structure.vacantSeats',
      text: ctx.t('structure.home.led.vacant', { count: Number(r.vacant), seats: names.join(', ') }),
      link: `/bodies/${r.body_id}`,
    };
  });
}

/** A text[] as some drivers return it ('{a,"b c"}'). */
function parsePgArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '');
  if (!inner) return [];
  return [...inner.matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!));
}
