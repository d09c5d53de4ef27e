import type { Actor } from '../../platform/auth/actor.js';
import type { Tx } from '../../platform/db/client.js';
import type { Body } from '../structure/schema.js';
import type { AgendaItem, Meeting } from './schema.js';
import { extensionPoint, installed } from '../../platform/registry.js';

/**
 * Extension points for what happens when a meeting's agenda is published, a published
 * meeting changes, or a meeting is cancelled (the calendar module sends iCalendar
 * invitations, updates and cancellations from here). Hooks run inside the command's
 * transaction, after the change is written: a hook that throws rolls the change back.
 * Anything slow (SMTP, rendering) belongs in an outbox job the hook enqueues.
 */

export interface MeetingRecipient {
  personId: string;
  name: string;
  email: string | null;
  language: string | null;
  /** The role that calls the person (a person with several roles is listed once, with the first). */
  role: string;
  bodyId: string;
}

export type MeetingChange = 'details' | 'agenda' | 'attendance';

export interface MeetingHookContext {
  tx: Tx;
  actor: Actor;
  now: Date;
  /** Base URL for absolute links in e-mail. */
  publicUrl: string;
  /** Where mail about the meeting comes from (the configuration's MAIL_FROM; the invitations' organiser). */
  mailFrom: string;
  /** The meeting as written (sequence already bumped when it applies). */
  meeting: Meeting;
  /** The convening body. */
  body: Body;
  /** The agenda in order. */
  items: AgendaItem[];
  /** Everyone called to the meeting: members of the body (and of the other bodies of a joint meeting). */
  recipients: MeetingRecipient[];
  /** For onMeetingChanged: what changed. */
  changes?: MeetingChange[];
  /** For onMeetingChanged with 'details': the meeting before the change. */
  before?: Meeting;
  /**
   * People a hook has already e-mailed about this event (the calendar invitation is the
   * notice). The meetings module then keeps its own notice to them in the inbox only,
   * so nobody gets two mails about one thing.
   */
  mailed: Set<string>;
}

export type MeetingHook = (ctx: MeetingHookContext) => Promise<void>;
export type MeetingEvent = 'agendaPublished' | 'meetingChanged' | 'meetingCancelled';

/** What another module does on a meeting event (a manifest contributes `meetingHooks`). */
export interface MeetingHookDef {
  event: MeetingEvent;
  hook: MeetingHook;
}
export const MEETING_HOOKS = extensionPoint<MeetingHookDef>('meetings.hooks');

/** The agenda was published (the first time): the meeting is called. */
export const onAgendaPublished = (hook: MeetingHook): MeetingHookDef => ({ event: 'agendaPublished', hook });
/** A published meeting changed: its details (time, place, link), or its agenda was published again. */
export const onMeetingChanged = (hook: MeetingHook): MeetingHookDef => ({ event: 'meetingChanged', hook });
/** A meeting was cancelled (called for published and unpublished meetings). */
export const onMeetingCancelled = (hook: MeetingHook): MeetingHookDef => ({ event: 'meetingCancelled', hook });

/** Runs the hooks of an event in manifest order. */
export async function runMeetingHooks(event: MeetingEvent, ctx: MeetingHookContext): Promise<void> {
  for (const def of [...installed().all(MEETING_HOOKS)]) if (def.event === event) await def.hook(ctx);
}
