// The agenda of a meeting as PDF and Word documents.
import type { ModuleManifest } from '../../platform/modules.js';
import { contribute } from '../../platform/registry.js';
import { MEETING_LINKS } from '../meetings/index.js';
import { agendaDocumentLinks, meetingDocumentRoutes } from './pages.js';
import { meetingDocumentsMessages } from './messages.js';

export const meetingDocumentsModule: ModuleManifest = {
  name: 'meeting-documents',
  requires: ['structure', 'meetings'],
  routes: [meetingDocumentRoutes],
  messages: meetingDocumentsMessages,
  contributions: contribute(MEETING_LINKS, agendaDocumentLinks),
};
