import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { can } from '../../../platform/auth/authorize.js';
import { people } from '../../../platform/auth/schema.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { today } from '../../../platform/days.js';
import { memberships, organisations, principals, seats, structureCategories, structures } from '../../structure/schema.js';
import { bodyForCases } from '../policy.js';
import { checkbox, id, idList, linkInput, longText, optionalId, title } from '../inputs.js';
import { nextCaseNumber, addLinks, caseLabels } from './common.js';
import { refuse } from '../../../platform/refusals.js';
import { yearOf } from '../queries/index.js';
import { caseCategories, cases } from '../schema.js';
import { caseWorld } from '../samples.js';

const raiseInput = z.object({
  bodyId: id,
  title,
  description: longText,
  /** Someone else raised it (the body's managers register cases on behalf of others). */
  raisedByPersonId: optionalId,
  raisedByName: optionalFreeText({ max: 200 }),
  raisedByOrganisationId: optionalId,
  raisedByOrganisationName: optionalFreeText({ max: 200 }),
  categoryIds: idList,
  newMedicalTask: checkbox.default(false),
  links: z.array(linkInput).max(50).default([]),
});

/** The organisation a person speaks for in a body: the seat's organisation or principal, or their own. */
async function organisationOf(tx: Parameters<typeof nextCaseNumber>[0], personId: string, bodyId: string, day: string) {
  const [row] = await tx
    .select({ orgId: organisations.id, orgName: organisations.name, principalName: principals.name, ownOrg: memberships.organisationId })
    .from(memberships)
    .leftJoin(seats, eq(seats.id, memberships.seatId))
    .leftJoin(organisations, eq(organisations.id, seats.organisationId))
    .leftJoin(principals, eq(principals.id, seats.principalId))
    .where(and(eq(memberships.personId, personId), eq(memberships.bodyId, bodyId), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day))))
    .limit(1);
  if (!row) return { id: null, name: null };
  if (row.orgId) return { id: row.orgId, name: row.orgName };
  if (row.ownOrg) {
    const [own] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, row.ownOrg));
    return { id: row.ownOrg, name: own?.name ?? null };
  }
  return { id: null, name: row.principalName };
}

/**
 * cases.raise: a member brings an issue to the body (or the body's managers register one
 * raised by someone else). It gets the next registration number of the structure and year.
 */
export const raiseCase = defineCommand({
  name: 'cases.raise',
  input: raiseInput,
  labels: caseLabels,
  async run(ctx, input) {
    const { body, roles } = await bodyForCases(ctx.tx, ctx.actor, input.bodyId, 'cases.raise', ctx.now);
    const day = today(ctx.now);
    if (body.activeTo && body.activeTo < day) refuse('bodyId', 'cases.refusal.bodyEnded', { body: body.name });
    const me = actorId(ctx.actor);
    const manager = can(ctx.actor, 'cases.managePlan', { body, roles });
    let raiserId: string | null = me;
    let raiserName: string | null = null;
    if (input.raisedByPersonId && input.raisedByPersonId !== me) {
      if (!manager) refuse('raisedByPersonId', 'cases.refusal.raiseOnBehalf');
      raiserId = input.raisedByPersonId;
    } else if (input.raisedByName && !input.raisedByPersonId) {
      // Someone without an account in Samverka raised it: the managers register those.
      if (!manager) refuse('raisedByName', 'cases.refusal.raiseOnBehalf');
      raiserId = null;
      raiserName = input.raisedByName;
    }
    if (raiserId) {
      const [p] = await ctx.tx.select({ name: people.name }).from(people).where(eq(people.id, raiserId));
      if (!p) refuse('raisedByPersonId', 'cases.refusal.personNotFound');
      raiserName = p.name;
    }
    if (!raiserName) refuse('raisedByName', 'cases.refusal.raiserRequired');

    let orgId = input.raisedByOrganisationId ?? null;
    let orgName = input.raisedByOrganisationName ?? null;
    if (orgId) {
      const [o] = await ctx.tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
      if (!o) refuse('raisedByOrganisationId', 'cases.refusal.organisationNotFound');
      orgName = o.name;
    } else if (!orgName && raiserId) {
      const derived = await organisationOf(ctx.tx, raiserId, body.id, day);
      orgId = derived.id;
      orgName = derived.name;
    }

    const categoryIds = [...new Set(input.categoryIds)];
    if (categoryIds.length) {
      const found = await ctx.tx
        .select({ id: structureCategories.id })
        .from(structureCategories)
        .where(and(inArray(structureCategories.id, categoryIds), eq(structureCategories.structureId, body.structureId)));
      if (found.length !== categoryIds.length) refuse('categoryIds', 'cases.refusal.categoriesOtherStructure');
    }

    const [structure] = await ctx.tx.select({ id: structures.id }).from(structures).where(eq(structures.id, body.structureId));
    const year = yearOf(ctx.now);
    const number = await nextCaseNumber(ctx.tx, structure!.id, year);
    const row = one(
      await ctx.tx
        .insert(cases)
        .values({
          structureId: body.structureId,
          bodyId: body.id,
          year,
          number,
          title: input.title,
          description: input.description ?? null,
          raisedByPersonId: raiserId,
          raisedByName: raiserName,
          raisedByOrganisationId: orgId,
          raisedByOrganisationName: orgName,
          raisedOn: day,
          state: 'raised',
          stateChangedAt: ctx.now,
          newMedicalTask: input.newMedicalTask,
          createdBy: me,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning(),
    );
    if (categoryIds.length) await ctx.tx.insert(caseCategories).values(categoryIds.map((categoryId) => ({ caseId: row.id, categoryId })));
    await ctx.audit({ objectType: 'case', objectId: row.id, after: { ...row, categoryIds } });
    if (input.links.length) await addLinks(ctx, row, input.links);
    return row;
  },
  async sample(sc) {
    const world = await caseWorld(sc.database.db);
    return {
      actor: world.members[0]!.actor,
      input: {
        bodyId: world.body.id,
        title: 'Intravenös antibiotikabehandling i hemmet',
        description: 'Kommunerna får frågor om att ge antibiotika intravenöst i ordinärt boende.',
        raisedByOrganisationName: 'Örebro kommun',
        categoryIds: [world.goalAreaId, world.targetGroupId],
        newMedicalTask: true,
        links: [{ kind: 'document' as const, url: 'https://example.se/underlag.pdf', label: 'Underlag från MAS-nätverket' }],
      },
    };
  },
});
