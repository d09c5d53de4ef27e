import { and, eq, gte, isNull, ne, or } from 'drizzle-orm';
import type { CommandContext } from '../../platform/commands.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { refuse } from '../../platform/refusals.js';
import type { Params } from '../../platform/i18n/index.js';
import { one } from '../../platform/db/rows.js';
import { people } from '../../platform/auth/schema.js';
import type { BodyRole } from '../../platform/auth/roles.js';
import { addDays, overlaps, type Day } from '../../platform/days.js';
import { actualChairKind, chairPeriodInfo, personKindInBody, personPrincipalsInBody, principalsOfSeatOrOrganisation, type ChairPeriodInfo } from './chair.js';
import { kindText, listPrincipalKinds } from './principal-kinds.js';
import { syncExOfficio } from './ex-officio.js';
import { countsAsMember } from './members.js';
import { memberCount } from './queries/index.js';
import { scheduleChairReminder } from './reminders.js';
import { bodies, memberships, organisations, principals, seats, type Body, type Membership, type PrincipalKind, type PrincipalKindRow, type Seat } from './schema.js';

/*
 * The rules of composition, enforced for every way a membership comes about (form, API,
 * CSV import, hand-over when someone leaves): the body's active period, seats (one holder
 * at a time, ex-officio seats filled only automatically), substitutes only where the body
 * allows them and only for a named member, the size bounds, and the chair rule.
 */

interface NewMembership {
  personId: string;
  role: BodyRole;
  seatId?: string | null | undefined;
  substituteForMembershipId?: string | null | undefined;
  organisationId?: string | null | undefined;
  reason?: string | null | undefined;
  startOn: Day;
  /** Undefined: the default (end of the chair period, or the body's end); null: ongoing. */
  endOn?: Day | null | undefined;
}

const SEATLESS_ROLES = ['adjunct', 'expert', 'reader'] as const satisfies readonly BodyRole[];
const isSeatless = (role: BodyRole): role is (typeof SEATLESS_ROLES)[number] => (SEATLESS_ROLES as readonly BodyRole[]).includes(role);

/** The start and end of a new engagement must lie within the body's active period. */
export function checkBodyPeriod(body: Body, startOn: Day, endOn: Day | null | undefined, fields = { startOn: 'startOn', endOn: 'endOn' }): Day | null | undefined {
  if (startOn < body.activeFrom) refuse(fields.startOn, 'structure.refuse.bodyStartsLater', { body: body.name, day: body.activeFrom });
  if (body.activeTo) {
    if (startOn > body.activeTo) {
      refuse(fields.startOn, 'structure.refuse.bodyEndsEarlier', { body: body.name, day: body.activeTo });
    }
    if (endOn === undefined || endOn === null) return body.activeTo;
    if (endOn > body.activeTo) refuse(fields.endOn, 'structure.refuse.endAfterBody', { body: body.name, day: body.activeTo });
  }
  if (endOn && endOn < startOn) refuse(fields.endOn, 'structure.refuse.endBeforeStart');
  return endOn;
}

/**
 * What the rules read. `databaseReads` asks the database (a command's transaction); a CSV
 * import answers the same questions from the file's plan in memory (import/plan.ts), so
 * one set of checks serves every way a membership comes about.
 */
