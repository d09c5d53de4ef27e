import { asc, eq, sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import type { Database, Tx } from '../../../platform/db/client.js';
import type { CommandContext, CommandDef } from '../../../platform/commands.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { systemActor } from '../../../platform/auth/actor.js';
import { people } from '../../../platform/auth/schema.js';
import type { z } from 'zod';
import type { DemoStep } from '../../../platform/modules.js';
import { sortKey } from '../../../platform/sortkey.js';
import { demoPrincipals } from './principals.js';
import { addDays, maxDay, today } from '../../../platform/days.js';
import { addMember, appointChair, createBody, createContactSurface, createOrganisation, createSeat, createStructure } from '../commands/index.js';
import { memberships, organisations, principals, type Body, type Seat } from '../schema.js';
import { demoStructures, type SeatSpec } from './data.js';

const FIRST = [
  'Agnes',
  'Bertil',
  'Cecilia',
  'David',
  'Ebba',
  'Fredrik',
  'Greta',
  'Hampus',
  'Ingrid',
  'Jonas',
  'Klara',
  'Leif',
  'Malin',
  'Nils',
  'Ottilia',
  'Per',
  'Rebecka',
  'Stefan',
  'Tove',
  'Ulf',
  'Vera',
  'Wilhelm',
  'Ylva',
  'Åke',
  'Ängla',
  'Örjan',
  'Hedvig',
  'Gustav',
  'Sigrid',
  'Emil',
];
const LAST = [
  'Andersson',
  'Bergqvist',
  'Dahlberg',
  'Ekholm',
  'Forsell',
  'Grahn',
  'Hedlund',
  'Isaksson',
  'Jakobsson',
  'Kvist',
  'Lindqvist',
  'Morén',
  'Norling',
  'Olofsson',
  'Palm',
  'Rydén',
  'Sandberg',
  'Torstensson',
  'Uddén',
  'Vik',
  'Wester',
  'Åkesson',
  'Ängström',
  'Öhman',
  'Blom',
  'Carlsson',
  'Engström',
  'Hallin',
  'Lund',
  'Sjödin',
  'Tallberg',
];

const ascii = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z]/g, '');

/** Invented people, never the same name twice. */
function inventor() {
  let i = 0;
  return () => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    i++;
    return { name: `${first} ${last}`, email: `${ascii(first)}.${ascii(last)}@example.org` };
  };
}

/** The start of the electoral period containing the year (terms start 2019, 2023, 2027 …). */
const electoralStart = (year: number) => `${year - ((((year - 2019) % 4) + 4) % 4)}-01-01`;

/**
 * The demo structures (see structure-data.ts), built through the module's commands so that
 * every rule holds in the demo as it does in use: seats, members with the demo accounts in
 * their roles, chairs under the chair rules, ex-officio seats filled from the other body.
 */
async function seedStructures(database: Database, config: Config, options: { now?: Date } = {}): Promise<{ structures: number; bodies: number; memberships: number }> {
  // One transaction for the whole demo: the same commands, validation and audit rows as
  // in use, without a transaction per command (the seed runs before the app serves).
  return database.db.transaction((tx) => seedIn(tx, config, options.now ?? new Date()));
}

/** Runs a command as the command runner does (validated, audited), inside the seed's one transaction. */
function runner(tx: Tx, config: Config, now: Date) {
  const actor = systemActor('demo-seed');
  return <S extends z.ZodType, O>(def: CommandDef<S, O>, raw: z.input<S>): Promise<O> => {
    const input = parseOrThrow(def.input, raw);
    const ctx: CommandContext = { tx, actor, now, config, audit: (entry) => writeAudit(tx, actor, { operation: def.name, ...entry }) };
    return def.run(ctx, input, undefined);
  };
}

