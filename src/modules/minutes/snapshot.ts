import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../platform/db/client.js';
import { people } from '../../platform/auth/schema.js';
import { compareSwedish } from '../../platform/sortkey.js';
import { bodies, memberships, organisations, principals, seats, structures, type Body } from '../structure/schema.js';
import { stockholmClock, stockholmDay } from '../../platform/time.js';
import { meetingRoster } from '../meetings/index.js';
import { activeOn } from '../structure/index.js';
import { absenceReports, agendaItems, attachments, attendance, meetingBodies, type Meeting, type MeetingFormat, type Presenter } from '../meetings/schema.js';
import { caseRefsOf } from './case-subjects.js';
import { itemsOf } from './queries/index.js';
import { decisionLabel, minutesNumbers } from './numbering.js';
import { actionItems, decisions, type MinuteOutcome, type Minutes } from './schema.js';

/*
 * The content of minutes as one plain object: what the PDF, the DOCX, the HTML of a
 * locked version and the canonical JSON (and so the SHA-256 digest) are made from. It holds
 * no language-dependent labels (outcome names are rendered later) and no approval data
 * (approvers and timestamps belong to the version, not to its content).
 */

export const SNAPSHOT_FORMAT = 'samverka-minutes/2';

/** A presenter as printed: a name, and the organisation of an external presenter. */
export interface SnapshotPresenter {
  name: string;
  organisation: string | null;
}

/** One line of the attendance list: name, organisation and seat (the same columns in page and documents). */
export interface SnapshotAttendee {
  name: string;
  organisation: string;
  /** The seat's function ("Förvaltningschef"); null for someone without a seat. */
  seat: string | null;
  /** The name of the member a substitute stands in for ("ers. Ewa-Lena Sjöberg"). */
  substituteFor: string | null;
  guest: boolean;
  adjunct: boolean;
  /** Took part digitally. */
  digital: boolean;
}

export interface SnapshotAbsent {
  name: string;
  organisation: string;
  seat: string | null;
  excused: boolean;
  /** The views the member sent in advance (null: none sent). */
  viewsInAdvance: string | null;
}

/** A seat nobody held on the meeting day ("Vakant"). */
export interface SnapshotVacantSeat {
  seat: string;
  organisation: string;
}

export interface SnapshotAction {
  title: string;
  owner: string | null;
  due: string | null;
  done: boolean;
  doneNote: string | null;
}

export interface SnapshotAttachment {
  id: string;
  filename: string;
}

export interface SnapshotItem {
  id: string;
  /** The item this one is a sub-item of (items are listed parent first, then its sub-items). */
  parentId: string | null;
  number: string;
  title: string;
  /** The agenda's section the item is under ("Beslut"). */
  section: string | null;
  /** The agenda item's description. */
  description: string | null;
  presenters: SnapshotPresenter[];
  notes: string | null;
  questions: string | null;
  /** The "att"-clauses, without the leading "att". */
  proposal: string[];
  outcome: MinuteOutcome | null;
  /** "SAMS 2026:12" for an outcome that is a decision of the body. */
  decisionNumber: string | null;
  decisionText: string | null;
  condition: string | null;
  internal: boolean;
  /** The case the item handles ("SÖL 2026/7 Titel"), when the cases module knows it. */
  case: { ref: string; title: string } | null;
  /** The step of the case the decision carries (the flow's name; labelled when rendered). */
  caseTransition: string | null;
  /** Views sent in advance on this item by members who could not attend. */
  viewsInAdvance: { name: string; views: string }[];
  attachments: SnapshotAttachment[];
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
    /** False when only the day is known (the times are then not printed). */
    timesKnown: boolean;
    place: string;
    format: MeetingFormat;
    /** The other bodies of a joint meeting. */
    jointBodies: string[];
  };
  body: { id: string; name: string; shortName: string | null; isPublic: boolean };
  structure: string;
  chair: string | null;
  /** The body's chair in whose place `chair` chaired (the chair was away), else null. */
  chairInPlaceOf: string | null;
  viceChair: string | null;
  adjusters: string[];
  noteTakers: string[];
  preamble: string | null;
  present: SnapshotAttendee[];
  vacant: SnapshotVacantSeat[];
  absent: SnapshotAbsent[];
  items: SnapshotItem[];
  evaluation: string | null;
  nextMeetings: string | null;
}

/** "att godkänna …" typed with its "att": the clause without it (printed once, as "Att godkänna …"). */
export function withoutAtt(clause: string): string {
  return clause.replace(/^\s*att\s+/i, '').trim();
}

