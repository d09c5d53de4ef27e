import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { translator, type Lang, type MessageKey, type Params } from '../../platform/i18n/index.js';
import { notify, defineNotificationKind } from '../../platform/inbox/index.js';
import { mailLang } from '../../platform/inbox/notify.js';
import { enqueue, defineJob } from '../../platform/outbox/outbox.js';
import { formatLongDate, formatTime } from '../../platform/time.js';
import { bodies } from '../structure/schema.js';
import { meetingRecipients } from './queries/index.js';
import { NOTICE_HOUR, sameDayAt } from './dates.js';
import type { MeetingRecipient } from './hooks.js';
import { meetingsMessages } from './messages.js';
import { meetings, type Meeting } from './schema.js';

/*
 * Notices about meetings: inbox notifications (and e-mail by each person's choice) when the
 * call opens, before the submission deadline, when the agenda is published, when a
 * submission is declined, when a substitute is called in, when a member reports absence
 * (to the secretary), and when a meeting changes or
 * is cancelled. The dated ones are outbox jobs enqueued when a meeting is planned or moved
 * (runAt = the morning of the date, dedupeKey = meeting + date), so a moved meeting gets
 * new jobs and the old ones find the dates changed and do nothing.
 */

export const KIND = {
  callOpened: 'meetings.callOpened',
  deadlineReminder: 'meetings.deadlineReminder',
  publishReminder: 'meetings.publishReminder',
  agendaPublished: 'meetings.agendaPublished',
  submissionDeclined: 'meetings.submissionDeclined',
  substituteCalled: 'meetings.substituteCalled',
  absenceReported: 'meetings.absenceReported',
  changed: 'meetings.changed',
  cancelled: 'meetings.cancelled',
} as const;

const { sv, en } = meetingsMessages;
const label = (key: keyof typeof sv) => ({ sv: sv[key], en: en[key] });
/** The kinds of notification this module sends (listed in its manifest). */
export const meetingsNotificationKinds = [
  defineNotificationKind({ kind: KIND.callOpened, label: label('meetings.kind.callOpened') }),
  defineNotificationKind({ kind: KIND.deadlineReminder, label: label('meetings.kind.deadlineReminder') }),
  defineNotificationKind({ kind: KIND.publishReminder, label: label('meetings.kind.publishReminder') }),
  defineNotificationKind({ kind: KIND.agendaPublished, label: label('meetings.kind.agendaPublished') }),
  defineNotificationKind({ kind: KIND.submissionDeclined, label: label('meetings.kind.submissionDeclined') }),
  defineNotificationKind({ kind: KIND.substituteCalled, label: label('meetings.kind.substituteCalled') }),
  defineNotificationKind({ kind: KIND.absenceReported, label: label('meetings.kind.absenceReported') }),
  defineNotificationKind({ kind: KIND.changed, label: label('meetings.kind.changed') }),
  defineNotificationKind({ kind: KIND.cancelled, label: label('meetings.kind.cancelled') }),
];

const JOB = {
  callOpens: 'meetings.callOpens',
  deadlineReminder: 'meetings.deadlineReminder',
  publishReminder: 'meetings.publishReminder',
} as const;

type Text = (t: (key: MessageKey, params?: Params) => string, lang: Lang) => { title: string; body?: string };

/** Notifies people in their own language: one notify() per language. */
export async function notifyPeople(
  tx: DbOrTx,
  recipients: readonly Pick<MeetingRecipient, 'personId' | 'language'>[],
  kind: string,
  text: Text,
  link: string,
  options: { now?: Date | undefined; publicUrl: string; objectId?: string; mailedElsewhere?: ReadonlySet<string> },
): Promise<number> {
  const byLang = new Map<Lang, string[]>();
  for (const r of recipients) {
    const lang = mailLang(r.language);
    byLang.set(lang, [...(byLang.get(lang) ?? []), r.personId]);
  }
  let count = 0;
  for (const [lang, personIds] of byLang) {
    const { title, body } = text(translator(lang), lang);
    const result = await notify(
      tx,
      { personIds, kind, title, body, link, objectType: 'meeting', objectId: options.objectId ?? null },
      { now: options.now, publicUrl: options.publicUrl, mailedElsewhere: options.mailedElsewhere },
    );
    count += result.notifications.length;
  }
  return count;
}

/** "SAMS, torsdag 12 februari 2026 kl. 09:00" */
export function meetingLabel(meeting: Pick<Meeting, 'title' | 'startsAt'>, lang: Lang): string {
  return `${meeting.title}, ${formatLongDate(meeting.startsAt, lang)} ${lang === 'en' ? 'at' : 'kl.'} ${formatTime(meeting.startsAt)}`;
}

/** The end of a day as people read it: "torsdag 5 februari 2026 kl. 23:59". */
export function deadlineLabel(at: Date, lang: Lang): string {
  return `${formatLongDate(at, lang)} ${lang === 'en' ? 'at' : 'kl.'} ${formatTime(at)}`;
}

function upcoming(meeting: Meeting, now: Date): boolean {
  return !meeting.registeredAfterwards && meeting.status !== 'cancelled' && meeting.status !== 'held' && meeting.startsAt.getTime() > now.getTime();
}

/**
 * Enqueues the dated notices of a meeting (idempotent). The call notice goes out the morning
 * of the call date, or at once when that morning has passed but submissions are still open;
 * the reminder the morning of the deadline day; the secretary's reminder to publish the
 * morning of the publication day.
 */
