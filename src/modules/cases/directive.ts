import type { FieldError } from '../../platform/http/errors.js';
import { medicalSteps, type CaseDirective, type MedicalChecklist } from './schema.js';
import { stepLabel } from './wording.js';

/**
 * The required parts of an assignment directive (shared/domain README, "Plans, directives
 * and reports"; SSÖ's and SAMS's documents): each with the message shown when it is missing.
 */
export const directiveParts = [
  { field: 'shortDescription', missing: 'Kort beskrivning av uppdraget saknas.' },
  { field: 'background', missing: 'Bakgrund saknas.' },
  { field: 'purpose', missing: 'Syfte saknas.' },
  { field: 'goals', missing: 'Mål saknas: ange tydliga och mätbara mål.' },
  { field: 'expectedResult', missing: 'Förväntat resultat saknas.' },
  { field: 'resultManagement', missing: 'Det saknas hur resultatet ska förvaltas efteråt.' },
  { field: 'organisation', missing: 'Uppdragsorganisation saknas.' },
  { field: 'timeline', missing: 'Tidplan saknas.' },
  { field: 'endDate', missing: 'Slutdatum saknas.' },
  { field: 'followUp', missing: 'Uppföljning/utvärdering saknas.' },
  { field: 'resources', missing: 'Resurser saknas: ange vilka resurser som behövs (eller att inga särskilda behövs).' },
] as const;
export type DirectivePart = (typeof directiveParts)[number]['field'];

type DirectiveValues = Pick<CaseDirective, DirectivePart | 'reportAtMeetings' | 'reportDates'> & { medicalSteps: MedicalChecklist };

/**
 * Everything missing before the directive can be issued: each required part, the five
 * implementation steps of a new medical task, when reports are due, and an end date that
 * has not passed.
 */
export function missingParts(d: DirectiveValues, options: { newMedicalTask: boolean; today: string }): FieldError[] {
  const errors: FieldError[] = [];
  for (const part of directiveParts) {
    const v = d[part.field];
    if (v === null || v === undefined || String(v).trim() === '') errors.push({ field: part.field, message: part.missing });
  }
  if (d.endDate && d.endDate < options.today) errors.push({ field: 'endDate', message: `Slutdatumet ${d.endDate} har redan passerat.` });
  if (options.newMedicalTask) {
    for (const step of medicalSteps) {
      if (!d.medicalSteps[step]) errors.push({ field: `medicalSteps.${step}`, message: `En ny medicinsk uppgift ska omfatta steget ”${stepLabel(step)}”.` });
    }
  }
  if (!d.reportAtMeetings && d.reportDates.length === 0) {
    errors.push({ field: 'reportAtMeetings', message: 'Ange när arbetsgruppen ska rapportera: vid gruppens möten och/eller på bestämda datum.' });
  }
  const late = d.endDate ? d.reportDates.filter((r) => r > d.endDate!) : [];
  if (late.length) errors.push({ field: 'reportDates', message: `Rapportdatum efter slutdatumet: ${late.join(', ')}.` });
  return errors;
}