/** Where the meeting was: room and address, or "Digitalt" with its link. */
function placeOf(meeting: Pick<Meeting, 'format' | 'address' | 'room' | 'link'>): string {
  const physical = [meeting.room, meeting.address].filter(Boolean).join(', ');
  if (meeting.format === 'physical') return meeting.link ? [physical, meeting.link].filter(Boolean).join(' ') : physical;
  const digital = physical || 'Digitalt';
  return meeting.link && !digital.includes(meeting.link) ? `${digital} (${meeting.link})` : digital;
}

interface AttendanceLine {
  personId: string | null;
  name: string;
  organisation: string;
  seatId: string | null;
  seat: string | null;
  status: string;
  substituteFor: string | null;
  guest: boolean;
  adjunct: boolean;
  digital: boolean;
  viewsInAdvance: string | null;
}

/** The attendance list with each person's name, organisation, seat and the one they stand in for. */
async function attendanceLines(db: DbOrTx, meeting: Pick<Meeting, 'id'>): Promise<AttendanceLine[]> {
  const person = alias(people, 'person');
  const substituted = alias(people, 'substituted');
  const seatOrg = alias(organisations, 'seat_org');
  const rows = await db
    .select({
      personId: attendance.personId,
      personName: person.name,
      guestName: attendance.guestName,
      label: attendance.organisationLabel,
      status: attendance.status,
      substituteFor: substituted.name,
      guest: attendance.guest,
      adjunct: attendance.adjunct,
      digital: attendance.digital,
      views: attendance.viewsInAdvance,
      membershipOrg: organisations.name,
      seatId: attendance.seatId,
      seatFunction: seats.function,
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
    personId: r.personId,
    name: r.personName ?? r.guestName ?? '',
    organisation: r.label ?? r.membershipOrg ?? r.seatOrg ?? r.seatPrincipal ?? r.seatGroup ?? '',
    seatId: r.seatId,
    seat: r.seatFunction ?? null,
    status: r.status,
    substituteFor: r.substituteFor,
    guest: r.guest,
    adjunct: r.adjunct,
    digital: r.digital,
    viewsInAdvance: r.views?.trim() || null,
  }));
}

const bySeatThenName = (a: { organisation: string; seat: string | null; name: string }, b: { organisation: string; seat: string | null; name: string }) =>
  (a.organisation === '' ? 1 : 0) - (b.organisation === '' ? 1 : 0) || compareSwedish(a.organisation, b.organisation) || compareSwedish(a.seat ?? '', b.seat ?? '') || compareSwedish(a.name, b.name);

