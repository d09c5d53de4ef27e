import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { people } from '../../platform/auth/schema.js';
import type { Refusal } from '../../platform/refusals.js';
import { translator, type MessageKey } from '../../platform/i18n/index.js';
import { AppError } from '../../platform/http/errors.js';
import { stockholmDay } from '../../platform/time.js';
import { activeOn } from '../structure/index.js';
import { memberships } from '../structure/schema.js';
import { attendance, type Meeting } from '../meetings/schema.js';
import type { Minutes } from './schema.js';

/*
 * What may not contradict itself in minutes before they are locked: a person the attendance
 * lists as absent (absent or excused) cannot be the chair who opens the meeting and signs the
 * minutes, an adjuster who signs them, or a note taker. One list, used by finalising, by
 * sending for approval, by the minutes page (warnings before the button) and by the API.
 */

export type ContradictionRole = 'chair' | 'adjuster' | 'noteTaker';

export interface Contradiction {
  role: ContradictionRole;
  personId: string;
  name: string;
  /** For an absent chair: the body's vice chair, when present at the meeting (who may chair in the chair's place). */
  standIn: string | null;
}

/** The field of the minutes' header a contradiction is about. */
export const contradictionField: Record<ContradictionRole, string> = { chair: 'chairPersonId', adjuster: 'adjusterIds', noteTaker: 'noteTakerIds' };

/** The message telling a contradiction. */
export function contradictionText(c: Contradiction): { key: MessageKey; params: Record<string, string> } {
  if (c.role === 'chair')
    return c.standIn ? { key: 'minutes.contradiction.chairAbsentVice', params: { name: c.name, vice: c.standIn } } : { key: 'minutes.contradiction.chairAbsent', params: { name: c.name } };
  return { key: c.role === 'adjuster' ? 'minutes.contradiction.adjusterAbsent' : 'minutes.contradiction.noteTakerAbsent', params: { name: c.name } };
}

/** The contradictions as refusals (one per contradiction, on the header field it is about). */
export function contradictionRefusals(list: readonly Contradiction[]): Refusal[] {
  return list.map((c) => ({ field: contradictionField[c.role], ...contradictionText(c) }));
}

const isAbsent = (status: string) => status === 'absent' || status === 'excused';

/** The body's chair and vice chair on the meeting day (ids), and who of the attendance is absent or present. */
export async function chairsOfMeeting(db: DbOrTx, meeting: Pick<Meeting, 'id' | 'bodyId' | 'startsAt'>) {
  const day = stockholmDay(meeting.startsAt);
  const [roles, roll] = await Promise.all([
    db
      .select({ personId: memberships.personId, role: memberships.role, name: people.name })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.bodyId, meeting.bodyId), inArray(memberships.role, ['chair', 'vice_chair']), activeOn(day))),
    db
      .select({ personId: attendance.personId, status: attendance.status, name: people.name })
      .from(attendance)
      .innerJoin(people, eq(people.id, attendance.personId))
      .where(eq(attendance.meetingId, meeting.id)),
  ]);
  const chair = roles.find((r) => r.role === 'chair') ?? null;
  const vice = roles.find((r) => r.role === 'vice_chair') ?? null;
  const absent = new Map(roll.filter((r) => r.personId && isAbsent(r.status)).map((r) => [r.personId!, r.name]));
  const present = roll.filter((r) => r.personId && r.status === 'present').map((r) => ({ id: r.personId!, name: r.name }));
  /** True when the body has no chair on the meeting day or the chair is recorded absent: someone present may then chair in the chair's place. */
  const chairAway = !chair || absent.has(chair.personId);
  return { chair, vice, absent, present, chairAway };
}

/**
 * The contradictions of the minutes against the meeting's attendance, in the order chair,
 * adjusters, note takers. Empty when the minutes may be locked.
 */
export async function minutesContradictions(
  db: DbOrTx,
  meeting: Pick<Meeting, 'id' | 'bodyId' | 'startsAt'>,
  m: Pick<Minutes, 'chairPersonId' | 'adjusterIds' | 'noteTakers'>,
): Promise<Contradiction[]> {
  return contradictionsOf(await chairsOfMeeting(db, meeting), m);
}

/** The same, from the chairs and attendance already read (a page that also shows who chairs reads them once). */
export function contradictionsOf(chairs: Awaited<ReturnType<typeof chairsOfMeeting>>, m: Pick<Minutes, 'chairPersonId' | 'adjusterIds' | 'noteTakers'>): Contradiction[] {
  const { vice, absent, present } = chairs;
  if (!absent.size) return [];
  const viceHere = vice && present.some((p) => p.id === vice.personId) ? vice.name : null;
  const out: Contradiction[] = [];
  if (m.chairPersonId && absent.has(m.chairPersonId)) out.push({ role: 'chair', personId: m.chairPersonId, name: absent.get(m.chairPersonId)!, standIn: viceHere });
  for (const id of m.adjusterIds) if (absent.has(id)) out.push({ role: 'adjuster', personId: id, name: absent.get(id)!, standIn: null });
  for (const n of m.noteTakers) if (n.personId && absent.has(n.personId)) out.push({ role: 'noteTaker', personId: n.personId, name: absent.get(n.personId)!, standIn: null });
  return out;
}

/**
 * Refuses to lock or send minutes that contradict the attendance: 409 'contradictions',
 * one error per contradiction (the problem's `errors`, the page's list).
 */
export function refuseContradictions(list: readonly Contradiction[]): void {
  if (!list.length) return;
  const sv = translator('sv');
  const errors = contradictionRefusals(list).map((r) => ({ ...r, message: sv(r.key, r.params) }));
  const params = {
    count: list.length,
    list: {
      sv: errors.map((e) => e.message).join(' '),
      en: contradictionRefusals(list)
        .map((r) => translator('en')(r.key, r.params))
        .join(' '),
    },
  };
  throw new AppError(409, 'contradictions', sv('minutes.refusal.contradictions', params), errors, { key: 'minutes.refusal.contradictions', params });
}
