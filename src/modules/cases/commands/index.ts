// Every command of the cases module (importing this registers them).
export { raiseCase } from './raise.js';
export { editCase } from './edit.js';
export { transitionCase } from './transition.js';
export { addCaseLink, removeCaseLink } from './links.js';
export { appointWorkingGroup } from './appoint-working-group.js';
export { saveDirective, issueDirective } from './directive.js';
export { recordStatusReport } from './status-report.js';
export { recordAnchoring } from './anchoring.js';
export { recordAdoption } from './adoption.js';
export { sendImplementationNotice } from './notice.js';
export { addActivity, updateActivity, rollActivityPlan } from './activities.js';
