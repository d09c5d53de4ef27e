import { describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { outbox } from '../../platform/outbox/schema.js';
import { collectWaiting } from '../../platform/inbox/index.js';
import { formatDateTime } from '../../platform/time.js';
import { auditLog } from '../../platform/audit/schema.js';
import { meetingsTestKit } from './test-kit.js';
import { planYear, createMeeting, registerPastMeeting, updateMeeting, cancelMeeting } from './commands/index.js';
import { meetingBodies, meetings } from './schema.js';
import { stockholmInstant } from '../../platform/time.js';
import { dayFromNow, DAY_MS } from './samples.js';
import { fixtureBody } from '../structure/samples.js';
import './index.js';

const db = useTestDatabase();
const kit = meetingsTestKit(db);

describe('planning a year', () => {
  it('creates every meeting in one step with the three dates ending 23:59 Stockholm time, across daylight saving', async () => {
    const { body, secretary } = await kit.body({ callOpensDays: 14, submissionDeadlineDays: 7, agendaPublishDays: 5 });
    const created = await kit.run(
      secretary.actor,
      planYear,
      {
        bodyId: body.id,
        year: 2030,
        meetings: [
          { date: '2030-04-04', startTime: '09:00', endTime: '12:00', format: 'physical', address: 'Eklundavägen 2', room: 'rum 101' },
          { date: '2030-10-31', startTime: '13:00', endTime: '16:00', format: 'digital', link: 'https://meet.example.org/x' },
          { date: '2030-11-13', startTime: '09:00', endDate: '2030-11-14', endTime: '15:00', format: 'physical', address: 'Konferensgården' },
        ],
      },
      new Date('2030-01-10T10:00:00Z'),
    );
    expect(created).toHaveLength(3);
    const [spring, autumn, twoDays] = created;
    // DST starts 31 March 2030: the call (21 March) and deadline (28 March) are in CET, publication (30 March) too.
    expect(spring!.callOpensOn!.toISOString()).toBe('2030-03-21T22:59:59.999Z');
    expect(spring!.submissionDeadline!.toISOString()).toBe('2030-03-28T22:59:59.999Z');
    expect(spring!.agendaPublishOn!.toISOString()).toBe('2030-03-30T22:59:59.999Z');
    // DST ends 27 October 2030: the deadline (24 Oct) is CEST, publication (26 Oct) CEST.
    expect(autumn!.submissionDeadline!.toISOString()).toBe('2030-10-24T21:59:59.999Z');
    for (const m of created) for (const d of [m.callOpensOn, m.submissionDeadline, m.agendaPublishOn]) expect(formatDateTime(d!).slice(11)).toBe('23:59');
    expect(twoDays!.endsAt.toISOString()).toBe(stockholmInstant('2030-11-14', '15:00').toISOString());
    expect(created.every((m) => m.status === 'planned' && m.sequence === 0 && m.uid.endsWith('@samverka.example.se'))).toBe(true);
    expect(new Set(created.map((m) => m.uid)).size).toBe(3);
    const audits = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.operation, 'meetings.planYear'), eq(auditLog.objectId, spring!.id)));
    expect(audits).toHaveLength(1);
  });

  it('refuses a physical meeting without a place, and names which meeting', async () => {
    const { body, secretary } = await kit.body();
    const r = await kit.refusal(secretary.actor, planYear, { bodyId: body.id, meetings: [{ date: dayFromNow(40), startTime: '09:00', endTime: '10:00', format: 'physical' }] });
    expect(r.message).toContain('Ange var mötet hålls');
  });

  it('lets only the managing roles plan', async () => {
    const { body, member } = await kit.body();
    const r = await kit.refusal(member.actor, planYear, { bodyId: body.id, meetings: [{ date: dayFromNow(40), startTime: '09:00', endTime: '10:00', format: 'digital' }] });
    expect(r.status).toBe(403);
  });

  it('registers a past meeting without dates or notices, and refuses a future one', async () => {
    const { body, secretary } = await kit.body();
    const past = await kit.run(secretary.actor, registerPastMeeting, { bodyId: body.id, date: dayFromNow(-30), startTime: '13:00', endTime: '16:00', format: 'digital' });
    expect(past).toMatchObject({ status: 'held', registeredAfterwards: true, callOpensOn: null, submissionDeadline: null, agendaPublishOn: null });
    const jobs = await db.current.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `%${past.id}%`));
    expect(jobs).toEqual([]);
    const r = await kit.refusal(secretary.actor, registerPastMeeting, { bodyId: body.id, date: dayFromNow(3), startTime: '13:00', endTime: '16:00', format: 'digital' });
    expect(r.message).toContain('inte ägt rum');
  });

  it('plans a joint meeting with a sub-body, which then counts as the sub-body’s meeting too', async () => {
    const { body, secretary, structure } = await kit.body();
    const sub = await fixtureBody(db.current.db, structure.id, { parentId: body.id, level: 'operational' });
    const other = await kit.body();
    const m = await kit.run(secretary.actor, createMeeting, {
      bodyId: body.id,
      date: dayFromNow(60),
      startTime: '09:00',
      endTime: '15:00',
      format: 'physical',
      address: 'Lindesberg',
      jointBodyIds: [sub.id],
    });
    expect(m.isJoint).toBe(true);
    expect(await db.current.db.select().from(meetingBodies).where(eq(meetingBodies.meetingId, m.id))).toEqual([{ meetingId: m.id, bodyId: sub.id }]);
    const r = await kit.refusal(secretary.actor, createMeeting, { bodyId: body.id, date: dayFromNow(60), startTime: '09:00', endTime: '15:00', format: 'digital', jointBodyIds: [other.body.id] });
    expect(r.message).toContain('samma struktur');
  });
});

