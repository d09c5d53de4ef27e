import type { SampleContext } from '../../platform/commands.js';
import { one } from '../../platform/db/rows.js';
import type { Db } from '../../platform/db/client.js';
import { eq } from 'drizzle-orm';
import { bodies, type Body } from '../structure/schema.js';
import { fixtureItem, sampleMeeting } from '../meetings/index.js';
import type { Meeting } from '../meetings/schema.js';
import { minuteItems, minutes, type MinuteItem, type Minutes } from './schema.js';

/*
 * Fixtures for command samples and tests: minutes of a held meeting written straight to
 * the database, with an entry per agenda item.
 */

export async function fixtureMinutes(db: Db, meeting: Meeting, body: Body, values: Partial<typeof minutes.$inferInsert> = {}): Promise<Minutes> {
  const row = one(
    await db
      .insert(minutes)
      .values({ meetingId: meeting.id, bodyId: body.id, structureId: body.structureId, kind: body.minutesKind, noteTakers: [{ personId: null, name: 'Ann-Louise Sekreterare' }], ...values })
      .returning(),
  );
  return row;
}

export async function fixtureMinuteItem(db: Db, m: Minutes, position: number, values: Partial<typeof minuteItems.$inferInsert> = {}): Promise<MinuteItem> {
  const row = one(
    await db
      .insert(minuteItems)
      .values({ minutesId: m.id, meetingId: m.meetingId, position, title: `Punkt ${position}`, ...values })
      .returning(),
  );
  return row;
}

/** For samples: a held meeting a week ago with two agenda items and their minutes. */
export async function sampleMinutes(sc: SampleContext, values: Partial<typeof minutes.$inferInsert> = {}, bodyValues: Partial<Body> = {}) {
  const setup = await sampleMeeting(sc, -7, { status: 'held' });
  let body = setup.body;
  if (Object.keys(bodyValues).length) {
    body = one(await setup.db.update(bodies).set(bodyValues).where(eq(bodies.id, body.id)).returning());
  }
  const first = await fixtureItem(setup.db, setup.meeting, 1, { title: 'Mötets öppnande', source: 'template' });
  const second = await fixtureItem(setup.db, setup.meeting, 2, { title: 'Ny överenskommelse om kunskapsstyrning', kind: 'decision' });
  const m = await fixtureMinutes(setup.db, setup.meeting, body, values);
  const items = [await fixtureMinuteItem(setup.db, m, 1, { agendaItemId: first.id, title: first.title }), await fixtureMinuteItem(setup.db, m, 2, { agendaItemId: second.id, title: second.title })];
  return { ...setup, body, minutes: m, items };
}
