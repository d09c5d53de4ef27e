import { randomUUID } from 'node:crypto';
import { one } from '../../platform/db/rows.js';
import { eq } from 'drizzle-orm';
import type { SampleContext } from '../../platform/commands.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/client.js';
import type { BodyRole } from '../../platform/auth/roles.js';
import { fixtureBody, fixtureMembership, fixturePerson, fixturePrincipal, fixtureSeat, fixtureStructure } from '../structure/index.js';
import { contactSurfaces, organisations, principals, structureCategories, structurePrincipals, type Body, type Principal } from '../structure/schema.js';
import { sortKey } from '../../platform/sortkey.js';
import { meetings, type Meeting } from '../meetings/schema.js';
import { stockholmDay } from '../../platform/time.js';
import type { CaseState } from './flow.js';
import { activities, caseAdoptions, caseAnchoring, caseDirectives, cases, type Case } from './schema.js';
import { nextCaseNumber } from './commands/common.js';

/*
 * Fixtures for command samples and tests: a structure with three principals (a region and
 * two municipalities) each with a distribution list, a commissioning body above the body
 * that handles cases, one seat per principal with a contact surface, people in roles, and
 * cases written straight into any state of the flow.
 */

const DAY_MS = 24 * 3600_000;

function actorOf(person: { id: string; name: string }, isAdmin = false): Actor {
  return { kind: 'person', personId: person.id, name: person.name, isAdmin, via: 'session' };
}

export async function fixtureMeetingOf(db: Db, body: Body, days: number, values: Partial<typeof meetings.$inferInsert> = {}): Promise<Meeting> {
  const startsAt = new Date(Math.round((Date.now() + days * DAY_MS) / 60_000) * 60_000);
  const id = randomUUID();
  const row = one(
    await db
      .insert(meetings)
      .values({
        id,
        uid: `${id}@samverka.test`,
        bodyId: body.id,
        structureId: body.structureId,
        title: body.shortName ?? body.name,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
        address: 'Eklundavägen 2, Örebro',
        status: days < 0 ? 'held' : 'planned',
        ...values,
      })
      .returning(),
  );
  return row;
}

export interface CaseWorld {
  structureId: string;
  principals: Principal[];
  commissioner: Body;
  body: Body;
  secretary: { id: string; name: string; actor: Actor };
  /** One member per principal, holding the seat that covers it. */
  members: { id: string; name: string; actor: Actor; principalId: string; seatId: string }[];
  goalAreaId: string;
  targetGroupId: string;
  commissionerSecretary: { id: string; name: string; actor: Actor };
}

async function personIn(db: Db, body: Body, role: BodyRole, seatId?: string) {
  const p = await fixturePerson(db);
  await fixtureMembership(db, { bodyId: body.id, personId: p.id, role, startOn: '2020-01-01', seatId: seatId ?? null });
  return { id: p.id, name: p.name, actor: actorOf(p) };
}

/** A structure with a commissioning body, the case body, seats for three principals and people. */
export async function caseWorld(db: Db): Promise<CaseWorld> {
  const s = await fixtureStructure(db);
  const third = await fixturePrincipal(db, 'municipality');
  await db.insert(structurePrincipals).values({ structureId: s.structure.id, principalId: third.id });
  const ps: Principal[] = [];
  for (const p of [s.region, s.municipality, third]) {
    const row = one(
      await db
        .update(principals)
        .set({ distributionList: [`registrator-${p.id.slice(0, 8)}@example.se`] })
        .where(eq(principals.id, p.id))
        .returning(),
    );
    ps.push(row);
  }
  // A health centre of the region with a list of its own.
  await db
    .insert(organisations)
    .values({ principalId: s.region.id, name: 'Vårdcentralen Test', sortKey: sortKey('Vårdcentralen Test'), distributionList: [`vc-${s.region.id.slice(0, 8)}@example.se`] });
  const commissioner = await fixtureBody(db, s.structure.id, { name: 'Chefsgruppen test', level: 'strategic' });
  const body = await fixtureBody(db, s.structure.id, { name: 'SAMS test', shortName: 'SAMS', parentId: commissioner.id, level: 'strategic' });
  const members: CaseWorld['members'] = [];
  for (const [i, p] of ps.entries()) {
    const surface = one(
      await db
        .insert(contactSurfaces)
        .values({ structureId: s.structure.id, name: `Nätverk ${i + 1}`, sortKey: sortKey(`Nätverk ${i + 1}`) })
        .returning(),
    );
    const seat = await fixtureSeat(db, body.id, { representation: 'principal', principalId: p.id, principalKind: p.kind, contactSurfaceId: surface.id, position: i });
    const m = await personIn(db, body, 'member', seat.id);
    members.push({ ...m, principalId: p.id, seatId: seat.id });
  }
  const secretary = await personIn(db, body, 'secretary');
  const commissionerSecretary = await personIn(db, commissioner, 'secretary');
  const goal = one(await db.insert(structureCategories).values({ structureId: s.structure.id, kind: 'goal_area', name: 'Trygg vård i hemmet', position: 1 }).returning());
  const target = one(await db.insert(structureCategories).values({ structureId: s.structure.id, kind: 'target_group', name: 'Äldre', position: 1 }).returning());
  return { structureId: s.structure.id, principals: ps, commissioner, body, secretary, members, goalAreaId: goal.id, targetGroupId: target.id, commissionerSecretary };
}

