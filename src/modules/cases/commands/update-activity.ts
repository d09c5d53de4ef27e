import { activityFields, checkActivity, activityLabels } from './common.js';
import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { rolesOf } from '../../structure/index.js';
import { today } from '../../../platform/days.js';
import { bodies } from '../../structure/schema.js';
import { id, optionalVersion } from '../inputs.js';
import { checkVersion, notFound } from '../../../platform/refusals.js';
import { activities } from '../schema.js';
import { caseWorld, fixtureCase } from '../samples.js';

/** cases.updateActivity: status (traffic light), owner, dates and place on the waiting list of a plan line. */
export const updateActivity = defineCommand({
  name: 'cases.updateActivity',
  input: z.object({ activityId: id, version: optionalVersion, ...activityFields }),
  labels: activityLabels,
  async run(ctx, input) {
    const [line] = await ctx.tx.select().from(activities).where(eq(activities.id, input.activityId)).for('update');
    if (!line) notFound('cases.refusal.activityNotFound');
    const [body] = await ctx.tx.select().from(bodies).where(eq(bodies.id, line.bodyId));
    authorize(ctx.actor, 'cases.managePlan', { body: body!, roles: await rolesOf(ctx.tx, ctx.actor, body!.id, today(ctx.now)) });
    checkVersion(line.version, input.version, 'cases.refusal.stale');
    const ownerName = (await checkActivity(ctx, body!, input)) ?? input.ownerName ?? null;
    const row = one(
      await ctx.tx
        .update(activities)
        .set({
          title: line.caseId ? line.title : input.title,
          description: input.description ?? null,
          goalAreaId: input.goalAreaId ?? null,
          ownerPersonId: input.ownerPersonId ?? null,
          ownerName,
          startOn: input.startOn ?? null,
          endOn: input.endOn ?? null,
          status: input.status,
          waiting: input.status === 'done' ? false : input.waiting,
          updatedAt: ctx.now,
          version: line.version + 1,
        })
        .where(eq(activities.id, line.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: line.id, before: line, after: row });
    return row;
  },
  async sample(sc) {
    const db = sc.database.db;
    const world = await caseWorld(db);
    const kase = await fixtureCase(db, world, 'accepted');
    const [line] = await db.select().from(activities).where(eq(activities.caseId, kase.id));
    return {
      actor: world.secretary.actor,
      input: {
        activityId: line!.id,
        title: line!.title,
        status: 'yellow' as const,
        ownerName: 'Fatima Said',
        startOn: '2026-01-15',
        endOn: '2026-12-31',
        description: 'Risk för förseningar under sommaren.',
      },
    };
  },
});
