import { and, eq, max, sql } from 'drizzle-orm';
import { one } from '../../platform/db/rows.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { stockholmParts } from '../../platform/time.js';
import { structureCategories } from '../structure/schema.js';
import type { CaseCtx } from './access.js';
import { activities, caseCategories, type Activity, type Case } from './schema.js';

/*
 * The activity plan (aktivitetsplan) of a body per year: decided cases enter it, accepted
 * cases not yet started stand on its waiting list, other activities are added by hand.
 * Rolling into the next year carries every unfinished line (and the waiting list).
 */

export const yearOf = (d: Date) => stockholmParts(d).year;

async function nextPosition(tx: DbOrTx, bodyId: string, year: number): Promise<number> {
  const [row] = await tx
    .select({ n: max(activities.position) })
    .from(activities)
    .where(and(eq(activities.bodyId, bodyId), eq(activities.year, year)));
  return (row?.n ?? 0) + 1;
}

/** The first goal area of a case, if it has one (the plan's column). */
async function goalAreaOf(tx: DbOrTx, caseId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: structureCategories.id })
    .from(caseCategories)
    .innerJoin(structureCategories, eq(structureCategories.id, caseCategories.categoryId))
    .where(and(eq(caseCategories.caseId, caseId), eq(structureCategories.kind, 'goal_area')))
    .orderBy(structureCategories.position)
    .limit(1);
  return row?.id ?? null;
}

/**
 * Puts a case on the body's plan of the year: on the waiting list or among the decided
 * activities. The line already there (this year) is moved rather than duplicated.
 */
export async function planCase(ctx: CaseCtx, kase: Case, waiting: boolean): Promise<Activity> {
  const year = yearOf(ctx.now);
  const [existing] = await ctx.tx
    .select()
    .from(activities)
    .where(and(eq(activities.bodyId, kase.bodyId), eq(activities.year, year), eq(activities.caseId, kase.id)));
  if (existing) {
    const row = one(
      await ctx.tx
        .update(activities)
        .set({ waiting, updatedAt: ctx.now, version: sql`${activities.version} + 1` })
        .where(eq(activities.id, existing.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: existing.id, before: existing, after: row });
    return row;
  }
  const row = one(
    await ctx.tx
      .insert(activities)
      .values({
        structureId: kase.structureId,
        bodyId: kase.bodyId,
        year,
        caseId: kase.id,
        title: kase.title,
        goalAreaId: await goalAreaOf(ctx.tx, kase.id),
        waiting,
        status: 'not_started',
        position: await nextPosition(ctx.tx, kase.bodyId, year),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning(),
  );
  await ctx.audit({ objectType: 'activity', objectId: row.id, after: row });
  return row;
}

/** Marks every plan line of a case done (when it closes or is withdrawn). */
export async function finishCaseLines(ctx: CaseCtx, kase: Case): Promise<void> {
  const lines = await ctx.tx.select().from(activities).where(eq(activities.caseId, kase.id));
  for (const line of lines) {
    if (line.status === 'done') continue;
    const row = one(
      await ctx.tx
        .update(activities)
        .set({ status: 'done', waiting: false, updatedAt: ctx.now, version: line.version + 1 })
        .where(eq(activities.id, line.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: line.id, before: line, after: row });
  }
}

/** Sets the owner and start of a case's plan line when its working group is appointed. */
export async function ownCaseLine(ctx: CaseCtx, kase: Case, owner: { personId: string; name: string }, startOn: string, endOn: string | null): Promise<void> {
  const lines = await ctx.tx
    .select()
    .from(activities)
    .where(and(eq(activities.caseId, kase.id), eq(activities.year, yearOf(ctx.now))));
  for (const line of lines) {
    const row = one(
      await ctx.tx
        .update(activities)
        .set({
          ownerPersonId: owner.personId,
          ownerName: owner.name,
          startOn: line.startOn ?? startOn,
          endOn: endOn ?? line.endOn,
          status: line.status === 'not_started' ? 'green' : line.status,
          waiting: false,
          updatedAt: ctx.now,
          version: line.version + 1,
        })
        .where(eq(activities.id, line.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: line.id, before: line, after: row });
  }
}

/** The case's plan line ends when its assignment ends. */
export async function setCaseLineEnd(ctx: CaseCtx, kase: Case, endOn: string | null): Promise<void> {
  if (!endOn) return;
  const lines = await ctx.tx
    .select()
    .from(activities)
    .where(and(eq(activities.caseId, kase.id), eq(activities.year, yearOf(ctx.now))));
  for (const line of lines) {
    if (line.endOn === endOn) continue;
    const row = one(
      await ctx.tx
        .update(activities)
        .set({ endOn, updatedAt: ctx.now, version: line.version + 1 })
        .where(eq(activities.id, line.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: line.id, before: line, after: row });
  }
}
