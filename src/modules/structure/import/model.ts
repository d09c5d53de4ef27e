import { and, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../platform/db/client.js';
import { people } from '../../../platform/auth/schema.js';
import type { BodyRole } from '../../../platform/auth/roles.js';
import { sortKey } from '../../../platform/sortkey.js';
import { overlaps, type Day } from '../../../platform/days.js';
import { chairPeriodInfo, type ChairPeriodInfo } from '../chair.js';
import { listPrincipalKinds } from '../principal-kinds.js';
import { countsAsMember } from '../members.js';
import type { RuleReads } from '../membership-rules.js';
import {
  bodies,
  contactSurfaces,
  memberships,
  organisations,
  principals,
  seats,
  structurePrincipals,
  type Body,
  type ContactSurface,
  type Membership,
  type PrincipalKind,
  type PrincipalKindRow,
  type Seat,
} from '../schema.js';

/*
 * A CSV import's picture of one body, loaded in a few short reads before any transaction:
 * its seats and engagements, the people the file names, and the structure's principals,
 * organisations and contact surfaces. The import checks every line against it in memory
 * (through the same rules as the forms, see RuleReads) and adds what each line creates,
 * so later lines see earlier ones. Nothing here writes.
 */

export interface ModelPerson {
  id: string;
  name: string;
  leftOn: string | null;
  email: string | null;
}

/** Addresses or names per read of people (one JSON parameter): bounded, with a turn for other requests between. */
const READ_CHUNK = 1000;

export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export class BodyModel {
  readonly seats = new Map<string, Seat>();
  private readonly seatsByKey = new Map<string, Seat[]>();
  readonly memberships = new Map<string, Membership>();
  readonly people = new Map<string, ModelPerson>();
  readonly peopleByEmail = new Map<string, string>();
  readonly peopleBySortKey = new Map<string, string[]>();
  /** Memberships that an appointment in the file would remove (replaced before they began). */
  readonly gone = new Set<string>();
  readonly bodyNames = new Map<string, string>();
  readonly organisationKinds = new Map<string, PrincipalKind>();
  /** The principal of each organisation the picture knows (a rotation's check). */
  readonly organisationPrincipals = new Map<string, string>();
  private kinds: Promise<PrincipalKindRow[]> | undefined;
  readonly principalsByKey = new Map<string, { id: string; kind: PrincipalKind }>();
  readonly organisationsByKey = new Map<string, { id: string; kind: PrincipalKind }>();
  readonly surfacesByName = new Map<string, Pick<ContactSurface, 'id' | 'name'>>();
  private readonly byRole = new Map<BodyRole, Membership[]>();
  private readonly byPerson = new Map<string, Membership[]>();
  private readonly bySeat = new Map<string, Membership[]>();
  private readonly chairInfo = new Map<Day, Promise<ChairPeriodInfo>>();

  constructor(
    private readonly db: Db,
    readonly body: Body,
  ) {}

  addSeat(seat: Seat) {
    this.seats.set(seat.id, seat);
    this.seatsByKey.set(seat.sortKey, [...(this.seatsByKey.get(seat.sortKey) ?? []), seat]);
  }

  /** The seat a line names: one of the body's with the same sort key, open on the day. */
  seatByName(key: string, on: Day): Seat | undefined {
    return this.seatsByKey.get(key)?.find((seat) => seat.endedOn === null || seat.endedOn >= on);
  }

  addPerson(p: ModelPerson) {
    if (this.people.has(p.id)) return;
    this.people.set(p.id, p);
    if (p.email) this.peopleByEmail.set(p.email, p.id);
    const key = sortKey(p.name);
    this.peopleBySortKey.set(key, [...(this.peopleBySortKey.get(key) ?? []), p.id]);
  }

  addMembership(m: Membership) {
    this.memberships.set(m.id, m);
    for (const [index, key] of [
      [this.byRole, m.role],
      [this.byPerson, m.personId],
      [this.bySeat, m.seatId],
    ] as const) {
      if (key === null) continue;
      const list = (index as Map<string, Membership[]>).get(key) ?? [];
      list.push(m);
      (index as Map<string, Membership[]>).set(key, list);
    }
  }

  private live(list: Membership[] | undefined): Membership[] {
    return (list ?? []).filter((m) => !this.gone.has(m.id));
  }

  /** The holder (member, chair or vice chair) of a seat on a day: whom a substitute replaces. */
  seatHolderOn(seatId: string, on: Day): Membership | undefined {
    return this.live(this.bySeat.get(seatId)).find((m) => ['member', 'chair', 'vice_chair'].includes(m.role) && m.startOn <= on && (m.endOn === null || m.endOn >= on));
  }

  /**
   * Ends an engagement in the picture as endMembership does in the database: substitutes for
   * it end with it, and one that would only have begun after the day is gone.
   */
  end(m: Membership, endOn: Day) {
    if (m.endOn !== null && m.endOn <= endOn) return;
    for (const d of this.memberships.values()) if (d.substituteForMembershipId === m.id && !this.gone.has(d.id)) this.end(d, endOn);
    if (endOn < m.startOn) this.gone.add(m.id);
    else m.endOn = endOn;
  }

  private personKind(personId: string, day: Day): PrincipalKind | null {
    const active = this.live(this.byPerson.get(personId)).filter((m) => m.startOn <= day && (m.endOn === null || m.endOn >= day));
    const seatKind = active.map((m) => (m.seatId ? this.seats.get(m.seatId)?.principalKind : null)).find((k) => k);
    const orgKind = active.map((m) => (m.organisationId ? this.organisationKinds.get(m.organisationId) : null)).find((k) => k);
    return seatKind ?? orgKind ?? null;
  }

  private principalsOf(seatId: string | null, organisationId: string | null): string[] {
    const found = new Set<string>();
    const seat = seatId ? this.seats.get(seatId) : undefined;
    if (seat?.principalId) found.add(seat.principalId);
    const seatOrg = seat?.organisationId ? this.organisationPrincipals.get(seat.organisationId) : undefined;
    if (seatOrg) found.add(seatOrg);
    const org = organisationId ? this.organisationPrincipals.get(organisationId) : undefined;
    if (org) found.add(org);
    return [...found];
  }

  /** The rules' reads, answered from the picture. */
  reads(): RuleReads {
    return {
      person: async (id) => this.people.get(id),
      membership: async (id) => (this.gone.has(id) ? undefined : this.memberships.get(id)),
      seat: async (id) => this.seats.get(id),
      bodyName: async (id) => this.bodyNames.get(id),
      seatHolders: async (seatId, from) =>
        this.live(this.bySeat.get(seatId))
          .filter((m) => m.role !== 'substitute' && (m.endOn === null || m.endOn >= from))
          .map((m) => ({ personId: m.personId, startOn: m.startOn, endOn: m.endOn, name: this.people.get(m.personId)?.name ?? '' })),
      overlapping: async (_bodyId, role, startOn, endOn, personId) =>
        this.live(personId ? this.byPerson.get(personId) : this.byRole.get(role)).filter((m) => m.role === role && overlaps(m.startOn, m.endOn, startOn, endOn)),
      memberCount: async (_bodyId, on, exceptPersonId) => {
        const counted = new Set<string>();
        for (const m of this.memberships.values()) {
          if (m.personId !== exceptPersonId && !this.gone.has(m.id) && countsAsMember(m.role, m.seatId) && m.startOn <= on && (m.endOn === null || m.endOn >= on)) counted.add(m.personId);
        }
        return counted.size;
      },
      chairPeriodInfo: (body, day) => {
        // Reads the database only when the chair follows another body (which the file does not change).
        if (!this.chairInfo.has(day)) this.chairInfo.set(day, chairPeriodInfo(this.db, body, day));
        return this.chairInfo.get(day)!;
      },
      organisationKind: async (id) => this.organisationKinds.get(id),
      personKindInBody: async (_bodyId, personId, day) => this.personKind(personId, day),
      actualChairKind: async (_bodyId, day) => {
        const chair = this.live(this.byRole.get('chair')).find((m) => m.startOn <= day && (m.endOn === null || m.endOn >= day));
        return chair ? this.personKind(chair.personId, day) : null;
      },
      principalKinds: () => (this.kinds ??= listPrincipalKinds(this.db)),
      principalsOf: async (seatId, organisationId) => this.principalsOf(seatId, organisationId),
      personPrincipalsInBody: async (_bodyId, personId, day) => [
        ...new Set(
          this.live(this.byPerson.get(personId))
            .filter((m) => m.startOn <= day && (m.endOn === null || m.endOn >= day))
            .flatMap((m) => this.principalsOf(m.seatId, m.organisationId)),
        ),
      ],
    };
  }
}

/**
 * What the body's engagements and seats look like now, as one hash: taken before the picture
 * is loaded and again in the writing transaction, so a change in between refuses the import.
 */
export async function bodyFingerprint(db: DbOrTx, bodyId: string): Promise<string> {
  const result = await db.execute<{ m: string; s: string }>(sql`
    select
      (select md5(coalesce(string_agg(id::text || ':' || version || ':' || coalesce(end_on::text, ''), ',' order by id), '')) from ${memberships} where body_id = ${bodyId}) as m,
      (select md5(coalesce(string_agg(id::text || ':' || version, ',' order by id), '')) from ${seats} where body_id = ${bodyId}) as s`);
  const row = result.rows[0];
  return `${row?.m}/${row?.s}`;
}

/** Loads the picture of the body for the lines' e-mail addresses and names, in short reads. */
export async function loadBodyModel(db: Db, body: Body, wanted: { emails: string[]; nameKeys: string[]; from: Day }): Promise<BodyModel> {
  const model = new BodyModel(db, body);
  const bodySeats = await db.select().from(seats).where(eq(seats.bodyId, body.id));
  bodySeats.forEach((s) => model.addSeat(s));
  const sources = [...new Set(bodySeats.map((s) => s.exOfficioBodyId).filter((id): id is string => !!id))];
  if (sources.length) for (const b of await db.select({ id: bodies.id, name: bodies.name }).from(bodies).where(inArray(bodies.id, sources))) model.bodyNames.set(b.id, b.name);

  // Engagements that may meet the file's periods, with their people and organisations' kinds.
  const rows = await db
    .select({ membership: memberships, person: { id: people.id, name: people.name, leftOn: people.leftOn, email: people.email }, orgKind: principals.kind, orgPrincipal: principals.id })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(principals, eq(principals.id, organisations.principalId))
    .where(and(eq(memberships.bodyId, body.id), or(isNull(memberships.endOn), gte(memberships.endOn, wanted.from))));
  for (const r of rows) {
    model.addPerson(r.person);
    model.addMembership(r.membership);
    if (r.membership.organisationId && r.orgKind) model.organisationKinds.set(r.membership.organisationId, r.orgKind);
    if (r.membership.organisationId && r.orgPrincipal) model.organisationPrincipals.set(r.membership.organisationId, r.orgPrincipal);
  }
  await yieldToOthers();

  const person = { id: people.id, name: people.name, leftOn: people.leftOn, email: people.email };
  for (const [column, values] of [
    [people.email, wanted.emails],
    [people.sortKey, wanted.nameKeys],
  ] as const) {
    for (let i = 0; i < values.length; i += READ_CHUNK) {
      const chunk = JSON.stringify(values.slice(i, i + READ_CHUNK));
      (
        await db
          .select(person)
          .from(people)
          .where(sql`${column} in (select jsonb_array_elements_text(${chunk}::jsonb))`)
      ).forEach((p) => model.addPerson(p));
      await yieldToOthers();
    }
  }

  const inStructure = and(eq(structurePrincipals.principalId, principals.id), eq(structurePrincipals.structureId, body.structureId));
  for (const p of await db.select({ id: principals.id, kind: principals.kind, sortKey: principals.sortKey }).from(principals).innerJoin(structurePrincipals, inStructure)) {
    model.principalsByKey.set(p.sortKey, { id: p.id, kind: p.kind });
  }
  const orgs = await db
    .select({ id: organisations.id, kind: principals.kind, sortKey: organisations.sortKey, principalId: organisations.principalId })
    .from(organisations)
    .innerJoin(principals, eq(principals.id, organisations.principalId))
    .innerJoin(structurePrincipals, inStructure);
  for (const o of orgs) model.organisationPrincipals.set(o.id, o.principalId);
  for (const o of orgs) if (!model.organisationsByKey.has(o.sortKey)) model.organisationsByKey.set(o.sortKey, { id: o.id, kind: o.kind });
  for (const cs of await db.select({ id: contactSurfaces.id, name: contactSurfaces.name }).from(contactSurfaces).where(eq(contactSurfaces.structureId, body.structureId))) {
    const key = cs.name.toLowerCase();
    if (!model.surfacesByName.has(key)) model.surfacesByName.set(key, cs);
  }
  return model;
}
