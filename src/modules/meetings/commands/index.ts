// Every meetings command, registered when this module is loaded.
export { planYear } from './plan-year.js';
export { createMeeting } from './create-meeting.js';
export { updateMeeting } from './update-meeting.js';
export { cancelMeeting } from './cancel-meeting.js';
export { registerPastMeeting } from './register-past.js';
export { publishAgenda } from './publish-agenda.js';
export { submitItem } from './submit-item.js';
export { acceptSubmission, mergeSubmission, declineSubmission } from './decide-submission.js';
export { addItem } from './add-item.js';
export { updateItem } from './update-item.js';
export { moveItem } from './move-item.js';
export { removeItem } from './remove-item.js';
export { acceptProposal, dismissProposal } from './proposals.js';
export { uploadAttachment, removeAttachment } from './attachment-commands.js';
export { reportAbsence } from './report-absence.js';
export { recordAttendance, addGuest } from './record-attendance.js';
export { setAgendaTemplate } from './set-template.js';
