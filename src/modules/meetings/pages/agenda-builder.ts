import { agendaOf, attachmentsOf, submissionsOf } from '../queries/index.js';
import { openProposals } from '../sources.js';
import { dateLabel } from './meeting-pages.js';
import { meetingPage, pageDeps, type C } from './common.js';

/** The builder's data: the meeting (for someone who manages it), its agenda, proposals, submissions and files. */
export async function loadBuilder(c: C) {
  const { lang, db } = pageDeps(c);
  const data = await meetingPage(c, 'meetings.manage');
  const { meeting, body } = data;
  const [items, proposals, submissions, files] = await Promise.all([
    agendaOf(db, meeting.id),
    openProposals({ tx: db, meeting, body, lang }),
    submissionsOf(db, meeting.id, { all: true }),
    attachmentsOf(db, meeting.id),
  ]);
  return { data, items, proposals, submissions, files, dateLabel: dateLabel(data) };
}

export type BuilderData = Awaited<ReturnType<typeof loadBuilder>>;
