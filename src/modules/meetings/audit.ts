import { inArray, sql } from 'drizzle-orm';
import { contribute } from '../../platform/registry.js';
import { AUDIT_LABELS, defineAuditLabels } from '../../platform/audit/labels.js';
import { AUDIT_NAMES, AUDIT_SCOPES, type AuditNames, type AuditScope } from '../../platform/audit/history.js';
import type { HistoryAccess } from '../../platform/auth/admin-pages.js';
import { mayReadBodyHistory } from '../structure/index.js';
import { absenceReports, agendaItems, attachments, attendance, itemSubmissions, meetings } from './schema.js';

/** The words of the meetings module's commands and fields in the change history. */
export const meetingsAuditLabels = defineAuditLabels({
  module: 'meetings',
  sv: {
    operations: {
      'meetings.acceptProposal': 'Tog med ett förslag på dagordningen',
      'meetings.acceptSubmission': 'Tog med en anmäld punkt på dagordningen',
      'meetings.addGuest': 'Bjöd in en gäst',
      'meetings.addItem': 'Lade till en punkt på dagordningen',
      'meetings.cancel': 'Ställde in mötet',
      'meetings.create': 'Planerade ett möte',
      'meetings.declineSubmission': 'Tackade nej till en anmäld punkt',
      'meetings.dismissProposal': 'Valde bort ett förslag till dagordningen',
      'meetings.mergeSubmission': 'Slog ihop en anmäld punkt med en annan punkt',
      'meetings.moveItem': 'Flyttade en punkt på dagordningen',
      'meetings.planYear': 'Planerade årets möten',
      'meetings.publishAgenda': 'Publicerade dagordningen',
      'meetings.recordAttendance': 'Förde in närvaron',
      'meetings.registerPast': 'Förde in ett möte i efterhand',
      'meetings.removeAttachment': 'Tog bort en bilaga',
      'meetings.removeItem': 'Tog bort en punkt från dagordningen',
      'meetings.reportAbsence': 'Anmälde frånvaro',
      'meetings.setAgendaTemplate': 'Ändrade mallen för dagordningen',
      'meetings.submitItem': 'Anmälde en punkt till dagordningen',
      'meetings.updateItem': 'Ändrade en punkt på dagordningen',
      'meetings.update': 'Ändrade mötet',
      'meetings.uploadAttachment': 'Lade till en bilaga',
    },
    objects: {
      meeting: 'Möte',
      agenda_item: 'Punkt på dagordningen',
      item_submission: 'Anmäld punkt',
      meeting_attachment: 'Bilaga',
      attendance: 'Närvaro',
      absence_report: 'Frånvaroanmälan',
    },
    fields: {
      title: 'Rubrik',
      date: 'Datum',
      startTime: 'Starttid',
      endDate: 'Slutdatum',
      endTime: 'Sluttid',
      format: 'Mötesform',
      address: 'Adress',
      room: 'Lokal',
      link: 'Länk till mötet',
      notes: 'Övrigt',
      adjunct: 'Adjungerad',
      agendaPublishDate: 'Dagordningen publiceras',
      agendaPublishOn: 'Dagordningen publiceras',
      agendaPublishedAt: 'Dagordningen publicerades',
      agendaTemplate: 'Mall för dagordningen',
      attachmentId: 'Bilaga',
      attachments: 'Bilagor',
      attendance: 'Närvaro',
      callOpensDate: 'Det går att anmäla punkter från',
      callOpensOn: 'Det går att anmäla punkter från',
      cancelReason: 'Skäl till att mötet ställdes in',
      cancelledAt: 'Inställt',
      contentType: 'Filtyp',
      decidedAt: 'Beslutat',
      decidedBy: 'Beslutat av',
      direction: 'Riktning',
      dismissed: 'Bortvald',
      durationMinutes: 'Tid i minuter',
      endsAt: 'Slutar',
      entries: 'Närvaro',
      file: 'Fil',
      filename: 'Filnamn',
      fixedStartAt: 'Fast starttid',
      guest: 'Gäst',
      guestName: 'Gästens namn',
      isJoint: 'Gemensamt möte',
      itemViews: 'Synpunkter på punkterna',
      items: 'Punkter',
      jointBodyIds: 'Grupper i det gemensamma mötet',
      key: 'Förslag',
      meetings: 'Möten',
      mergedIntoItemId: 'Ihopslagen med punkten',
      organisationLabel: 'Organisation',
      placement: 'Placering',
      presenterName: 'Föredragande',
      presenters: 'Föredragande',
      digital: 'Deltog digitalt',
      parentId: 'Underpunkt till',
      subItems: 'Underpunkter',
      presenterPersonId: 'Föredragande',
      registeredAfterwards: 'Infört i efterhand',
      timesKnown: 'Tider kända',
      reply: 'Svar',
      section: 'Del av dagordningen',
      size: 'Storlek i byte',
      source: 'Kommer från',
      sourceId: 'Kommer från',
      sourceRef: 'Kommer från',
      startsAt: 'Börjar',
      status: 'Läge',
      submissionDeadline: 'Sista dag att anmäla punkter',
      submissionDeadlineDate: 'Sista dag att anmäla punkter',
      submissionId: 'Anmäld punkt',
      submittedBy: 'Anmäld av',
      uploadedBy: 'Tillagd av',
      views: 'Synpunkter',
      wishedMinutes: 'Önskad tid i minuter',
      preview: 'Förhandsvisning',
    },
    values: {
      direction: { up: 'Upp', down: 'Ned' },
    },
  },
  en: {
    operations: {
      'meetings.acceptProposal': 'Put a proposal on the agenda',
      'meetings.acceptSubmission': 'Put a submitted item on the agenda',
      'meetings.addGuest': 'Invited a guest',
      'meetings.addItem': 'Added an agenda item',
      'meetings.cancel': 'Cancelled the meeting',
      'meetings.create': 'Planned a meeting',
      'meetings.declineSubmission': 'Declined a submitted item',
      'meetings.dismissProposal': 'Dismissed an agenda proposal',
      'meetings.mergeSubmission': 'Merged a submitted item into another item',
      'meetings.moveItem': 'Moved an agenda item',
      'meetings.planYear': "Planned the year's meetings",
      'meetings.publishAgenda': 'Published the agenda',
      'meetings.recordAttendance': 'Recorded the attendance',
      'meetings.registerPast': 'Recorded a past meeting',
      'meetings.removeAttachment': 'Removed an attachment',
      'meetings.removeItem': 'Removed an agenda item',
      'meetings.reportAbsence': 'Reported absence',
      'meetings.setAgendaTemplate': 'Changed the agenda template',
      'meetings.submitItem': 'Submitted an agenda item',
      'meetings.updateItem': 'Changed an agenda item',
      'meetings.update': 'Changed the meeting',
      'meetings.uploadAttachment': 'Added an attachment',
    },
    objects: {
      meeting: 'Meeting',
      agenda_item: 'Agenda item',
      item_submission: 'Submitted item',
      meeting_attachment: 'Attachment',
      attendance: 'Attendance',
      absence_report: 'Absence report',
    },
    fields: {
      title: 'Title',
      date: 'Date',
      startTime: 'Start time',
      endDate: 'End date',
      endTime: 'End time',
      format: 'Format',
      address: 'Address',
      room: 'Room',
      link: 'Link to the meeting',
      notes: 'Other information',
      adjunct: 'Co-opted',
      agendaPublishDate: 'Agenda published on',
      agendaPublishOn: 'Agenda published on',
      agendaPublishedAt: 'Agenda published',
      agendaTemplate: 'Agenda template',
      attachmentId: 'Attachment',
      attachments: 'Attachments',
      attendance: 'Attendance',
      callOpensDate: 'Items can be submitted from',
      callOpensOn: 'Items can be submitted from',
      cancelReason: 'Why the meeting was cancelled',
      cancelledAt: 'Cancelled',
      contentType: 'File type',
      decidedAt: 'Decided',
      decidedBy: 'Decided by',
      direction: 'Direction',
      dismissed: 'Dismissed',
      durationMinutes: 'Minutes set aside',
      endsAt: 'Ends',
      entries: 'Attendance',
      file: 'File',
      filename: 'File name',
      fixedStartAt: 'Fixed start time',
      guest: 'Guest',
      guestName: "Guest's name",
      isJoint: 'Joint meeting',
      itemViews: 'Views on the items',
      items: 'Items',
      jointBodyIds: 'Groups in the joint meeting',
      key: 'Proposal',
      meetings: 'Meetings',
      mergedIntoItemId: 'Merged into the item',
      organisationLabel: 'Organisation',
      placement: 'Placement',
      presenterName: 'Presenter',
      presenters: 'Presenters',
      digital: 'Took part online',
      parentId: 'Sub-item of',
      subItems: 'Sub-items',
      presenterPersonId: 'Presenter',
      registeredAfterwards: 'Recorded afterwards',
      timesKnown: 'Times known',
      reply: 'Reply',
      section: 'Part of the agenda',
      size: 'Size in bytes',
      source: 'Comes from',
      sourceId: 'Comes from',
      sourceRef: 'Comes from',
      startsAt: 'Starts',
      status: 'State',
      submissionDeadline: 'Last day to submit items',
      submissionDeadlineDate: 'Last day to submit items',
      submissionId: 'Submitted item',
      submittedBy: 'Submitted by',
      uploadedBy: 'Added by',
      views: 'Views',
      wishedMinutes: 'Minutes wished for',
      preview: 'Preview',
    },
    values: {
      direction: { up: 'Up', down: 'Down' },
    },
  },
});