describe('the call for items and the deadline reminder (outbox jobs)', () => {
  it('notifies members in the inbox and by e-mail when the call opens, and reminds them on the deadline day', async () => {
    const { body, secretary, member, substitute } = await kit.body();
    const reader = await kit.person(body, 'reader', 'Maria Läsare');
    await kit.setLanguage(member.person.id, 'en');
    const now = new Date();
    const [meeting] = await kit.run(secretary.actor, planYear, { bodyId: body.id, meetings: [{ date: dayFromNow(30), startTime: '09:00', endTime: '12:00', format: 'digital' }] }, now);
    const jobs = await db.current.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `meetings.%:${meeting!.id}:%`));
    expect(jobs.map((j) => j.kind).sort()).toEqual(['meetings.callOpens', 'meetings.deadlineReminder', 'meetings.publishReminder']);
    const call = jobs.find((j) => j.kind === 'meetings.callOpens')!;
    expect(formatDateTime(call.runAt)).toBe(`${formatDateTime(meeting!.callOpensOn!).slice(0, 10)} 08:00`);

    // Planning again is idempotent: the dedupe keys keep one job per date.
    await db.current.db.transaction(async (tx) => (await import('./notices.js')).scheduleAgendaNotices(tx, meeting!, now));
    expect(
      await db.current.db
        .select()
        .from(outbox)
        .where(like(outbox.dedupeKey, `meetings.%:${meeting!.id}:%`)),
    ).toHaveLength(3);

    // Nothing before the morning of the call date.
    await kit.jobs(new Date(call.runAt.getTime() - 60_000));
    expect(await kit.inbox(member.person.id)).toEqual([]);

    await kit.jobs(new Date(call.runAt.getTime() + 60_000));
    const inbox = await kit.inbox(member.person.id);
    expect(inbox.map((n) => n.kind)).toEqual(['meetings.callOpened']);
    expect(inbox[0]!.title).toMatch(/^Draft agenda: /); // in the member's own language
    expect(inbox[0]!.link).toBe(`/meetings/${meeting!.id}`);
    expect((await kit.inbox(substitute.person.id)).map((n) => n.kind)).toEqual(['meetings.callOpened']);
    expect((await kit.inbox(secretary.person.id)).map((n) => n.kind)).toEqual(['meetings.callOpened']);
    expect(await kit.inbox(reader.person.id)).toEqual([]);
    const sv = (await kit.inbox(secretary.person.id))[0]!;
    expect(sv.title).toMatch(/^Förslag till dagordning: /);
    expect(sv.body).toContain('23:59');
    const mails = await db.current.db.select().from(outbox).where(eq(outbox.kind, 'mail'));
    expect(mails.some((m) => (m.payload as { to: string[] }).to.includes(member.person.email!))).toBe(true);

    const reminder = jobs.find((j) => j.kind === 'meetings.deadlineReminder')!;
    await kit.jobs(new Date(reminder.runAt.getTime() + 60_000));
    expect((await kit.inbox(member.person.id)).map((n) => n.kind)).toEqual(['meetings.callOpened', 'meetings.deadlineReminder']);
    const publish = jobs.find((j) => j.kind === 'meetings.publishReminder')!;
    await kit.jobs(new Date(publish.runAt.getTime() + 60_000));
    expect((await kit.inbox(secretary.person.id)).map((n) => n.kind)).toContain('meetings.publishReminder');
    expect((await kit.inbox(member.person.id)).map((n) => n.kind)).not.toContain('meetings.publishReminder');
  });

  it('sends the call at once when a meeting is planned after its call date, and none when the deadline has passed', async () => {
    const { body, secretary, member } = await kit.body();
    const [soon, late] = await kit.run(secretary.actor, planYear, {
      bodyId: body.id,
      meetings: [
        { date: dayFromNow(10), startTime: '09:00', endTime: '12:00', format: 'digital' },
        { date: dayFromNow(3), startTime: '09:00', endTime: '12:00', format: 'digital' },
      ],
    });
    const calls = await db.current.db.select().from(outbox).where(eq(outbox.kind, 'meetings.callOpens'));
    expect(calls.some((j) => j.dedupeKey!.includes(soon!.id))).toBe(true);
    expect(calls.some((j) => j.dedupeKey!.includes(late!.id))).toBe(false);
    await kit.jobs(new Date(Date.now() + 60_000));
    expect((await kit.inbox(member.person.id)).filter((n) => n.objectId === soon!.id).map((n) => n.kind)).toEqual(['meetings.callOpened']);
  });

  it('moves the jobs with the meeting: the old ones do nothing, new ones are scheduled', async () => {
    const { body, secretary, member } = await kit.body();
    const m = await kit.run(secretary.actor, createMeeting, { bodyId: body.id, date: dayFromNow(40), startTime: '09:00', endTime: '12:00', format: 'digital' });
    const moved = await kit.run(secretary.actor, updateMeeting, { meetingId: m.id, version: m.version, date: dayFromNow(50), startTime: '09:00', endTime: '12:00', format: 'digital' });
    expect(moved.callOpensOn!.getTime() - m.callOpensOn!.getTime()).toBe(10 * DAY_MS);
    const calls = await db.current.db
      .select()
      .from(outbox)
      .where(like(outbox.dedupeKey, `meetings.callOpens:${m.id}:%`));
    expect(calls).toHaveLength(2);
    await kit.jobs(new Date(Date.now() + 45 * DAY_MS));
    // Only the current call date's job notified (once).
    expect((await kit.inbox(member.person.id)).filter((n) => n.kind === 'meetings.callOpened')).toHaveLength(1);
  });

  it('sends nothing for a cancelled meeting', async () => {
    const { body, secretary, member } = await kit.body();
    const m = await kit.run(secretary.actor, createMeeting, { bodyId: body.id, date: dayFromNow(40), startTime: '09:00', endTime: '12:00', format: 'digital' });
    await kit.run(secretary.actor, cancelMeeting, { meetingId: m.id, reason: 'Flyttas till hösten' });
    await kit.jobs(new Date(Date.now() + 39 * DAY_MS));
    expect((await kit.inbox(member.person.id)).map((n) => n.kind)).toEqual(['meetings.cancelled']);
  });

  it('shows a member’s upcoming deadline, and the secretary what to publish, in "what needs me"', async () => {
    const { body, secretary, member } = await kit.body();
    const m = await kit.run(secretary.actor, createMeeting, { bodyId: body.id, date: dayFromNow(10), startTime: '09:00', endTime: '12:00', format: 'digital' });
    const mine = await collectWaiting({ db: db.current.db, personId: member.person.id, now: new Date() });
    expect(mine.find((w) => w.link === `/meetings/${m.id}/submit`)?.due?.toISOString()).toBe(m.submissionDeadline!.toISOString());
    const theirs = await collectWaiting({ db: db.current.db, personId: secretary.person.id, now: new Date() });
    expect(theirs.some((w) => w.kind === 'meetings.publish' && w.link === `/meetings/${m.id}/agenda`)).toBe(true);
    expect(theirs.find((w) => w.kind === 'meetings.publish')!.title).toMatch(/^Publicera dagordningen: /);
    const inEnglish = await collectWaiting({ db: db.current.db, personId: secretary.person.id, now: new Date(), lang: 'en' });
    expect(inEnglish.find((w) => w.kind === 'meetings.publish')!.title).toMatch(/^Publish the agenda: /);
    const [row] = await db.current.db.select().from(meetings).where(eq(meetings.id, m.id));
    expect(row!.status).toBe('planned');
  });
});