export interface RuleReads {
  person(id: string): Promise<{ name: string; leftOn: string | null } | undefined>;
  membership(id: string): Promise<Membership | undefined>;
  seat(id: string): Promise<Seat | undefined>;
  bodyName(id: string): Promise<string | undefined>;
  /** Holders (not substitutes) of a seat whose engagement has not ended before the day. */
  seatHolders(seatId: string, from: Day): Promise<{ personId: string; startOn: Day; endOn: Day | null; name: string }[]>;
  /** Memberships of the body with the role that overlap the period (of one person when given). */
  overlapping(bodyId: string, role: BodyRole, startOn: Day, endOn: Day | null, personId?: string): Promise<Membership[]>;
  memberCount(bodyId: string, on: Day, exceptPersonId: string): Promise<number>;
  chairPeriodInfo(body: Body, day: Day): Promise<ChairPeriodInfo>;
  /** The kind of the organisation's principal; undefined when there is no such organisation. */
  organisationKind(organisationId: string): Promise<PrincipalKind | undefined>;
  personKindInBody(bodyId: string, personId: string, day: Day): Promise<PrincipalKind | null>;
  actualChairKind(bodyId: string, day: Day): Promise<PrincipalKind | null>;
  /** Every principal kind (to name them in a refusal). */
  principalKinds(): Promise<PrincipalKindRow[]>;
  /** The principals a seat or an organisation speaks for (a rotation's check). */
  principalsOf(seatId: string | null, organisationId: string | null): Promise<string[]>;
  /** The principals a person speaks for in the body on the day, through their engagements there. */
  personPrincipalsInBody(bodyId: string, personId: string, day: Day): Promise<string[]>;
}

/** The rules' reads from the database. */
function databaseReads(db: DbOrTx): RuleReads {
  return {
    async person(id) {
      const [p] = await db.select({ name: people.name, leftOn: people.leftOn }).from(people).where(eq(people.id, id));
      return p;
    },
    async membership(id) {
      const [m] = await db.select().from(memberships).where(eq(memberships.id, id));
      return m;
    },
    async seat(id) {
      const [seat] = await db.select().from(seats).where(eq(seats.id, id));
      return seat;
    },
    async bodyName(id) {
      const [b] = await db.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, id));
      return b?.name;
    },
    seatHolders: (seatId, from) =>
      db
        .select({ personId: memberships.personId, startOn: memberships.startOn, endOn: memberships.endOn, name: people.name })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(and(eq(memberships.seatId, seatId), ne(memberships.role, 'substitute'), or(isNull(memberships.endOn), gte(memberships.endOn, from)))),
    async overlapping(bodyId, role, startOn, endOn, personId) {
      const rows = await db
        .select()
        .from(memberships)
        .where(
          and(eq(memberships.bodyId, bodyId), eq(memberships.role, role), personId ? eq(memberships.personId, personId) : undefined, or(isNull(memberships.endOn), gte(memberships.endOn, startOn))),
        );
      return rows.filter((r) => overlaps(r.startOn, r.endOn, startOn, endOn));
    },
    memberCount: (bodyId, on, exceptPersonId) => memberCount(db, bodyId, on, exceptPersonId),
    chairPeriodInfo: (body, day) => chairPeriodInfo(db, body, day),
    async organisationKind(organisationId) {
      const [row] = await db.select({ kind: principals.kind }).from(organisations).innerJoin(principals, eq(principals.id, organisations.principalId)).where(eq(organisations.id, organisationId));
      return row?.kind;
    },
    personKindInBody: (bodyId, personId, day) => personKindInBody(db, bodyId, personId, day),
    actualChairKind: (bodyId, day) => actualChairKind(db, bodyId, day),
    principalKinds: () => listPrincipalKinds(db),
    principalsOf: (seatId, organisationId) => principalsOfSeatOrOrganisation(db, seatId, organisationId),
    personPrincipalsInBody: (bodyId, personId, day) => personPrincipalsInBody(db, bodyId, personId, day),
  };
}

/** What adding a membership means once every rule has passed. */
interface MembershipPlan {
  seatId: string | null;
  endOn: Day | null | undefined;
  /** Engagements the new one replaces (the current chair or vice chair), with their last day. */
  ends: { membership: Membership; endOn: Day }[];
}

/**
 * Adds a membership after checking every rule; ends the current chair or vice chair when a
 * new one is appointed from a later day. Audited; ex-officio seats elsewhere follow.
 */
