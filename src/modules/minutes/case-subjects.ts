import type { DbOrTx } from '../../platform/db/client.js';
import type { Lang } from '../../platform/i18n/index.js';
import { extensionPoint, installed } from '../../platform/registry.js';

/*
 * What the minutes show of a case a decision is taken on, and which of its steps a decision
 * may carry. The cases module comes after the minutes and contributes the one source: the
 * minutes never read cases themselves, and without the cases module they show nothing of them.
 */

/** A case as the minutes and the decision register name it: registration number and title. */
export interface CaseRef {
  id: string;
  /** "SÖL 2026/7" */
  ref: string;
  title: string;
  href: string;
}

/** A step of the case flow a decision may carry now, labelled for the reader. */
export interface CaseStepChoice {
  name: string;
  label: string;
}

export interface CaseSubjectSource {
  /** The cases' numbers and titles, by id (unknown ids are left out). */
  refs(db: DbOrTx, caseIds: readonly string[]): Promise<Map<string, CaseRef>>;
  /** The steps a decision in the minutes may carry now, per case, in `lang`. */
  steps(db: DbOrTx, caseIds: readonly string[], lang: Lang): Promise<Map<string, CaseStepChoice[]>>;
  /** A step's name in `lang` (the key itself when it is no step of the flow). */
  stepLabel(name: string, lang: Lang): string;
  /** Refuses (422 on `caseTransition`, in the reader's language) a step the case may not take now. */
  checkStep(db: DbOrTx, caseId: string, name: string): Promise<void>;
}

export const CASE_SUBJECTS = extensionPoint<CaseSubjectSource>('minutes.caseSubjects');

export function caseSubjects(): CaseSubjectSource | undefined {
  return installed().all(CASE_SUBJECTS)[0];
}

/** The cases' numbers and titles (empty without the cases module). */
export async function caseRefsOf(db: DbOrTx, caseIds: readonly (string | null)[]): Promise<Map<string, CaseRef>> {
  const ids = [...new Set(caseIds.filter((id): id is string => !!id))];
  const source = caseSubjects();
  return ids.length && source ? source.refs(db, ids) : new Map();
}

/** The steps each case may take now by a decision (empty without the cases module). */
export async function caseStepsOf(db: DbOrTx, caseIds: readonly (string | null)[], lang: Lang): Promise<Map<string, CaseStepChoice[]>> {
  const ids = [...new Set(caseIds.filter((id): id is string => !!id))];
  const source = caseSubjects();
  return ids.length && source ? source.steps(db, ids, lang) : new Map();
}

/** A step's name for the reader. */
export function caseStepLabel(name: string, lang: Lang): string {
  return caseSubjects()?.stepLabel(name, lang) ?? name;
}
