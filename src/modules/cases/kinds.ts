import { defineNotificationKind } from '../../platform/inbox/notify.js';

/** The kinds of notification the cases module sends (labels shown in the inbox and preferences). */
export const CASE_ANSWERED = 'cases.answered';
export const CASE_ANCHORING = 'cases.anchoring';
export const CASE_ASSIGNED = 'cases.assigned';
export const CASE_REPORT_OVERDUE = 'cases.reportOverdue';

/** The kinds of notification this module sends (listed in its manifest). */
export const casesNotificationKinds = [
  defineNotificationKind({ kind: CASE_ANSWERED, label: { sv: 'Svar på ärenden du har väckt', en: 'Answers to cases you raised' }, defaultDelivery: 'immediate' }),
  defineNotificationKind({ kind: CASE_ANCHORING, label: { sv: 'Ärenden att förankra', en: 'Cases to anchor' }, defaultDelivery: 'immediate' }),
  defineNotificationKind({ kind: CASE_ASSIGNED, label: { sv: 'Arbetsgrupper och uppdrag', en: 'Working groups and assignments' }, defaultDelivery: 'immediate' }),
  defineNotificationKind({ kind: CASE_REPORT_OVERDUE, label: { sv: 'Försenade statusrapporter', en: 'Overdue status reports' }, defaultDelivery: 'immediate' }),
];
