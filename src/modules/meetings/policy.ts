import { isAdmin } from '../../platform/auth/actor.js';
import { conflict } from '../../platform/refusals.js';
import { formatLongDate, formatTime } from '../../platform/time.js';
import type { Lang } from '../../platform/i18n/index.js';
import type { Actor } from '../../platform/auth/actor.js';
import { can } from '../../platform/auth/authorize.js';
import { definePolicy } from '../../platform/auth/authorize.js';
import { managingRoles, type BodyRole } from '../../platform/auth/roles.js';
import { managesBody, type BodyRoles } from '../structure/index.js';
import type { Body } from '../structure/schema.js';
import { timedAgenda, type TimedItem } from './agenda.js';
import type { LoadedMeeting } from './queries/index.js';
import type { AgendaItem, Meeting } from './schema.js';

/**
 * Who may do what with a body's meetings. The actor's roles on the body (and, for a joint
 * meeting, on every participating body) decide:
 * - view: any role on the body or a body above it, or an administrator;
 * - manage (plan, edit, build and publish the agenda, roll call): chair, vice chair,
 *   secretary or process leader of the body itself, or an administrator;
 * - submit an item: members and chairs, the managing roles, and substitutes where the
 *   body allows substitutes;
 * - report absence: anyone called to the body's meetings (every role but reader).
 */

interface MeetingTarget {
  body: Pick<Body, 'id' | 'isPublic' | 'substitutesAllowed'>;
  roles: BodyRoles;
}

declare module '../../platform/auth/authorize.js' {
  interface PolicyTargets {
    'meetings.view': MeetingTarget;
    'meetings.manage': MeetingTarget;
    'meetings.submit': MeetingTarget;
    'meetings.reportAbsence': MeetingTarget;
  }
}

/** Roles that may send in agenda items (substitutes only where the body allows them). */
export const submittingRoles: readonly BodyRole[] = ['member', 'chair', 'vice_chair', ...managingRoles, 'convenor'];
/** Roles called to the body's meetings. */
export const calledRoles: readonly BodyRole[] = ['chair', 'vice_chair', 'secretary', 'process_leader', 'convenor', 'member', 'adjunct', 'expert'];

export function maySubmit(roles: readonly BodyRole[], substitutesAllowed: boolean): boolean {
  return roles.some((r) => submittingRoles.includes(r) || (r === 'substitute' && substitutesAllowed));
}

/** The rules of the meetings module's actions (listed in its manifest). */
export const meetingsPolicies = [
  definePolicy('meetings.view', (actor, t) => isAdmin(actor) || t.roles.own.length > 0 || t.roles.inherited.length > 0),
  definePolicy('meetings.manage', (actor, t) => isAdmin(actor) || managesBody(t.roles)),
  definePolicy('meetings.submit', (actor, t) => actor.kind === 'person' && (maySubmit(t.roles.own, t.body.substitutesAllowed) || isAdmin(actor))),
  definePolicy('meetings.reportAbsence', (actor, t) => actor.kind === 'person' && t.roles.own.some((r) => calledRoles.includes(r) || (r === 'substitute' && t.body.substitutesAllowed))),
];

export const meetingActions = ['meetings.view', 'meetings.manage', 'meetings.submit', 'meetings.reportAbsence'] as const;

export type MeetingAction = 'meetings.view' | 'meetings.manage' | 'meetings.submit' | 'meetings.reportAbsence';

/** The target of a meeting action: managing is decided on the host body, the rest on every participating body. */
export function targetOf(loaded: Pick<LoadedMeeting, 'body' | 'roles' | 'hostRoles'>, action: MeetingAction): MeetingTarget {
  return { body: loaded.body, roles: action === 'meetings.manage' ? loaded.hostRoles : loaded.roles };
}

/** True when the meeting has started (or is over). */
export function hasStarted(meeting: Pick<Meeting, 'startsAt'>, now: Date): boolean {
  return meeting.startsAt.getTime() <= now.getTime();
}

/**
 * True when the minutes, the roll call and the live view of a meeting may be opened: the
 * meeting has started (or is over), or it was registered afterwards (then it lies in the
 * past by definition; registering and moving such a meeting refuse a future date).
 */
export function openForRecording(meeting: Pick<Meeting, 'startsAt' | 'registeredAfterwards'>, now: Date): boolean {
  return meeting.registeredAfterwards || hasStarted(meeting, now);
}

