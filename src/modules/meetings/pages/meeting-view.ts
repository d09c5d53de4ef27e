import { actorId } from '../../../platform/auth/actor.js';
import { absenceOf, agendaOf, attachmentsOf, jointBodies, meetingRoster, submissionsOf } from '../queries/index.js';
import { openForRecording, readerAgenda } from '../policy.js';
import { meetingLinks } from '../links.js';
import { can } from '../../../platform/auth/authorize.js';
import { targetOf } from '../policy.js';
import { neighbourMeetings } from '../queries/neighbours.js';
import { meetingPage, pageDeps, type C } from './common.js';

/**
 * The loader of the meeting page: the meeting (for someone who may see it), what this reader
 * sees of its agenda, joint bodies, submissions, files, roster and the reader's own absence
 * report, as plain data for the view (views/meeting-page.tsx).
 */
export async function loadMeetingView(c: C, now: Date) {
  const { db, actor } = pageDeps(c);
  const data = await meetingPage(c);
  const { meeting } = data;
  const me = actorId(actor);
  const manage = data.can['meetings.manage'];
  // The neighbouring meetings of the host body, for those who may see its meetings (a joint meeting's guests may not).
  const seesBodyMeetings = can(actor, 'meetings.view', targetOf({ ...data, roles: data.hostRoles }, 'meetings.view'));
  const [items, joint, submissions, files, roster, absence, neighbours] = await Promise.all([
    agendaOf(db, meeting.id),
    jointBodies(db, meeting.id),
    submissionsOf(db, meeting.id, { all: manage, personId: me ?? undefined }),
    attachmentsOf(db, meeting.id),
    meetingRoster(db, meeting, data.jointBodyIds),
    me ? absenceOf(db, meeting.id, me) : Promise.resolve(undefined),
    seesBodyMeetings ? neighbourMeetings(db, meeting) : Promise.resolve<Awaited<ReturnType<typeof neighbourMeetings>>>({}),
  ]);
  // What this reader sees of the agenda: the same rule as the API and the PDF and DOCX agenda.
  const agenda = readerAgenda(actor, data, items, now);
  const started = openForRecording(meeting, now);
  return {
    data,
    manage,
    agenda,
    joint,
    submissions,
    files,
    roster,
    absence,
    neighbours,
    upcoming: meeting.status !== 'cancelled' && !started,
    deadlinePassed: !!meeting.submissionDeadline && meeting.submissionDeadline.getTime() < now.getTime(),
    recorded: [...roster.seats.flatMap((s) => [...s.holders, ...s.substitutes]), ...roster.others, ...roster.extra].filter((e) => e.attendance),
    links: meetingLinks({ meeting, agendaVisible: agenda.open && meeting.status !== 'cancelled', started }),
  };
}

export type MeetingViewData = Awaited<ReturnType<typeof loadMeetingView>>;
