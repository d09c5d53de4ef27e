// Every minutes command, registered when this module is loaded.
export { startMinutes } from './start.js';
export { saveHeader } from './save-header.js';
export { saveItem, autosaveItem } from './save-item.js';
export { addMinuteItem } from './add-item.js';
export { addAction } from './add-action.js';
export { updateAction } from './update-action.js';
export { completeAction } from './complete-action.js';
export { sendForApproval } from './send-for-approval.js';
export { approveMinutes } from './approve.js';
export { commentMinutes } from './comment.js';
export { finaliseMinutes } from './finalise.js';
export { startCorrection } from './start-correction.js';
export { evaluateMeeting } from './evaluate.js';
export { publishMinutes } from './publish.js';
export { unpublishMinutes } from './unpublish.js';
export { setDistribution } from './set-distribution.js';
