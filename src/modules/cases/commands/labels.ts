import type { Translate } from '../../../platform/i18n/index.js';

/** Labels of the case forms' fields, for error messages in the reader's language. */
export function caseLabels(t: Translate): Record<string, string> {
  return {
    bodyId: t('cases.field.body'),
    title: t('cases.field.title'),
    description: t('cases.field.description'),
    raisedByPersonId: t('cases.field.raisedBy'),
    raisedByName: t('cases.field.raisedByName'),
    raisedByOrganisationId: t('cases.field.organisation'),
    raisedByOrganisationName: t('cases.field.organisation'),
    categoryIds: t('cases.field.categories'),
    meetingId: t('cases.field.meeting'),
    message: t('cases.field.message'),
    evaluation: t('cases.field.evaluation'),
    note: t('cases.field.note'),
    name: t('cases.wg.name'),
    convenorPersonId: t('cases.wg.convenor'),
    memberPersonIds: t('cases.wg.members'),
    endOn: t('cases.wg.endOn'),
    text: t('cases.report.text'),
    status: t('cases.report.status'),
    feedback: t('cases.anchoring.feedback'),
    position: t('cases.anchoring.position'),
    committee: t('cases.adoption.committee'),
    decidedOn: t('cases.adoption.decidedOn'),
    reference: t('cases.adoption.reference'),
    subject: t('cases.notice.subject'),
    url: t('cases.link.url'),
    label: t('cases.link.label'),
    ...directiveLabels(t),
  };
}

export function directiveLabels(t: Translate): Record<string, string> {
  return {
    shortDescription: t('cases.directive.shortDescription'),
    background: t('cases.directive.background'),
    purpose: t('cases.directive.purpose'),
    goals: t('cases.directive.goals'),
    expectedResult: t('cases.directive.expectedResult'),
    resultManagement: t('cases.directive.resultManagement'),
    organisation: t('cases.directive.organisation'),
    timeline: t('cases.directive.timeline'),
    endDate: t('cases.directive.endDate'),
    followUp: t('cases.directive.followUp'),
    resources: t('cases.directive.resources'),
    reportDates: t('cases.directive.reportDates'),
  };
}

export function activityLabels(t: Translate): Record<string, string> {
  return {
    title: t('cases.plan.activity'),
    description: t('cases.field.description'),
    goalAreaId: t('cases.plan.goalArea'),
    ownerName: t('cases.plan.owner'),
    ownerPersonId: t('cases.plan.owner'),
    startOn: t('cases.plan.start'),
    endOn: t('cases.plan.end'),
    status: t('cases.plan.status'),
  };
}