/** Refuses (409 `meeting-not-started`) the minutes, roll call or live view of a meeting that has not started. */
export function assertOpenForRecording(meeting: Pick<Meeting, 'startsAt' | 'registeredAfterwards'>, now: Date): void {
  if (openForRecording(meeting, now)) return;
  conflict('meetings.refusal.notStarted', { when: { sv: startLabel(meeting.startsAt, 'sv'), en: startLabel(meeting.startsAt, 'en') } }, 'meeting-not-started');
}

/** "torsdag 12 februari 2026 kl. 09:00" */
function startLabel(at: Date, lang: Lang): string {
  return `${formatLongDate(at, lang)} ${lang === 'en' ? 'at' : 'kl.'} ${formatTime(at)}`;
}

// What a reader may see of an agenda and its files

/** True once the call for items opens (from the day before) or the agenda is published: members then see the draft. */
function agendaOpen(meeting: Pick<Meeting, 'callOpensOn' | 'agendaPublishedAt'>, now: Date): boolean {
  return !meeting.callOpensOn || meeting.callOpensOn.getTime() - 24 * 3600_000 <= now.getTime() || !!meeting.agendaPublishedAt;
}

/** What one reader sees of a meeting's agenda. */
export interface ReaderAgenda {
  /** False before the call opens, for those who do not manage the meeting. */
  open: boolean;
  /** The items the reader may see, with the numbers and clock times of the whole agenda. */
  items: TimedItem<AgendaItem>[];
  /** When the whole agenda ends. */
  ends: Date;
  /** Manages the meeting (sees everything, submitted files too). */
  manages: boolean;
  /** The reader, for the files they sent in themselves. */
  personId: string | null;
}

/**
 * The one rule for what a reader sees of an agenda, on the meeting page, the absence form,
 * in the API and in the PDF and DOCX agenda: those who manage the meeting (and
 * administrators) see everything; the others see nothing before the call opens, and items
 * marked internal only with a role on the body itself (or on a body of a joint meeting).
 * A role only in a body above shows the meeting, not its internal items. The items keep
 * the numbers and times they have on the whole agenda, so a hidden item moves nothing.
 */
export function readerAgenda(actor: Actor, loaded: Pick<LoadedMeeting, 'meeting' | 'body' | 'roles' | 'hostRoles'>, items: readonly AgendaItem[], now = new Date()): ReaderAgenda {
  const timed = timedAgenda(loaded.meeting.startsAt, items);
  const sees = agendaVisibility(actor, loaded, now);
  return {
    open: sees.open,
    items: sees.open ? timed.items.filter((t) => sees.internal || !t.item.internal) : [],
    ends: timed.ends,
    manages: sees.manages,
    personId: actor.kind === 'person' ? actor.personId : null,
  };
}

/** What of the agenda a reader sees: anything at all (`open`), and the internal items too. */
export interface AgendaVisibility {
  open: boolean;
  internal: boolean;
  manages: boolean;
}

/** The rule of `readerAgenda` on its own, for outputs that filter items of another shape (the live view). */
export function agendaVisibility(actor: Actor, loaded: Pick<LoadedMeeting, 'meeting' | 'body' | 'roles' | 'hostRoles'>, now = new Date()): AgendaVisibility {
  if (can(actor, 'meetings.manage', targetOf(loaded, 'meetings.manage'))) return { open: true, internal: true, manages: true };
  const open = agendaOpen(loaded.meeting, now);
  return { open, internal: open && loaded.roles.own.length > 0, manages: false };
}

/**
 * The files a reader may see beside an agenda: those of the items shown; the meeting's own
 * once the agenda is open to them; a submitted item's files (not yet on the agenda) only to
 * the one who sent them and to those who manage the meeting.
 */
export function readerFiles<F extends { itemId: string | null; submissionId: string | null; uploadedBy: string | null }>(agenda: ReaderAgenda, files: readonly F[]): F[] {
  const shown = new Set(agenda.items.map((t) => t.item.id));
  return files.filter((f) => {
    if (f.itemId) return shown.has(f.itemId);
    if (f.submissionId) return agenda.manages || (!!agenda.personId && f.uploadedBy === agenda.personId);
    return agenda.open;
  });
}
