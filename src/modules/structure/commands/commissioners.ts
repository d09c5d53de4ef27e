import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { one } from '../../../platform/db/rows.js';
import { notFound, refuse } from '../../../platform/refusals.js';
import { defineCommand, type CommandContext } from '../../../platform/commands.js';
import { optionalFreeText } from '../../../platform/pin.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { auditValueOf, otherCommissionersOf } from '../commissioners.js';
import { id, optionalId } from '../inputs.js';
import { isSelfOrDescendant } from '../queries/index.js';
import { bodies, bodyCommissioners, principals, type Body } from '../schema.js';
import { fixtureBody, fixtureStructure } from '../samples.js';
import { bodyFor } from './common.js';

/*
 * A body's commissioners besides its parent: those who manage the body add and remove them.
 * Each change is audited on the body as the list before and after (ids told by name).
 */

const labels = (t: Translate) => ({
  commissionerBodyId: t('structure.commissioners.body'),
  principalId: t('structure.commissioners.principal'),
  name: t('structure.commissioners.name'),
});

/** The list of a body's other commissioners as the audit trail keeps it. */
async function auditList(ctx: CommandContext, bodyId: string) {
  return { commissioners: (await otherCommissionersOf(ctx.tx, bodyId)).map(auditValueOf) };
}

/** Refuses a commissioning body that cannot commission `body`; returns its name. */
async function checkBody(ctx: CommandContext, body: Body, commissionerBodyId: string): Promise<string> {
  const [other] = await ctx.tx.select({ id: bodies.id, name: bodies.name }).from(bodies).where(eq(bodies.id, commissionerBodyId));
  if (!other) refuse('commissionerBodyId', 'structure.refuse.commissionerBodyNotFound');
  if (other.id === body.id) refuse('commissionerBodyId', 'structure.refuse.commissionerSelf');
  if (other.id === body.parentId) refuse('commissionerBodyId', 'structure.refuse.commissionerParent', { name: other.name });
  if (await isSelfOrDescendant(ctx.tx, body.id, other.id)) refuse('commissionerBodyId', 'structure.refuse.commissionerBelow', { name: other.name });
  return other.name;
}

/**
 * structure.addCommissioner: another body (the body then serves several bodies), a principal,
 * or a party outside Samverka by name commissions the body besides its parent.
 */
export const addCommissioner = defineCommand({
  name: 'structure.addCommissioner',
  input: z.object({
    bodyId: id,
    commissionerBodyId: optionalId.describe('A body (of any structure) that commissions this body besides its parent'),
    principalId: optionalId.describe('A principal that commissions the body'),
    name: optionalFreeText({ max: 200 }).describe('A party outside Samverka that commissions the body'),
  }),
  labels,
  async run(ctx, input) {
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    const given = [input.commissionerBodyId, input.principalId, input.name].filter((v) => v !== undefined);
    if (given.length !== 1) refuse(input.principalId ? 'principalId' : input.name ? 'name' : 'commissionerBodyId', 'structure.refuse.commissionerOne');
    const existing = await otherCommissionersOf(ctx.tx, body.id);
    let name: string;
    if (input.commissionerBodyId) {
      name = await checkBody(ctx, body, input.commissionerBodyId);
      if (existing.some((c) => c.bodyId === input.commissionerBodyId)) refuse('commissionerBodyId', 'structure.refuse.commissionerTwice', { name });
    } else if (input.principalId) {
      const [p] = await ctx.tx.select({ name: principals.name }).from(principals).where(eq(principals.id, input.principalId));
      if (!p) refuse('principalId', 'structure.refuse.principalNotFound');
      name = p.name;
      if (existing.some((c) => c.principalId === input.principalId)) refuse('principalId', 'structure.refuse.commissionerTwice', { name });
    } else {
      name = input.name!.trim();
      if (existing.some((c) => c.kind === 'name' && c.name.toLocaleLowerCase('sv') === name.toLocaleLowerCase('sv'))) refuse('name', 'structure.refuse.commissionerTwice', { name });
    }
    const before = await auditList(ctx, body.id);
    const [last] = await ctx.tx
      .select({ n: sql<number>`coalesce(max(${bodyCommissioners.position}), -1)::int` })
      .from(bodyCommissioners)
      .where(eq(bodyCommissioners.bodyId, body.id));
    const row = one(
      await ctx.tx
        .insert(bodyCommissioners)
        .values({
          bodyId: body.id,
          commissionerBodyId: input.commissionerBodyId ?? null,
          principalId: input.principalId ?? null,
          name: input.commissionerBodyId || input.principalId ? null : name,
          position: Number(last?.n ?? -1) + 1,
        })
        .returning(),
    );
    await ctx.audit({ objectType: 'body', objectId: body.id, before, after: await auditList(ctx, body.id) });
    return { ...row, displayName: name };
  },
  async sample(sc) {
    const s = await fixtureStructure(sc.database.db);
    const top = await fixtureBody(sc.database.db, s.structure.id);
    const body = await fixtureBody(sc.database.db, s.structure.id, { parentId: top.id, level: 'operational' });
    return { actor: await sc.admin(), input: { bodyId: body.id, name: 'Polismyndigheten i Bergslagen' } };
  },
});

/** structure.removeCommissioner: a commissioner besides the parent no longer commissions the body. */
export const removeCommissioner = defineCommand({
  name: 'structure.removeCommissioner',
  input: z.object({ bodyId: id, commissionerId: id.describe('The commissioner row (the id in the body’s commissioners)') }),
  labels: (t) => ({ commissionerId: t('structure.commissioners.who') }),
  async run(ctx, input) {
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    const existing = await otherCommissionersOf(ctx.tx, body.id);
    const gone = existing.find((c) => c.id === input.commissionerId);
    if (!gone) notFound('structure.refuse.commissionerNotFound');
    const before = { commissioners: existing.map(auditValueOf) };
    await ctx.tx.delete(bodyCommissioners).where(and(eq(bodyCommissioners.id, input.commissionerId), eq(bodyCommissioners.bodyId, body.id)));
    await ctx.audit({ objectType: 'body', objectId: body.id, before, after: await auditList(ctx, body.id) });
    return { id: input.commissionerId, name: gone.name };
  },
  async sample(sc) {
    const s = await fixtureStructure(sc.database.db);
    const top = await fixtureBody(sc.database.db, s.structure.id);
    const body = await fixtureBody(sc.database.db, s.structure.id, { parentId: top.id, level: 'operational' });
    const row = one(await sc.database.db.insert(bodyCommissioners).values({ bodyId: body.id, principalId: s.region.id }).returning());
    return { actor: await sc.admin(), input: { bodyId: body.id, commissionerId: row.id } };
  },
});
