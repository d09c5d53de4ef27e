import { translator, type Lang } from '../../platform/i18n/index.js';
import { mailLang } from '../../platform/inbox/notify.js';
import { enqueueBatch, mailItem } from '../../platform/outbox/outbox.js';
import { formatLongDate, formatTime } from '../../platform/time.js';
import { timedAgenda, onAgendaPublished, type CallTextSource, onMeetingCancelled, onMeetingChanged, type MeetingHookContext, type MeetingHookDef, type MeetingRecipient } from '../meetings/index.js';
import type { AgendaItem } from '../meetings/schema.js';
import { meetingsCalendar, parseMailbox, type CalendarMethod } from './ical.js';

/**
 * Calendar invitations by e-mail, wired into the meetings module's hooks:
 * - agenda published → METHOD:REQUEST to everyone called;
 * - a published meeting changed (details or agenda) → METHOD:REQUEST again, same UID,
 *   the higher SEQUENCE the meetings module wrote;
 * - a published meeting cancelled → METHOD:CANCEL, same UID, higher SEQUENCE.
 * One mail per person (their own ATTENDEE line, their language), put in the outbox in
 * the command's transaction: nothing is sent if the change is rolled back.
 */

type Kind = 'invite' | 'update' | 'cancel';

export function meetingUrl(publicUrl: string, meetingId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/meetings/${meetingId}`;
}

/** The agenda as plain text lines: "1. 13:00 Inledning (Ingmar Ångman)". */
function agendaLines(ctx: Pick<MeetingHookContext, 'meeting' | 'items'>): string[] {
  return timedAgenda(ctx.meeting.startsAt, ctx.items).items.map(({ item, number, start }) => {
    const presenter = presenterOf(item);
    return `${number}. ${formatTime(start)} ${item.title}${presenter ? ` (${presenter})` : ''}`;
  });
}

function presenterOf(item: Pick<AgendaItem, 'presenters'>): string {
  return (item.presenters ?? []).map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name)).join(', ');
}

function mailText(ctx: Pick<MeetingHookContext, 'meeting' | 'items' | 'publicUrl'>, kind: Kind, lang: Lang): { subject: string; text: string } {
  const t = translator(lang);
  const { meeting } = ctx;
  const label = `${meeting.title}, ${formatLongDate(meeting.startsAt, lang)}`;
  const subject = t(kind === 'invite' ? 'calendar.invite.subject' : kind === 'update' ? 'calendar.update.subject' : 'calendar.cancel.subject', { meeting: label });
  const lines = [
    t(kind === 'invite' ? 'calendar.invite.intro' : kind === 'update' ? 'calendar.update.intro' : 'calendar.cancel.intro', { title: meeting.title }),
    '',
    t('calendar.mail.when', { date: formatLongDate(meeting.startsAt, lang), start: formatTime(meeting.startsAt), end: formatTime(meeting.endsAt) }),
  ];
  const place = [meeting.address, meeting.room].filter(Boolean).join(', ');
  if (place && meeting.format !== 'digital') lines.push(t('calendar.mail.where', { place }));
  if (meeting.link && meeting.format !== 'physical') lines.push(t('calendar.mail.link', { link: meeting.link }));
  if (kind === 'cancel') {
    if (meeting.cancelReason) lines.push('', t('calendar.mail.reason', { reason: meeting.cancelReason }));
  } else if (ctx.items.length) {
    lines.push('', t('calendar.mail.agenda'), ...agendaLines(ctx));
  }
  lines.push('', t('calendar.mail.page', { url: meetingUrl(ctx.publicUrl, meeting.id) }), '', t('calendar.mail.footer'));
  return { subject, text: lines.join('\n') };
}

/** The iCalendar object one recipient gets. */
function invitationCalendar(ctx: MeetingHookContext, method: CalendarMethod, recipient: Pick<MeetingRecipient, 'name' | 'email'>, organizerMailbox: string, lang: Lang = 'sv'): string {
  const description = [...(method === 'CANCEL' ? [] : agendaLines(ctx)), '', translator(lang)('calendar.mail.page', { url: meetingUrl(ctx.publicUrl, ctx.meeting.id) })].join('\n').trim();
  const organizer = parseMailbox(organizerMailbox);
  return meetingsCalendar(
    [
      {
        meeting: ctx.meeting,
        options: {
          description,
          url: meetingUrl(ctx.publicUrl, ctx.meeting.id),
          organizer: { name: ctx.body.name, email: organizer.email },
          attendees: recipient.email ? [{ name: recipient.name, email: recipient.email }] : [],
        },
      },
    ],
    { method, now: ctx.now },
  );
}

async function sendInvitations(ctx: MeetingHookContext, kind: Kind): Promise<number> {
  const method: CalendarMethod = kind === 'cancel' ? 'CANCEL' : 'REQUEST';
  const items = ctx.recipients
    .filter((r): r is MeetingRecipient & { email: string } => !!r.email)
    .map((recipient) => {
      ctx.mailed.add(recipient.personId);
      const lang = mailLang(recipient.language);
      const { subject, text } = mailText(ctx, kind, lang);
      return mailItem({
        to: [recipient.email],
        subject,
        text,
        icalendar: invitationCalendar(ctx, method, recipient, ctx.mailFrom, lang),
        // One mail per person and version of the meeting, however often the hooks run.
        dedupeKey: `calendar:${ctx.meeting.id}:${ctx.meeting.sequence}:${method}:${recipient.personId}`,
      });
    });
  const { rows } = await enqueueBatch(ctx.tx, items);
  return rows.length;
}

/** The invitation as it goes out when the agenda is published: the meeting call the secretary previews first. */
export const invitationText: CallTextSource = (ctx, lang) => mailText(ctx, 'invite', lang);

/** Invitations, updates and cancellations follow the meeting (contributed to the meetings hooks). */
export const invitationHooks: MeetingHookDef[] = [
  onAgendaPublished((ctx) => sendInvitations(ctx, 'invite').then(() => undefined)),
  onMeetingChanged(async (ctx) => {
    // Only what shows in the calendar entry: time, place, link, title, the agenda.
    const changes = ctx.changes ?? ['details'];
    if (changes.includes('details') || changes.includes('agenda')) await sendInvitations(ctx, 'update');
  }),
  onMeetingCancelled(async (ctx) => {
    // Nobody has an entry for a meeting whose agenda was never published.
    if (ctx.meeting.agendaPublishedAt) await sendInvitations(ctx, 'cancel');
  }),
];