async function seedIn(db: Tx, config: Config, now: Date): Promise<{ structures: number; bodies: number; memberships: number }> {
  const run = runner(db, config, now);
  const todayDay = today(now);
  const year = Number(todayDay.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const next = inventor();

  const principalId = new Map((await db.select({ id: principals.id, name: principals.name }).from(principals)).map((p) => [p.name, p.id]));
  const pid = (name: string) => {
    const id = principalId.get(name);
    if (!id) throw new Error(`Demo principal missing: ${name}`);
    return id;
  };
  const accountName = new Map((await db.select({ email: people.email, name: people.name }).from(people)).map((p) => [p.email, p.name]));

  let bodyCount = 0;
  for (const spec of demoStructures) {
    // Organisations of the structure's principals.
    const orgId = new Map(
      (await db.select({ id: organisations.id, name: organisations.name, principalId: organisations.principalId }).from(organisations).orderBy(asc(organisations.name))).map((o) => [
        `${o.principalId}:${o.name}`,
        o.id,
      ]),
    );
    const orgByName = new Map<string, string>();
    for (const o of spec.organisations) {
      const principal = pid(o.principal);
      let id = orgId.get(`${principal}:${o.name}`);
      if (!id) {
        const parentId = o.parent ? orgByName.get(o.parent) : undefined;
        id = (await run(createOrganisation, { principalId: principal, parentId, name: o.name, distributionList: o.distributionList ?? [] })).id;
      }
      orgByName.set(o.name, id);
    }

    const structure = await run(createStructure, {
      slug: spec.slug,
      name: spec.name,
      shortName: spec.shortName,
      description: spec.description,
      principalIds: spec.principals.map(pid),
      categories: spec.categories.map((c) => ({ kind: c.kind, name: c.name, crossCutting: c.crossCutting ?? false })),
    });
    const surfaceId = new Map<string, string>();
    for (const s of spec.surfaces) surfaceId.set(s.name, (await run(createContactSurface, { structureId: structure.id, name: s.name, distributionList: s.distributionList ?? [] })).id);

    // Bodies, parents first.
    const bodies = new Map<string, Body>();
    const activeFrom = `${year - 3}-01-01`;
    for (const b of spec.bodies) {
      const parent = b.parent ? bodies.get(b.parent) : undefined;
      const anchor = b.chair ? (b.chair.months >= 48 ? electoralStart(year) : yearStart) : undefined;
      const body = await run(createBody, {
        structureId: structure.id,
        parentId: parent?.id,
        slug: b.slug,
        name: b.name,
        shortName: b.shortName,
        level: b.level,
        kind: b.kind,
        isPublic: b.isPublic ?? false,
        minutesKind: b.minutesKind ?? 'notes',
        substitutesAllowed: b.substitutesAllowed ?? true,
        sizeMin: b.size?.[0],
        sizeMax: b.size?.[1],
        meetingsMin: b.meetings?.[0] ?? undefined,
        meetingsMax: b.meetings?.[1] ?? undefined,
        meetingsPer: b.meetings?.[2] ?? 'year',
        physicalMeetingsMinPerYear: b.physical,
        jointMeetingsWithSubBodiesPerYear: b.joint,
        activeFrom,
        activeTo: b.activeToInDays === undefined ? undefined : addDays(todayDay, b.activeToInDays),
        chairPeriodMonths: b.chair?.months,
        chairPeriodAnchor: anchor,
        chairKindRule: b.chair?.rule ?? 'any',
        chairFirstKind: b.chair?.first,
        chairFollowsBodyId: b.chair?.follows ? bodies.get(b.chair.follows)!.id : undefined,
        viceChairOtherKind: b.chair?.viceOther ?? false,
        mandate: b.mandate
          ? {
              purpose: b.mandate.purpose,
              tasks: b.mandate.tasks,
              responsibilities: b.mandate.responsibilities,
              waysOfWorking: b.mandate.waysOfWorking,
              validFrom: activeFrom,
              approvedOn: b.mandate.approvedOn ?? activeFrom,
              approvedByBodyId: [...bodies.values()].find((x) => x.name === b.mandate!.approvedBy || x.shortName === b.mandate!.approvedBy)?.id,
              approvedByName: b.mandate.approvedBy,
            }
          : undefined,
      });
      bodies.set(b.key, body);
      bodyCount++;
    }

    // Seats (ex-officio seats may follow bodies created after their own).
    const seatOf = new Map<string, Seat[]>();
    for (const b of spec.bodies) {
      const body = bodies.get(b.key)!;
      const list: Seat[] = [];
      for (const [position, s] of (b.seats ?? []).entries()) list.push(await run(createSeat, seatInput(body, s, position, pid, orgByName, surfaceId, bodies)));
      seatOf.set(b.key, list);
    }

    // Members: seat holders (invented unless a demo account), former members, other roles.
    const holderEmail = new Map<string, string>();
    const person = (holder: string | undefined) => {
      if (holder && holder !== '*') return { personEmail: holder, personName: accountName.get(holder) ?? undefined };
      const p = next();
      return { personEmail: p.email, personName: p.name };
    };
    for (const b of spec.bodies) {
      const body = bodies.get(b.key)!;
      const ended = body.activeTo !== null && body.activeTo < todayDay;
      const memberStart = ended ? body.activeFrom : maxDay(`${year - 1}-01-01`, body.activeFrom);
      const seatsHere = seatOf.get(b.key)!;
      for (const [i, s] of (b.seats ?? []).entries()) {
        if (s.exOfficio || s.holder === null) continue;
        const who = person(s.holder);
        holderEmail.set(`${b.key}:${i}`, who.personEmail);
        if (i < (b.formerMembers ?? 0)) {
          await run(addMember, { bodyId: body.id, ...person(undefined), role: 'member', seatId: seatsHere[i]!.id, startOn: body.activeFrom, endOn: addDays(memberStart, -1) });
        }
        await run(addMember, { bodyId: body.id, ...who, role: 'member', seatId: seatsHere[i]!.id, startOn: memberStart });
      }
      for (const r of b.roles ?? []) {
        let substituteForMembershipId: string | undefined;
        if (r.substituteFor) {
          const seat = seatsHere[(b.seats ?? []).findIndex((x) => x.fn === r.substituteFor)]!;
          const [held] = await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.seatId, seat.id));
          substituteForMembershipId = held?.id;
        }
        await run(addMember, { bodyId: body.id, ...person(r.holder), role: r.role, reason: r.reason, substituteForMembershipId, startOn: memberStart });
      }
    }

    // Chairs and vice chairs under each body's rule (ex-officio seats follow).
    for (const b of spec.bodies) {
      const body = bodies.get(b.key)!;
      const ended = body.activeTo !== null && body.activeTo < todayDay;
      const start = ended ? body.activeFrom : maxDay(yearStart, body.activeFrom);
      for (const [role, flag] of [
        ['chair', 'chair'],
        ['vice_chair', 'vice'],
      ] as const) {
        const index = (b.seats ?? []).findIndex((s) => s[flag]);
        if (index < 0) continue;
        await run(appointChair, { bodyId: body.id, personEmail: holderEmail.get(`${b.key}:${index}`)!, role, startOn: start });
      }
    }
  }
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(memberships);
  return { structures: demoStructures.length, bodies: bodyCount, memberships: Number(count?.n ?? 0) };
}

