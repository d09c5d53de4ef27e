import { defineMessages } from '../../platform/i18n/define.js';

export const meetingDocumentsMessages = defineMessages(
  {
    'agendaDoc.title': 'Dagordning',
    'agendaDoc.titleFor': 'Dagordning – {meeting}',
    'agendaDoc.body': 'Grupp',
    'agendaDoc.date': 'Datum',
    'agendaDoc.time': 'Tid',
    'agendaDoc.place': 'Plats',
    'agendaDoc.link': 'Länk',
    'agendaDoc.format.digital': 'Digitalt möte',
    'agendaDoc.format.hybrid': 'På plats och digitalt',
    'agendaDoc.items': 'Punkter',
    'agendaDoc.col.number': 'Nr',
    'agendaDoc.col.time': 'Tid',
    'agendaDoc.col.item': 'Punkt',
    'agendaDoc.col.presenter': 'Föredragande',
    'agendaDoc.attachments': 'Bilagor',
    'agendaDoc.attachmentOf': '{file} (punkt {number})',
    'agendaDoc.attachmentLine': 'Bilaga: {files}',
    'agendaDoc.draft': 'Förslag till dagordning. Dagordningen är inte publicerad.',
    'agendaDoc.cancelled': 'Mötet är inställt.',
    'agendaDoc.changed': 'Dagordningen ändrades efter publiceringen, senast {when}.',
    'agendaDoc.notes': 'Praktisk information',
    'agendaDoc.page': 'Sida {page} av {pages}',
    'agendaDoc.pdf': 'Dagordning som PDF',
    'agendaDoc.docx': 'Dagordning som Word-fil',
    'agendaDoc.empty': 'Dagordningen har inga punkter än.',
    'agendaDoc.notYet': 'Dagordningen går inte att hämta ännu. Förslaget kommer senast {date}.',
  },
  {
    'agendaDoc.title': 'Agenda',
    'agendaDoc.titleFor': 'Agenda – {meeting}',
    'agendaDoc.body': 'Group',
    'agendaDoc.date': 'Date',
    'agendaDoc.time': 'Time',
    'agendaDoc.place': 'Place',
    'agendaDoc.link': 'Link',
    'agendaDoc.format.digital': 'Digital meeting',
    'agendaDoc.format.hybrid': 'On site and digital',
    'agendaDoc.items': 'Items',
    'agendaDoc.col.number': 'No.',
    'agendaDoc.col.time': 'Time',
    'agendaDoc.col.item': 'Item',
    'agendaDoc.col.presenter': 'Presenter',
    'agendaDoc.attachments': 'Attachments',
    'agendaDoc.attachmentOf': '{file} (item {number})',
    'agendaDoc.attachmentLine': 'Attachment: {files}',
    'agendaDoc.draft': 'Draft agenda. The agenda is not published.',
    'agendaDoc.cancelled': 'The meeting is cancelled.',
    'agendaDoc.changed': 'The agenda was changed after it was published, last on {when}.',
    'agendaDoc.notes': 'Practical information',
    'agendaDoc.page': 'Page {page} of {pages}',
    'agendaDoc.pdf': 'Agenda as PDF',
    'agendaDoc.docx': 'Agenda as a Word file',
    'agendaDoc.empty': 'The agenda has no items yet.',
    'agendaDoc.notYet': 'The agenda cannot be downloaded yet. The draft will be out by {date}.',
  },
);

// The keys join those that t('…') accepts (the texts come through the manifest's `messages`).
declare module '../../platform/i18n/index.js' {
  interface MessageCatalogs {
    'meeting-documents': typeof meetingDocumentsMessages;
  }
}
