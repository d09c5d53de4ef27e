import type { Lang } from '../../platform/i18n/index.js';
import { casesMessages } from './messages.js';
import type { CaseState, TransitionName } from './flow.js';
import type { MedicalStep } from './schema.js';

/** Labels from the module's catalog, for texts written outside a request (refusals, mail, documents). */
const table = (lang: Lang) => casesMessages[lang];

export const stateLabel = (s: CaseState, lang: Lang = 'sv') => table(lang)[`cases.state.${s}`];
export const transitionLabel = (n: TransitionName, lang: Lang = 'sv') => table(lang)[`cases.transition.${n}`];
export const stepLabel = (s: MedicalStep, lang: Lang = 'sv') => table(lang)[`cases.directive.step.${s}`];
