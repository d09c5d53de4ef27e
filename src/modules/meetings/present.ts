import { z } from 'zod';
import type { TimedItem } from './agenda.js';
import type { MeetingListRow, Roster } from './queries/index.js';
import { rosterPeople } from './queries/index.js';
import type { Lang } from '../../platform/i18n/index.js';
import type { AgendaSource, Proposal } from './sources.js';
import type { PublicationPreview } from './publication.js';
import { presenterNames } from './views/presenters.js';
import {
  agendaItemKinds,
  agendaItemOutcomes,
  agendaItemSources,
  attendanceStatuses,
  meetingFormats,
  meetingStatuses,
  submissionStatuses,
  type AgendaItem,
  type ItemSubmission,
  type Meeting,
} from './schema.js';

/*
 * The JSON answers of the meetings API: their schemas (for the OpenAPI document) and the
 * presenters that turn stored rows into them. The routes are in api.ts.
 */

const iso = z.iso.datetime({ offset: true });
const isoOrNull = iso.nullable();
const isoOf = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const meetingOut = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  structureId: z.uuid(),
  title: z.string(),
  startsAt: iso,
  endsAt: iso,
  format: z.enum(meetingFormats),
  address: z.string().nullable(),
  room: z.string().nullable(),
  link: z.string().nullable(),
  notes: z.string().nullable(),
  status: z.enum(meetingStatuses),
  isJoint: z.boolean(),
  registeredAfterwards: z.boolean(),
  callOpensOn: isoOrNull,
  submissionDeadline: isoOrNull,
  agendaPublishOn: isoOrNull,
  agendaPublishedAt: isoOrNull,
  changedAfterPublishAt: isoOrNull,
  cancelledAt: isoOrNull,
  cancelReason: z.string().nullable(),
  sequence: z.number().int().describe('iCalendar SEQUENCE'),
  uid: z.string().describe('iCalendar UID'),
  version: z.number().int(),
});

export function meetingJson(m: Meeting): z.input<typeof meetingOut> {
  return {
    id: m.id,
    bodyId: m.bodyId,
    structureId: m.structureId,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    format: m.format,
    address: m.address,
    room: m.room,
    link: m.link,
    notes: m.notes,
    status: m.status,
    isJoint: m.isJoint,
    registeredAfterwards: m.registeredAfterwards,
    callOpensOn: isoOf(m.callOpensOn),
    submissionDeadline: isoOf(m.submissionDeadline),
    agendaPublishOn: isoOf(m.agendaPublishOn),
    agendaPublishedAt: isoOf(m.agendaPublishedAt),
    changedAfterPublishAt: isoOf(m.changedAfterPublishAt),
    cancelledAt: isoOf(m.cancelledAt),
    cancelReason: m.cancelReason,
    sequence: m.sequence,
    uid: m.uid,
    version: m.version,
  };
}

export const listRowOut = z.object({
  id: z.uuid(),
  title: z.string(),
  bodyId: z.uuid(),
  bodyName: z.string(),
  startsAt: iso,
  endsAt: iso,
  format: z.enum(meetingFormats),
  address: z.string().nullable(),
  room: z.string().nullable(),
  status: z.enum(meetingStatuses),
  isJoint: z.boolean(),
  registeredAfterwards: z.boolean(),
  submissionDeadline: isoOrNull,
  agendaPublishedAt: isoOrNull,
  changedAfterPublishAt: isoOrNull,
});

export const listRowJson = (r: MeetingListRow): z.input<typeof listRowOut> => ({
  ...r,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  submissionDeadline: isoOf(r.submissionDeadline),
  agendaPublishedAt: isoOf(r.agendaPublishedAt),
  changedAfterPublishAt: isoOf(r.changedAfterPublishAt),
});

/** A presenter of an item: a person in the register (personId) or a named external with their organisation. */
export const presenterOut = z.object({ personId: z.uuid().nullable(), name: z.string(), organisation: z.string().nullable() });

const itemOut = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable().describe('The item this one is a sub-item of (null for a main item); items come in tree order'),
  position: z.number().int().describe('Order among the items with the same parent'),
  number: z.string().describe('As shown, unique in the meeting: its own label when free, else from its place (1, 2, 2.1, 2.5.1)'),
  section: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  kind: z.enum(agendaItemKinds),
  presenters: z.array(presenterOut).describe('Who presents the item, in order: a person in the register (personId) or a named external with their organisation'),
  durationMinutes: z.number().int().nullable(),
  startsAt: iso.describe('Clock time of the timed agenda'),
  endsAt: iso,
  source: z.enum(agendaItemSources),
  sourceRef: z.string().nullable(),
  caseId: z.uuid().nullable(),
  internal: z.boolean(),
  outcome: z.enum(agendaItemOutcomes).nullable(),
  changedAfterPublishAt: isoOrNull,
});

