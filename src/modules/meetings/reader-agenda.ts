import type { Actor } from '../../platform/auth/actor.js';
import { can } from '../../platform/auth/authorize.js';
import { timedAgenda, type TimedItem } from './agenda.js';
import { targetOf, type LoadedMeeting } from './access.js';
import type { AgendaItem, Meeting } from './schema.js';

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
