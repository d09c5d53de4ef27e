import { and, asc, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client.js';
import { people } from '../../src/platform/auth/schema.js';
import { bodies, memberships, structures } from '../../src/modules/structure/schema.js';
import { agendaItems, meetings } from '../../src/modules/meetings/schema.js';
import { fixtureBody, fixtureMembership, fixtureSeat, fixtureStructure } from '../../src/modules/structure/samples.js';
import { seedMeetingsForBody } from '../../src/modules/meetings/index.js';
import { testConfig } from '../helpers/app.js';
import { roleAccounts } from './roles.js';

export interface DemoMeetings {
  bodyId: string;
  structureSlug: string;
  /** The next meeting (call open, draft agenda). */
  upcomingId: string;
  /** A held meeting with agenda and attendance. */
  heldId: string;
  /** An item on the upcoming meeting's agenda. */
  itemId: string;
}

const cache = new WeakMap<Database, Promise<DemoMeetings>>();

async function personId(database: Database, email: string): Promise<string | undefined> {
  const [row] = await database.db.select({ id: people.id }).from(people).where(eq(people.email, email));
  return row?.id;
}

/** A body where the demo secretary manages and the demo member sits, with its meetings. */
async function find(database: Database): Promise<DemoMeetings | undefined> {
  const secretary = await personId(database, roleAccounts.secretary!);
  const member = await personId(database, roleAccounts.person!);
  if (!secretary || !member) return undefined;
  const mine = await database.db
    .select({ bodyId: memberships.bodyId, personId: memberships.personId, role: memberships.role })
    .from(memberships)
    .where(inArray(memberships.personId, [secretary, member]));
  const managed = new Set(mine.filter((m) => m.personId === secretary && m.role === 'secretary').map((m) => m.bodyId));
  const shared = mine.filter((m) => m.personId === member && managed.has(m.bodyId)).map((m) => m.bodyId);
  const now = new Date();
  for (const bodyId of shared) {
    const [upcoming] = await database.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.bodyId, bodyId), gt(meetings.startsAt, now), gt(meetings.submissionDeadline, now)))
      .orderBy(asc(meetings.startsAt))
      .limit(1);
    const [held] = await database.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.bodyId, bodyId), lt(meetings.startsAt, now), eq(meetings.status, 'held')))
      .orderBy(desc(meetings.startsAt))
      .limit(1);
    if (!upcoming || !held) continue;
    const [item] = await database.db.select().from(agendaItems).where(eq(agendaItems.meetingId, upcoming.id)).orderBy(asc(agendaItems.position)).limit(1);
    if (!item) continue;
    const [row] = await database.db.select({ slug: structures.slug }).from(bodies).innerJoin(structures, eq(structures.id, bodies.structureId)).where(eq(bodies.id, bodyId));
    return { bodyId, structureSlug: row!.slug, upcomingId: upcoming.id, heldId: held.id, itemId: item.id };
  }
  return undefined;
}

/**
 * The demo meetings the catalog's examples use: those of the demo seed when the demo
 * secretary and member share a body; otherwise a small body with them is made here.
 */
export function demoMeetings(database: Database): Promise<DemoMeetings> {
  let found = cache.get(database);
  if (!found) {
    found = (async () => {
      const existing = await find(database);
      if (existing) return existing;
      const d = database.db;
      const { structure, region } = await fixtureStructure(d);
      const body = await fixtureBody(d, structure.id, {
        name: 'Chefsgrupp för samverkan (test)',
        shortName: 'Chefsgruppen',
        substitutesAllowed: true,
        meetingsMin: 2,
        meetingsPer: 'termin',
        physicalMeetingsMinPerYear: 1,
      });
      const seat = await fixtureSeat(d, body.id, { function: 'Närsjukvårdsområde väster', representation: 'principal', principalId: region.id, principalKind: 'region' });
      await fixtureSeat(d, body.id, { function: 'Habilitering och hälsa' });
      const secretary = (await personId(database, roleAccounts.secretary!))!;
      const member = (await personId(database, roleAccounts.person!))!;
      await fixtureMembership(d, { bodyId: body.id, personId: secretary, role: 'secretary', startOn: '2020-01-01' });
      const m = await fixtureMembership(d, { bodyId: body.id, personId: member, role: 'member', seatId: seat.id, startOn: '2020-01-01' });
      const substitute = await personId(database, 'ersattare@example.org');
      if (substitute) await fixtureMembership(d, { bodyId: body.id, personId: substitute, role: 'substitute', substituteForMembershipId: m.id, startOn: '2020-01-01' });
      await seedMeetingsForBody(database, testConfig(), body);
      return (await find(database))!;
    })();
    cache.set(database, found);
  }
  return found;
}
