import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { startSmtpServer, type TestSmtp, type ReceivedMail } from '../../../tests/helpers/smtp.js';
import { execute } from '../../platform/commands.js';
import { systemActor } from '../../platform/auth/actor.js';
import { createLogger } from '../../platform/logger.js';
import { stockholmTime } from '../../platform/time.js';
import { drainDueJobs } from '../../platform/worker.js';
import { outbox } from '../../platform/outbox/schema.js';
import { notifications } from '../../platform/inbox/schema.js';
import { fixtureBody, fixtureStructure } from '../structure/samples.js';
import { fixtureItem, fixtureMeeting, personWithRole } from '../meetings/samples.js';
import { publishAgenda } from '../meetings/commands/publish-agenda.js';
import { updateMeeting } from '../meetings/commands/update-meeting.js';
import { cancelMeeting } from '../meetings/commands/cancel-meeting.js';

const db = useTestDatabase();
const logger = createLogger('silent');
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // The invitation hooks come with the calendar module's manifest (installed by the test setup).
});
afterAll(() => smtp.close());
beforeEach(async () => {
  smtp.received.length = 0;
  otherMails.length = 0;
  await db.current.db.delete(outbox);
});

interface Invitation {
  to: string[];
  subject: string;
  text: string;
  method: string;
  uid: string;
  sequence: number;
  dtstart: { tzid: string | null; local: string; utc: string };
  dtend: { tzid: string | null; local: string; utc: string };
  status: string;
}

/** Mails without a calendar part that deliver() received. */
const otherMails: string[] = [];

/** Sends what is due through the real SMTP server and parses each calendar mail received. */
async function deliver(): Promise<Invitation[]> {
  const config = testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Samverka <noreply@samverka.test>' });
  const deps = { database: db.current, config, logger };
  await drainDueJobs(deps);
  const out: Invitation[] = [];
  for (const mail of smtp.received.splice(0) as ReceivedMail[]) {
    const parsed = await smtp.parse(mail);
    const part = parsed.attachments.find((a) => a.contentType === 'text/calendar');
    if (!part) {
      otherMails.push(`${mail.to.join(', ')}: ${parsed.subject ?? ''}`);
      continue;
    }
    const component = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
    ICAL.TimezoneService.register(component.getFirstSubcomponent('vtimezone')!);
    const vevent = component.getFirstSubcomponent('vevent')!;
    const time = (name: string) => {
      const prop = vevent.getFirstProperty(name)!;
      const value = prop.getFirstValue() as ICAL.Time;
      return { tzid: prop.getParameter('tzid') as string | null, local: value.toString(), utc: value.toJSDate().toISOString() };
    };
    const event = new ICAL.Event(vevent);
    out.push({
      to: mail.to,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      method: String(component.getFirstPropertyValue('method')),
      uid: event.uid,
      sequence: event.sequence,
      dtstart: time('dtstart'),
      dtend: time('dtend'),
      status: String(vevent.getFirstPropertyValue('status')),
    });
  }
  return out.sort((a, b) => a.to[0]!.localeCompare(b.to[0]!));
}

async function setup(start: Date, end: Date) {
  const database = db.current.db;
  const { structure } = await fixtureStructure(database);
  const body = await fixtureBody(database, structure.id, { name: 'Chefsgruppen för vård och omsorg' });
  const members = [await personWithRole(database, body, 'chair'), await personWithRole(database, body, 'member'), await personWithRole(database, body, 'secretary')];
  const meeting = await fixtureMeeting(database, body, 120, { startsAt: start, endsAt: end, status: 'planned', title: 'Chefsgruppen – möte i Örebro' });
  await fixtureItem(database, meeting, 1, { title: 'Inledning och närvarokontroll', durationMinutes: 10, presenters: [{ personId: null, name: 'Ingmar Ångman', organisation: null }] });
  await fixtureItem(database, meeting, 2, { title: 'Överenskommelse om kunskapsstyrning', durationMinutes: 45, presenters: [{ personId: null, name: 'Ylva Nilsagård', organisation: null }] });
  return { body, members, meeting };
}

const deps = () => ({ database: db.current, config: testConfig() });