export function itemsJson(timed: TimedItem<AgendaItem>[]): z.input<typeof itemOut>[] {
  return timed.map(({ item: i, number, start, end }) => ({
    id: i.id,
    parentId: i.parentId,
    position: i.position,
    number,
    section: i.section,
    title: i.title,
    description: i.description,
    kind: i.kind,
    presenters: i.presenters,
    durationMinutes: i.durationMinutes,
    startsAt: start.toISOString(),
    endsAt: end.toISOString(),
    source: i.source,
    sourceRef: i.sourceRef,
    caseId: i.caseId,
    internal: i.internal,
    outcome: i.outcome,
    changedAfterPublishAt: isoOf(i.changedAfterPublishAt),
  }));
}

export const submissionOut = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  submittedBy: z.uuid(),
  submitterName: z.string().optional(),
  title: z.string(),
  description: z.string().nullable(),
  kind: z.enum(agendaItemKinds),
  presenterName: z.string().nullable(),
  wishedMinutes: z.number().int().nullable(),
  status: z.enum(submissionStatuses),
  reply: z.string().nullable(),
  mergedIntoItemId: z.uuid().nullable(),
  createdAt: iso,
});

export const submissionJson = (s: ItemSubmission, submitterName?: string): z.input<typeof submissionOut> => ({
  id: s.id,
  meetingId: s.meetingId,
  submittedBy: s.submittedBy,
  ...(submitterName ? { submitterName } : {}),
  title: s.title,
  description: s.description,
  kind: s.kind,
  presenterName: s.presenterName,
  wishedMinutes: s.wishedMinutes,
  status: s.status,
  reply: s.reply,
  mergedIntoItemId: s.mergedIntoItemId,
  createdAt: s.createdAt.toISOString(),
});

