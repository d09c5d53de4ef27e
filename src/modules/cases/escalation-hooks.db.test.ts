import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, like } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { execute } from '../../platform/commands.js';
import { auditLog } from '../../platform/audit/schema.js';
import { eventBus, type BusEvent } from '../../platform/events.js';
import { mailMessages } from '../../platform/outbox/schema.js';
import { people } from '../../platform/auth/schema.js';
import { agendaItems, meetings, type Meeting } from '../meetings/schema.js';
import { fixtureItem } from '../meetings/samples.js';
import { publishAgenda } from '../meetings/commands/publish-agenda.js';
import { meetingsTestKit } from '../meetings/test-kit.js';
import { liveTopic } from '../live/state.js';
import { saveItem } from '../minutes/commands/save-item.js';
import { fixtureMinuteItem, fixtureMinutes } from '../minutes/samples.js';
import { itemTitle } from './wording.js';
import { caseAnchoring, cases, type Case } from './schema.js';
import { caseWorld, fixtureCase, fixtureMeetingOf, type CaseWorld } from './samples.js';
import ICAL from 'ical.js';

/*
 * A decision in the minutes runs the decision hooks with the command's own context: when
 * it escalates a case onto the commissioning body's ALREADY PUBLISHED agenda, that
 * meeting is sent out again (SEQUENCE bumped, an update invitation by e-mail), the live
 * view refreshes, and the audit rows the hook writes carry the command's request id.
 * (Before the hooks got the full context, putOnAgenda skipped afterPublishedChange for
 * want of a config, and the hook wrote its audit rows without the request id.)
 */

const db = useTestDatabase();
const kit = meetingsTestKit(db);

interface Invitation {
  to: string[];
  text: string;
  method: string;
  uid: string;
  sequence: number;
}

/** Drains the outbox (kept mode: the mails land in mail_messages) and parses the meeting's calendar mails. */
async function invitationsOf(meeting: Meeting): Promise<Invitation[]> {
  await kit.jobs(new Date(Date.now() + 60_000));
  const rows = await db.current.db
    .select()
    .from(mailMessages)
    .where(like(mailMessages.icalendar, `%${meeting.uid}%`));
  return rows.map((row) => {
    const component = new ICAL.Component(ICAL.parse(row.icalendar!));
    const event = new ICAL.Event(component.getFirstSubcomponent('vevent')!);
    return { to: row.to, text: row.text, method: String(component.getFirstPropertyValue('method')), uid: event.uid, sequence: event.sequence };
  });
}

describe('a decision in the minutes that escalates a case onto a published agenda', () => {
  let world: CaseWorld;
  let chefsMeeting: Meeting;
  let kase: Case;
  let commissionerEmails: string[];

  beforeAll(async () => {
    // The whole application: registers the calendar invitation and live hooks (and every module).
    createTestApp(db.current);
    world = await caseWorld(db.current.db);
    const member = await kit.person(world.commissioner, 'member', 'Cecilia Chef');
    const emails = await db.current.db
      .select({ email: people.email })
      .from(people)
      .where(inArray(people.id, [world.commissionerSecretary.id, member.person.id]));
    commissionerEmails = emails.map((e) => e.email!).sort();
    // The commissioning body's next meeting, called: its agenda published and the invitation sent.
    const planned = await fixtureMeetingOf(db.current.db, world.commissioner, 30);
    await fixtureItem(db.current.db, planned, 1, { title: 'Mötets öppnande' });
    chefsMeeting = await execute({ database: db.current, config: kit.config }, world.commissionerSecretary.actor, publishAgenda, { meetingId: planned.id });
    kase = await fixtureCase(db.current.db, world, 'anchoring');
    await db.current.db.update(caseAnchoring).set({ answeredAt: new Date(), position: 'supports', feedback: 'Tillstyrks.' }).where(eq(caseAnchoring.caseId, kase.id));
  });

  it('puts the case on that agenda, sends the meeting out again, refreshes the live view, and audits under the request id', async () => {
    const invited = await invitationsOf(chefsMeeting);
    expect(invited.map((m) => m.to[0]).sort()).toEqual(commissionerEmails);
    expect(invited.every((m) => m.method === 'REQUEST' && m.sequence === chefsMeeting.sequence)).toBe(true);

    // The body's minutes of a held meeting, with the case's item.
    const held = await fixtureMeetingOf(db.current.db, world.body, -2);
    const [agendaItem] = await db.current.db.insert(agendaItems).values({ meetingId: held.id, position: 1, title: kase.title, kind: 'decision', caseId: kase.id }).returning();
    const minutes = await fixtureMinutes(db.current.db, held, world.body);
    const item = await fixtureMinuteItem(db.current.db, minutes, 1, { agendaItemId: agendaItem!.id, title: kase.title, caseId: kase.id });

    const bus = eventBus(db.current);
    await bus.ready;
    const seen: BusEvent[] = [];
    const stop = bus.subscribe(liveTopic(chefsMeeting.id), (e) => seen.push(e));
    try {
      await execute(
        { database: db.current, config: kit.config },
        world.secretary.actor,
        saveItem,
        {
          itemId: item.id,
          version: item.version,
          proposal: [],
          outcome: 'approved',
          caseId: kase.id,
          caseTransition: 'escalate',
          decisionText: 'SAMS beslutar att bereda ärendet för Chefsgruppens beslut.',
        },
        { requestId: 'req-escalate' },
      );

      // The case is prepared for the commissioning body, on its next (published) meeting.
      const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
      expect(row).toMatchObject({ state: 'prepared', escalatedToBodyId: world.commissioner.id, meetingId: chefsMeeting.id });
      const onAgenda = await db.current.db
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.meetingId, chefsMeeting.id), eq(agendaItems.caseId, kase.id)));
      expect(onAgenda).toHaveLength(1);
      expect(onAgenda[0]!.changedAfterPublishAt).not.toBeNull();

      // The published meeting changed: its SEQUENCE went up.
      const [after] = await db.current.db.select().from(meetings).where(eq(meetings.id, chefsMeeting.id));
      expect(after!.sequence).toBe(chefsMeeting.sequence + 1);
      expect(after!.changedAfterPublishAt).not.toBeNull();

      // Everyone called gets the update: METHOD:REQUEST with the higher SEQUENCE and the new item.
      const updates = (await invitationsOf(chefsMeeting)).filter((m) => m.sequence === after!.sequence);
      expect(updates.map((m) => m.to[0]).sort()).toEqual(commissionerEmails);
      for (const mail of updates) {
        expect(mail.method).toBe('REQUEST');
        expect(mail.uid).toBe(chefsMeeting.uid);
        expect(mail.text).toContain(itemTitle(kase));
      }

      // The live view of the commissioning body's meeting is told to refresh (at commit).
      const deadline = Date.now() + 30_000;
      while (!seen.some((e) => e.type === 'agenda-changed') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(seen.map((e) => e.type)).toContain('agenda-changed');
    } finally {
      stop();
    }

    // The hook's audit rows are the command's: the same request id.
    const transitions = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.operation, 'cases.transition'), eq(auditLog.objectId, kase.id)));
    expect(transitions).toHaveLength(1);
    expect(transitions[0]!.requestId).toBe('req-escalate');
    const [newItem] = await db.current.db
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, chefsMeeting.id), eq(agendaItems.caseId, kase.id)));
    const itemAudits = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'agenda_item'), eq(auditLog.objectId, newItem!.id)));
    expect(itemAudits).toMatchObject([{ operation: 'cases.transition', requestId: 'req-escalate' }]);
  });
});