function seatInput(body: Body, s: SeatSpec, position: number, pid: (n: string) => string, orgs: Map<string, string>, surfaces: Map<string, string>, bodies: Map<string, Body>) {
  const base = { bodyId: body.id, function: s.fn, position, createdOn: body.activeFrom, contactSurfaceId: s.surface ? surfaces.get(s.surface) : undefined, principalKind: s.kind };
  if (s.exOfficio) return { ...base, representation: 'function' as const, exOfficioBodyId: bodies.get(s.exOfficio.body)!.id, exOfficioRole: s.exOfficio.role };
  if (s.org) return { ...base, representation: 'organisation' as const, organisationId: orgs.get(s.org)! };
  if (s.principal) return { ...base, representation: 'principal' as const, principalId: pid(s.principal) };
  if (s.group) return { ...base, representation: 'principal_group' as const, groupLabel: s.group.label, groupPrincipalIds: s.group.principals.map(pid) };
  return { ...base, representation: 'function' as const };
}

/** The structure module's demo: the real public bodies, then the three structures built on them. */
export const structureDemo: DemoStep = {
  name: 'structure',
  async run({ database, config, now }) {
    await database.db.insert(principals).values(demoPrincipals.map((p) => ({ ...p, sortKey: sortKey(p.name) })));
    const s = await seedStructures(database, config, { now });
    return `${demoPrincipals.length} principals, ${s.structures} collaboration structures with ${s.bodies} bodies and ${s.memberships} memberships`;
  },
};
