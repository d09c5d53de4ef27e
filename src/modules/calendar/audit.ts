import { contribute } from '../../platform/registry.js';
import { AUDIT_LABELS, defineAuditLabels } from '../../platform/audit/labels.js';

/** The words of the calendar module's commands and fields in the change history. */
export const calendarAuditLabels = defineAuditLabels({
  module: 'calendar',
  sv: {
    operations: {
      'calendar.createFeed': 'Skapade en kalenderprenumeration',
      'calendar.revokeFeed': 'Stängde av en kalenderprenumeration',
    },
    objects: { calendar_feed: 'Kalenderprenumeration' },
    fields: { feedId: 'Kalenderprenumeration', scope: 'Omfattning' },
    values: { scope: { person: 'Mina möten', body: 'En grupps möten' } },
  },
  en: {
    operations: {
      'calendar.createFeed': 'Created a calendar subscription',
      'calendar.revokeFeed': 'Revoked a calendar subscription',
    },
    objects: { calendar_feed: 'Calendar subscription' },
    fields: { feedId: 'Calendar subscription', scope: 'Scope' },
    values: { scope: { person: 'My meetings', body: "A group's meetings" } },
  },
});

/** What the calendar module contributes to the change history. */
export const calendarAudit = contribute(AUDIT_LABELS, calendarAuditLabels);