export async function addMembership(ctx: CommandContext, body: Body, m: NewMembership, options: { exOfficioAllowed?: boolean } = {}): Promise<Membership> {
  const plan = await checkMembership(databaseReads(ctx.tx), body, m, options);
  for (const end of plan.ends) await endMembership(ctx, end.membership, end.endOn);
  const row = one(
    await ctx.tx
      .insert(memberships)
      .values({
        bodyId: body.id,
        personId: m.personId,
        seatId: plan.seatId,
        role: m.role,
        substituteForMembershipId: m.substituteForMembershipId ?? null,
        organisationId: m.organisationId ?? null,
        reason: m.reason ?? null,
        startOn: m.startOn,
        endOn: plan.endOn ?? null,
      })
      .returning(),
  );
  await ctx.audit({ objectType: 'membership', objectId: row.id, after: row });
  await syncExOfficio(ctx, { sourceBodyId: body.id });
  if (m.role === 'chair') await scheduleChairReminder(ctx.tx, body, m.startOn);
  return row;
}

/** Checks a new membership against every rule of composition, reading only; refuses with a field error. */
export async function checkMembership(reads: RuleReads, body: Body, m: NewMembership, options: { exOfficioAllowed?: boolean } = {}): Promise<MembershipPlan> {
  const person = await reads.person(m.personId);
  if (!person) refuse('personId', 'structure.refuse.personNotFound');
  if (person.leftOn && person.leftOn < m.startOn) refuse('personId', 'structure.refuse.personLeft', { name: person.name, day: person.leftOn });

  let endOn = checkBodyPeriod(body, m.startOn, m.endOn);
  let seatId = m.seatId ?? null;
  const role = m.role;

  // Substitutes: only where the body allows them, and always for a named member.
  if (role === 'substitute') {
    if (!body.substitutesAllowed) {
      refuse('role', 'structure.refuse.noSubstitutes', { body: body.name });
    }
    if (!m.substituteForMembershipId) refuse('substituteForMembershipId', 'structure.refuse.substituteForWhom');
    const target = await reads.membership(m.substituteForMembershipId);
    if (!target || target.bodyId !== body.id || !countsAsMember(target.role, target.seatId) || target.role === 'substitute') {
      refuse('substituteForMembershipId', 'structure.refuse.substituteForMember', { body: body.name });
    }
    if (!overlaps(target.startOn, target.endOn, m.startOn, endOn ?? null)) {
      refuse('substituteForMembershipId', 'structure.refuse.substituteNoOverlap');
    }
    if (target.personId === m.personId) refuse('personId', 'structure.refuse.substituteSelf');
    seatId = target.seatId;
  } else if (m.substituteForMembershipId) {
    refuse('substituteForMembershipId', 'structure.refuse.onlySubstituteFor');
  }

  if (role === 'adjunct' && !m.reason) refuse('reason', 'structure.refuse.adjunctReason', { name: person.name });

  // Seats: belong to the body, are open, filled by one holder at a time.
  let seatKind: PrincipalKind | null = null;
  if (seatId) {
    if (isSeatless(role)) refuse('seatId', `structure.refuse.seatlessRole.${role}`);
    const seat = await reads.seat(seatId);
    if (!seat || seat.bodyId !== body.id) refuse('seatId', 'structure.refuse.seatNotInBody', { body: body.name });
    if (seat.exOfficioBodyId && !options.exOfficioAllowed && role !== 'substitute') {
      const source = await reads.bodyName(seat.exOfficioBodyId);
      if (!source || !seat.exOfficioRole) refuse('seatId', 'structure.refuse.seatExOfficioElsewhere', { seat: seat.function });
      refuse('seatId', `structure.refuse.seatExOfficio.${seat.exOfficioRole}`, { seat: seat.function, source });
    }
    if (seat.endedOn && m.startOn > seat.endedOn) refuse('seatId', 'structure.refuse.seatRemoved', { seat: seat.function, day: seat.endedOn });
    if (m.startOn < seat.createdOn) refuse('startOn', 'structure.refuse.seatFrom', { seat: seat.function, day: seat.createdOn });
    if (seat.endedOn && (endOn === null || endOn === undefined || endOn > seat.endedOn)) endOn = seat.endedOn;
    seatKind = seat.principalKind;
    if (role !== 'substitute') {
      const holders = await reads.seatHolders(seatId, m.startOn);
      const clash = holders.find((h) => h.personId !== m.personId && overlaps(h.startOn, h.endOn, m.startOn, endOn ?? null));
      if (clash) {
        const held = { seat: seat.function, name: clash.name, start: clash.startOn };
        if (clash.endOn) refuse('seatId', 'structure.refuse.seatHeld', { ...held, end: clash.endOn });
        refuse('seatId', 'structure.refuse.seatHeldOngoing', held);
      }
    }
  }

  // One engagement per role and person at a time.
  const same = await reads.overlapping(body.id, role, m.startOn, endOn ?? null, m.personId);
  if (same.length) refuse('role', `structure.refuse.alreadyInRole.${role}`, { name: person.name, body: body.name });

  // Size bounds: the body may not grow past its maximum.
  if (body.sizeMax !== null && countsAsMember(role, seatId)) {
    const current = await reads.memberCount(body.id, m.startOn, m.personId);
    if (current + 1 > body.sizeMax) {
      refuse('personId', 'structure.refuse.sizeMax', { body: body.name, max: body.sizeMax, count: current, day: m.startOn });
    }
  }

  // The chair rule.
  if (role === 'chair' || role === 'vice_chair') return checkChairRule(reads, body, { ...m, seatId, endOn }, seatKind, person.name);
  return { seatId, endOn, ends: [] };
}

