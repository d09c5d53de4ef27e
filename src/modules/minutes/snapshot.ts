import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.js';
import { people } from '../../platform/auth/schema.js';
import { compareSwedish } from '../../platform/sortkey.js';
import { bodies, memberships, organisations, principals, seats, structures, type Body } from '../structure/schema.js';
import { stockholmClock, stockholmDay } from '../../platform/time.js';
import { attendance, type Meeting } from '../meetings/schema.js';
import { itemsOf } from './queries/index.js';
import { decisionLabel } from './numbering.js';
import { actionItems, decisions, type MinuteOutcome, type Minutes } from './schema.js';

/*
 * The content of minutes as one plain object: what the PDF, the DOCX, the HTML of a
 * locked version and the canonical JSON (and so the SHA-256 digest) are made from. It holds
 * no language-dependent labels (outcome names are rendered later) and no approval data
 * (approvers and timestamps belong to the version, not to its content).
 */

export const SNAPSHOT_FORMAT = 'samverka-minutes/1';

export interface SnapshotPerson {
  name: string;
  /** The name of the member a substitute stands in for ("ers Ewa-Lena Sjöberg"). */
  substituteFor: string | null;
  guest: boolean;
  adjunct: boolean;
}

export interface SnapshotAction {
  title: string;
  owner: string | null;
  due: string | null;
  done: boolean;
}

export interface SnapshotItem {
  id: string;
  number: string;
  title: string;
  presenter: string | null;
  notes: string | null;
  questions: string | null;
  proposal: string[];
  outcome: MinuteOutcome | null;
  /** "SAMS 2026:12" for an outcome that is a decision of the body. */
  decisionNumber: string | null;
  decisionText: string | null;
  condition: string | null;
  internal: boolean;
  actions: SnapshotAction[];
}

export interface MinutesSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  kind: 'protocol' | 'notes';
  meeting: {
    id: string;
    title: string;
    date: string;
    endDate: string | null;
    startTime: string;
    endTime: string;
    place: string;
    format: string;
  };
  body: { id: string; name: string; shortName: string | null; isPublic: boolean };
  structure: string;
  chair: string | null;
  adjusters: string[];
  noteTakers: string[];
  preamble: string | null;
  present: { organisation: string; people: SnapshotPerson[] }[];
  absent: { name: string; organisation: string; excused: boolean }[];
  items: SnapshotItem[];
  evaluation: string | null;
  nextMeetings: string | null;
}

/** Where the meeting was: room and address, or "Digitalt" with its link. */
function placeOf(meeting: Pick<Meeting, 'format' | 'address' | 'room' | 'link'>): string {
  const physical = [meeting.room, meeting.address].filter(Boolean).join(', ');
  if (meeting.format === 'physical') return physical;
  const digital = physical || 'Digitalt';
  return meeting.link && !digital.includes(meeting.link) ? `${digital} (${meeting.link})` : digital;
}

interface AttendanceLine {
  name: string;
  organisation: string;
  status: string;
  substituteFor: string | null;
  guest: boolean;
  adjunct: boolean;
}

/** The attendance list with each person's name, organisation and the one they stand in for. */
async function attendanceLines(db: DbOrTx, meeting: Pick<Meeting, 'id'>): Promise<AttendanceLine[]> {
  const person = alias(people, 'person');
  const substituted = alias(people, 'substituted');
  const seatOrg = alias(organisations, 'seat_org');
  const rows = await db
    .select({
      personName: person.name,
      guestName: attendance.guestName,
      label: attendance.organisationLabel,
      status: attendance.status,
      substituteFor: substituted.name,
      guest: attendance.guest,
      adjunct: attendance.adjunct,
      membershipOrg: organisations.name,
      seatOrg: seatOrg.name,
      seatPrincipal: principals.name,
      seatGroup: seats.groupLabel,
    })
    .from(attendance)
    .leftJoin(person, eq(person.id, attendance.personId))
    .leftJoin(substituted, eq(substituted.id, attendance.substituteForPersonId))
    .leftJoin(memberships, eq(memberships.id, attendance.membershipId))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(seats, eq(seats.id, attendance.seatId))
    .leftJoin(seatOrg, eq(seatOrg.id, seats.organisationId))
    .leftJoin(principals, eq(principals.id, seats.principalId))
    .where(eq(attendance.meetingId, meeting.id));
  return rows.map((r) => ({
    name: r.personName ?? r.guestName ?? '',
    organisation: r.label ?? r.membershipOrg ?? r.seatOrg ?? r.seatPrincipal ?? r.seatGroup ?? '',
    status: r.status,
    substituteFor: r.substituteFor,
    guest: r.guest,
    adjunct: r.adjunct,
  }));
}

