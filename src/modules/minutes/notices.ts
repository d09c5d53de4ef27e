import { and, eq, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { people } from '../../platform/auth/schema.js';
import { translator, type Lang, type MessageKey, type Params } from '../../platform/i18n/index.js';
import { notify, defineNotificationKind, type WaitingItem, type WaitingSource } from '../../platform/inbox/index.js';
import { mailLang } from '../../platform/inbox/notify.js';
import { enqueue, defineJob } from '../../platform/outbox/outbox.js';
import { stockholmTime } from '../../platform/time.js';
import { addDays, type Day } from '../../platform/days.js';
import { meetingLabel } from '../meetings/index.js';
import { attendance, meetings } from '../meetings/schema.js';
import { minutesMessages } from './messages.js';
import { contentVersion } from './queries/index.js';
import { minutesLink } from './links.js';
import { actionItems, approvals, meetingEvaluations, minutes } from './schema.js';

/*
 * Notices of the minutes module: approval requests, reminders and comments, distribution
 * of locked minutes, actions assigned and due, the evaluation request. Dated reminders are
 * outbox jobs keyed by what they remind of, so scheduling twice changes nothing and a job
 * that finds its reason gone (approved, done, moved) does nothing. "What needs me" lists
 * the person's approvals, open actions and evaluations to answer.
 */

export const KIND = {
  approvalRequested: 'minutes.approvalRequested',
  approvalReminder: 'minutes.approvalReminder',
  approvalComment: 'minutes.approvalComment',
  distributed: 'minutes.distributed',
  actionAssigned: 'minutes.actionAssigned',
  actionDue: 'minutes.actionDue',
  evaluation: 'minutes.evaluation',
} as const;

const { sv, en } = minutesMessages;
const label = (key: keyof typeof sv) => ({ sv: sv[key], en: en[key] });
/** The kinds of notification this module sends (listed in its manifest). */
export const minutesNotificationKinds = [
  defineNotificationKind({ kind: KIND.approvalRequested, label: label('minutes.kind.approvalRequested') }),
  defineNotificationKind({ kind: KIND.approvalReminder, label: label('minutes.kind.approvalReminder') }),
  defineNotificationKind({ kind: KIND.approvalComment, label: label('minutes.kind.approvalComment') }),
  defineNotificationKind({ kind: KIND.distributed, label: label('minutes.kind.distributed') }),
  defineNotificationKind({ kind: KIND.actionAssigned, label: label('minutes.kind.actionAssigned') }),
  defineNotificationKind({ kind: KIND.actionDue, label: label('minutes.kind.actionDue'), defaultDelivery: 'digest' }),
  defineNotificationKind({ kind: KIND.evaluation, label: label('minutes.kind.evaluation'), defaultDelivery: 'digest' }),
];

const JOB = {
  approvalReminder: 'minutes.approvalReminder',
  actionReminder: 'minutes.actionReminder',
} as const;

/** Days before a deadline that a reminder goes out. */
const REMINDER_DAYS_BEFORE = 3;
/** Days after a meeting that its attendees are asked for the evaluation. */
const EVALUATION_DAYS = 14;

type Text = (t: (key: MessageKey, params?: Params) => string, lang: Lang) => { title: string; body?: string | undefined };

/** Notifies people in their own language (one notify() per language). */
export async function notifyPersons(
  tx: DbOrTx,
  personIds: readonly string[],
  kind: string,
  text: Text,
  link: string,
  options: { now?: Date | undefined; publicUrl: string; objectType?: string; objectId?: string },
): Promise<number> {
  const ids = [...new Set(personIds)];
  if (!ids.length) return 0;
  const rows = await tx.select({ id: people.id, language: people.language }).from(people).where(inArray(people.id, ids));
  const byLang = new Map<Lang, string[]>();
  for (const r of rows) {
    const lang = mailLang(r.language);
    byLang.set(lang, [...(byLang.get(lang) ?? []), r.id]);
  }
  let count = 0;
  for (const [lang, group] of byLang) {
    const { title, body } = text(translator(lang), lang);
    const result = await notify(
      tx,
      { personIds: group, kind, title, body, link, objectType: options.objectType ?? 'minutes', objectId: options.objectId ?? null },
      { now: options.now, publicUrl: options.publicUrl },
    );
    count += result.notifications.length;
  }
  return count;
}

/** 08:00 Stockholm on a day. */
function morningOf(day: Day): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return stockholmTime(y, m, d, 8, 0);
}

/** The reminder before an approval deadline (for each approver who has not approved). */
export async function scheduleApprovalReminder(tx: DbOrTx, minutesId: string, round: number, deadlineDay: Day, now: Date): Promise<void> {
  const remindOn = addDays(deadlineDay, -REMINDER_DAYS_BEFORE);
  const runAt = morningOf(remindOn).getTime() > now.getTime() ? morningOf(remindOn) : morningOf(deadlineDay);
  if (runAt.getTime() <= now.getTime()) return;
  await enqueue(tx, {
    kind: JOB.approvalReminder,
    payload: { minutesId, round, deadline: deadlineDay },
    runAt,
    dedupeKey: `minutes.approval-reminder:${minutesId}:${round}:${deadlineDay}`,
  });
}