/** Present, absent (with views sent in advance) and the seats left vacant. */
function groupAttendance(
  lines: AttendanceLine[],
  vacantSeats: { seatId: string; seat: string; organisation: string }[],
  generalViews: Map<string, string>,
): Pick<MinutesSnapshot, 'present' | 'absent' | 'vacant'> {
  const anyPresent = lines.some((l) => l.status === 'present');
  // Without a roll call (nobody marked present), those called are listed as present.
  const present = lines.filter((l) => l.status === 'present' || (!anyPresent && l.status === 'expected'));
  const taken = new Set(present.map((l) => l.seatId).filter(Boolean));
  const joinViews = (...texts: (string | null | undefined)[]) => [...new Set(texts.map((v) => v?.trim()).filter((v): v is string => !!v))].join('\n\n') || null;
  return {
    present: present
      .map((l) => ({ name: l.name, organisation: l.organisation, seat: l.seat, substituteFor: l.substituteFor, guest: l.guest, adjunct: l.adjunct, digital: l.digital }))
      .sort(bySeatThenName),
    vacant: vacantSeats.filter((s) => !taken.has(s.seatId)).map((s) => ({ seat: s.seat, organisation: s.organisation })),
    absent: lines
      .filter((l) => l.status === 'absent' || l.status === 'excused')
      .map((l) => ({
        name: l.name,
        organisation: l.organisation,
        seat: l.seat,
        excused: l.status === 'excused',
        viewsInAdvance: joinViews(l.viewsInAdvance, l.personId ? generalViews.get(l.personId) : null),
      }))
      .sort(bySeatThenName),
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

/**
 * The items in reading order: each main item followed by its sub-items (at any depth),
 * siblings by position, with the number each is shown with.
 */
export function itemTree<T extends { id: string; parentId: string | null; position: number; number: string | null }>(items: readonly T[]): { item: T; number: string; depth: number }[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | null, T[]>();
  for (const i of items) {
    const parent = i.parentId && ids.has(i.parentId) ? i.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(i);
    children.set(parent, list);
  }
  const out: { item: T; number: string; depth: number }[] = [];
  const walk = (parent: string | null, prefix: string | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
    list.forEach((item, index) => {
      const own = item.number?.trim();
      const number = own || (prefix ? `${prefix}.${index + 1}` : String(index + 1));
      out.push({ item, number, depth });
      if (depth < 10) walk(item.id, number, depth + 1);
    });
  };
  walk(null, null, 0);
  return out;
}

/** A locked version's content as the current format reads it (versions locked before format 2 are filled in). */
export function upgradeSnapshot(raw: unknown): MinutesSnapshot {
  const s = raw as MinutesSnapshot;
  if (s.format === SNAPSHOT_FORMAT) return s;
  const old = raw as {
    present?: { organisation: string; people: { name: string; substituteFor: string | null; guest: boolean; adjunct: boolean }[] }[];
    absent?: { name: string; organisation: string; excused: boolean }[];
  };
  return {
    ...s,
    meeting: { ...s.meeting, timesKnown: s.meeting.timesKnown ?? true, jointBodies: s.meeting.jointBodies ?? [] },
    viceChair: s.viceChair ?? null,
    chairInPlaceOf: s.chairInPlaceOf ?? null,
    present: (old.present ?? []).flatMap((g) => g.people.map((p) => ({ ...p, organisation: g.organisation, seat: null, digital: false }))),
    vacant: [],
    absent: (old.absent ?? []).map((a) => ({ ...a, seat: null, viewsInAdvance: null })),
    items: (s.items as (SnapshotItem & { presenter?: string | null })[]).map((i) => ({
      ...i,
      parentId: i.parentId ?? null,
      section: i.section ?? null,
      description: i.description ?? null,
      presenters: i.presenters ?? (i.presenter ? [{ name: i.presenter, organisation: null }] : []),
      case: i.case ?? null,
      caseTransition: i.caseTransition ?? null,
      viewsInAdvance: i.viewsInAdvance ?? [],
      attachments: i.attachments ?? [],
      actions: (i.actions ?? []).map((a) => ({ ...a, doneNote: a.doneNote ?? null })),
    })),
  };
}

/** Reads the current content of the minutes of a meeting. */
export async function buildSnapshot(db: DbOrTx, meeting: Meeting, m: Minutes, options: { body?: Body } = {}): Promise<MinutesSnapshot> {
  const body = options.body ?? (await db.select().from(bodies).where(eq(bodies.id, meeting.bodyId)))[0]!;
  const startDay = stockholmDay(meeting.startsAt);
  const [[structure], items, lines, decisionRows, actions, agenda, files, reports, joint, chairs] = await Promise.all([
    db.select({ name: structures.name }).from(structures).where(eq(structures.id, body.structureId)),
    itemsOf(db, m.id),
    attendanceLines(db, meeting),
    db
      .select()
      .from(decisions)
      .where(and(eq(decisions.meetingId, meeting.id), isNull(decisions.withdrawnAt))),
    db.select().from(actionItems).where(eq(actionItems.meetingId, meeting.id)).orderBy(asc(actionItems.createdAt), asc(actionItems.id)),
    db.select({ id: agendaItems.id, section: agendaItems.section, description: agendaItems.description }).from(agendaItems).where(eq(agendaItems.meetingId, meeting.id)),
    db
      .select({ id: attachments.id, itemId: attachments.itemId, filename: attachments.filename })
      .from(attachments)
      .where(eq(attachments.meetingId, meeting.id))
      .orderBy(asc(attachments.createdAt), asc(attachments.id)),
    db
      .select({ personId: absenceReports.personId, name: people.name, views: absenceReports.views, itemViews: absenceReports.itemViews })
      .from(absenceReports)
      .innerJoin(people, eq(people.id, absenceReports.personId))
      .where(eq(absenceReports.meetingId, meeting.id))
      .orderBy(asc(people.sortKey), asc(people.id)),
    db.select({ name: bodies.name }).from(meetingBodies).innerJoin(bodies, eq(bodies.id, meetingBodies.bodyId)).where(eq(meetingBodies.meetingId, meeting.id)).orderBy(asc(bodies.sortKey)),
    // The body's chair and vice chairs on the meeting day: the vice chair printed, and the chair in whose place another chaired.
    db
      .select({ personId: memberships.personId, role: memberships.role, name: people.name })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(memberships.bodyId, meeting.bodyId), inArray(memberships.role, ['chair', 'vice_chair']), activeOn(startDay)))
      .orderBy(asc(people.sortKey)),
  ]);
  const roster = await meetingRoster(db, meeting);
  const bodyChair = chairs.find((c) => c.role === 'chair');
  const vacantSeats = roster.seats.filter((s) => s.vacant).map((s) => ({ seatId: s.seatId, seat: s.label, organisation: s.organisationLabel ?? '' }));
  const names = await namesOf(db, [m.chairPersonId, ...m.adjusterIds, ...items.flatMap((i) => i.presenters.map((p) => p.personId)), ...actions.map((a) => a.ownerPersonId)]);
  const [caseRefs, numbers] = await Promise.all([
    caseRefsOf(
      db,
      items.map((i) => i.caseId),
    ),
    minutesNumbers(db, { body, meeting, minutes: m, items }),
  ]);
  const decisionByItem = new Map(decisionRows.map((d) => [d.minuteItemId, d]));
  const agendaById = new Map(agenda.map((a) => [a.id, a]));
  const endDay = stockholmDay(meeting.endsAt);
  const generalViews = new Map(reports.filter((r) => r.views?.trim()).map((r) => [r.personId, r.views!.trim()]));
  const presenterOf = (p: Presenter): SnapshotPresenter => ({ name: p.name?.trim() || (p.personId ? (names.get(p.personId) ?? '') : ''), organisation: p.organisation?.trim() || null });
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
      timesKnown: meeting.timesKnown,
      place: placeOf(meeting),
      format: meeting.format,
      jointBodies: joint.map((j) => j.name),
    },
    body: { id: body.id, name: body.name, shortName: body.shortName, isPublic: body.isPublic },
    structure: structure?.name ?? '',
    chair: m.chairPersonId ? (names.get(m.chairPersonId) ?? null) : null,
    chairInPlaceOf: m.chairPersonId && bodyChair && bodyChair.personId !== m.chairPersonId ? bodyChair.name : null,
    viceChair:
      chairs
        .filter((c) => c.role === 'vice_chair')
        .map((v) => v.name)
        .join(', ') || null,
    adjusters: m.adjusterIds.map((id) => names.get(id)).filter((n): n is string => !!n),
    noteTakers: m.noteTakers.map((n) => n.name),
    preamble: m.preamble,
    ...groupAttendance(lines, vacantSeats, generalViews),
    items: itemTree(items).map(({ item, number }) => {
      const decision = decisionByItem.get(item.id);
      const agendaItem = item.agendaItemId ? agendaById.get(item.agendaItemId) : undefined;
      const kase = item.caseId ? caseRefs.get(item.caseId) : undefined;
      return {
        id: item.id,
        parentId: item.parentId,
        number: numbers.get(item.id) ?? number,
        title: item.title,
        section: agendaItem?.section?.trim() || null,
        description: agendaItem?.description?.trim() || null,
        presenters: item.presenters.map(presenterOf).filter((p) => p.name),
        notes: item.notes,
        questions: item.questions,
        proposal: item.proposal.map(withoutAtt).filter(Boolean),
        outcome: item.outcome,
        decisionNumber: decision ? decisionLabel(body, decision) : null,
        decisionText: item.decisionText,
        condition: item.condition,
        internal: item.internal,
        case: kase ? { ref: kase.ref, title: kase.title } : null,
        caseTransition: item.caseTransition,
        viewsInAdvance: item.agendaItemId
          ? reports.flatMap((r) => r.itemViews.filter((v) => v.itemId === item.agendaItemId && v.views?.trim()).map((v) => ({ name: r.name, views: v.views.trim() })))
          : [],
        attachments: item.agendaItemId ? files.filter((f) => f.itemId === item.agendaItemId).map((f) => ({ id: f.id, filename: f.filename })) : [],
        actions: actions
          .filter((a) => a.minuteItemId === item.id)
          .map((a) => ({
            title: a.title,
            owner: a.ownerName ?? (a.ownerPersonId ? (names.get(a.ownerPersonId) ?? null) : null),
            due: a.dueOn,
            done: a.status === 'done',
            doneNote: a.doneNote?.trim() || null,
          })),
      };
    }),
    evaluation: m.evaluationSummary,
    nextMeetings: m.nextMeetings,
  };
}

/** The public form: items marked internal are left out. */
export function publicSnapshot(s: MinutesSnapshot): MinutesSnapshot {
  const left = new Set<string>();
  // A sub-item of an internal item is left out with it (parents come before their sub-items).
  for (const i of s.items) if (i.internal || (i.parentId && left.has(i.parentId))) left.add(i.id);
  return { ...s, items: s.items.filter((i) => !left.has(i.id)) };
}
