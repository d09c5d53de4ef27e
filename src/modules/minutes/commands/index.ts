// Every minutes command, registered when this module is loaded.
export { startMinutes } from './start.js';
export { saveHeader } from './save-header.js';
export { saveItem, autosaveItem } from './save-item.js';
export { addMinuteItem } from './add-item.js';
export { addAction, updateAction, completeAction } from './actions.js';
export { sendForApproval, approveMinutes, commentMinutes, finaliseMinutes, startCorrection } from './approval.js';
export { evaluateMeeting } from './evaluate.js';
export { publishMinutes, unpublishMinutes, setDistribution } from './publish.js';
