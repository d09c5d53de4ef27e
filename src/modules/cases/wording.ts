import type { Lang } from '../../platform/i18n/index.js';
import { casesMessages } from './messages.js';
import type { CaseState, Phase, TransitionName } from './flow.js';
import type { AdoptionStatus, AnchoringPosition, MedicalStep, TrafficLight } from './schema.js';

/** Labels from the module's catalog, for texts written outside a request (refusals, mail, documents). */
const table = (lang: Lang) => casesMessages[lang];

export const stateLabel = (s: CaseState, lang: Lang = 'sv') => table(lang)[`cases.state.${s}`];
export const transitionLabel = (n: TransitionName, lang: Lang = 'sv') => table(lang)[`cases.transition.${n}`];
export const phaseLabel = (p: Phase, lang: Lang = 'sv') => table(lang)[`cases.phase.${p}`];
export const lightLabel = (l: TrafficLight, lang: Lang = 'sv') => table(lang)[`cases.light.${l}`];
export const adoptionLabel = (s: AdoptionStatus, lang: Lang = 'sv') => table(lang)[`cases.adoption.status.${s}`];
export const positionLabel = (p: AnchoringPosition, lang: Lang = 'sv') => table(lang)[`cases.anchoring.position.${p}`];
export const stepLabel = (s: MedicalStep, lang: Lang = 'sv') => table(lang)[`cases.directive.step.${s}`];
