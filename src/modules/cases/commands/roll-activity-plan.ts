import { and, eq, max, ne } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { bodyForCases } from '../policy.js';
import { id, year } from '../inputs.js';
import { activities } from '../schema.js';
import { caseWorld, fixtureCase } from '../samples.js';

/**
 * cases.rollActivityPlan: the plan rolls into the next year carrying every unfinished line
 * (waiting list included), each linked to the line it continues. Lines carried before are
 * not carried twice.
 */
export const rollActivityPlan = defineCommand({
  name: 'cases.rollActivityPlan',
  input: z.object({ bodyId: id, fromYear: year }),
  async run(ctx, input) {
    const { body } = await bodyForCases(ctx.tx, ctx.actor, input.bodyId, 'cases.managePlan', ctx.now);
    const toYear = input.fromYear + 1;
    const unfinished = await ctx.tx
      .select()
      .from(activities)
      .where(and(eq(activities.bodyId, body.id), eq(activities.year, input.fromYear), ne(activities.status, 'done')))
      .orderBy(activities.waiting, activities.position);
    const already = unfinished.length
      ? await ctx.tx
          .select({ from: activities.carriedFromId, caseId: activities.caseId })
          .from(activities)
          .where(and(eq(activities.bodyId, body.id), eq(activities.year, toYear)))
      : [];
    const carried = new Set(already.map((a) => a.from));
    const casesThere = new Set(already.map((a) => a.caseId).filter(Boolean));
    const [pos] = await ctx.tx
      .select({ n: max(activities.position) })
      .from(activities)
      .where(and(eq(activities.bodyId, body.id), eq(activities.year, toYear)));
    let position = pos?.n ?? 0;
    const rows = [];
    for (const line of unfinished) {
      if (carried.has(line.id) || (line.caseId && casesThere.has(line.caseId))) continue;
      const row = one(
        await ctx.tx
          .insert(activities)
          .values({
            structureId: line.structureId,
            bodyId: line.bodyId,
            year: toYear,
            caseId: line.caseId,
            title: line.title,
            description: line.description,
            goalAreaId: line.goalAreaId,
            ownerPersonId: line.ownerPersonId,
            ownerName: line.ownerName,
            startOn: line.startOn,
            endOn: line.endOn,
            status: line.status,
            waiting: line.waiting,
            carriedFromId: line.id,
            position: ++position,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning(),
      );
      rows.push(row);
    }
    await ctx.audit({ objectType: 'activity_plan', objectId: `${body.id}:${toYear}`, after: { fromYear: input.fromYear, toYear, carried: rows.map((r) => r.id) } });
    return { year: toYear, carried: rows.length, skipped: unfinished.length - rows.length, ids: rows.map((r) => r.id) };
  },
  async sample(sc) {
    const db = sc.database.db;
    const world = await caseWorld(db);
    await fixtureCase(db, world, 'accepted');
    return { actor: world.secretary.actor, input: { bodyId: world.body.id, fromYear: new Date().getFullYear() } };
  },
});
