import { activityFields, checkActivity, activityLabels } from './common.js';
import { and, eq, max } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { bodyForCases } from '../policy.js';
import { id, year } from '../inputs.js';
import { activities } from '../schema.js';
import { caseWorld } from '../samples.js';

/** cases.addActivity: the secretary adds an activity (besides the decided cases) to the body's plan of a year. */
export const addActivity = defineCommand({
  name: 'cases.addActivity',
  input: z.object({ bodyId: id, year, ...activityFields }),
  labels: activityLabels,
  async run(ctx, input) {
    const { body } = await bodyForCases(ctx.tx, ctx.actor, input.bodyId, 'cases.managePlan', ctx.now);
    const ownerName = (await checkActivity(ctx, body, input)) ?? input.ownerName ?? null;
    const [pos] = await ctx.tx
      .select({ n: max(activities.position) })
      .from(activities)
      .where(and(eq(activities.bodyId, body.id), eq(activities.year, input.year)));
    const row = one(
      await ctx.tx
        .insert(activities)
        .values({
          structureId: body.structureId,
          bodyId: body.id,
          year: input.year,
          title: input.title,
          description: input.description ?? null,
          goalAreaId: input.goalAreaId ?? null,
          ownerPersonId: input.ownerPersonId ?? null,
          ownerName,
          startOn: input.startOn ?? null,
          endOn: input.endOn ?? null,
          status: input.status,
          waiting: input.waiting,
          position: (pos?.n ?? 0) + 1,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: row.id, after: row });
    return row;
  },
  async sample(sc) {
    const world = await caseWorld(sc.database.db);
    return {
      actor: world.secretary.actor,
      input: {
        bodyId: world.body.id,
        year: 2026,
        title: 'Utbildningsdag om läkemedelsgenomgångar',
        description: 'För sjuksköterskor i kommunerna.',
        goalAreaId: world.goalAreaId,
        ownerName: 'Läkemedelscentrum',
        startOn: '2026-03-01',
        endOn: '2026-05-31',
        status: 'green' as const,
      },
    };
  },
});
