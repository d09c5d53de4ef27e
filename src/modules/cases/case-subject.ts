import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Lang } from '../../platform/i18n/index.js';
import { refuse } from '../../platform/refusals.js';
import { structures } from '../structure/schema.js';
import type { CaseRef, CaseStepChoice, CaseSubjectSource } from '../minutes/index.js';
import { allowed, decisionTransitions, isTransitionName, transitionDef, type CaseState, type TransitionName } from './flow.js';
import { caseRef, refPrefix, stateLabel, transitionLabel } from './wording.js';
import { cases } from './schema.js';

/*
 * What the minutes and the decision register show of a case (its number and title), and the
 * steps a decision in the minutes may carry: the flow's decision steps the case may take now.
 * A case still raised or waiting is put on the meeting by the decision itself (the decision
 * hook schedules it first), so it is offered the steps of a case on the agenda.
 */

/** The steps a decision in the minutes may carry from a state, in the flow's order. */
export function decisionStepsFrom(state: CaseState): TransitionName[] {
  return decisionTransitions.filter((n) => n !== 'schedule' && transitionDef(n).decision && (allowed(state, n) || (allowed(state, 'schedule') && allowed('on_agenda', n))));
}

async function caseRows(db: DbOrTx, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  return db
    .select({ id: cases.id, title: cases.title, year: cases.year, number: cases.number, state: cases.state, prefixShort: structures.shortName, prefixName: structures.name })
    .from(cases)
    .innerJoin(structures, eq(structures.id, cases.structureId))
    .where(inArray(cases.id, [...caseIds]));
}

const quoted = (names: readonly TransitionName[], lang: Lang) => names.map((n) => (lang === 'en' ? `“${transitionLabel(n, lang)}”` : `”${transitionLabel(n, lang)}”`)).join(', ');

export const casesDecisionSubject: CaseSubjectSource = {
  async refs(db, caseIds) {
    const rows = await caseRows(db, caseIds);
    return new Map<string, CaseRef>(rows.map((r) => [r.id, { id: r.id, ref: caseRef(r, refPrefix({ shortName: r.prefixShort, name: r.prefixName })), title: r.title, href: `/cases/${r.id}` }]));
  },
  async steps(db, caseIds, lang) {
    const rows = await caseRows(db, caseIds);
    return new Map<string, CaseStepChoice[]>(rows.map((r) => [r.id, decisionStepsFrom(r.state).map((name) => ({ name, label: transitionLabel(name, lang) }))]));
  },
  stepLabel(name, lang) {
    return isTransitionName(name) ? transitionLabel(name, lang) : name;
  },
  async checkStep(db, caseId, name) {
    if (!isTransitionName(name)) refuse('caseTransition', 'cases.refusal.unknownTransition', { name });
    if (transitionDef(name).via) refuse('caseTransition', 'cases.refusal.stepHasOwnForm');
    const [row] = await caseRows(db, [caseId]);
    if (!row) refuse('caseId', 'cases.refusal.caseNotFound');
    const possible = decisionStepsFrom(row.state);
    if (possible.includes(name)) return;
    refuse('caseTransition', possible.length ? 'cases.refusal.stepNotNow' : 'cases.refusal.stepNotNowNone', {
      ref: caseRef(row, refPrefix({ shortName: row.prefixShort, name: row.prefixName })),
      state: { sv: stateLabel(row.state).toLowerCase(), en: stateLabel(row.state, 'en') },
      step: { sv: transitionLabel(name), en: transitionLabel(name, 'en') },
      possible: { sv: quoted(possible, 'sv'), en: quoted(possible, 'en') },
    });
  },
};
