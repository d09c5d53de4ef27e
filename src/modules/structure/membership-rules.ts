import { and, eq, gte, isNull, ne, or } from 'drizzle-orm';
import type { CommandContext } from '../../platform/commands.js';
import { ValidationError } from '../../platform/http/errors.js';
import { people } from '../../platform/auth/schema.js';
import type { BodyRole } from '../../platform/auth/roles.js';
import { addDays, overlaps, type Day } from './dates.js';
import { actualChairKind, chairPeriodInfo, personKindInBody } from './chair.js';
import { syncExOfficio } from './ex-officio.js';
import { memberCount } from './queries.js';
import { scheduleChairReminder } from './reminders.js';
import { bodies, memberships, organisations, principals, seats, type Body, type Membership, type PrincipalKind } from './schema.js';
import { kindPhrase, personKindPhrase, roleName } from './wording.js';

/*
 * The rules of composition, enforced for every way a membership comes about (form, API,
 * CSV import, hand-over when someone leaves): the body's active period, seats (one holder
 * at a time, ex-officio seats filled only automatically), substitutes only where the body
 * allows them and only for a named member, the size bounds, and the chair rule.
 */

export interface NewMembership {
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

/** Refuses with one field error (the message is Swedish, shown beside the field). */
export function refuse(field: string, message: string): never {
  throw new ValidationError([{ field, message }], message);
}

const SEATLESS_ROLES: BodyRole[] = ['adjunct', 'expert', 'reader'];
const MEMBER_ROLES: BodyRole[] = ['member', 'chair', 'vice_chair'];

export function countsAsMember(role: BodyRole, seatId: string | null | undefined): boolean {
  return MEMBER_ROLES.includes(role) || (!!seatId && role !== 'substitute');
}

/** The start and end of a new engagement must lie within the body's active period. */
export function checkBodyPeriod(body: Body, startOn: Day, endOn: Day | null | undefined, fields = { startOn: 'startOn', endOn: 'endOn' }): Day | null | undefined {
  if (startOn < body.activeFrom) refuse(fields.startOn, `${body.name} börjar ${body.activeFrom}. Uppdrag kan inte börja före det.`);
  if (body.activeTo) {
    if (startOn > body.activeTo) {
      refuse(fields.startOn, `${body.name} är en tillfällig grupp som avslutas ${body.activeTo}. Nya uppdrag kan inte börja efter det.`);
    }
    if (endOn === undefined || endOn === null) return body.activeTo;
    if (endOn > body.activeTo) refuse(fields.endOn, `${body.name} avslutas ${body.activeTo}. Uppdraget kan inte sluta senare än gruppen.`);
  }
  if (endOn && endOn < startOn) refuse(fields.endOn, 'Slutdatumet kan inte vara före startdatumet.');
  return endOn;
}

async function organisationKind(ctx: CommandContext, organisationId: string): Promise<PrincipalKind | null> {
  const [row] = await ctx.tx
    .select({ kind: principals.kind })
    .from(organisations)
    .innerJoin(principals, eq(principals.id, organisations.principalId))
    .where(eq(organisations.id, organisationId));
  if (!row) refuse('organisationId', 'Organisationen finns inte.');
  return row.kind;
}

/** Active (overlapping) memberships of a body with a role. */
async function overlapping(ctx: CommandContext, bodyId: string, role: BodyRole, startOn: Day, endOn: Day | null): Promise<Membership[]> {
  const rows = await ctx.tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.bodyId, bodyId), eq(memberships.role, role), or(isNull(memberships.endOn), gte(memberships.endOn, startOn))));
  return rows.filter((r) => overlaps(r.startOn, r.endOn, startOn, endOn));
}

async function nameOf(ctx: CommandContext, personId: string): Promise<string> {
  const [p] = await ctx.tx.select({ name: people.name }).from(people).where(eq(people.id, personId));
  return p?.name ?? 'Personen';
}

/**
 * Adds a membership after checking every rule; ends the current chair or vice chair when a
 * new one is appointed from a later day. Audited; ex-officio seats elsewhere follow.
 */
