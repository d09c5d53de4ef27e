import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CommandContext } from '../../../platform/commands.js';
import { ValidationError, type FieldError } from '../../../platform/http/errors.js';
import { sortKey } from '../../../platform/sortkey.js';
import type { bodySettings } from '../inputs.js';
import { bodies, mandateVersions, type Body } from '../schema.js';
import type { MandateInput } from '../inputs.js';
import { refuse } from '../membership-rules.js';

type Settings = z.output<z.ZodObject<typeof bodySettings>>;

/** Checks a body's settings together and refuses with every problem at once. */
export async function checkBodySettings(ctx: CommandContext, structureId: string, s: Settings, bodyId?: string): Promise<void> {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (s.sizeMin != null && s.sizeMax != null && s.sizeMin > s.sizeMax) add('sizeMax', 'Största antal ledamöter kan inte vara mindre än minsta antal.');
  if (s.meetingsMin != null && s.meetingsMax != null && s.meetingsMin > s.meetingsMax) add('meetingsMax', 'Högsta antal möten kan inte vara mindre än lägsta antal.');
  if (s.activeTo && s.activeTo < s.activeFrom) add('activeTo', 'Gruppen kan inte sluta innan den börjar.');
  if (!!s.chairPeriodMonths !== !!s.chairPeriodAnchor) {
    add(s.chairPeriodMonths ? 'chairPeriodAnchor' : 'chairPeriodMonths', 'Ange både mandatperiodens längd och en dag då en period börjar.');
  }
  if (s.chairKindRule === 'alternate') {
    if (!s.chairPeriodMonths || !s.chairPeriodAnchor) add('chairPeriodMonths', 'Ett ordförandeskap som växlar behöver mandatperioder: ange längd och startdag.');
    if (s.chairFirstKind !== 'region' && s.chairFirstKind !== 'municipality') add('chairFirstKind', 'Ange om regionen eller kommunerna har ordförandeskapet under perioden som börjar på startdagen.');
  }
  if (s.chairKindRule === 'follow_body') {
    if (!s.chairFollowsBodyId) add('chairFollowsBodyId', 'Ange vilken grupps ordförandeskap som följs.');
    else if (s.chairFollowsBodyId === bodyId) add('chairFollowsBodyId', 'En grupp kan inte följa sitt eget ordförandeskap.');
    else {
      const [followed] = await ctx.tx.select({ structureId: bodies.structureId }).from(bodies).where(eq(bodies.id, s.chairFollowsBodyId));
      if (!followed || followed.structureId !== structureId) add('chairFollowsBodyId', 'Gruppen vars ordförandeskap följs måste finnas i samma struktur.');
    }
  }
  if (errors.length) throw new ValidationError(errors, errors[0]!.message);
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
    viceChairOtherKind: s.viceChairOtherKind,
    chairReminderDays: s.chairReminderDays,
    callOpensDays: s.callOpensDays,
    submissionDeadlineDays: s.submissionDeadlineDays,
    agendaPublishDays: s.agendaPublishDays,
  };
}

/** A commissioning body must be in the same structure; only the top body has none. */
export async function checkParent(ctx: CommandContext, structureId: string, parentId: string | null | undefined, bodyId?: string): Promise<Body | null> {
  if (parentId) {
    const [parent] = await ctx.tx.select().from(bodies).where(eq(bodies.id, parentId));
    if (!parent || parent.structureId !== structureId) refuse('parentId', 'Uppdragsgivaren måste vara en grupp i samma struktur.');
    return parent;
  }
  const tops = await ctx.tx
    .select({ id: bodies.id, name: bodies.name })
    .from(bodies)
    .where(and(eq(bodies.structureId, structureId), isNull(bodies.parentId)));
  const other = tops.find((t) => t.id !== bodyId);
  if (other) refuse('parentId', `Strukturen har redan en översta grupp (${other.name}). Alla andra grupper har en uppdragsgivare: välj den.`);
  return null;
}

/** Adds the next version of a body's mandate; it must be approved by a named body. */
export async function insertMandate(ctx: CommandContext, body: Body, m: MandateInput) {
  let approvedByName = m.approvedByName;
  if (m.approvedByBodyId) {
    const [approver] = await ctx.tx.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, m.approvedByBodyId));
    if (!approver) refuse('approvedByBodyId', 'Gruppen som fastställde uppdragsbeskrivningen finns inte.');
    approvedByName ??= approver.name;
  }
  if (!approvedByName) refuse('approvedByName', 'Ange vilken grupp som fastställde uppdragsbeskrivningen.');
  const previous = await ctx.tx.select({ number: mandateVersions.number }).from(mandateVersions).where(eq(mandateVersions.bodyId, body.id));
  const number = previous.reduce((n, r) => Math.max(n, r.number), 0) + 1;
  const [row] = await ctx.tx
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
    .returning();
  await ctx.audit({ objectType: 'mandate_version', objectId: row!.id, after: row });
  return row!;
}