describe('calendar invitations by e-mail', () => {
  it('sends METHOD:REQUEST to everyone called when the agenda is published, across the change to summer time', async () => {
    // Saturday 18:00 (CET, UTC+1) to Sunday 12:00 (CEST, UTC+2): 27–28 March 2027.
    const { members, meeting } = await setup(stockholmTime(2027, 3, 27, 18, 0), stockholmTime(2027, 3, 28, 12, 0));
    const english = members[1]!.person;
    await db.current.db.update(people).set({ language: 'en' }).where(eq(people.id, english.id));
    await execute(deps(), systemActor('test'), publishAgenda, { meetingId: meeting.id });
    const mails = await deliver();
    expect(mails.map((m) => m.to[0]).sort()).toEqual(members.map((m) => m.person.email!).sort());
    for (const mail of mails) {
      expect(mail.method).toBe('REQUEST');
      expect(mail.uid).toBe(meeting.uid);
      expect(mail.sequence).toBe(0);
      expect(mail.status).toBe('CONFIRMED');
      expect(mail.dtstart).toEqual({ tzid: 'Europe/Stockholm', local: '2027-03-27T18:00:00', utc: '2027-03-27T17:00:00.000Z' });
      expect(mail.dtend).toEqual({ tzid: 'Europe/Stockholm', local: '2027-03-28T12:00:00', utc: '2027-03-28T10:00:00.000Z' });
      expect(mail.text).toContain('2. 18:10 Överenskommelse om kunskapsstyrning (Ylva Nilsagård)');
      if (mail.to[0] === english.email) expect(mail.subject).toBe('Meeting call: Chefsgruppen – möte i Örebro, Saturday, 27 March 2027');
      else expect(mail.subject).toBe('Kallelse: Chefsgruppen – möte i Örebro, lördag 27 mars 2027');
    }
    // The invitation is the notice: one mail each, and the notice stays in the inbox.
    expect(otherMails).toEqual([]);
    const notices = await db.current.db.select().from(notifications).where(eq(notifications.objectId, meeting.id));
    expect(notices.map((n) => [n.personId, n.delivery, n.emailedAt]).sort()).toEqual(members.map((m) => [m.person.id, 'off', null]).sort());
  });

  it('sends an update with the same UID and a higher SEQUENCE, then METHOD:CANCEL, across the change back to winter time', async () => {
    const { members, meeting } = await setup(stockholmTime(2027, 10, 29, 13, 0), stockholmTime(2027, 10, 29, 16, 0));
    await execute(deps(), systemActor('test'), publishAgenda, { meetingId: meeting.id });
    const invited = await deliver();
    expect(invited).toHaveLength(members.length);
    expect(invited[0]!.dtstart.utc).toBe('2027-10-29T11:00:00.000Z'); // CEST

    // Moved to Saturday 30 October 18:00 – Sunday 31 October 12:00 (the clocks go back that night).
    await execute(deps(), systemActor('test'), updateMeeting, {
      meetingId: meeting.id,
      title: meeting.title,
      date: '2027-10-30',
      startTime: '18:00',
      endDate: '2027-10-31',
      endTime: '12:00',
      format: 'physical',
      address: 'Eklundavägen 2, Örebro',
    });
    const updated = await deliver();
    expect(updated).toHaveLength(members.length);
    for (const mail of updated) {
      expect(mail.method).toBe('REQUEST');
      expect(mail.uid).toBe(meeting.uid);
      expect(mail.sequence).toBeGreaterThan(0);
      expect(mail.subject).toMatch(/^Ändrad kallelse: /);
      expect(mail.dtstart).toEqual({ tzid: 'Europe/Stockholm', local: '2027-10-30T18:00:00', utc: '2027-10-30T16:00:00.000Z' });
      expect(mail.dtend).toEqual({ tzid: 'Europe/Stockholm', local: '2027-10-31T12:00:00', utc: '2027-10-31T11:00:00.000Z' });
    }

    await execute(deps(), systemActor('test'), cancelMeeting, { meetingId: meeting.id, reason: 'För få kan delta.' });
    const cancelled = await deliver();
    expect(cancelled).toHaveLength(members.length);
    for (const mail of cancelled) {
      expect(mail.method).toBe('CANCEL');
      expect(mail.uid).toBe(meeting.uid);
      expect(mail.sequence).toBeGreaterThan(updated[0]!.sequence);
      expect(mail.status).toBe('CANCELLED');
      expect(mail.subject).toMatch(/^Inställt: /);
      expect(mail.text).toContain('Anledning: För få kan delta.');
    }
  });

  it('sends no cancellation for a meeting whose agenda was never published', async () => {
    const { meeting } = await setup(stockholmTime(2027, 5, 4, 9, 0), stockholmTime(2027, 5, 4, 12, 0));
    await execute(deps(), systemActor('test'), cancelMeeting, { meetingId: meeting.id });
    expect(await deliver()).toEqual([]);
  });
});