const meetingsOfBody = (id: string) => sql`select ${meetings.id} from ${meetings} where ${meetings.bodyId} = ${id}`;

/** The meetings' objects in the history of their body and of their meeting. */
const meetingScopes: AuditScope[] = [
  { parent: 'body', objectType: 'meeting', ids: (id) => sql`select ${meetings.id}::text from ${meetings} where ${meetings.bodyId} = ${id}` },
  ...(
    [
      ['agenda_item', agendaItems],
      ['item_submission', itemSubmissions],
      ['meeting_attachment', attachments],
      ['attendance', attendance],
      ['absence_report', absenceReports],
    ] as const
  ).flatMap(([objectType, table]): AuditScope[] => [
    { parent: 'body', objectType, ids: (id) => sql`select ${table.id}::text from ${table} where ${table.meetingId} in (${meetingsOfBody(id)})` },
    { parent: 'meeting', objectType, ids: (id) => sql`select ${table.id}::text from ${table} where ${table.meetingId} = ${id}` },
  ]),
];

const dayFormat = {
  sv: new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Stockholm' }),
};

/** Meetings by title and day, agenda items and submissions by title, attachments by file name. */
const meetingNames: AuditNames = {
  async names(db, ids, lang) {
    const [m, items, subs, files] = await Promise.all([
      db.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt }).from(meetings).where(inArray(meetings.id, ids)),
      db.select({ id: agendaItems.id, name: agendaItems.title }).from(agendaItems).where(inArray(agendaItems.id, ids)),
      db.select({ id: itemSubmissions.id, name: itemSubmissions.title }).from(itemSubmissions).where(inArray(itemSubmissions.id, ids)),
      db.select({ id: attachments.id, name: attachments.filename }).from(attachments).where(inArray(attachments.id, ids)),
    ]);
    return [...m.map((r) => ({ id: r.id, name: `${r.title} ${dayFormat[lang].format(r.startsAt)}` })), ...items, ...subs, ...files];
  },
};

/** Who may read a meeting's change history: those who may read its body's. */
export const meetingHistoryAccess: HistoryAccess = {
  objectType: 'meeting',
  allowed: async (c, id) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    const [row] = await c
      .get('deps')
      .database.db.select({ bodyId: meetings.bodyId })
      .from(meetings)
      .where(sql`${meetings.id} = ${id}`);
    return !!row && (await mayReadBodyHistory(c, row.bodyId));
  },
};

/** What the meetings module contributes to the change history. */
export const meetingsAudit = [...contribute(AUDIT_LABELS, meetingsAuditLabels), ...contribute(AUDIT_SCOPES, ...meetingScopes), ...contribute(AUDIT_NAMES, meetingNames)];
