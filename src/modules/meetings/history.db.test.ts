import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp, testConfig } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { execute } from '../../platform/commands.js';
import { systemActor } from '../../platform/auth/actor.js';
import { createPerson } from '../../platform/auth/commands/people.js';
import { historyPage } from '../../platform/audit/history.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../structure/index.js';
import { dayFromNow, fixtureMeeting, personActor } from './samples.js';
import { updateMeeting } from './commands/update-meeting.js';

/*
 * A meeting's change history (/history/meeting/:id): its body's secretary reads it from a
 * link on the meeting page, a member gets 403; a body's history holds its meetings' changes
 * and pages.
 */

const db = useTestDatabase();
const config = testConfig();
const PASSWORD = 'ett-bra-lösenord-1';
let n = 0;

async function account(name: string) {
  const email = `motehistorik${++n}-${Date.now()}@example.org`;
  const p = await execute({ database: db.current, config }, systemActor('test'), createPerson, { name, email, password: PASSWORD, isAdmin: false });
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(email, PASSWORD)).status).toBe(303);
  return { ...p, c };
}

describe("a meeting's change history", () => {
  it('is linked from the meeting page for the secretary, readable by them and refused to a member; the body history holds it and pages', async () => {
    const s = await fixtureStructure(db.current.db);
    const body = await fixtureBody(db.current.db, s.structure.id, { name: `Mötesgruppen ${++n}` });
    const secretary = await account(`Sekreteraren ${n}`);
    const member = await account(`Medlemmen ${n}`);
    await fixtureMembership(db.current.db, { bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
    await fixtureMembership(db.current.db, { bodyId: body.id, personId: member.id, role: 'member', startOn: '2024-01-01' });
    const meeting = await fixtureMeeting(db.current.db, body, 30, { title: 'Planeringsmöte' });
    const actor = personActor({ id: secretary.id, name: secretary.name });
    await execute({ database: db.current, config }, actor, updateMeeting, {
      meetingId: meeting.id,
      version: meeting.version,
      title: 'Nytt namn på mötet',
      date: dayFromNow(30),
      startTime: '09:00',
      endTime: '11:00',
      format: 'physical',
      room: 'Sal 4',
    });

    const page = await (await secretary.c.get(`/meetings/${meeting.id}`)).text();
    expect(page).toContain(`href="/history/meeting/${meeting.id}"`);
    expect(await (await member.c.get(`/meetings/${meeting.id}`)).text()).not.toContain('/history/meeting/');

    const history = await secretary.c.get(`/history/meeting/${meeting.id}`);
    expect(history.status).toBe(200);
    const text = await history.text();
    expect(text).toContain('Ändrade mötet');
    expect(text).toMatch(/<del>Planeringsmöte<\/del>.*<ins>Nytt namn på mötet<\/ins>/s);
    expect(text).toContain('Sal 4');
    expect((await member.c.get(`/history/meeting/${meeting.id}`)).status).toBe(403);

    const first = await historyPage(db.current.db, 'body', body.id, { page: 1 }, 1);
    expect(first.total).toBeGreaterThanOrEqual(1);
    expect(first.items[0]!.objectType).toBe('meeting');
    const whole = await historyPage(db.current.db, 'meeting', meeting.id, {}, 1);
    expect(whole.items).toHaveLength(1);
    expect((await historyPage(db.current.db, 'meeting', meeting.id, { page: 2 }, 1)).items).toHaveLength(whole.total > 1 ? 1 : 0);
  });
});
