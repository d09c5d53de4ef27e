import type { NoticeSample } from '../../platform/inbox/kinds.js';
import { meetingLabel } from '../meetings/index.js';
import { KIND } from './notices.js';

/*
 * How each kind of minutes notice reads, with invented data, through the same message keys
 * and labels as the notices themselves (notices.ts and the commands that send them). The
 * test over every registered notification kind renders these for an English and a Swedish
 * reader.
 */

const meeting = { title: 'Steering group', startsAt: new Date('2026-03-12T08:00:00Z') };

export const minutesNoticeSamples: Record<string, NoticeSample> = {
  [KIND.approvalRequested]: (t, lang) => ({ title: t('minutes.notice.approvalRequested', { meeting: meetingLabel(meeting, lang), deadline: '2026-03-20' }) }),
  [KIND.approvalReminder]: (t, lang) => ({ title: t('minutes.notice.approvalReminder', { meeting: meetingLabel(meeting, lang), deadline: '2026-03-20' }) }),
  [KIND.approvalComment]: (t, lang) => ({ title: t('minutes.notice.approvalComment', { who: 'Alex Example', meeting: meetingLabel(meeting, lang) }), body: 'Item 4 needs the figures.' }),
  [KIND.distributed]: (t, lang) => ({
    title: [
      t('minutes.notice.distributed.notes', { meeting: meetingLabel(meeting, lang), version: 1 }),
      t('minutes.notice.distributed.protocol', { meeting: meetingLabel(meeting, lang), version: 2 }),
    ].join(' / '),
    body: `${t('minutes.digest')}: 3f2a9c`,
  }),
  [KIND.actionAssigned]: (t) => ({ title: t('minutes.notice.actionAssigned', { title: 'Send the report' }), body: `${t('minutes.action.due')}: 2026-04-01` }),
  [KIND.actionDue]: (t) => ({ title: t('minutes.notice.actionDue', { title: 'Send the report', due: '2026-04-01' }) }),
  [KIND.evaluation]: (t, lang) => ({ title: t('minutes.notice.evaluation', { meeting: meetingLabel(meeting, lang) }) }),
};
