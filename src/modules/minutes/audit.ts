import { eq, inArray, sql } from 'drizzle-orm';
import { contribute } from '../../platform/registry.js';
import { AUDIT_LABELS, defineAuditLabels } from '../../platform/audit/labels.js';
import { AUDIT_NAMES, AUDIT_SCOPES, type AuditNames, type AuditScope } from '../../platform/audit/history.js';
import type { HistoryAccess } from '../../platform/auth/admin-pages.js';
import { mayReadBodyHistory } from '../structure/index.js';
import { actionItems, decisions, meetingEvaluations, minuteItems, minutes } from './schema.js';

/** The words of the minutes module's commands and fields in the change history. */
export const minutesAuditLabels = defineAuditLabels({
  module: 'minutes',
  sv: {
    operations: {
      'minutes.addAction': 'Lade till en åtgärd',
      'minutes.addItem': 'Lade till en paragraf i protokollet',
      'minutes.approve': 'Justerade protokollet',
      'minutes.comment': 'Lämnade en synpunkt på protokollet',
      'minutes.completeAction': 'Markerade en åtgärd som klar',
      'minutes.evaluate': 'Utvärderade mötet',
      'minutes.finalise': 'Gjorde protokollet klart',
      'minutes.lock': 'Låste protokollet',
      'minutes.publish': 'Publicerade protokollet',
      'minutes.recordDecision': 'Förde in ett beslut',
      'minutes.saveHeader': 'Ändrade protokollets inledning',
      'minutes.saveItem': 'Ändrade en paragraf i protokollet',
      'minutes.sendForApproval': 'Skickade protokollet för justering',
      'minutes.setDistribution': 'Ändrade sändlistan för protokoll',
      'minutes.startCorrection': 'Började rätta protokollet',
      'minutes.start': 'Började skriva protokollet',
      'minutes.unpublish': 'Tog bort protokollet från den öppna sidan',
      'minutes.updateAction': 'Ändrade en åtgärd',
    },
    objects: {
      minutes: 'Protokoll',
      minute_item: 'Paragraf i protokollet',
      decision: 'Beslut',
      action_item: 'Åtgärd',
      meeting_evaluation: 'Utvärdering av mötet',
    },
    fields: {
      title: 'Rubrik',
      actionId: 'Åtgärd',
      adjusterIds: 'Justerare',
      agendaItem: 'Punkt på dagordningen',
      approvalDeadline: 'Sista dag att justera',
      approvalStartedAt: 'Skickat för justering',
      approvedAt: 'Justerat',
      approvedVersion: 'Justerad version',
      approverIds: 'Justerare',
      approvers: 'Justerare',
      attachmentIds: 'Bilagor',
      caseTransition: 'Steg i ärendet',
      chairPersonId: 'Ordförande',
      clauses: 'Paragrafer',
      comment: 'Synpunkt',
      commentedAt: 'Synpunkt lämnad',
      condition: 'Villkor',
      correctionReason: 'Skäl till rättelsen',
      deadline: 'Sista dag',
      decidedOn: 'Beslutsdatum',
      decisionText: 'Beslut',
      distributedAt: 'Skickat',
      doneAt: 'Klar',
      doneBy: 'Klar av',
      doneNote: 'Kommentar när den blev klar',
      dueOn: 'Klar senast',
      emails: 'E-postadresser',
      evaluationSummary: 'Sammanfattning av utvärderingen',
      followUpStatus: 'Uppföljning',
      forward: 'Det som förde arbetet framåt',
      hindered: 'Det som hindrade arbetet',
      item: 'Paragraf',
      lockedVersion: 'Låst version',
      minuteItemId: 'Paragraf',
      nextMeetings: 'Nästa möten',
      noteTakerIds: 'Sekreterare',
      noteTakerNames: 'Sekreterare',
      noteTakers: 'Sekreterare',
      notes: 'Anteckningar',
      outcome: 'Utfall',
      ownerName: 'Ansvarig',
      ownerPersonId: 'Ansvarig',
      preamble: 'Inledning',
      presenterName: 'Föredragande',
      presenterPersonId: 'Föredragande',
      proposal: 'Förslag till beslut',
      publishedAt: 'Publicerat',
      questions: 'Frågor',
      sha256: 'Kontrollsumma',
      status: 'Läge',
      updatedBy: 'Ändrat av',
    },
    values: {
      followUpStatus: { none: 'Ingen', open: 'Pågår', done: 'Klar' },
    },
  },
  en: {
    operations: {
      'minutes.addAction': 'Added an action',
      'minutes.addItem': 'Added an item to the minutes',
      'minutes.approve': 'Approved the minutes',
      'minutes.comment': 'Commented on the minutes',
      'minutes.completeAction': 'Marked an action as done',
      'minutes.evaluate': 'Evaluated the meeting',
      'minutes.finalise': 'Finalised the minutes',
      'minutes.lock': 'Locked the minutes',
      'minutes.publish': 'Published the minutes',
      'minutes.recordDecision': 'Recorded a decision',
      'minutes.saveHeader': "Changed the minutes' opening",
      'minutes.saveItem': 'Changed an item in the minutes',
      'minutes.sendForApproval': 'Sent the minutes for approval',
      'minutes.setDistribution': 'Changed the distribution list of minutes',
      'minutes.startCorrection': 'Started correcting the minutes',
      'minutes.start': 'Started the minutes',
      'minutes.unpublish': 'Took the minutes off the public page',
      'minutes.updateAction': 'Changed an action',
    },
    objects: {
      minutes: 'Minutes',
      minute_item: 'Item in the minutes',
      decision: 'Decision',
      action_item: 'Action',
      meeting_evaluation: 'Evaluation of the meeting',
    },
    fields: {
      title: 'Title',
      actionId: 'Action',
      adjusterIds: 'Adjusters',
      agendaItem: 'Agenda item',
      approvalDeadline: 'Last day to approve',
      approvalStartedAt: 'Sent for approval',
      approvedAt: 'Approved',
      approvedVersion: 'Approved version',
      approverIds: 'Approvers',
      approvers: 'Approvers',
      attachmentIds: 'Attachments',
      caseTransition: 'Step of the case',
      chairPersonId: 'Chair',
      clauses: 'Items',
      comment: 'Comment',
      commentedAt: 'Commented',
      condition: 'Condition',
      correctionReason: 'Why it is corrected',
      deadline: 'Last day',
      decidedOn: 'Decided on',
      decisionText: 'Decision',
      distributedAt: 'Sent',
      doneAt: 'Done',
      doneBy: 'Done by',
      doneNote: 'Note when done',
      dueOn: 'Due',
      emails: 'E-mail addresses',
      evaluationSummary: 'Summary of the evaluation',
      followUpStatus: 'Follow-up',
      forward: 'What moved the work forward',
      hindered: 'What held the work back',
      item: 'Item',
      lockedVersion: 'Locked version',
      minuteItemId: 'Item',
      nextMeetings: 'Next meetings',
      noteTakerIds: 'Secretaries',
      noteTakerNames: 'Secretaries',
      noteTakers: 'Secretaries',
      notes: 'Notes',
      outcome: 'Outcome',
      ownerName: 'Owner',
      ownerPersonId: 'Owner',
      preamble: 'Opening',
      presenterName: 'Presenter',
      presenterPersonId: 'Presenter',
      proposal: 'Proposed decision',
      publishedAt: 'Published',
      questions: 'Questions',
      sha256: 'Checksum',
      status: 'State',
      updatedBy: 'Changed by',
    },
    values: {
      followUpStatus: { none: 'None', open: 'Open', done: 'Done' },
    },
  },
});

