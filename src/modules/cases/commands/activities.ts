import { and, eq, max, ne } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { people } from '../../../platform/auth/schema.js';
import { rolesOf } from '../../structure/index.js';
import { today } from '../../../platform/days.js';
import { bodies, structureCategories, type Body } from '../../structure/schema.js';
import { bodyForCases, type CaseCtx } from '../access.js';
import { checkbox, id, optionalDay, optionalId, optionalVersion, title, trafficLightInput, year } from '../inputs.js';
import { checkVersion, notFound, refuse } from '../../../platform/refusals.js';
import { activities } from '../schema.js';
import { caseWorld, fixtureCase } from '../samples.js';
import { activityLabels } from './labels.js';

const activityFields = {
  title,
  description: optionalFreeText({ max: 4000 }),
  goalAreaId: optionalId,
  ownerPersonId: optionalId,
  ownerName: optionalFreeText({ max: 200 }),
  startOn: optionalDay,
  endOn: optionalDay,
  status: trafficLightInput.default('not_started'),
  waiting: checkbox.default(false),
};

async function checkActivity(ctx: CaseCtx, body: Body, input: { goalAreaId?: string | undefined; ownerPersonId?: string | undefined; startOn?: string | undefined; endOn?: string | undefined }) {
  if (input.startOn && input.endOn && input.endOn < input.startOn) refuse('endOn', 'cases.refusal.endBeforeStart');
  if (input.goalAreaId) {
    const [g] = await ctx.tx.select().from(structureCategories).where(eq(structureCategories.id, input.goalAreaId));
    if (!g || g.structureId !== body.structureId || g.kind !== 'goal_area') refuse('goalAreaId', 'cases.refusal.goalAreaRequired');
  }
  let ownerName: string | null = null;
  if (input.ownerPersonId) {
    const [p] = await ctx.tx.select({ name: people.name }).from(people).where(eq(people.id, input.ownerPersonId));
    if (!p) refuse('ownerPersonId', 'cases.refusal.personNotFound');
    ownerName = p.name;
  }
  return ownerName;
}

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
