import type { NoticeSample } from '../../platform/inbox/kinds.js';
import { CASE_ANCHORING, CASE_ANSWERED, CASE_ASSIGNED, CASE_REPORT_OVERDUE } from './kinds.js';
import { caseRef } from './wording.js';

/*
 * How each kind of case notice reads, with invented data, through the same message keys as
 * the commands and jobs that send them (commands/common.ts, issue-directive.ts,
 * appoint-working-group.ts, overdue.ts). The test over every registered notification kind
 * renders these for an English and a Swedish reader.
 */

const kase = { year: 2026, number: 14, title: 'Shared routine for discharge' };
const ref = caseRef(kase);

export const casesNoticeSamples: Record<string, NoticeSample> = {
  [CASE_ANSWERED]: (t) => ({
    title: [t('cases.mail.answer.title', { ref, title: kase.title }), t('cases.mail.noChange.title', { ref, title: kase.title })].join(' / '),
    body: 'The routine stays as it is this year.',
  }),
  [CASE_ANCHORING]: (t) => ({ title: t('cases.mail.anchoring.title', { ref, title: kase.title }), body: t('cases.mail.anchoring.body') }),
  [CASE_ASSIGNED]: (t) => ({
    title: [t('cases.mail.directive.title', { title: kase.title }), t('cases.mail.convenor.title', { group: 'Working group discharge' })].join(' / '),
    body: [
      t('cases.mail.directive.body', { ref, end: '2026-10-31' }),
      t('cases.mail.directive.atMeetings'),
      t('cases.mail.directive.dates', { days: '2026-05-01, 2026-09-01' }),
      t('cases.mail.convenor.body', { body: 'Steering group', ref }),
    ].join(' '),
  }),
  [CASE_REPORT_OVERDUE]: (t) => ({
    title: t('cases.mail.overdue.title', { title: kase.title, ref }),
    body: [t('cases.mail.overdue.atMeeting', { day: '2026-05-01', meeting: 'Steering group' }), t('cases.mail.overdue.byDate', { day: '2026-05-01' })].join(' '),
  }),
};
