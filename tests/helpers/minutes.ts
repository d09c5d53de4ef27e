import type { Database } from '../../src/platform/db/client.js';
import { execute } from '../../src/platform/commands.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import type { CommandDef } from '../../src/platform/commands.js';
import type { z } from 'zod';
import { fixtureBody, fixtureStructure } from '../../src/modules/structure/samples.js';
import type { Body } from '../../src/modules/structure/schema.js';
import { fixtureItem, fixtureMeeting, personWithRole } from '../../src/modules/meetings/samples.js';
import { attendance, type Meeting } from '../../src/modules/meetings/schema.js';
import { testConfig } from './app.js';
import '../../src/app.js';

/** Runs a command as an actor on the test database (now may be set). */
export function run<S extends z.ZodType, O>(database: Database, actor: Actor, def: CommandDef<S, O>, input: z.input<S>, now?: Date): Promise<O> {
  return execute({ database, config: testConfig() }, actor, def, input, now ? { now } : {});
}

export interface MinutesWorld {
  body: Body;
  meeting: Meeting;
  next: Meeting;
  secretary: Awaited<ReturnType<typeof personWithRole>>;
  chair: Awaited<ReturnType<typeof personWithRole>>;
  adjuster: Awaited<ReturnType<typeof personWithRole>>;
  member: Awaited<ReturnType<typeof personWithRole>>;
  outsider: Awaited<ReturnType<typeof personWithRole>>;
}

/**
 * A public body that keeps a protocol (short name SAMS), with a secretary, a chair, an
 * adjuster and a member present at a meeting held ten days ago (three agenda items), and
 * its next meeting in three weeks; an outsider sits in another body.
 */
export async function minutesWorld(database: Database, bodyValues: Partial<Body> = {}): Promise<MinutesWorld> {
  const db = database.db;
  const { structure } = await fixtureStructure(db);
  const body = await fixtureBody(db, structure.id, { name: 'Strategisk samverkansgrupp', shortName: 'SAMS', minutesKind: 'protocol', isPublic: true, ...bodyValues });
  const other = await fixtureBody(db, structure.id, { name: 'Annan grupp' });
  const secretary = await personWithRole(db, body, 'secretary');
  const chair = await personWithRole(db, body, 'chair');
  const adjuster = await personWithRole(db, body, 'member');
  const member = await personWithRole(db, body, 'member');
  const outsider = await personWithRole(db, other, 'member');
  const meeting = await fixtureMeeting(db, body, -10, { status: 'held' });
  await fixtureItem(db, meeting, 1, { title: 'Mötets öppnande', source: 'template' });
  await fixtureItem(db, meeting, 2, { title: 'Budget för 2027', kind: 'decision' });
  await fixtureItem(db, meeting, 3, { title: 'Barn som anhöriga', kind: 'discussion' });
  for (const p of [secretary, chair, adjuster, member]) {
    await db.insert(attendance).values({ meetingId: meeting.id, personId: p.person.id, membershipId: p.membership.id, status: 'present', organisationLabel: 'Region Örebro län' });
  }
  const next = await fixtureMeeting(db, body, 21);
  return { body, meeting, next, secretary, chair, adjuster, member, outsider };
}
