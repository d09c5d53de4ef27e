import { and, eq, inArray, isNull } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { refuse, refuseAll, type Refusal } from '../../../platform/refusals.js';
import type { z } from 'zod';
import type { MessageKey } from '../../../platform/i18n/index.js';
import type { CommandContext } from '../../../platform/commands.js';
import { sortKey } from '../../../platform/sortkey.js';
import type { bodySettings } from '../inputs.js';
import { bodies, mandateVersions, structurePrincipals, type Body } from '../schema.js';
import type { MandateInput } from '../inputs.js';

type Settings = z.output<z.ZodObject<typeof bodySettings>>;

/** Checks a body's settings together and refuses with every problem at once. */
export async function checkBodySettings(ctx: CommandContext, structureId: string, s: Settings, bodyId?: string): Promise<void> {
  const errors: Refusal[] = [];
  const add = (field: string, key: MessageKey) => errors.push({ field, key });
  if (s.sizeMin != null && s.sizeMax != null && s.sizeMin > s.sizeMax) add('sizeMax', 'structure.refuse.sizeMinMax');
  if (s.meetingsMin != null && s.meetingsMax != null && s.meetingsMin > s.meetingsMax) add('meetingsMax', 'structure.refuse.meetingsMinMax');
  if (s.activeTo && s.activeTo < s.activeFrom) add('activeTo', 'structure.refuse.activeToBeforeFrom');
  if (!!s.chairPeriodMonths !== !!s.chairPeriodAnchor) {
    add(s.chairPeriodMonths ? 'chairPeriodAnchor' : 'chairPeriodMonths', 'structure.refuse.chairPeriodBoth');
  }
  if (s.chairKindRule === 'alternate') {
    if (!s.chairPeriodMonths || !s.chairPeriodAnchor) add('chairPeriodMonths', 'structure.refuse.alternateNeedsPeriods');
    if (s.chairFirstKind !== 'region' && s.chairFirstKind !== 'municipality') add('chairFirstKind', 'structure.refuse.alternateFirstKind');
  }
  if (s.chairKindRule === 'rotate') await checkRotation(ctx, structureId, s, add);
  if (s.chairKindRule === 'follow_body') {
    if (!s.chairFollowsBodyId) add('chairFollowsBodyId', 'structure.refuse.followWhich');
    else if (s.chairFollowsBodyId === bodyId) add('chairFollowsBodyId', 'structure.refuse.followSelf');
    else {
      const [followed] = await ctx.tx.select({ structureId: bodies.structureId }).from(bodies).where(eq(bodies.id, s.chairFollowsBodyId));
      if (!followed || followed.structureId !== structureId) add('chairFollowsBodyId', 'structure.refuse.followOtherStructure');
    }
  }
  if (errors.length) refuseAll(errors);
}

/** A rotation of the chair: mandate periods, two or more principals of the structure, each once. */
async function checkRotation(ctx: CommandContext, structureId: string, s: Settings, add: (field: string, key: MessageKey) => void): Promise<void> {
  if (!s.chairPeriodMonths || !s.chairPeriodAnchor) add('chairPeriodMonths', 'structure.refuse.rotationPeriods');
  const order = s.chairRotation ?? [];
  if (order.length < 2) return add('chairRotation', 'structure.refuse.rotationTooFew');
  if (new Set(order).size !== order.length) return add('chairRotation', 'structure.refuse.rotationTwice');
  const taking = await ctx.tx
    .select({ id: structurePrincipals.principalId })
    .from(structurePrincipals)
    .where(and(eq(structurePrincipals.structureId, structureId), inArray(structurePrincipals.principalId, order)));
  if (taking.length !== order.length) add('chairRotation', 'structure.refuse.principalNotFound');
}