/** A case written straight into a state, with what that state implies (directive, anchoring…). */
export async function fixtureCase(db: Db, world: CaseWorld, state: CaseState = 'raised', values: Partial<typeof cases.$inferInsert> = {}): Promise<Case> {
  const now = new Date();
  const year = now.getFullYear();
  const number = await nextCaseNumber(db, world.structureId, year);
  const raiser = world.members[1]!;
  const kase = one(
    await db
      .insert(cases)
      .values({
        structureId: world.structureId,
        bodyId: world.body.id,
        year,
        number,
        title: `Subkutan vätsketillförsel i hemmet ${number}`,
        description: 'Rutin saknas för när kommunens sjuksköterskor kan ge vätska subkutant.',
        raisedByPersonId: raiser.id,
        raisedByName: raiser.name,
        raisedOn: stockholmDay(now),
        state,
        ...values,
      })
      .returning(),
  );
  const c = kase;
  const later = ['working_group', 'assigned', 'in_progress', 'anchoring', 'prepared', 'recommended', 'implementation', 'follow_up', 'no_change', 'closed'];
  if (later.includes(state)) {
    const wg = await fixtureBody(db, world.structureId, { name: `Arbetsgrupp ${number}`, parentId: world.body.id, level: 'operational', kind: 'working_group' });
    await fixtureMembership(db, { bodyId: wg.id, personId: world.members[0]!.id, role: 'convenor', startOn: '2020-01-01' });
    await db.update(cases).set({ workingGroupBodyId: wg.id }).where(eq(cases.id, c.id));
    c.workingGroupBodyId = wg.id;
    if (state !== 'working_group') {
      await db.insert(caseDirectives).values({
        caseId: c.id,
        fromBodyId: world.body.id,
        toBodyId: wg.id,
        shortDescription: 'Ta fram en rutin.',
        endDate: stockholmDay(new Date(now.getTime() + 200 * DAY_MS)),
        reportAtMeetings: true,
        status: 'issued',
        issuedAt: new Date(now.getTime() - 30 * DAY_MS),
      });
    }
  }
  if (['anchoring', 'prepared', 'recommended', 'implementation', 'follow_up'].includes(state)) {
    const answered = state !== 'anchoring';
    await db.insert(caseAnchoring).values(
      world.members.map((m) => ({
        caseId: c.id,
        principalId: m.principalId,
        seatId: m.seatId,
        ...(answered ? { answeredAt: now, answeredBy: m.id, position: 'supports' as const, feedback: 'Tillstyrks.' } : {}),
      })),
    );
  }
  if (state === 'prepared') {
    await db.update(cases).set({ escalatedToBodyId: world.commissioner.id }).where(eq(cases.id, c.id));
    c.escalatedToBodyId = world.commissioner.id;
  }
  if (state === 'recommended') {
    await db.insert(caseAdoptions).values(world.principals.map((p) => ({ caseId: c.id, principalId: p.id })));
  }
  if (state === 'follow_up') {
    await db.update(cases).set({ noticeSentAt: now }).where(eq(cases.id, c.id));
    c.noticeSentAt = now;
  }
  if (['accepted', 'waiting'].includes(state)) {
    await db.insert(activities).values({ structureId: world.structureId, bodyId: world.body.id, year, caseId: c.id, title: c.title, waiting: state === 'waiting' });
  }
  return c;
}

/** A world, a case in a state and an administrator: the usual start of a command sample. */
export async function sampleCase(sc: SampleContext, state: CaseState = 'raised') {
  const db = sc.database.db;
  const world = await caseWorld(db);
  const kase = await fixtureCase(db, world, state);
  return { actor: await sc.admin(), world, kase, db };
}
