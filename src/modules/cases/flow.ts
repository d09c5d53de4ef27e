/**
 * The flow of a case (ärende) as data: every state and every allowed transition, modelled
 * on SAMS's "Flödesschema för ärenden" (shared/domain README, "Issues / cases"). A
 * transition outside this graph is refused; commands, decisions in the minutes and the
 * JSON API all move cases through `applyTransition` (transition.ts), which reads only this.
 */

export const caseStates = [
  'raised',
  'on_agenda',
  'waiting',
  'returned',
  'accepted',
  'working_group',
  'assigned',
  'in_progress',
  'anchoring',
  'prepared',
  'recommended',
  'no_change',
  'implementation',
  'follow_up',
  'closed',
  'withdrawn',
] as const;
export type CaseState = (typeof caseStates)[number];

/** States in which nothing more happens to a case. */
export const terminalStates: readonly CaseState[] = ['returned', 'closed', 'withdrawn'];
/** States counted as open work in overviews (everything but the terminal ones). */
export const openStates: readonly CaseState[] = caseStates.filter((s) => !terminalStates.includes(s));

/** What a transition needs besides the case. */
type Need =
  /** A meeting of the deciding body (the one it happens at). */
  | 'meeting'
  /** A text sent to someone: the answer to the raiser, the message to those concerned. */
  | 'message'
  /** The evaluation written at follow-up. */
  | 'evaluation';

/**
 * Conditions checked against the case's data when a transition is asked for; a failed
 * guard refuses it with a message naming what is missing.
 */
export type Guard =
  /** Every principal of the structure has recorded its feedback (förankring). */
  | 'anchoringComplete'
  /** The body has a commissioning body to prepare the case for. */
  | 'hasCommissioningBody'
  /** The implementation notice went out to every principal at the same time. */
  | 'noticeSent';

/** Side effects a transition has, besides moving the case (effects.ts). */
export type Effect = 'agendaItem' | 'commissioningAgendaItem' | 'planActive' | 'planWaiting' | 'planDone' | 'answerRaiser' | 'informConcerned' | 'openAnchoring' | 'openAdoption' | 'endWorkingGroup';

interface TransitionDef {
  from: readonly CaseState[];
  to: CaseState;
  /** Taken by a decision at a meeting (and may be carried by a decision in the minutes). */
  decision: boolean;
  needs: readonly Need[];
  guards: readonly Guard[];
  effects: readonly Effect[];
  /** Only through this command, which collects what the transition needs. */
  via?: 'cases.appointWorkingGroup' | 'cases.issueDirective';
}

const t = (def: Partial<TransitionDef> & Pick<TransitionDef, 'from' | 'to'>): TransitionDef => ({
  decision: false,
  needs: [],
  guards: [],
  effects: [],
  ...def,
});

