import { and, eq, inArray } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { optionalFreeText } from '../../../platform/pin.js';
import { sortKey } from '../../../platform/sortkey.js';
import { maxDay, today } from '../../../platform/days.js';
import { requirePrincipalKind } from './principal-kinds.js';
import { id, name, optionalDay, optionalId, principalKindInput, roleInput, seatRepresentationInput } from '../inputs.js';
import { checkBodyPeriod } from '../membership-rules.js';
import { syncExOfficio } from '../ex-officio.js';
import { bodies, contactSurfaces, organisations, principals, seatPrincipals, seats, structurePrincipals, type PrincipalKind } from '../schema.js';
import { sampleSetup } from '../samples.js';
import { bodyFor } from './common.js';

const createSeatInput = z.object({
  bodyId: id,
  function: name,
  representation: seatRepresentationInput,
  principalId: optionalId,
  organisationId: optionalId,
  groupPrincipalIds: z.array(id).max(500).default([]),
  groupLabel: optionalFreeText({ max: 200 }),
  principalKind: z.preprocess((v) => (v === '' ? undefined : v), principalKindInput.optional()),
  contactSurfaceId: optionalId,
  exOfficioBodyId: optionalId,
  exOfficioRole: z.preprocess((v) => (v === '' ? undefined : v), roleInput.optional()),
  createdOn: optionalDay,
  position: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(10_000).optional()),
});

/**
 * structure.createSeat: the body's managers add a seat, defined by function and by whom
 * it represents (a principal, an organisation, a group of principals, or only the
 * function), optionally with a contact surface, or ex officio from another body.
 */
export const createSeat = defineCommand({
  name: 'structure.createSeat',
  input: createSeatInput,
  labels: (t) => ({
    function: t('structure.seat.function'),
    representation: t('structure.seat.representation'),
    principalId: t('structure.seat.principal'),
    organisationId: t('structure.seat.organisation'),
    groupPrincipalIds: t('structure.seat.groupPrincipals'),
    groupLabel: t('structure.seat.groupLabel'),
    createdOn: t('structure.seat.createdOn'),
    exOfficioBodyId: t('structure.seat.exOfficioBody'),
    exOfficioRole: t('structure.seat.exOfficioRole'),
  }),
  async run(ctx, input) {
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    const createdOn = input.createdOn ?? maxDay(today(ctx.now), body.activeFrom);
    checkBodyPeriod(body, createdOn, null, { startOn: 'createdOn', endOn: 'createdOn' });
    const inStructure = async (principalId: string) =>
      (
        await ctx.tx
          .select()
          .from(structurePrincipals)
          .where(and(eq(structurePrincipals.structureId, body.structureId), eq(structurePrincipals.principalId, principalId)))
      ).length > 0;

    if (input.principalKind) await requirePrincipalKind(ctx.tx, input.principalKind, 'principalKind');
    let kind: PrincipalKind | null = input.principalKind ?? null;
    let principalId: string | null = null;
    let organisationId: string | null = null;
    let groupIds: string[] = [];
    if (input.representation === 'principal') {
      if (!input.principalId) refuse('principalId', 'structure.refuse.seatPrincipal');
      const [p] = await ctx.tx.select().from(principals).where(eq(principals.id, input.principalId));
      if (!p) refuse('principalId', 'structure.refuse.principalNotFound');
      if (!(await inStructure(p.id))) refuse('principalId', 'structure.refuse.principalNotInStructure', { name: p.name });
      principalId = p.id;
      kind = p.kind;
    } else if (input.representation === 'organisation') {
      if (!input.organisationId) refuse('organisationId', 'structure.refuse.seatOrganisation');
      const [o] = await ctx.tx
        .select({ id: organisations.id, principalId: organisations.principalId, kind: principals.kind, principalName: principals.name })
        .from(organisations)
        .innerJoin(principals, eq(principals.id, organisations.principalId))
        .where(eq(organisations.id, input.organisationId));
      if (!o) refuse('organisationId', 'structure.refuse.organisationNotFound');
      if (!(await inStructure(o.principalId))) refuse('organisationId', 'structure.refuse.notInStructure', { name: o.principalName });
      organisationId = o.id;
      kind = o.kind;
    } else if (input.representation === 'principal_group') {
      groupIds = [...new Set(input.groupPrincipalIds)];
      if (groupIds.length === 0) refuse('groupPrincipalIds', 'structure.refuse.seatGroup');
      const ps = await ctx.tx.select().from(principals).where(inArray(principals.id, groupIds));
      if (ps.length !== groupIds.length) refuse('groupPrincipalIds', 'structure.refuse.onePrincipalMissing');
      for (const p of ps) if (!(await inStructure(p.id))) refuse('groupPrincipalIds', 'structure.refuse.notInStructure', { name: p.name });
      const kinds = new Set(ps.map((p) => p.kind));
      kind = kinds.size === 1 ? ps[0]!.kind : (input.principalKind ?? null);
    }

    if (input.contactSurfaceId) {
      const [cs] = await ctx.tx.select().from(contactSurfaces).where(eq(contactSurfaces.id, input.contactSurfaceId));
      if (!cs || cs.structureId !== body.structureId) refuse('contactSurfaceId', 'structure.refuse.contactSurfaceNotInStructure');
    }
    if (!!input.exOfficioBodyId !== !!input.exOfficioRole) {
      refuse(input.exOfficioBodyId ? 'exOfficioRole' : 'exOfficioBodyId', 'structure.refuse.exOfficioBoth');
    }
    if (input.exOfficioBodyId) {
      if (input.exOfficioBodyId === body.id) refuse('exOfficioBodyId', 'structure.refuse.exOfficioSameBody');
      const [source] = await ctx.tx.select().from(bodies).where(eq(bodies.id, input.exOfficioBodyId));
      if (!source || source.structureId !== body.structureId) refuse('exOfficioBodyId', 'structure.refuse.exOfficioOtherStructure');
    }

    const row = one(
      await ctx.tx
        .insert(seats)
        .values({
          bodyId: body.id,
          function: input.function,
          sortKey: sortKey(input.function),
          position: input.position ?? 0,
          representation: input.representation,
          principalId,
          organisationId,
          groupLabel: input.groupLabel ?? null,
          principalKind: kind,
          contactSurfaceId: input.contactSurfaceId ?? null,
          exOfficioBodyId: input.exOfficioBodyId ?? null,
          exOfficioRole: input.exOfficioRole ?? null,
          createdOn,
        })
        .returning(),
    );
    if (groupIds.length) await ctx.tx.insert(seatPrincipals).values(groupIds.map((p) => ({ seatId: row.id, principalId: p })));
    await ctx.audit({ objectType: 'seat', objectId: row.id, after: { ...row, groupPrincipalIds: groupIds } });
    if (row.exOfficioBodyId) await syncExOfficio(ctx, { seatIds: [row.id] });
    return row;
  },
  async sample(sc) {
    const { actor, body, municipality } = await sampleSetup(sc);
    return {
      actor,
      input: {
        bodyId: body.id,
        function: 'Medicinskt ansvarig sjuksköterska',
        representation: 'principal_group' as const,
        groupPrincipalIds: [municipality.id],
        groupLabel: 'andra kommuner i länet',
        createdOn: '2024-01-01',
      },
    };
  },
});
