import type { Lang } from '../../platform/i18n/index.js';
import { casesMessages } from './messages.js';
import type { CaseState, TransitionName } from './flow.js';
import type { Case, MedicalStep } from './schema.js';
import type { Structure } from '../structure/schema.js';

/** Labels from the module's catalog, for texts written outside a request (refusals, mail, documents). */
const table = (lang: Lang) => casesMessages[lang];

export const stateLabel = (s: CaseState, lang: Lang = 'sv') => table(lang)[`cases.state.${s}`];
export const transitionLabel = (n: TransitionName, lang: Lang = 'sv') => table(lang)[`cases.transition.${n}`];
export const stepLabel = (s: MedicalStep, lang: Lang = 'sv') => table(lang)[`cases.directive.step.${s}`];

/** The prefix of a structure's registration numbers: its short name, else its name. */
export function refPrefix(structure: Pick<Structure, 'shortName' | 'name'> | null | undefined): string {
  return structure?.shortName?.trim() || structure?.name.trim() || '';
}

/** A registration number as shown: "SÖL 2026/7". */
export function caseRef(c: { year: number; number: number }, prefix = ''): string {
  return `${prefix ? `${prefix} ` : ''}${c.year}/${c.number}`;
}

/** The agenda item's title for a case. */
export const itemTitle = (kase: Pick<Case, 'title' | 'year' | 'number'>) => `${kase.title} (ärende ${caseRef(kase)})`;