/** The reminder before an action's due date. */
export async function scheduleActionReminder(tx: DbOrTx, actionId: string, dueOn: Day | null, now: Date): Promise<void> {
  if (!dueOn) return;
  const runAt = morningOf(addDays(dueOn, -REMINDER_DAYS_BEFORE));
  if (runAt.getTime() <= now.getTime()) return;
  await enqueue(tx, { kind: JOB.actionReminder, payload: { actionId, dueOn }, runAt, dedupeKey: `minutes.action-reminder:${actionId}:${dueOn}` });
}

export const approvalReminderJob = defineJob(JOB.approvalReminder, async (job, { config }) => {
  const { minutesId, round, deadline } = job.payload as { minutesId: string; round: number; deadline: Day };
  return {
    async finish(tx) {
      const [m] = await tx.select().from(minutes).where(eq(minutes.id, minutesId));
      if (!m || m.status !== 'in_approval' || m.lockedVersion + 1 !== round) return;
      const [meeting] = await tx.select().from(meetings).where(eq(meetings.id, m.meetingId));
      if (!meeting) return;
      const waiting = await tx
        .select({ personId: approvals.personId, approvedVersion: approvals.approvedVersion })
        .from(approvals)
        .where(and(eq(approvals.minutesId, m.id), eq(approvals.round, round)));
      const cv = await contentVersion(tx, m);
      const ids = waiting.filter((a) => a.approvedVersion !== cv).map((a) => a.personId);
      await notifyPersons(tx, ids, KIND.approvalReminder, (t, lang) => ({ title: t('minutes.notice.approvalReminder', { meeting: meetingLabel(meeting, lang), deadline }) }), minutesLink(meeting.id), {
        publicUrl: config.PUBLIC_URL,
        objectId: m.id,
      });
      await tx
        .update(approvals)
        .set({ remindedAt: new Date() })
        .where(and(eq(approvals.minutesId, m.id), eq(approvals.round, round)));
    },
  };
});

export const actionReminderJob = defineJob(JOB.actionReminder, async (job, { config }) => {
  const { actionId, dueOn } = job.payload as { actionId: string; dueOn: Day };
  return {
    async finish(tx) {
      const [a] = await tx.select().from(actionItems).where(eq(actionItems.id, actionId));
      if (!a || a.status !== 'open' || a.dueOn !== dueOn || !a.ownerPersonId) return;
      await notifyPersons(tx, [a.ownerPersonId], KIND.actionDue, (t) => ({ title: t('minutes.notice.actionDue', { title: a.title, due: dueOn }) }), '/actions', {
        publicUrl: config.PUBLIC_URL,
        objectType: 'action_item',
        objectId: a.id,
      });
      await tx.update(actionItems).set({ remindedAt: new Date() }).where(eq(actionItems.id, a.id));
    },
  };
});

// "What needs me": approvals, open actions and evaluations waiting for the person.
export const minutesWaiting: WaitingSource = async ({ db, personId, now, lang = 'sv' }) => {
  const rows = await db
    .select({
      meeting: meetings,
      deadline: approvals.deadline,
      minutesId: minutes.id,
      approvedVersion: approvals.approvedVersion,
      round: approvals.round,
      locked: minutes.lockedVersion,
      // The content version (contentVersion) in the same query, not one query per row.
      current: sql<number>`(${minutes.version} + coalesce((select sum(mi.version) from minute_items mi where mi.minutes_id = ${minutes.id}), 0))::int`,
    })
    .from(approvals)
    .innerJoin(minutes, eq(minutes.id, approvals.minutesId))
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(and(eq(approvals.personId, personId), eq(minutes.status, 'in_approval')));
  const t = translator(lang);
  const items: WaitingItem[] = rows
    .filter((r) => r.round === r.locked + 1 && r.approvedVersion !== Number(r.current))
    .map((r) => ({ kind: KIND.approvalRequested, title: t('minutes.waiting.approval', { meeting: meetingLabel(r.meeting, lang) }), due: r.deadline, link: minutesLink(r.meeting.id) }));
  const actions = await db
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.ownerPersonId, personId), eq(actionItems.status, 'open')));
  for (const a of actions) {
    items.push({ kind: KIND.actionAssigned, title: t('minutes.waiting.action', { title: a.title }), due: a.dueOn ? morningOf(a.dueOn) : undefined, link: '/actions' });
  }
  const since = new Date(now.getTime() - EVALUATION_DAYS * 24 * 3600_000);
  const toEvaluate = await db
    .select({ meeting: meetings })
    .from(attendance)
    .innerJoin(meetings, eq(meetings.id, attendance.meetingId))
    .leftJoin(meetingEvaluations, and(eq(meetingEvaluations.meetingId, meetings.id), eq(meetingEvaluations.personId, personId)))
    .where(
      and(eq(attendance.personId, personId), eq(attendance.status, 'present'), lt(meetings.endsAt, now), gte(meetings.endsAt, since), ne(meetings.status, 'cancelled'), isNull(meetingEvaluations.id)),
    );
  for (const { meeting } of toEvaluate) {
    items.push({
      kind: KIND.evaluation,
      title: t('minutes.waiting.evaluation', { meeting: meetingLabel(meeting, lang) }),
      due: new Date(meeting.endsAt.getTime() + EVALUATION_DAYS * 24 * 3600_000),
      link: `/meetings/${meeting.id}/evaluation`,
    });
  }
  return items;
};
