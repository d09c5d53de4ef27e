import { describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { inboxPerson, mailsTo } from '../../../tests/helpers/inbox.js';
import { createLogger } from '../logger.js';
import { runDueJobs } from '../worker.js';
import { stockholmTime } from '../time.js';
import { outbox } from '../outbox/schema.js';
import { notify } from './notify.js';
import { notifications } from './schema.js';
import { SYSTEM_MESSAGE, SYSTEM_REMINDER } from './kinds.js';
import { addDays, DIGEST_JOB, digestDedupeKey, digestTime, enqueueDigest, runDailyDigest, scheduleDailyDigest, stockholmDate } from './digest.js';

const db = useTestDatabase();

const reminder = (personIds: string[], title: string, now: Date) =>
  db.current.db.transaction((tx) =>
    notify(tx, { personIds, kind: SYSTEM_REMINDER, title, body: `Om ${title.toLowerCase()}`, link: `/things/${encodeURIComponent(title)}` }, { now, publicUrl: 'http://localhost:3000' }),
  );

async function digestRows(date: string) {
  return db.current.db
    .select()
    .from(outbox)
    .where(eq(outbox.dedupeKey, digestDedupeKey(date)));
}

describe('dates of the daily digest', () => {
  it('runs at 07:00 Stockholm time, summer and winter', () => {
    expect(digestTime('2026-01-15').toISOString()).toBe('2026-01-15T06:00:00.000Z');
    expect(digestTime('2026-07-15').toISOString()).toBe('2026-07-15T05:00:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(stockholmDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
  });
});

describe('the daily digest', () => {
  it('sends one mail per person with all of their waiting notifications, and marks them digested', async () => {
    const date = '2026-04-10';
    const during = stockholmTime(2026, 4, 9, 15, 0);
    const [anna, bo, cecilia] = [await inboxPerson(db.current), await inboxPerson(db.current, { language: 'en' }), await inboxPerson(db.current)];
    await reminder([anna.id, bo.id], 'Rapporten om vårdplatser', during);
    await reminder([anna.id], 'Handlingsplanen för hemsjukvård', new Date(during.getTime() + 60_000));
    // Mailed at once, not part of a digest.
    await db.current.db.transaction((tx) => notify(tx, { personIds: [anna.id], kind: SYSTEM_MESSAGE, title: 'Direkt', link: '/x' }, { now: during, publicUrl: 'http://localhost:3000' }));
    // Older than the last day: stays in the inbox, not in this digest.
    await reminder([cecilia.id], 'Gammal påminnelse', stockholmTime(2026, 4, 8, 12, 0));

    const now = digestTime(date);
    const summary = await runDailyDigest(db.current, { date, now, publicUrl: 'https://samverka.example.se' });
    expect(summary).toEqual({ mails: 2, notifications: 3 });

    const annaMails = (await mailsTo(db.current, anna.email)).filter((m) => m.subject.startsWith('Daglig'));
    expect(annaMails).toHaveLength(1);
    expect(annaMails[0]!.subject).toBe('Daglig sammanfattning från Samverka 2026-04-10');
    expect(annaMails[0]!.text).toContain(`Hej ${anna.name}!`);
    expect(annaMails[0]!.text).toContain('Här är 2 nya meddelanden från det senaste dygnet:');
    expect(annaMails[0]!.text).toContain('• Rapporten om vårdplatser');
    expect(annaMails[0]!.text).toContain('• Handlingsplanen för hemsjukvård');
    expect(annaMails[0]!.text).toContain('https://samverka.example.se/things/Rapporten%20om%20v%C3%A5rdplatser');
    expect(annaMails[0]!.text).not.toContain('Direkt');
    const boMails = await mailsTo(db.current, bo.email);
    expect(boMails).toHaveLength(1);
    expect(boMails[0]!.subject).toBe('Daily summary from Samverka 2026-04-10');
    expect(boMails[0]!.text).toContain('Here is 1 new message from the last day:');
    expect(await mailsTo(db.current, cecilia.email)).toHaveLength(0);

    const rows = await db.current.db
      .select()
      .from(notifications)
      .where(and(inArray(notifications.personId, [anna.id, bo.id, cecilia.id]), eq(notifications.kind, SYSTEM_REMINDER)));
    for (const r of rows) {
      if (r.personId === cecilia.id) expect(r.digestedAt, r.title).toBeNull();
      else expect(r.digestedAt?.getTime(), r.title).toBe(now.getTime());
    }

    // Again for the same date: nothing more is sent.
    expect(await runDailyDigest(db.current, { date, now: new Date(now.getTime() + 5000), publicUrl: 'http://localhost:3000' })).toEqual({ mails: 0, notifications: 0 });
    expect((await mailsTo(db.current, anna.email)).filter((m) => m.subject.startsWith('Daglig'))).toHaveLength(1);
  });

  it('is scheduled once per date, and each run schedules the next date', async () => {
    const morning = stockholmTime(2030, 6, 1, 6, 0);
    await scheduleDailyDigest(db.current.db, morning);
    await scheduleDailyDigest(db.current.db, morning);
    expect(await digestRows('2030-06-01')).toHaveLength(1);
    expect((await digestRows('2030-06-01'))[0]!.runAt.toISOString()).toBe(digestTime('2030-06-01').toISOString());
    expect(await digestRows('2030-06-02')).toHaveLength(0);

    // After 07:00, tomorrow's run is scheduled too.
    await scheduleDailyDigest(db.current.db, stockholmTime(2030, 6, 1, 9, 0));
    expect(await digestRows('2030-06-01')).toHaveLength(1);
    expect(await digestRows('2030-06-02')).toHaveLength(1);
    expect(await enqueueDigest(db.current.db, '2030-06-02')).toBe(false);
  });

  it('runs as an outbox job: one mail per person, the next date scheduled, idempotent per date', async () => {
    const date = stockholmDate(new Date());
    const person = await inboxPerson(db.current);
    await reminder([person.id], 'Uppföljning av avvikelser', new Date(Date.now() - 3600_000));
    // Scheduling the date twice gives one row (a past date runs at once; today's 07:00 may be ahead).
    const yesterday = addDays(date, -1);
    expect(await enqueueDigest(db.current.db, yesterday)).toBe(true);
    expect(await enqueueDigest(db.current.db, yesterday)).toBe(false);

    const deps = { database: db.current, config: testConfig(), logger: createLogger('silent') };
    const summary = await runDueJobs(deps, { now: new Date(Date.now() + 2 * 86_400_000) });
    expect(summary.dead).toBe(0);
    const [job] = await digestRows(yesterday);
    expect(job!.status).toBe('done');
    expect(job!.kind).toBe(DIGEST_JOB);
    expect(await digestRows(date)).toHaveLength(1);

    // Yesterday's digest (run late, window up to now) sent it; today's finds nothing more.
    const mails = () => mailsTo(db.current, person.email);
    expect(await mails()).toHaveLength(1);
    expect(await runDailyDigest(db.current, { date, publicUrl: 'http://localhost:3000' })).toEqual({ mails: 0, notifications: 0 });
    expect(await mails()).toHaveLength(1);
  });
});
