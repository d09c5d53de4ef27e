// Every command of the cases module (importing this registers them): one file per command, named after its verb.
export { raiseCase } from './raise.js';
export { editCase } from './edit.js';
export { transitionCase } from './transition.js';
export { addCaseLink } from './add-link.js';
export { removeCaseLink } from './remove-link.js';
export { appointWorkingGroup } from './appoint-working-group.js';
export { saveDirective } from './save-directive.js';
export { issueDirective } from './issue-directive.js';
export { recordStatusReport } from './record-status-report.js';
export { recordAnchoring } from './record-anchoring.js';
export { recordAdoption } from './record-adoption.js';
export { sendImplementationNotice } from './send-implementation-notice.js';
export { addActivity } from './add-activity.js';
export { updateActivity } from './update-activity.js';
export { rollActivityPlan } from './roll-activity-plan.js';