/** The columns of a body from its settings. */
export function bodyColumns(s: Settings) {
  return {
    name: s.name,
    shortName: s.shortName ?? null,
    sortKey: sortKey(s.name),
    level: s.level,
    kind: s.kind,
    isPublic: s.isPublic,
    minutesKind: s.minutesKind,
    substitutesAllowed: s.substitutesAllowed,
    sizeMin: s.sizeMin ?? null,
    sizeMax: s.sizeMax ?? null,
    meetingsMin: s.meetingsMin ?? null,
    meetingsMax: s.meetingsMax ?? null,
    meetingsPer: s.meetingsPer,
    physicalMeetingsMinPerYear: s.physicalMeetingsMinPerYear ?? null,
    jointMeetingsWithSubBodiesPerYear: s.jointMeetingsWithSubBodiesPerYear ?? null,
    activeFrom: s.activeFrom,
    activeTo: s.activeTo ?? null,
    chairPeriodMonths: s.chairPeriodMonths ?? null,
    chairPeriodAnchor: s.chairPeriodAnchor ?? null,
    chairKindRule: s.chairKindRule,
    chairFirstKind: s.chairKindRule === 'alternate' ? (s.chairFirstKind ?? null) : null,
    chairFollowsBodyId: s.chairKindRule === 'follow_body' ? (s.chairFollowsBodyId ?? null) : null,
    chairRotation: s.chairKindRule === 'rotate' ? (s.chairRotation ?? []) : [],
    viceChairOtherKind: s.viceChairOtherKind,
    chairReminderDays: s.chairReminderDays,
    callOpensDays: s.callOpensDays,
    submissionDeadlineDays: s.submissionDeadlineDays,
    agendaPublishDays: s.agendaPublishDays,
    managesSubBodies: s.managesSubBodies,
    paragraphNumbering: s.paragraphNumbering,
  };
}

/** A commissioning body must be in the same structure; only the top body has none. */
export async function checkParent(ctx: CommandContext, structureId: string, parentId: string | null | undefined, bodyId?: string): Promise<Body | null> {
  if (parentId) {
    const [parent] = await ctx.tx.select().from(bodies).where(eq(bodies.id, parentId));
    if (!parent || parent.structureId !== structureId) refuse('parentId', 'structure.refuse.parentOtherStructure');
    return parent;
  }
  const tops = await ctx.tx
    .select({ id: bodies.id, name: bodies.name })
    .from(bodies)
    .where(and(eq(bodies.structureId, structureId), isNull(bodies.parentId)));
  const other = tops.find((t) => t.id !== bodyId);
  if (other) refuse('parentId', 'structure.refuse.topBodyExists', { name: other.name });
  return null;
}

/** Adds the next version of a body's mandate; it must be approved by a named body. */
export async function insertMandate(ctx: CommandContext, body: Body, m: MandateInput) {
  let approvedByName = m.approvedByName;
  if (m.approvedByBodyId) {
    const [approver] = await ctx.tx.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, m.approvedByBodyId));
    if (!approver) refuse('approvedByBodyId', 'structure.refuse.approverNotFound');
    approvedByName ??= approver.name;
  }
  if (!approvedByName) refuse('approvedByName', 'structure.refuse.approverName');
  const previous = await ctx.tx.select({ number: mandateVersions.number }).from(mandateVersions).where(eq(mandateVersions.bodyId, body.id));
  const number = previous.reduce((n, r) => Math.max(n, r.number), 0) + 1;
  const row = one(
    await ctx.tx
      .insert(mandateVersions)
      .values({
        bodyId: body.id,
        number,
        purpose: m.purpose,
        tasks: m.tasks ?? '',
        responsibilities: m.responsibilities ?? '',
        waysOfWorking: m.waysOfWorking ?? '',
        validFrom: m.validFrom,
        approvedOn: m.approvedOn,
        approvedByBodyId: m.approvedByBodyId ?? null,
        approvedByName,
        createdBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
      })
      .returning(),
  );
  await ctx.audit({ objectType: 'mandate_version', objectId: row.id, after: row });
  return row;
}