export async function addMembership(ctx: CommandContext, body: Body, m: NewMembership, options: { exOfficioAllowed?: boolean } = {}): Promise<Membership> {
  const [person] = await ctx.tx.select().from(people).where(eq(people.id, m.personId));
  if (!person) refuse('personId', 'Personen finns inte.');
  if (person.leftOn && person.leftOn < m.startOn) refuse('personId', `${person.name} har avslutat sitt engagemang (${person.leftOn}) och kan inte få nya uppdrag efter det.`);

  let endOn = checkBodyPeriod(body, m.startOn, m.endOn);
  let seatId = m.seatId ?? null;
  const role = m.role;

  // Substitutes: only where the body allows them, and always for a named member.
  if (role === 'substitute') {
    if (!body.substitutesAllowed) {
      refuse('role', `${body.name} tillåter inte ersättare: enligt uppdragsbeskrivningen kan ledamöterna inte utse ersättare vid frånvaro.`);
    }
    if (!m.substituteForMembershipId) refuse('substituteForMembershipId', 'Ange vilken ledamot ersättaren ersätter.');
    const [target] = await ctx.tx.select().from(memberships).where(eq(memberships.id, m.substituteForMembershipId));
    if (!target || target.bodyId !== body.id || !countsAsMember(target.role, target.seatId) || target.role === 'substitute') {
      refuse('substituteForMembershipId', `Ersättaren måste ersätta en ledamot i ${body.name}.`);
    }
    if (!overlaps(target.startOn, target.endOn, m.startOn, endOn ?? null)) {
      refuse('substituteForMembershipId', 'Ledamoten som ska ersättas har inget uppdrag under den perioden.');
    }
    if (target.personId === m.personId) refuse('personId', 'En ledamot kan inte vara sin egen ersättare.');
    seatId = target.seatId;
  } else if (m.substituteForMembershipId) {
    refuse('substituteForMembershipId', 'Bara en ersättare ersätter en namngiven ledamot.');
  }

  if (role === 'adjunct' && !m.reason) refuse('reason', `Ange skälet till att ${person.name} adjungeras (en fråga eller en period).`);

  // Seats: belong to the body, are open, filled by one holder at a time.
  let seatKind: PrincipalKind | null = null;
  if (seatId) {
    if (SEATLESS_ROLES.includes(role)) refuse('seatId', `${roleName(role)} har ingen plats i gruppen. Välj ”ingen plats”.`);
    const [seat] = await ctx.tx.select().from(seats).where(eq(seats.id, seatId));
    if (!seat || seat.bodyId !== body.id) refuse('seatId', `Platsen finns inte i ${body.name}.`);
    if (seat.exOfficioBodyId && !options.exOfficioAllowed && role !== 'substitute') {
      const [source] = await ctx.tx.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, seat.exOfficioBodyId));
      refuse('seatId', `Platsen ”${seat.function}” tillsätts automatiskt med den som är ${roleName(seat.exOfficioRole!).toLowerCase()} i ${source?.name ?? 'den andra gruppen'}.`);
    }
    if (seat.endedOn && m.startOn > seat.endedOn) refuse('seatId', `Platsen ”${seat.function}” togs bort ${seat.endedOn}.`);
    if (m.startOn < seat.createdOn) refuse('startOn', `Platsen ”${seat.function}” finns från ${seat.createdOn}.`);
    if (seat.endedOn && (endOn === null || endOn === undefined || endOn > seat.endedOn)) endOn = seat.endedOn;
    seatKind = seat.principalKind;
    if (role !== 'substitute') {
      const holders = await ctx.tx
        .select({ id: memberships.id, personId: memberships.personId, startOn: memberships.startOn, endOn: memberships.endOn, name: people.name })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(and(eq(memberships.seatId, seatId), ne(memberships.role, 'substitute'), or(isNull(memberships.endOn), gte(memberships.endOn, m.startOn))));
      const clash = holders.find((h) => h.personId !== m.personId && overlaps(h.startOn, h.endOn, m.startOn, endOn ?? null));
      if (clash) {
        refuse('seatId', `Platsen ”${seat.function}” innehas av ${clash.name} ${clash.startOn}–${clash.endOn ?? 'tills vidare'}. Avsluta det uppdraget först eller låt det nya börja dagen efter.`);
      }
    }
  }

  // One engagement per role and person at a time.
  const same = (await overlapping(ctx, body.id, role, m.startOn, endOn ?? null)).filter((r) => r.personId === m.personId);
  if (same.length) refuse('role', `${person.name} är redan ${roleName(role).toLowerCase()} i ${body.name} under den perioden.`);

  // Size bounds: the body may not grow past its maximum.
  if (body.sizeMax !== null && countsAsMember(role, seatId)) {
    const current = await memberCount(ctx.tx, body.id, m.startOn, m.personId);
    if (current + 1 > body.sizeMax) {
      refuse('personId', `${body.name} får ha högst ${body.sizeMax} ledamöter enligt uppdragsbeskrivningen och har redan ${current} den ${m.startOn}. Avsluta ett uppdrag först.`);
    }
  }

  // The chair rule.
  if (role === 'chair' || role === 'vice_chair') {
    endOn = await checkChairRule(ctx, body, { ...m, seatId, endOn }, seatKind, person.name);
  }

  const [row] = await ctx.tx
    .insert(memberships)
    .values({
      bodyId: body.id,
      personId: m.personId,
      seatId,
      role,
      substituteForMembershipId: m.substituteForMembershipId ?? null,
      organisationId: m.organisationId ?? null,
      reason: m.reason ?? null,
      startOn: m.startOn,
      endOn: endOn ?? null,
    })
    .returning();
  await ctx.audit({ objectType: 'membership', objectId: row!.id, after: row });
  await syncExOfficio(ctx, { sourceBodyId: body.id });
  if (role === 'chair') await scheduleChairReminder(ctx.tx, body, m.startOn);
  return row!;
}

