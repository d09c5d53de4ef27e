import { describe, expect, it } from 'vitest';
import { caseStates, decisionTransitions, phaseOf, phases, reachableStates, terminalStates, transitionBetween, transitionNames, transitions, transitionsFrom, allowed, needsOf } from './flow.js';
import { casesMessages } from './messages.js';

describe('the case flow as data', () => {
  it('reaches every state from "raised"', () => {
    expect([...reachableStates()].sort()).toEqual([...caseStates].sort());
  });

  it('leaves no way out of the terminal states, and one from every other state', () => {
    for (const s of caseStates) {
      if (terminalStates.includes(s)) expect(transitionsFrom(s), s).toEqual([]);
      else expect(transitionsFrom(s).length, s).toBeGreaterThan(0);
    }
  });

  it('reaches a terminal state from every state', () => {
    for (const s of caseStates) {
      const reach = reachableStates(s);
      expect(
        terminalStates.some((t) => reach.has(t)),
        s,
      ).toBe(true);
    }
  });

  it("follows SAMS's flow chart: Yes, No and Yes-but-waiting at the meeting, then working group, directive, work, anchoring", () => {
    expect(
      transitionsFrom('on_agenda')
        .map((n) => transitions[n].to)
        .sort(),
    ).toEqual(['accepted', 'raised', 'returned', 'waiting', 'withdrawn'].filter((s) => s !== 'raised').sort());
    expect(transitionBetween('accepted', 'working_group')).toBe('appointWorkingGroup');
    expect(transitionBetween('working_group', 'assigned')).toBe('issueDirective');
    expect(transitionBetween('assigned', 'in_progress')).toBe('startWork');
    expect(transitionBetween('in_progress', 'anchoring')).toBe('startAnchoring');
    expect(transitionBetween('anchoring', 'implementation')).toBe('implement');
    expect(transitionBetween('anchoring', 'prepared')).toBe('escalate');
    expect(transitionBetween('prepared', 'implementation')).toBe('implement');
    expect(transitionBetween('prepared', 'no_change')).toBe('concludeNoChange');
    expect(transitionBetween('implementation', 'follow_up')).toBe('followUp');
    expect(transitionBetween('follow_up', 'closed')).toBe('close');
    expect(transitionBetween('raised', 'closed')).toBeUndefined();
  });

  it('asks for an answer on No and a message on "no change", an evaluation when closing after follow-up', () => {
    expect(needsOf('reject', 'on_agenda')).toContain('message');
    expect(needsOf('concludeNoChange', 'prepared')).toContain('message');
    expect(needsOf('close', 'follow_up')).toContain('evaluation');
    expect(needsOf('close', 'no_change')).not.toContain('evaluation');
    expect(needsOf('schedule', 'raised')).toContain('meeting');
  });

  it('lets decisions in the minutes carry every transition but those with a form of their own', () => {
    expect(decisionTransitions).not.toContain('appointWorkingGroup');
    expect(decisionTransitions).not.toContain('issueDirective');
    expect(decisionTransitions).toContain('accept');
    expect(decisionTransitions).toContain('implement');
  });

  it('puts every state in exactly one phase', () => {
    for (const s of caseStates) {
      const containing = Object.values(phases).filter((list) => (list as readonly string[]).includes(s));
      expect(containing.length, s).toBe(1);
      expect(phaseOf(s)).toBeDefined();
    }
  });

  it('has a label for every state and transition in both languages', () => {
    for (const lang of ['sv', 'en'] as const) {
      for (const s of caseStates) expect(casesMessages[lang][`cases.state.${s}`], s).toBeTruthy();
      for (const n of transitionNames) expect(casesMessages[lang][`cases.transition.${n}`], n).toBeTruthy();
    }
  });

  it('allows nothing from a state that is not listed', () => {
    for (const n of transitionNames) for (const s of caseStates) expect(allowed(s, n)).toBe((transitions[n].from as readonly string[]).includes(s));
  });
});
