import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { enqueue, enqueueMail, defineJob } from '../../platform/outbox/outbox.js';
import { people } from '../../platform/auth/schema.js';
import type { BodyRole } from '../../platform/auth/roles.js';
import { stockholmTime } from '../../platform/time.js';
import { addDays, today, type Day } from '../../platform/days.js';
import { chairPeriodInfo } from './chair.js';
import { kindText, listPrincipalKinds } from './principal-kinds.js';
import { activeOn } from './queries/index.js';
import { bodies, memberships, type Body } from './schema.js';
import { translator, type Lang } from '../../platform/i18n/index.js';
import { mailLang } from '../../platform/inbox/notify.js';

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

/** The e-mail addresses to remind, by the language of each recipient (Swedish by default). */
async function recipients(db: DbOrTx, bodyId: string, on: Day): Promise<Map<Lang, string[]>> {
  for (const roles of RECIPIENT_ROLES) {
    const rows = await db
      .select({ email: people.email, language: people.language })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.bodyId, bodyId), inArray(memberships.role, roles), activeOn(on), isNotNull(people.email)));
    const byLang = new Map<Lang, string[]>();
    for (const r of rows) {
      const lang = mailLang(r.language);
      const emails = byLang.get(lang) ?? [];
      if (!emails.includes(r.email!)) emails.push(r.email!);
      byLang.set(lang, emails);
    }
    if (byLang.size) return byLang;
  }
  return new Map();
}

export const chairReminderJob = defineJob(CHAIR_REMINDER_JOB, async (job, { database, config }) => {
  const { bodyId, periodEnd } = job.payload as { bodyId: string; periodEnd: Day };
  const [body] = await database.db.select().from(bodies).where(eq(bodies.id, bodyId));
  if (!body || (body.activeTo && body.activeTo <= periodEnd)) return;
  const next = await chairPeriodInfo(database.db, body, addDays(periodEnd, 1));
  const to = await recipients(database.db, body.id, today() < periodEnd ? today() : periodEnd);
  const kinds = await listPrincipalKinds(database.db);
  const link = `${config.PUBLIC_URL.replace(/\/$/, '')}/bodies/${body.id}/admin`;
  const mail = (lang: Lang) => {
    const t = translator(lang);
    const lines = [
      t('structure.chairReminder.periodEnds', { body: body.name, end: periodEnd }),
      next.period ? t('structure.chairReminder.nextPeriod', { start: next.period.start, end: next.period.end }) : '',
      next.chairKind ? t('structure.chairReminder.chairFrom', { kind: kindText(kinds, next.chairKind) }) : '',
      next.chairPrincipal ? t('structure.chairReminder.chairFromPrincipal', { principal: next.chairPrincipal.name }) : '',
      next.chairKind && body.viceChairOtherKind ? t('structure.chairReminder.viceFrom', { kind: kindText(kinds, next.chairKind) }) : '',
      '',
      t('structure.chairReminder.appoint', { link }),
      t('structure.chairReminder.handover'),
    ].filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
    return { subject: t('structure.chairReminder.subject', { body: body.name, end: periodEnd }), text: lines.join('\n') };
  };
  return {
    async finish(tx) {
      for (const [lang, emails] of to) {
        await enqueueMail(tx, {
          to: emails,
          ...mail(lang),
          // One mail per period (and language: the Swedish one keeps the key it always had).
          dedupeKey: `structure.chair-period-mail:${body.id}:${periodEnd}${lang === 'sv' ? '' : `:${lang}`}`,
        });
      }
      await scheduleChairReminder(tx, body, addDays(periodEnd, 1));
    },
  };
});