/**
 * Checks a chair or vice chair appointment against the body's rule, ends the one it
 * replaces, and returns the end date of the appointment (the end of the mandate period
 * unless given).
 */
async function checkChairRule(ctx: CommandContext, body: Body, m: NewMembership, seatKind: PrincipalKind | null, name: string): Promise<Day | null | undefined> {
  const info = await chairPeriodInfo(ctx.tx, body, m.startOn);
  let endOn = m.endOn;
  const strict = body.chairKindRule !== 'any' || (m.role === 'vice_chair' && body.viceChairOtherKind);
  if (info.period) {
    if (endOn === undefined || (strict && endOn === null)) endOn = info.period.end;
    if (strict && endOn && endOn > info.period.end) {
      refuse(
        'endOn',
        `Uppdraget gäller mandatperioden ${info.period.start}–${info.period.end}. Sätt slutdatum senast ${info.period.end}; för nästa period utses ${m.role === 'chair' ? 'ordförande' : 'vice ordförande'} på nytt enligt regeln.`,
      );
    }
  }
  const kind = seatKind ?? (m.organisationId ? await organisationKind(ctx, m.organisationId) : await personKindInBody(ctx.tx, body.id, m.personId, m.startOn));
  const periodText = info.period ? `Under mandatperioden ${info.period.start}–${info.period.end}` : `Från ${m.startOn}`;

  if (m.role === 'chair' && info.chairKind) {
    if (!kind) {
      refuse('personId', `${periodText} ska ordföranden komma från ${kindPhrase(info.chairKind)}. ${name} har ingen plats i ${body.name}, så det går inte att se vilken huvudman hen företräder.`);
    }
    if (kind !== info.chairKind) {
      const why = info.followsBody ? ` (ordförandeskapet följer ${info.followsBody.name})` : '';
      refuse('personId', `${periodText} ska ordföranden komma från ${kindPhrase(info.chairKind)}${why}. ${name} företräder ${personKindPhrase(kind)}.`);
    }
  }
  if (m.role === 'vice_chair' && body.viceChairOtherKind) {
    const chairKind = info.chairKind ?? (await actualChairKind(ctx.tx, body.id, m.startOn));
    if (chairKind) {
      if (!kind) refuse('personId', `Vice ordföranden ska komma från ${kindPhrase(otherThan(chairKind))}. ${name} har ingen plats i ${body.name}, så det går inte att se vilken huvudman hen företräder.`);
      if (kind === chairKind) {
        refuse(
          'personId',
          `Vice ordföranden utses av den huvudman som inte har ordförandeskapet. ${periodText} har ${kindPhrase(chairKind)} ordförandeskapet, så vice ordföranden ska komma från ${kindPhrase(otherThan(chairKind))}. ${name} företräder ${personKindPhrase(kind)}.`,
        );
      }
    }
  }
  if (m.role === 'chair' && body.viceChairOtherKind && kind) {
    for (const vice of await overlapping(ctx, body.id, 'vice_chair', m.startOn, endOn ?? null)) {
      const viceKind = await personKindInBody(ctx.tx, body.id, vice.personId, maxOf(vice.startOn, m.startOn));
      if (viceKind === kind) {
        refuse('personId', `${await nameOf(ctx, vice.personId)} är vice ordförande och företräder också ${personKindPhrase(kind)}. Ordförande och vice ordförande ska komma från olika huvudmän.`);
      }
    }
  }

  // One chair (and one vice chair) at a time: the appointment ends the current one.
  for (const current of await overlapping(ctx, body.id, m.role, m.startOn, endOn ?? null)) {
    if (current.personId === m.personId) continue;
    if (current.startOn >= m.startOn) {
      refuse('startOn', `${await nameOf(ctx, current.personId)} är redan utsedd till ${roleName(m.role).toLowerCase()} från ${current.startOn}.`);
    }
    await endMembership(ctx, current, addDays(m.startOn, -1));
  }
  return endOn;
}

const maxOf = (a: Day, b: Day) => (a > b ? a : b);
const otherThan = (k: PrincipalKind): PrincipalKind => (k === 'region' ? 'municipality' : 'region');

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
    const [row] = await ctx.tx.update(memberships).set({ endOn, version: m.version + 1 }).where(eq(memberships.id, m.id)).returning();
    await ctx.audit({ objectType: 'membership', objectId: m.id, before: m, after: row });
    result = row!;
  }
  await syncExOfficio(ctx, { sourceBodyId: m.bodyId });
  return result;
}
