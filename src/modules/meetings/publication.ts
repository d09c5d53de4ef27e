import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../platform/db/client.js';
import { translator, type Lang } from '../../platform/i18n/index.js';
import { extensionPoint, installed } from '../../platform/registry.js';
import { conflict } from '../../platform/refusals.js';
import type { Body } from '../structure/schema.js';
import { timedAgenda, type TimedItem } from './agenda.js';
import type { MeetingRecipient } from './hooks.js';
import { meetingLabel } from './notices.js';
import { agendaOf, meetingRecipients, meetingRoster, rosterPeople, type LoadedMeeting } from './queries/index.js';
import type { AgendaItem, Meeting } from './schema.js';

/*
 * Before an agenda goes out: the meeting call (kallelse) as the recipients will get it and
 * the list of who gets it, for the secretary to check and confirm. The preview carries a
 * token made from everything the call depends on (the meeting's version, the agenda, the
 * recipients and their addresses); publishing with a token refuses when any of it has
 * changed since the preview, so nobody confirms something other than what went out.
 */

/** The text of the meeting call a module sends when the agenda is published (the calendar invitation). */
export interface CallText {
  subject: string;
  text: string;
}

/** What a module's call text is made from. */
export interface CallTextContext {
  meeting: Meeting;
  body: Body;
  items: AgendaItem[];
  publicUrl: string;
}

/** A module that mails the call when the agenda is published tells here what the mail says (contributed by the calendar module). */
export type CallTextSource = (ctx: CallTextContext, lang: Lang) => CallText;
export const CALL_TEXTS = extensionPoint<CallTextSource>('meetings.callTexts');

export interface PreviewRecipient {
  personId: string;
  name: string;
  role: string;
  organisation: string | null;
  /** Null: no e-mail address; the person gets the call in the inbox only. */
  email: string | null;
  language: Lang;
}

export interface PublicationPreview {
  /** The call in the reader's language (each recipient gets it in their own). */
  call: CallText;
  items: TimedItem<AgendaItem>[];
  recipients: PreviewRecipient[];
  /** Sent back with the confirmation; publishing refuses it once anything above has changed. */
  token: string;
}

const langOf = (v: string | null): Lang => (v === 'en' ? 'en' : 'sv');

/** The call as the recipients get it: the mail a module sends, else the inbox notice. */
export function callText(ctx: CallTextContext, lang: Lang): CallText {
  const source = installed().all(CALL_TEXTS)[0];
  if (source) return source(ctx, lang);
  const t = translator(lang);
  return { subject: t('meetings.notice.published.title', { meeting: meetingLabel(ctx.meeting, lang) }), text: t('meetings.notice.published.body', { count: ctx.items.length }) };
}

/** The token of a meeting's call: a digest of the meeting's version, its agenda and its recipients. */
export function publicationToken(meeting: Pick<Meeting, 'id' | 'version'>, items: readonly AgendaItem[], recipients: readonly Pick<MeetingRecipient, 'personId' | 'email' | 'language'>[]): string {
  const content = JSON.stringify({
    meeting: [meeting.id, meeting.version],
    items: items.map((i) => [i.id, i.position, i.number, i.section, i.title, i.description, i.kind, i.presenters, i.durationMinutes, i.fixedStartAt?.toISOString() ?? null, i.internal]),
    recipients: recipients.map((r) => [r.personId, r.email, r.language]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  });
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

/** The recipients of a meeting's call, as publishing finds them. */
export function callRecipients(db: DbOrTx, loaded: Pick<LoadedMeeting, 'meeting' | 'jointBodyIds'>): Promise<MeetingRecipient[]> {
  return meetingRecipients(db, loaded.meeting, { substitutes: true, jointBodyIds: loaded.jointBodyIds });
}

/** Refuses (409 `stale-preview`) a confirmation made from a preview of another call than the one that would go out now. */
export async function checkPublicationToken(db: DbOrTx, loaded: Pick<LoadedMeeting, 'meeting' | 'jointBodyIds'>, token: string): Promise<void> {
  const items = await agendaOf(db, loaded.meeting.id);
  const recipients = await callRecipients(db, loaded);
  if (publicationToken(loaded.meeting, items, recipients) !== token) conflict('meetings.refusal.previewStale', undefined, 'stale-preview');
}

/** The preview of a meeting's call for the secretary: the text in `lang`, the agenda and everyone it goes to. */
export async function publicationPreview(db: DbOrTx, loaded: Pick<LoadedMeeting, 'meeting' | 'body' | 'jointBodyIds'>, lang: Lang, publicUrl: string): Promise<PublicationPreview> {
  const { meeting, body } = loaded;
  const items = await agendaOf(db, meeting.id);
  const recipients = await callRecipients(db, loaded);
  const roster = await meetingRoster(db, meeting, loaded.jointBodyIds);
  const organisations = new Map<string, string>();
  for (const e of rosterPeople(roster)) if (e.personId && e.organisationLabel && !organisations.has(e.personId)) organisations.set(e.personId, e.organisationLabel);
  return {
    call: callText({ meeting, body, items, publicUrl }, lang),
    items: timedAgenda(meeting.startsAt, items).items,
    recipients: recipients.map((r) => ({
      personId: r.personId,
      name: r.name,
      role: r.role,
      organisation: organisations.get(r.personId) ?? null,
      email: r.email,
      language: langOf(r.language),
    })),
    token: publicationToken(meeting, items, recipients),
  };
}