/** The graph. Keys are the transitions' names (also in the API and the audit trail). */
export const transitions = {
  /** The case is put on a meeting's agenda (from the raised cases or the waiting list). */
  schedule: t({ from: ['raised', 'waiting'], to: 'on_agenda', needs: ['meeting'], effects: ['agendaItem'] }),
  /** Yes: the body handles the case further; it enters the activity plan. */
  accept: t({ from: ['on_agenda'], to: 'accepted', decision: true, effects: ['planActive'] }),
  /** Yes, but waiting: a coming case, on the activity plan's waiting list. */
  defer: t({ from: ['on_agenda'], to: 'waiting', decision: true, effects: ['planWaiting'] }),
  /** No: the case is sent back with an answer to whoever raised it. */
  reject: t({ from: ['on_agenda'], to: 'returned', decision: true, needs: ['message'], effects: ['answerRaiser'] }),
  /** Taken from the waiting list and started. */
  resume: t({ from: ['waiting'], to: 'accepted', decision: true, effects: ['planActive'] }),
  /** The body appoints an operational working group from its own members. */
  appointWorkingGroup: t({ from: ['accepted'], to: 'working_group', decision: true, via: 'cases.appointWorkingGroup' }),
  /** The assignment directive (uppdragsdirektiv) is issued to the working group. */
  issueDirective: t({ from: ['working_group'], to: 'assigned', via: 'cases.issueDirective' }),
  /** The working group starts; its convenor reports status at the body's meetings. */
  startWork: t({ from: ['assigned'], to: 'in_progress' }),
  /** The case goes to each principal's contact surface for feedback (förankring). */
  startAnchoring: t({ from: ['in_progress'], to: 'anchoring', effects: ['openAnchoring'] }),
  /** A principal's decision is needed: prepared for the commissioning body's next meeting. */
  escalate: t({ from: ['anchoring'], to: 'prepared', decision: true, guards: ['anchoringComplete', 'hasCommissioningBody'], effects: ['commissioningAgendaItem'] }),
  /** The deciding body can only recommend: each principal adopts (or declines) on its own. */
  recommend: t({ from: ['anchoring', 'prepared'], to: 'recommended', decision: true, guards: ['anchoringComplete'], effects: ['openAdoption'] }),
  /** Implementation is decided (straight after anchoring, or by the commissioning body). */
  implement: t({ from: ['anchoring', 'prepared', 'recommended'], to: 'implementation', decision: true, guards: ['anchoringComplete'] }),
  /** No change of ways of working: this must be communicated to those concerned. */
  concludeNoChange: t({
    from: ['in_progress', 'anchoring', 'prepared', 'recommended'],
    to: 'no_change',
    decision: true,
    needs: ['message'],
    effects: ['informConcerned', 'endWorkingGroup'],
  }),
  /** Implemented; now followed up and evaluated. Information went out to everyone at once first. */
  followUp: t({ from: ['implementation'], to: 'follow_up', guards: ['noticeSent'] }),
  /**
   * Done: after follow-up (the evaluation is then required, see needsOf) or after a
   * communicated "no change". The working group's assignment ends with the case.
   */
  close: t({ from: ['follow_up', 'no_change'], to: 'closed', decision: true, effects: ['planDone', 'endWorkingGroup'] }),
  /** The raiser (or the body) withdraws a case that has not been started. */
  withdraw: t({ from: ['raised', 'on_agenda', 'waiting'], to: 'withdrawn', effects: ['planDone'] }),
} as const satisfies Record<string, TransitionDef>;

export type TransitionName = keyof typeof transitions;
export const transitionNames = Object.keys(transitions) as TransitionName[];

export function isTransitionName(v: unknown): v is TransitionName {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(transitions, v);
}

export function transitionDef(name: TransitionName): TransitionDef {
  return transitions[name];
}

/** Whether the graph allows the transition from the state. */
export function allowed(state: CaseState, name: TransitionName): boolean {
  return (transitions[name].from as readonly CaseState[]).includes(state);
}

/** The transitions the graph allows from a state, in the graph's order. */
export function transitionsFrom(state: CaseState): TransitionName[] {
  return transitionNames.filter((n) => allowed(state, n));
}

/** The transition leading from one state to another, if the graph has one. */
export function transitionBetween(from: CaseState, to: CaseState): TransitionName | undefined {
  return transitionNames.find((n) => allowed(from, n) && transitions[n].to === to);
}

/** Transitions a decision in the minutes may carry (those that need no form of their own). */
export const decisionTransitions: readonly TransitionName[] = transitionNames.filter((n) => !(transitions[n] as TransitionDef).via);

/** What a transition needs when taken from a state (closing after follow-up needs the evaluation). */
export function needsOf(name: TransitionName, from: CaseState): readonly Need[] {
  const needs = transitions[name].needs as readonly Need[];
  return name === 'close' && from === 'follow_up' ? [...needs, 'evaluation'] : needs;
}

/** States the graph can reach from `raised` (every state must be reachable; tested). */
export function reachableStates(start: CaseState = 'raised'): Set<CaseState> {
  const seen = new Set<CaseState>([start]);
  const queue: CaseState[] = [start];
  while (queue.length) {
    const s = queue.shift()!;
    for (const n of transitionsFrom(s)) {
      const to = transitions[n].to;
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/** The phases the overviews group states into, in the flow's order. */
export const phases = {
  incoming: ['raised', 'on_agenda'],
  waiting: ['waiting'],
  work: ['accepted', 'working_group', 'assigned', 'in_progress'],
  anchoring: ['anchoring'],
  decision: ['prepared', 'recommended'],
  implementation: ['implementation', 'follow_up'],
  done: ['closed', 'no_change', 'returned', 'withdrawn'],
} as const satisfies Record<string, readonly CaseState[]>;
export type Phase = keyof typeof phases;
export const phaseNames = Object.keys(phases) as Phase[];

export function phaseOf(state: CaseState): Phase {
  return phaseNames.find((p) => (phases[p] as readonly CaseState[]).includes(state))!;
}
