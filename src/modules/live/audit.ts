import { contribute } from '../../platform/registry.js';
import { AUDIT_LABELS, defineAuditLabels } from '../../platform/audit/labels.js';

/** The words of the live module's command and fields in the change history. */
export const liveAuditLabels = defineAuditLabels({
  module: 'live',
  sv: {
    operations: { 'live.setCurrentItem': 'Bytte den punkt som mötet behandlar' },
    fields: { currentItemId: 'Punkten som behandlas' },
  },
  en: {
    operations: { 'live.setCurrentItem': 'Changed the item the meeting is on' },
    fields: { currentItemId: 'Item being handled' },
  },
});

/** What the live module contributes to the change history. */
export const liveAudit = contribute(AUDIT_LABELS, liveAuditLabels);
