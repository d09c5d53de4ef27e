import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { execute } from '../../platform/commands.js';
import { AppError } from '../../platform/http/errors.js';
import { notifications } from '../../platform/inbox/schema.js';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { agendaItems, type Meeting } from '../meetings/schema.js';
import { decisions, minuteItems } from '../minutes/schema.js';
import { saveItem } from '../minutes/commands/save-item.js';
import { fixtureMinuteItem, fixtureMinutes } from '../minutes/samples.js';
import type { Body } from '../structure/schema.js';
import { caseHistory, cases, type Case } from './schema.js';
import { caseWorld, fixtureCase, fixtureMeetingOf, type CaseWorld } from './samples.js';
import '../../app.js';

const db = useTestDatabase();
const deps = () => ({ database: db.current, config: testConfig() });

/** Minutes of a held meeting with one item for the case, as the minutes module would have them. */
async function minutesWithCaseItem(body: Body, kase: Case, meeting?: Meeting) {
  const m = meeting ?? (await fixtureMeetingOf(db.current.db, body, -2));
  const [agendaItem] = await db.current.db.insert(agendaItems).values({ meetingId: m.id, position: 1, title: kase.title, kind: 'decision', caseId: kase.id }).returning();
  const min = await fixtureMinutes(db.current.db, m, body);
  const item = await fixtureMinuteItem(db.current.db, min, 1, { agendaItemId: agendaItem!.id, title: kase.title, caseId: kase.id });
  return { meeting: m, item };
}

const decide = (world: CaseWorld, item: { id: string; version: number }, values: Record<string, unknown>, actor = world.secretary.actor) =>
  execute(deps(), actor, saveItem, { itemId: item.id, version: item.version, proposal: [], ...values });

describe('decisions in the minutes move cases', () => {
  let world: CaseWorld;
  beforeAll(async () => {
    world = await caseWorld(db.current.db);
  });

  it('a decision carrying "accept" moves the case on the agenda to accepted, once', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const { item, meeting } = await minutesWithCaseItem(world.body, kase);
    await decide(world, item, { outcome: 'approved', caseId: kase.id, caseTransition: 'accept', decisionText: 'SAMS beslutar att hantera frågan vidare.' });
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.state).toBe('accepted');
    const [decision] = await db.current.db.select().from(decisions).where(eq(decisions.caseId, kase.id));
    const history = await db.current.db.select().from(caseHistory).where(eq(caseHistory.caseId, kase.id));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ transition: 'accept', decisionId: decision!.id, meetingId: meeting.id });
    // Saving the decision again (a changed text) does not move the case a second time.
    const [fresh] = await db.current.db.select().from(minuteItems).where(eq(minuteItems.id, item.id));
    await decide(world, fresh!, { outcome: 'approved', caseId: kase.id, caseTransition: 'accept', decisionText: 'SAMS beslutar att hantera frågan vidare (justerad text).' });
    expect(await db.current.db.select().from(caseHistory).where(eq(caseHistory.caseId, kase.id))).toHaveLength(1);
  });

  it('a raised case taken up from the agenda is first put on it, then decided', async () => {
    const kase = await fixtureCase(db.current.db, world, 'raised');
    const { item } = await minutesWithCaseItem(world.body, kase);
    await decide(world, item, { outcome: 'approved', caseId: kase.id, caseTransition: 'defer' });
    const history = await db.current.db.select().from(caseHistory).where(eq(caseHistory.caseId, kase.id)).orderBy(caseHistory.at);
    expect(history.map((h) => h.transition).sort()).toEqual(['defer', 'schedule']);
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.state).toBe('waiting');
  });

  it('No in the minutes sends the decision text to whoever raised the case', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const { item } = await minutesWithCaseItem(world.body, kase);
    await decide(world, item, { outcome: 'rejected', caseId: kase.id, caseTransition: 'reject', decisionText: 'SAMS avslår: frågan hör till läkemedelskommittén.' });
    const inbox = await db.current.db.select().from(notifications).where(eq(notifications.objectId, kase.id));
    expect(inbox.some((n) => n.personId === kase.raisedByPersonId && n.body === 'SAMS avslår: frågan hör till läkemedelskommittén.')).toBe(true);
  });

  it('a transition outside the graph refuses the whole save: no decision, no change', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const { item } = await minutesWithCaseItem(world.body, kase);
    const err = await decide(world, item, { outcome: 'approved', caseId: kase.id, caseTransition: 'close' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(await db.current.db.select().from(decisions).where(eq(decisions.caseId, kase.id))).toHaveLength(0);
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.state).toBe('on_agenda');
    const unknown = await decide(world, item, { outcome: 'approved', caseId: kase.id, caseTransition: 'godkänn' }).catch((e: unknown) => e);
    expect((unknown as AppError).fieldErrors[0]!.field).toBe('caseTransition');
  });

  it('the commissioning body decides a case prepared for it at its own meeting', async () => {
    const kase = await fixtureCase(db.current.db, world, 'prepared');
    const chefsMeeting = await fixtureMeetingOf(db.current.db, world.commissioner, -1);
    const { item } = await minutesWithCaseItem(world.commissioner, kase, chefsMeeting);
    await decide(world, item, { outcome: 'approved', caseId: kase.id, caseTransition: 'implement' }, world.commissionerSecretary.actor);
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.state).toBe('implementation');
  });

  it('a decision of a body that does not decide the case is refused', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const chefsMeeting = await fixtureMeetingOf(db.current.db, world.commissioner, -1);
    const { item } = await minutesWithCaseItem(world.commissioner, kase, chefsMeeting);
    const err = await decide(world, item, { outcome: 'approved', caseId: kase.id, caseTransition: 'accept' }, world.commissionerSecretary.actor).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.state).toBe('on_agenda');
  });
});