/**
 * Checks a chair or vice chair appointment against the body's rule: returns the end date of
 * the appointment (the end of the mandate period unless given) and the one it replaces.
 */
async function checkChairRule(reads: RuleReads, body: Body, m: NewMembership & { seatId: string | null }, seatKind: PrincipalKind | null, name: string): Promise<MembershipPlan> {
  const info = await reads.chairPeriodInfo(body, m.startOn);
  const role = m.role === 'chair' ? 'chair' : 'vice_chair';
  let endOn = m.endOn;
  const strict = body.chairKindRule !== 'any' || (role === 'vice_chair' && body.viceChairOtherKind);
  if (info.period) {
    if (endOn === undefined || (strict && endOn === null)) endOn = info.period.end;
    if (strict && endOn && endOn > info.period.end) refuse('endOn', `structure.refuse.chairPeriodEnd.${role}`, { start: info.period.start, end: info.period.end });
  }
  let kind = seatKind;
  if (!kind && m.organisationId) {
    const found = await reads.organisationKind(m.organisationId);
    if (found === undefined) refuse('organisationId', 'structure.refuse.organisationNotFound');
    kind = found;
  } else if (!kind) kind = await reads.personKindInBody(body.id, m.personId, m.startOn);
  // "During the mandate period …" or "From …": the key's case and its parameters.
  const when = info.period ? 'period' : 'from';
  const whenParams: Params = info.period ? { start: info.period.start, end: info.period.end } : { day: m.startOn };

  const kinds = info.chairKind || kind || body.viceChairOtherKind ? await reads.principalKinds() : [];
  const named = (k: PrincipalKind) => kindText(kinds, k);

  if (role === 'chair' && info.chairKind) {
    if (!kind) refuse('personId', `structure.refuse.chairKindUnknown.${when}`, { ...whenParams, kind: named(info.chairKind), name, body: body.name });
    if (kind !== info.chairKind) {
      const params = { ...whenParams, kind: named(info.chairKind), represents: named(kind), name };
      if (info.followsBody) refuse('personId', `structure.refuse.chairKindFollows.${when}`, { ...params, followed: info.followsBody.name });
      refuse('personId', `structure.refuse.chairKind.${when}`, params);
    }
  }
  if (role === 'chair' && info.chairPrincipal) {
    // A rotation: the chair speaks for the principal whose turn it is (by the seat or organisation given, else their other engagements in the body).
    let speaksFor = await reads.principalsOf(m.seatId, m.organisationId ?? null);
    if (!speaksFor.length) speaksFor = await reads.personPrincipalsInBody(body.id, m.personId, m.startOn);
    const params = { ...whenParams, principal: info.chairPrincipal.name, name, body: body.name };
    if (!speaksFor.length) refuse('personId', `structure.refuse.chairPrincipalUnknown.${when}`, params);
    if (!speaksFor.includes(info.chairPrincipal.id)) refuse('personId', `structure.refuse.chairPrincipal.${when}`, params);
  }
  if (role === 'vice_chair' && body.viceChairOtherKind) {
    const chairKind = info.chairKind ?? (await reads.actualChairKind(body.id, m.startOn));
    if (chairKind) {
      if (!kind) refuse('personId', 'structure.refuse.viceKindUnknown', { kind: named(chairKind), name, body: body.name });
      if (kind === chairKind) refuse('personId', `structure.refuse.viceKindSame.${when}`, { ...whenParams, kind: named(chairKind), name });
    }
  }
  if (role === 'chair' && body.viceChairOtherKind && kind) {
    for (const vice of await reads.overlapping(body.id, 'vice_chair', m.startOn, endOn ?? null)) {
      const viceKind = await reads.personKindInBody(body.id, vice.personId, maxOf(vice.startOn, m.startOn));
      if (viceKind === kind) refuse('personId', 'structure.refuse.viceSameKind', { kind: named(kind), name: await nameOf(reads, vice.personId) });
    }
  }

  // One chair (and one vice chair) at a time: the appointment ends the current one.
  const ends: MembershipPlan['ends'] = [];
  for (const current of await reads.overlapping(body.id, role, m.startOn, endOn ?? null)) {
    if (current.personId === m.personId) continue;
    if (current.startOn >= m.startOn) refuse('startOn', `structure.refuse.alreadyAppointed.${role}`, { name: await nameOf(reads, current.personId), day: current.startOn });
    ends.push({ membership: current, endOn: addDays(m.startOn, -1) });
  }
  return { seatId: m.seatId, endOn, ends };
}