/** Groups the present people by organisation, both in Swedish order. */
function groupAttendance(lines: AttendanceLine[]): Pick<MinutesSnapshot, 'present' | 'absent'> {
  const anyPresent = lines.some((l) => l.status === 'present');
  // Without a roll call (nobody marked present), those called are listed as present.
  const present = lines.filter((l) => l.status === 'present' || (!anyPresent && l.status === 'expected'));
  const groups = new Map<string, SnapshotPerson[]>();
  for (const l of present) {
    const list = groups.get(l.organisation) ?? [];
    list.push({ name: l.name, substituteFor: l.substituteFor, guest: l.guest, adjunct: l.adjunct });
    groups.set(l.organisation, list);
  }
  return {
    present: [...groups.entries()]
      .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : compareSwedish(a, b)))
      .map(([organisation, list]) => ({ organisation, people: list.sort((a, b) => compareSwedish(a.name, b.name)) })),
    absent: lines
      .filter((l) => l.status === 'absent' || l.status === 'excused')
      .map((l) => ({ name: l.name, organisation: l.organisation, excused: l.status === 'excused' }))
      .sort((a, b) => compareSwedish(a.name, b.name)),
  };
}

async function namesOf(db: DbOrTx, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  const rows = await db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The number shown for an item: its own label, or its place among the items. */
export function itemNumber(item: { number: string | null }, index: number): string {
  return item.number?.trim() || String(index + 1);
}

/** Reads the current content of the minutes of a meeting. */
export async function buildSnapshot(db: DbOrTx, meeting: Meeting, m: Minutes, options: { body?: Body } = {}): Promise<MinutesSnapshot> {
  const body = options.body ?? (await db.select().from(bodies).where(eq(bodies.id, meeting.bodyId)))[0]!;
  const [structure] = await db.select({ name: structures.name }).from(structures).where(eq(structures.id, body.structureId));
  const [items, lines, decisionRows, actions] = await Promise.all([
    itemsOf(db, m.id),
    attendanceLines(db, meeting),
    db
      .select()
      .from(decisions)
      .where(and(eq(decisions.meetingId, meeting.id), isNull(decisions.withdrawnAt))),
    db.select().from(actionItems).where(eq(actionItems.meetingId, meeting.id)).orderBy(asc(actionItems.createdAt), asc(actionItems.id)),
  ]);
  const names = await namesOf(db, [m.chairPersonId, ...m.adjusterIds, ...items.map((i) => i.presenterPersonId), ...actions.map((a) => a.ownerPersonId)]);
  const decisionByItem = new Map(decisionRows.map((d) => [d.minuteItemId, d]));
  const startDay = stockholmDay(meeting.startsAt);
  const endDay = stockholmDay(meeting.endsAt);
  return {
    format: SNAPSHOT_FORMAT,
    kind: m.kind,
    meeting: {
      id: meeting.id,
      title: meeting.title,
      date: startDay,
      endDate: endDay === startDay ? null : endDay,
      startTime: stockholmClock(meeting.startsAt),
      endTime: stockholmClock(meeting.endsAt),
      place: placeOf(meeting),
      format: meeting.format,
    },
    body: { id: body.id, name: body.name, shortName: body.shortName, isPublic: body.isPublic },
    structure: structure?.name ?? '',
    chair: m.chairPersonId ? (names.get(m.chairPersonId) ?? null) : null,
    adjusters: m.adjusterIds.map((id) => names.get(id)).filter((n): n is string => !!n),
    noteTakers: m.noteTakers.map((n) => n.name),
    preamble: m.preamble,
    ...groupAttendance(lines),
    items: items.map((item, index) => {
      const decision = decisionByItem.get(item.id);
      return {
        id: item.id,
        number: itemNumber(item, index),
        title: item.title,
        presenter: item.presenterName ?? (item.presenterPersonId ? (names.get(item.presenterPersonId) ?? null) : null),
        notes: item.notes,
        questions: item.questions,
        proposal: item.proposal,
        outcome: item.outcome,
        decisionNumber: decision ? decisionLabel(body, decision) : null,
        decisionText: item.decisionText,
        condition: item.condition,
        internal: item.internal,
        actions: actions
          .filter((a) => a.minuteItemId === item.id)
          .map((a) => ({
            title: a.title,
            owner: a.ownerName ?? (a.ownerPersonId ? (names.get(a.ownerPersonId) ?? null) : null),
            due: a.dueOn,
            done: a.status === 'done',
          })),
      };
    }),
    evaluation: m.evaluationSummary,
    nextMeetings: m.nextMeetings,
  };
}

/** The public form: items marked internal are left out. */
export function publicSnapshot(s: MinutesSnapshot): MinutesSnapshot {
  return { ...s, items: s.items.filter((i) => !i.internal) };
}