/** The minutes' objects in the history of their body, their meeting and their minutes. */
const minutesScopes: AuditScope[] = [
  { parent: 'body', objectType: 'minutes', ids: (id) => sql`select ${minutes.id}::text from ${minutes} where ${minutes.bodyId} = ${id}` },
  { parent: 'meeting', objectType: 'minutes', ids: (id) => sql`select ${minutes.id}::text from ${minutes} where ${minutes.meetingId} = ${id}` },
  { parent: 'body', objectType: 'minute_item', ids: (id) => sql`select i.id::text from ${minuteItems} i join ${minutes} m on m.id = i.minutes_id where m.body_id = ${id}` },
  { parent: 'meeting', objectType: 'minute_item', ids: (id) => sql`select ${minuteItems.id}::text from ${minuteItems} where ${minuteItems.meetingId} = ${id}` },
  { parent: 'minutes', objectType: 'minute_item', ids: (id) => sql`select ${minuteItems.id}::text from ${minuteItems} where ${minuteItems.minutesId} = ${id}` },
  { parent: 'body', objectType: 'decision', ids: (id) => sql`select ${decisions.id}::text from ${decisions} where ${decisions.bodyId} = ${id}` },
  { parent: 'meeting', objectType: 'decision', ids: (id) => sql`select ${decisions.id}::text from ${decisions} where ${decisions.meetingId} = ${id}` },
  { parent: 'minutes', objectType: 'decision', ids: (id) => sql`select d.id::text from ${decisions} d join ${minutes} m on m.meeting_id = d.meeting_id where m.id = ${id}` },
  { parent: 'body', objectType: 'action_item', ids: (id) => sql`select ${actionItems.id}::text from ${actionItems} where ${actionItems.bodyId} = ${id}` },
  { parent: 'meeting', objectType: 'action_item', ids: (id) => sql`select ${actionItems.id}::text from ${actionItems} where ${actionItems.meetingId} = ${id}` },
  { parent: 'minutes', objectType: 'action_item', ids: (id) => sql`select a.id::text from ${actionItems} a join ${minutes} m on m.meeting_id = a.meeting_id where m.id = ${id}` },
  { parent: 'body', objectType: 'meeting_evaluation', ids: (id) => sql`select e.id::text from ${meetingEvaluations} e join ${minutes} m on m.meeting_id = e.meeting_id where m.body_id = ${id}` },
  { parent: 'meeting', objectType: 'meeting_evaluation', ids: (id) => sql`select ${meetingEvaluations.id}::text from ${meetingEvaluations} where ${meetingEvaluations.meetingId} = ${id}` },
];

/** Items, decisions and actions by their titles. */
const minutesNames: AuditNames = {
  async names(db, ids) {
    const [items, d, a] = await Promise.all([
      db.select({ id: minuteItems.id, name: minuteItems.title }).from(minuteItems).where(inArray(minuteItems.id, ids)),
      db.select({ id: decisions.id, name: decisions.title }).from(decisions).where(inArray(decisions.id, ids)),
      db.select({ id: actionItems.id, name: actionItems.title }).from(actionItems).where(inArray(actionItems.id, ids)),
    ]);
    return [...items, ...d, ...a];
  },
};

/** Who may read the change history of minutes: those who may read its body's. */
export const minutesHistoryAccess: HistoryAccess = {
  objectType: 'minutes',
  allowed: async (c, id) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    const [row] = await c.get('deps').database.db.select({ bodyId: minutes.bodyId }).from(minutes).where(eq(minutes.id, id));
    return !!row && (await mayReadBodyHistory(c, row.bodyId));
  },
};

/** What the minutes module contributes to the change history. */
export const minutesAudit = [...contribute(AUDIT_LABELS, minutesAuditLabels), ...contribute(AUDIT_SCOPES, ...minutesScopes), ...contribute(AUDIT_NAMES, minutesNames)];