export async function scheduleAgendaNotices(tx: DbOrTx, meeting: Meeting, now: Date): Promise<void> {
  if (!upcoming(meeting, now) || !meeting.callOpensOn || !meeting.submissionDeadline) return;
  const callIso = meeting.callOpensOn.toISOString();
  const deadlineIso = meeting.submissionDeadline.toISOString();
  let callAt = sameDayAt(meeting.callOpensOn, NOTICE_HOUR);
  if (callAt.getTime() < now.getTime()) callAt = now;
  if (callAt.getTime() < meeting.submissionDeadline.getTime()) {
    await enqueue(tx, { kind: JOB.callOpens, payload: { meetingId: meeting.id, callOpensOn: callIso }, runAt: callAt, dedupeKey: `${JOB.callOpens}:${meeting.id}:${callIso}` });
  }
  const reminderAt = sameDayAt(meeting.submissionDeadline, NOTICE_HOUR);
  if (reminderAt.getTime() > now.getTime() && reminderAt.getTime() > callAt.getTime()) {
    await enqueue(tx, {
      kind: JOB.deadlineReminder,
      payload: { meetingId: meeting.id, submissionDeadline: deadlineIso },
      runAt: reminderAt,
      dedupeKey: `${JOB.deadlineReminder}:${meeting.id}:${deadlineIso}`,
    });
  }
  if (meeting.agendaPublishOn && !meeting.agendaPublishedAt) {
    const publishIso = meeting.agendaPublishOn.toISOString();
    const publishAt = sameDayAt(meeting.agendaPublishOn, NOTICE_HOUR);
    if (publishAt.getTime() > now.getTime()) {
      await enqueue(tx, {
        kind: JOB.publishReminder,
        payload: { meetingId: meeting.id, agendaPublishOn: publishIso },
        runAt: publishAt,
        dedupeKey: `${JOB.publishReminder}:${meeting.id}:${publishIso}`,
      });
    }
  }
}

interface DatedPayload {
  meetingId: string;
  callOpensOn?: string;
  submissionDeadline?: string;
  agendaPublishOn?: string;
}

async function currentMeeting(tx: DbOrTx, id: string) {
  const [row] = await tx.select({ meeting: meetings, bodyName: bodies.name }).from(meetings).innerJoin(bodies, eq(bodies.id, meetings.bodyId)).where(eq(meetings.id, id));
  return row;
}

/** Sends the call: the draft agenda is out, members can send in items until the deadline. */
async function sendCallNotice(tx: DbOrTx, meeting: Meeting, publicUrl: string): Promise<number> {
  const recipients = await meetingRecipients(tx, meeting, { substitutes: true, submitters: true });
  const deadline = meeting.submissionDeadline!;
  return notifyPeople(
    tx,
    recipients,
    KIND.callOpened,
    (t, lang) => ({
      title: t('meetings.notice.callOpened.title', { meeting: meetingLabel(meeting, lang) }),
      body: t('meetings.notice.callOpened.body', { deadline: deadlineLabel(deadline, lang) }),
    }),
    `/meetings/${meeting.id}`,
    { publicUrl, objectId: meeting.id },
  );
}

export const callOpensJob = defineJob(JOB.callOpens, async (job, jctx) => {
  const payload = job.payload as DatedPayload;
  return {
    async finish(tx) {
      const row = await currentMeeting(tx, payload.meetingId);
      if (!row || !upcoming(row.meeting, new Date()) || row.meeting.callOpensOn?.toISOString() !== payload.callOpensOn) return;
      await sendCallNotice(tx, row.meeting, jctx.config.PUBLIC_URL);
    },
  };
});

export const deadlineReminderJob = defineJob(JOB.deadlineReminder, async (job, jctx) => {
  const payload = job.payload as DatedPayload;
  return {
    async finish(tx) {
      const row = await currentMeeting(tx, payload.meetingId);
      if (!row || !upcoming(row.meeting, new Date()) || row.meeting.submissionDeadline?.toISOString() !== payload.submissionDeadline) return;
      const meeting = row.meeting;
      const recipients = await meetingRecipients(tx, meeting, { substitutes: true, submitters: true });
      await notifyPeople(
        tx,
        recipients,
        KIND.deadlineReminder,
        (t, lang) => ({
          title: t('meetings.notice.deadline.title', { meeting: meetingLabel(meeting, lang) }),
          body: t('meetings.notice.deadline.body', { deadline: deadlineLabel(meeting.submissionDeadline!, lang) }),
        }),
        `/meetings/${meeting.id}/submit`,
        { publicUrl: jctx.config.PUBLIC_URL, objectId: meeting.id },
      );
    },
  };
});

export const publishReminderJob = defineJob(JOB.publishReminder, async (job, jctx) => {
  const payload = job.payload as DatedPayload;
  return {
    async finish(tx) {
      const row = await currentMeeting(tx, payload.meetingId);
      if (!row || !upcoming(row.meeting, new Date()) || row.meeting.agendaPublishedAt || row.meeting.agendaPublishOn?.toISOString() !== payload.agendaPublishOn) return;
      const meeting = row.meeting;
      const recipients = await meetingRecipients(tx, meeting, { managersOnly: true });
      await notifyPeople(
        tx,
        recipients,
        KIND.publishReminder,
        (t, lang) => ({
          title: t('meetings.notice.publishReminder.title', { meeting: meetingLabel(meeting, lang) }),
          body: t('meetings.notice.publishReminder.body', { date: deadlineLabel(meeting.agendaPublishOn!, lang) }),
        }),
        `/meetings/${meeting.id}/agenda`,
        { publicUrl: jctx.config.PUBLIC_URL, objectId: meeting.id },
      );
    },
  };
});
