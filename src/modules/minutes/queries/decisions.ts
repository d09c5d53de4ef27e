import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.js';
import { pageOf, PAGE_SIZE, type Paged } from '../../../platform/http/paging.js';
import { bodies, type Body } from '../../structure/schema.js';
import { meetings } from '../../meetings/schema.js';
import { decisionLabel, paragraphLabel } from '../numbering.js';
import { decisions, minuteItems, minutes, type Decision, type FollowUpStatus } from '../schema.js';

/** Reads of the decision register. */

/** A body by id (for a decision's label and who may read it). */
export async function bodyById(db: DbOrTx, id: string): Promise<Body | undefined> {
  const [row] = await db.select().from(bodies).where(eq(bodies.id, id));
  return row;
}

export interface DecisionFilter {
  bodyIds?: string[] | null | undefined;
  structureId?: string | undefined;
  q?: string | undefined;
  year?: number | undefined;
  followUp?: FollowUpStatus | undefined;
  /**
   * What the reader may see: every decision of these bodies, and elsewhere only the decisions
   * of published minutes of public bodies that are not internal. Undefined: everything.
   */
  visibleBodyIds?: string[] | undefined;
  withdrawn?: boolean;
}

export interface DecisionRow extends Decision {
  label: string;
  bodyName: string;
  meetingTitle: string;
  itemNumber: string | null;
  minutesPublished: boolean;
}

/** The filters of the register, without the reader's visibility. */
function filterWhere(f: DecisionFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    f.bodyIds ? (f.bodyIds.length ? inArray(decisions.bodyId, f.bodyIds) : sql`false`) : undefined,
    f.structureId ? eq(decisions.structureId, f.structureId) : undefined,
    f.year ? eq(decisions.year, f.year) : undefined,
    f.followUp ? eq(decisions.followUpStatus, f.followUp) : undefined,
    f.withdrawn ? undefined : isNull(decisions.withdrawnAt),
    f.q ? or(ilike(decisions.text, `%${escapeLike(f.q)}%`), ilike(decisions.title, `%${escapeLike(f.q)}%`)) : undefined,
  ];
  return and(...parts.filter(Boolean));
}

/** The filters and the reader's visibility, for a query that joins `bodies` and left-joins `minutes`. */
function decisionWhere(f: DecisionFilter): SQL | undefined {
  return and(
    filterWhere(f),
    f.visibleBodyIds === undefined
      ? undefined
      : or(f.visibleBodyIds.length ? inArray(decisions.bodyId, f.visibleBodyIds) : undefined, and(eq(decisions.internal, false), isNotNull(minutes.publishedAt), eq(bodies.isPublic, true))),
  );
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * How many decisions the register lists, in one pass over the filtered decisions (the text
 * filter is the costly part). The visibility rule is applied to those rows only, and it checks
 * the minutes with an index lookup per decision outside the reader's bodies. The earlier count
 * joined `minutes`, which read every minutes row at national scale (docs/performance.md).
 * `materialized` keeps PostgreSQL from estimating the lookup for every decision of the
 * structure (which made it compile the query with JIT); `offset 0` keeps it from hashing all
 * published minutes instead of looking up the few rows that need it.
 */
async function countDecisions(db: DbOrTx, f: DecisionFilter): Promise<number> {
  const filters = filterWhere(f);
  const visible = f.visibleBodyIds;
  if (visible === undefined) {
    const [row] = await db.select({ n: count() }).from(decisions).where(filters);
    return row?.n ?? 0;
  }
  const own = visible.length
    ? sql`m.body_id in (${sql.join(
        visible.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) or `
    : sql``;
  const result = await db.execute(sql`
    with m as materialized (
      select ${decisions.bodyId} as body_id, ${decisions.meetingId} as meeting_id, ${decisions.internal} as internal
      from ${decisions} where ${filters ?? sql`true`}
    )
    select count(*)::int as n from m join ${bodies} on ${bodies.id} = m.body_id
    where ${own}(not m.internal and ${bodies.isPublic}
      and exists (select 1 from ${minutes} where ${minutes.meetingId} = m.meeting_id and ${minutes.publishedAt} is not null offset 0))`);
  const [row] = result.rows as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/** A decision with its body, meeting, minutes item and whether the minutes are published: the register's row. */
function decisionSelect(db: DbOrTx) {
  return db
    .select({
      d: decisions,
      bodyName: bodies.name,
      shortName: bodies.shortName,
      paragraphNumbering: bodies.paragraphNumbering,
      meetingTitle: meetings.title,
      itemNumber: minuteItems.number,
      itemPosition: minuteItems.position,
      itemParagraph: minuteItems.paragraph,
      published: minutes.publishedAt,
    })
    .from(decisions)
    .innerJoin(bodies, eq(bodies.id, decisions.bodyId))
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .leftJoin(minutes, eq(minutes.meetingId, decisions.meetingId))
    .leftJoin(minuteItems, eq(minuteItems.id, decisions.minuteItemId));
}

type DecisionSelected = Awaited<ReturnType<typeof decisionSelect>>[number];

function decisionRowOf(r: DecisionSelected): DecisionRow {
  return {
    ...r.d,
    label: decisionLabel({ name: r.bodyName, shortName: r.shortName, paragraphNumbering: r.paragraphNumbering }, r.d),
    bodyName: r.bodyName,
    meetingTitle: r.meetingTitle,
    // Where the body numbers by §, the item's number is the decision's §.
    itemNumber:
      r.itemParagraph !== null ? paragraphLabel(r.itemParagraph) : r.paragraphNumbering ? paragraphLabel(r.d.number) : (r.itemNumber ?? (r.itemPosition !== null ? String(r.itemPosition) : null)),
    minutesPublished: !!r.published,
  };
}

export async function listDecisions(db: DbOrTx, filter: DecisionFilter, page = 1, pageSize = PAGE_SIZE): Promise<Paged<DecisionRow>> {
  const where = decisionWhere(filter);
  const [rows, total] = await Promise.all([
    decisionSelect(db)
      .where(where)
      .orderBy(desc(decisions.decidedOn), asc(bodies.sortKey), desc(decisions.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    countDecisions(db, filter),
  ]);
  return pageOf(rows.map(decisionRowOf), page, total, pageSize);
}

export async function decisionYears(db: DbOrTx, filter: Pick<DecisionFilter, 'bodyIds' | 'structureId'>): Promise<number[]> {
  const rows = await db
    .selectDistinct({ year: decisions.year })
    .from(decisions)
    .where(
      and(
        filter.bodyIds ? (filter.bodyIds.length ? inArray(decisions.bodyId, filter.bodyIds) : sql`false`) : undefined,
        filter.structureId ? eq(decisions.structureId, filter.structureId) : undefined,
      ),
    )
    .orderBy(desc(decisions.year));
  return rows.map((r) => r.year);
}

export async function decisionById(db: DbOrTx, id: string): Promise<DecisionRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [r] = await decisionSelect(db).where(eq(decisions.id, id));
  return r ? decisionRowOf(r) : undefined;
}
