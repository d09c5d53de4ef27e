import type { WaitingItem, WaitingSource } from '../../../platform/inbox/index.js';
import { formatDate } from '../../../platform/time.js';
import { translator } from '../../../platform/i18n/index.js';
import { maySubmit } from '../policy.js';
import { openSubmissionCount, upcomingMeetingsOfPerson } from './meetings.js';

/**
 * "What needs me" from meetings: for members, the submission deadlines of meetings whose call
 * has opened, and the meetings they are called to in the coming two weeks; for the body's
 * secretary and process leader, agendas to publish and submissions to decide.
 */

const DAY = 24 * 3600_000;
const MANAGERS = ['chair', 'vice_chair', 'secretary', 'process_leader'];

export const meetingsWaiting: WaitingSource = async ({ db, personId, now, lang = 'sv' }) => {
  const t = translator(lang);
  const meetings = await upcomingMeetingsOfPerson(db, personId, now, new Date(now.getTime() + 60 * DAY));
  const managed = meetings.filter((m) => m.host && MANAGERS.includes(m.role));
  const open = await openSubmissionCount(
    db,
    managed.map((m) => m.id),
  );
  const items: WaitingItem[] = [];
  for (const m of meetings) {
    const label = `${m.title} ${formatDate(m.startsAt)}`;
    const callOpen = m.callOpensOn && m.callOpensOn.getTime() - DAY <= now.getTime();
    if (callOpen && m.submissionDeadline && m.submissionDeadline.getTime() > now.getTime() && maySubmit([m.role], m.substitutesAllowed)) {
      items.push({ kind: 'meetings.deadline', title: t('meetings.waiting.deadline', { meeting: label }), due: m.submissionDeadline, link: `/meetings/${m.id}/submit` });
    }
    if (m.host && MANAGERS.includes(m.role)) {
      const waiting = open.get(m.id) ?? 0;
      if (waiting > 0)
        items.push({
          kind: 'meetings.submissions',
          title: t('meetings.waiting.submissions', { count: waiting, meeting: label }),
          due: m.agendaPublishOn ?? undefined,
          link: `/meetings/${m.id}/agenda`,
        });
      if (!m.agendaPublishedAt && m.agendaPublishOn && m.agendaPublishOn.getTime() - 14 * DAY <= now.getTime()) {
        items.push({ kind: 'meetings.publish', title: t('meetings.waiting.publish', { meeting: label }), due: m.agendaPublishOn, link: `/meetings/${m.id}/agenda` });
      }
    }
    if (m.status === 'called' && m.startsAt.getTime() - 14 * DAY <= now.getTime()) {
      items.push({ kind: 'meetings.call', title: t('meetings.waiting.call', { meeting: label }), due: m.startsAt, link: `/meetings/${m.id}` });
    }
  }
  return items;
};