export const attachmentOut = z.object({
  id: z.uuid(),
  itemId: z.uuid().nullable(),
  submissionId: z.uuid().nullable(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  href: z.string().describe('Download URL (same login)'),
});

const abilitiesOut = z.record(z.string(), z.boolean());

export const meetingDetailsOut = z.object({
  meeting: meetingOut,
  jointBodies: z.array(z.object({ id: z.uuid(), name: z.string() })),
  items: z.array(itemOut),
  agendaEndsAt: iso,
  attachments: z.array(attachmentOut),
  abilities: abilitiesOut,
});

export const frequencyOut = z.object({
  checks: z.array(
    z.object({
      key: z.enum(['termin', 'year', 'physical', 'joint']),
      period: z.string(),
      from: z.iso.date(),
      to: z.iso.date(),
      held: z.number().int(),
      planned: z.number().int(),
      min: z.number().int().nullable(),
      max: z.number().int().nullable(),
      state: z.enum(['ok', 'onTrack', 'atRisk', 'missed', 'over', 'info']),
    }),
  ),
  warnings: z.array(z.string()).describe('Keys of the checks that need attention'),
});

export const proposalsOut = z.object({
  sources: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      proposals: z.array(
        z.object({
          key: z.string(),
          title: z.string(),
          description: z.string().nullable(),
          kind: z.enum(agendaItemKinds),
          section: z.string().nullable(),
          presenterName: z.string().nullable(),
          durationMinutes: z.number().int().nullable(),
          source: z.enum(agendaItemSources),
          reason: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const rosterOut = z.object({
  substitutesAllowed: z.boolean(),
  seats: z.array(z.object({ seatId: z.uuid(), label: z.string(), organisationLabel: z.string().nullable(), vacant: z.boolean(), personIds: z.array(z.uuid()) })),
  people: z.array(
    z.object({
      personId: z.uuid().nullable(),
      name: z.string(),
      role: z.string(),
      seatId: z.uuid().nullable(),
      organisationLabel: z.string().nullable(),
      status: z.enum(attendanceStatuses).nullable(),
      substituteForPersonId: z.uuid().nullable(),
      viewsInAdvance: z.string().nullable(),
      /** Took part digitally. */
      digital: z.boolean(),
      calledAt: isoOrNull,
    }),
  ),
});

const statsRow = z.object({ key: z.string(), label: z.string(), present: z.number().int(), absent: z.number().int(), excused: z.number().int(), meetings: z.number().int() });

/** An attachment of a meeting, with the address it is fetched from. */
export function attachmentJson(
  meetingId: string,
  f: { id: string; itemId: string | null; submissionId: string | null; filename: string; contentType: string; size: number },
): z.input<typeof attachmentOut> {
  return { id: f.id, itemId: f.itemId, submissionId: f.submissionId, filename: f.filename, contentType: f.contentType, size: f.size, href: `/meetings/${meetingId}/attachments/${f.id}` };
}

/** The open proposals of every agenda source, in the reader's language. */
export function proposalsJson(open: { source: AgendaSource; proposals: Proposal[] }[], lang: Lang): z.input<typeof proposalsOut> {
  return {
    sources: open.map(({ source, proposals }) => ({
      id: source.id,
      label: source.label[lang],
      proposals: proposals.map((p) => ({
        key: p.key,
        title: p.title,
        description: p.description ?? null,
        kind: p.kind,
        section: p.section ?? null,
        presenterName: presenterNames(p.presenters) || p.presenterName || null,
        durationMinutes: p.durationMinutes ?? null,
        source: p.source,
        reason: p.reason ?? null,
      })),
    })),
  };
}

/** The attendance list: seats with their holders and substitutes, and everyone on it. */
export function rosterJson(roster: Roster): z.input<typeof rosterOut> {
  return {
    substitutesAllowed: roster.substitutesAllowed,
    seats: roster.seats.map((s) => ({
      seatId: s.seatId,
      label: s.label,
      organisationLabel: s.organisationLabel,
      vacant: s.vacant,
      personIds: [...s.holders, ...s.substitutes].map((h) => h.personId!).filter(Boolean),
    })),
    people: rosterPeople(roster).map((e) => ({
      personId: e.personId,
      name: e.name,
      role: e.role,
      seatId: e.seatId,
      organisationLabel: e.attendance?.organisationLabel ?? e.organisationLabel,
      status: e.attendance?.status ?? null,
      substituteForPersonId: e.attendance?.substituteForPersonId ?? null,
      viewsInAdvance: e.attendance?.viewsInAdvance ?? null,
      digital: e.attendance?.digital ?? false,
      calledAt: isoOf(e.attendance?.calledAt),
    })),
  };
}

// The small answers of the commands

export const attendanceStatisticsOut = z.object({ meetings: z.number().int(), people: z.array(statsRow), organisations: z.array(statsRow) });
export const submissionListOut = z.object({ items: z.array(submissionOut) });
export const meetingListOut = z.object({ items: z.array(meetingOut) });
export const countOut = z.object({ count: z.number().int() });
export const itemIdOut = z.object({ itemId: z.uuid() });
export const dismissedOut = z.object({ dismissed: z.boolean() });
export const itemWithMeetingOut = z.object({ itemId: z.uuid(), meeting: meetingOut });
export const movedOut = z.object({ moved: z.boolean(), position: z.number().int() });
export const removedOut = z.object({ removed: z.boolean() });
const personRef = z.object({ personId: z.uuid(), name: z.string() });
/** An absence report and what it set off: the substitute called in (null: none) and who was told. */
export const absenceOut = z.object({
  reportId: z.uuid(),
  substitutePersonId: z.uuid().nullable(),
  /** The substitute called in to attend in the member's place; null when the member has none. */
  substitute: personRef.nullable(),
  /** Who is told of the absence: the body's secretary (lacking one, its process leader, or its chair and vice chair). */
  informed: z.array(personRef),
});
export const recordedOut = z.object({ recorded: z.number().int() });
export const idOut = z.object({ id: z.uuid() });

/** The meeting call before it is sent: its text, agenda and recipients, and the token to publish exactly this. */
export const publicationPreviewOut = z.object({
  meetingId: z.uuid(),
  /** True when the agenda is already published (publishing again is refused). */
  published: z.boolean(),
  subject: z.string(),
  text: z.string(),
  items: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string(), presenter: z.string().nullable(), startsAt: z.string() })),
  recipients: z.array(z.object({ personId: z.uuid(), name: z.string(), role: z.string(), organisation: z.string().nullable(), email: z.string().nullable(), language: z.enum(['sv', 'en']) })),
  token: z.string(),
});

export function publicationPreviewJson(meeting: Meeting, p: PublicationPreview): z.input<typeof publicationPreviewOut> {
  return {
    meetingId: meeting.id,
    published: !!meeting.agendaPublishedAt,
    subject: p.call.subject,
    text: p.call.text,
    items: p.items.map(({ item, number, start }) => ({ id: item.id, number, title: item.title, presenter: presenterNames(item.presenters) || null, startsAt: start.toISOString() })),
    recipients: p.recipients,
    token: p.token,
  };
}
