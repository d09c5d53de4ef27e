import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { enqueue, enqueueMail, defineJob } from '../../platform/outbox/outbox.js';
import { people } from '../../platform/auth/schema.js';
import type { BodyRole } from '../../platform/auth/roles.js';
import { stockholmTime } from '../../platform/time.js';
import { addDays, today, type Day } from '../../platform/days.js';
import { chairPeriodInfo } from './chair.js';
import { activeOn } from './queries.js';
import { bodies, memberships, type Body } from './schema.js';
import { kindPhrase } from './wording.js';

/*
 * The secretary is reminded a set number of days (the body's chairReminderDays) before a
 * chair mandate period ends. Each reminder is an outbox job keyed by body and period end,
 * so scheduling it again changes nothing; when it runs it mails the secretaries (else the
 * process leaders, else the chair) and schedules the reminder of the following period.
 */

export const CHAIR_REMINDER_JOB = 'structure.chairPeriodReminder';

export const chairReminderKey = (bodyId: string, periodEnd: Day) => `structure.chair-period:${bodyId}:${periodEnd}`;

/** Schedules the reminder for the period that contains the day (no-op without periods). */
export async function scheduleChairReminder(tx: DbOrTx, body: Body, day: Day): Promise<Day | null> {
  const { period } = await chairPeriodInfo(tx, body, day);
  if (!period) return null;
  if (body.activeTo && body.activeTo <= period.end) return null;
  const remindOn = addDays(period.end, -body.chairReminderDays);
  const [y, m, d] = remindOn.split('-').map(Number);
  await enqueue(tx, {
    kind: CHAIR_REMINDER_JOB,
    payload: { bodyId: body.id, periodEnd: period.end },
    runAt: stockholmTime(y!, m!, d!, 8, 0),
    dedupeKey: chairReminderKey(body.id, period.end),
  });
  return remindOn;
}

const RECIPIENT_ROLES: BodyRole[][] = [['secretary'], ['process_leader'], ['chair']];

async function recipients(db: DbOrTx, bodyId: string, on: Day): Promise<string[]> {
  for (const roles of RECIPIENT_ROLES) {
    const rows = await db
      .select({ email: people.email })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.bodyId, bodyId), inArray(memberships.role, roles), activeOn(on), isNotNull(people.email)));
    const emails = [...new Set(rows.map((r) => r.email!))];
    if (emails.length) return emails;
  }
  return [];
}

export const chairReminderJob = defineJob(CHAIR_REMINDER_JOB, async (job, { database, config }) => {
  const { bodyId, periodEnd } = job.payload as { bodyId: string; periodEnd: Day };
  const [body] = await database.db.select().from(bodies).where(eq(bodies.id, bodyId));
  if (!body || (body.activeTo && body.activeTo <= periodEnd)) return;
  const current = await chairPeriodInfo(database.db, body, periodEnd);
  const next = await chairPeriodInfo(database.db, body, addDays(periodEnd, 1));
  const to = await recipients(database.db, body.id, today() < periodEnd ? today() : periodEnd);
  const link = `${config.PUBLIC_URL.replace(/\/$/, '')}/bodies/${body.id}/admin`;
  const lines = [
    `Mandatperioden för ordförande och vice ordförande i ${body.name} slutar ${periodEnd}.`,
    next.period ? `Nästa mandatperiod är ${next.period.start}–${next.period.end}.` : '',
    next.chairKind ? `Då ska ordföranden komma från ${kindPhrase(next.chairKind)}.` : '',
    next.chairKind && body.viceChairOtherKind ? `Vice ordföranden utses av ${kindPhrase(next.chairKind === 'region' ? 'municipality' : 'region')}.` : '',
    '',
    `Utse ordförande och vice ordförande för den nya perioden i Samverka: ${link}`,
    'Planera gärna ett överlämningsmöte när den nya mandatperioden börjar.',
  ].filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  void current;
  return {
    async finish(tx) {
      if (to.length) {
        await enqueueMail(tx, {
          to,
          subject: `Påminnelse: mandatperioden i ${body.name} slutar ${periodEnd}`,
          text: lines.join('\n'),
          dedupeKey: `structure.chair-period-mail:${body.id}:${periodEnd}`,
        });
      }
      await scheduleChairReminder(tx, body, addDays(periodEnd, 1));
    },
  };
});