async function nameOf(reads: RuleReads, personId: string): Promise<Params[string]> {
  return (await reads.person(personId))?.name ?? { key: 'structure.someone' };
}

const maxOf = (a: Day, b: Day) => (a > b ? a : b);

/**
 * Ends a membership on a day (its last day). Substitutes for it end with it, and
 * ex-officio seats that follow the body are brought up to date. A membership that would
 * only have started after the day never happened and is removed instead.
 */
export async function endMembership(ctx: CommandContext, m: Membership, endOn: Day): Promise<Membership | null> {
  if (m.endOn !== null && m.endOn <= endOn) return m;
  const dependants = await ctx.tx.select().from(memberships).where(eq(memberships.substituteForMembershipId, m.id));
  for (const d of dependants) await endMembership(ctx, d, endOn);
  let result: Membership | null;
  if (endOn < m.startOn) {
    const mirrors = await ctx.tx.select().from(memberships).where(eq(memberships.exOfficioSourceId, m.id));
    for (const mirror of mirrors) {
      await ctx.tx.delete(memberships).where(eq(memberships.id, mirror.id));
      await ctx.audit({ objectType: 'membership', objectId: mirror.id, before: mirror, after: null });
    }
    await ctx.tx.delete(memberships).where(eq(memberships.id, m.id));
    await ctx.audit({ objectType: 'membership', objectId: m.id, before: m, after: null });
    result = null;
  } else {
    const row = one(
      await ctx.tx
        .update(memberships)
        .set({ endOn, version: m.version + 1 })
        .where(eq(memberships.id, m.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'membership', objectId: m.id, before: m, after: row });
    result = row;
  }
  await syncExOfficio(ctx, { sourceBodyId: m.bodyId });
  return result;
}
