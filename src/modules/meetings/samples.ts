import { randomUUID } from 'node:crypto';
import { one } from '../../platform/db/rows.js';
import type { SampleContext } from '../../platform/commands.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/client.js';
import type { BodyRole } from '../../platform/auth/roles.js';
import { sampleSetup, fixtureMembership, fixturePerson } from '../structure/index.js';
import type { Body } from '../structure/schema.js';
import { agendaDates } from './dates.js';
import { stockholmDay } from '../../platform/time.js';
import { agendaItems, itemSubmissions, meetings, type Meeting } from './schema.js';

/*
 * Fixtures for command samples and tests: a body with an administrator, people with roles,
 * meetings written straight to the database.
 */

export const DAY_MS = 24 * 3600_000;

/** A Stockholm day `days` from now, 'YYYY-MM-DD'. */
export function dayFromNow(days: number, now = new Date()): string {
  return stockholmDay(new Date(now.getTime() + days * DAY_MS));
}

export function personActor(person: { id: string; name: string }, isAdmin = false): Actor {
  return { kind: 'person', personId: person.id, name: person.name, isAdmin, via: 'session' };
}

/** A person with a role on a body (from 2020), as an actor. */
export async function personWithRole(db: Db, body: Body, role: BodyRole, extra: { seatId?: string; substituteForMembershipId?: string } = {}) {
  const person = await fixturePerson(db);
  const membership = await fixtureMembership(db, { bodyId: body.id, personId: person.id, role, startOn: '2020-01-01', ...extra });
  return { person, membership, actor: personActor(person) };
}

/** A meeting of a body `days` from now (negative: in the past), with its agenda dates. */
export async function fixtureMeeting(db: Db, body: Body, days: number, values: Partial<typeof meetings.$inferInsert> = {}): Promise<Meeting> {
  const startsAt = new Date(Math.round((Date.now() + days * DAY_MS) / 60_000) * 60_000);
  const dates = agendaDates(startsAt, body);
  const id = randomUUID();
  const row = one(
    await db
      .insert(meetings)
      .values({
        id,
        uid: `${id}@samverka.test`,
        bodyId: body.id,
        structureId: body.structureId,
        title: body.name,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
        address: 'Eklundavägen 2, Örebro',
        status: days < 0 ? 'held' : 'planned',
        ...dates,
        ...values,
      })
      .returning(),
  );
  return row;
}

export async function fixtureItem(db: Db, meeting: Meeting, position: number, values: Partial<typeof agendaItems.$inferInsert> = {}) {
  const row = one(
    await db
      .insert(agendaItems)
      .values({ meetingId: meeting.id, position, title: `Punkt ${position}`, durationMinutes: 15, ...values })
      .returning(),
  );
  return row;
}

export async function fixtureSubmission(db: Db, meeting: Meeting, submittedBy: string, values: Partial<typeof itemSubmissions.$inferInsert> = {}) {
  const row = one(
    await db
      .insert(itemSubmissions)
      .values({ meetingId: meeting.id, submittedBy, title: 'Samverkan kring utskrivning', wishedMinutes: 20, ...values })
      .returning(),
  );
  return row;
}

/** For samples: a structure and body with an administrator and a meeting a month ahead. */
export async function sampleMeeting(sc: SampleContext, days = 30, values: Partial<typeof meetings.$inferInsert> = {}) {
  const setup = await sampleSetup(sc);
  const meeting = await fixtureMeeting(setup.db, setup.body, days, values);
  return { ...setup, meeting };
}
