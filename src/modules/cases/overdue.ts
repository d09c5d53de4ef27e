import { notifyAboutCase } from './notices.js';
import { and, eq, inArray } from 'drizzle-orm';
import { enqueue, defineJob } from '../../platform/outbox/outbox.js';
import { activeOn } from '../structure/index.js';
import { today } from '../../platform/days.js';
import { memberships } from '../structure/schema.js';
import { onAgendaPublished } from '../meetings/index.js';
import { stockholmInstant } from '../../platform/time.js';
import { CASE_REPORT_OVERDUE } from './kinds.js';
import { caseRef } from './wording.js';
import { dayAfter, reportDues, reportingStates } from './reports.js';
import { caseDirectives, cases } from './schema.js';

/*
 * Overdue status reports are flagged to the working group's convenor and the body's
 * secretary. A check is scheduled for each due report: for each report date when the
 * directive is issued, and for each meeting of the body when its agenda is published (the
 * morning after the meeting). When the check runs and no report has come, both are told.
 */

export const OVERDUE_CHECK_JOB = 'cases.overdueReportCheck';
export const overdueCheckKey = (caseId: string, key: string) => `${OVERDUE_CHECK_JOB}:${caseId}:${key}`;

/** 08:00 Stockholm the day after a date. */
export function overdueCheckTime(day: string): Date {
  return stockholmInstant(dayAfter(day), '08:00');
}

export const overdueCheckJob = defineJob(OVERDUE_CHECK_JOB, async (job, { database, config }) => {
  const { caseId, key } = job.payload as { caseId: string; key: string };
  const [kase] = await database.db.select().from(cases).where(eq(cases.id, caseId));
  if (!kase || !reportingStates.includes(kase.state)) return;
  const now = new Date();
  const due = (await reportDues(database.db, [kase], now)).find((d) => d.key === key);
  if (!due || !due.overdue) return;
  const day = today(now);
  const people = await database.db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(activeOn(day), inArray(memberships.bodyId, [kase.bodyId, ...(kase.workingGroupBodyId ? [kase.workingGroupBodyId] : [])]), inArray(memberships.role, ['secretary', 'convenor'])));
  const recipients = people.filter((p) => p).map((p) => p.personId);
  return {
    async finish(tx) {
      await notifyAboutCase(
        tx,
        recipients,
        {
          kind: CASE_REPORT_OVERDUE,
          caseId: kase.id,
          link: `/cases/${kase.id}#reports`,
          text: (t) => ({
            title: t('cases.mail.overdue.title', { title: kase.title, ref: caseRef(kase) }),
            body: due.meetingTitle ? t('cases.mail.overdue.atMeeting', { day: due.dueOn, meeting: due.meetingTitle }) : t('cases.mail.overdue.byDate', { day: due.dueOn }),
          }),
        },
        { publicUrl: config.PUBLIC_URL },
      );
    },
  };
});

/** When a body's meeting is called, check after it that every working group reporting to the body reported. */
export const overdueOnPublish = onAgendaPublished(async (ctx) => {
  const rows = await ctx.tx
    .select({ caseId: cases.id })
    .from(cases)
    .innerJoin(caseDirectives, and(eq(caseDirectives.caseId, cases.id), eq(caseDirectives.status, 'issued'), eq(caseDirectives.reportAtMeetings, true)))
    .where(and(eq(cases.bodyId, ctx.body.id), inArray(cases.state, [...reportingStates])));
  const day = today(ctx.meeting.endsAt);
  for (const r of rows) {
    await enqueue(ctx.tx, {
      kind: OVERDUE_CHECK_JOB,
      payload: { caseId: r.caseId, key: `m:${ctx.meeting.id}` },
      runAt: overdueCheckTime(day),
      dedupeKey: overdueCheckKey(r.caseId, `m:${ctx.meeting.id}`),
    });
  }
});
