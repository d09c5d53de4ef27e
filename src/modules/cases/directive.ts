import type { Refusal } from '../../platform/refusals.js';
import { medicalSteps, type CaseDirective, type MedicalChecklist } from './schema.js';
import { stepLabel } from './wording.js';

/**
 * The required parts of an assignment directive (shared/domain README, "Plans, directives
 * and reports"; SSÖ's and SAMS's documents); each has the message key
 * `cases.refusal.directive.<part>` shown when it is missing.
 */
export const directiveParts = ['shortDescription', 'background', 'purpose', 'goals', 'expectedResult', 'resultManagement', 'organisation', 'timeline', 'endDate', 'followUp', 'resources'] as const;
type DirectivePart = (typeof directiveParts)[number];

type DirectiveValues = Pick<CaseDirective, DirectivePart | 'reportAtMeetings' | 'reportDates'> & { medicalSteps: MedicalChecklist };

/**
 * Everything missing before the directive can be issued: each required part, the five
 * implementation steps of a new medical task, when reports are due, and an end date that
 * has not passed.
 */
export function missingParts(d: DirectiveValues, options: { newMedicalTask: boolean; today: string }): Refusal[] {
  const errors: Refusal[] = [];
  for (const part of directiveParts) {
    const v = d[part];
    if (v === null || v === undefined || String(v).trim() === '') errors.push({ field: part, key: `cases.refusal.directive.${part}` });
  }
  if (d.endDate && d.endDate < options.today) errors.push({ field: 'endDate', key: 'cases.refusal.directive.endPassed', params: { day: d.endDate } });
  if (options.newMedicalTask) {
    for (const step of medicalSteps) {
      if (!d.medicalSteps[step]) {
        errors.push({ field: `medicalSteps.${step}`, key: 'cases.refusal.directive.medicalStep', params: { step: { sv: stepLabel(step), en: stepLabel(step, 'en') } } });
      }
    }
  }
  if (!d.reportAtMeetings && d.reportDates.length === 0) errors.push({ field: 'reportAtMeetings', key: 'cases.refusal.directive.reportWhen' });
  const end = d.endDate;
  const late = end ? d.reportDates.filter((r) => r > end) : [];
  if (late.length) errors.push({ field: 'reportDates', key: 'cases.refusal.directive.lateReportDates', params: { days: late.join(', ') } });
  return errors;
}
