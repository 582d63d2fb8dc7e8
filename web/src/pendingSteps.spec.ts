import { describe, expect, it } from '@jest/globals';
import { getWorkflow } from '../../workflows';
import { transitionTable } from '../../workflows/graph';
import { pendingView, stateAfterStep, stepsFrom, type KeptStep, type StepRules } from './pendingSteps';

/** A definition's rules as GET /workflows/:name/:version publishes them. */
const rulesOf = (name: string, version: number): StepRules => {
  const def = getWorkflow(name, version);
  return { transitions: transitionTable(def.machine), events: def.events };
};
const handoff = rulesOf('handoff', 2);
const waiting = (...types: string[]): KeptStep[] => types.map((type) => ({ type, status: 'waiting' }));

describe('a handoff as the steps kept on the device leave it (handoff workflow v2)', () => {
  it('follows the machine: accept, start, complete', () => {
    expect(stateAfterStep(handoff, 'offered', 'ACCEPT')).toBe('accepted');
    expect(stateAfterStep(handoff, 'accepted', 'START')).toBe('in_progress');
    expect(stateAfterStep(handoff, 'in_progress', 'COMPLETE')).toBe('completed');
    // A guarded step that stays where it is (a police handoff's procedure status).
    expect(stateAfterStep(handoff, 'in_progress', 'RECORD_PROCEDURE_STATUS')).toBe('in_progress');
    // A transition of every state without a target (the engine's own deadline event) stays.
    expect(stateAfterStep(handoff, 'accepted', 'DEADLINE_EXPIRED')).toBe('accepted');
    // Not a step the machine takes there.
    expect(stateAfterStep(handoff, 'offered', 'START')).toBeNull();
    expect(stateAfterStep(handoff, 'completed', 'COMPLETE')).toBeNull();
  });

  it('offers an officer, after an acceptance kept offline, the steps the machine allows from accepted', () => {
    const view = pendingView(handoff, { state: 'offered', allowedActions: ['ACCEPT', 'DECLINE'] }, waiting('ACCEPT'), 'health');
    expect(view).toEqual({ held: false, state: 'accepted', steps: ['START', 'COMPLETE'] });
    // Then start: from in progress, complete.
    expect(pendingView(handoff, { state: 'offered', allowedActions: ['ACCEPT', 'DECLINE'] }, waiting('ACCEPT', 'START'), 'health'))
      .toEqual({ held: false, state: 'in_progress', steps: ['COMPLETE'] });
    // Completed: nothing more.
    expect(pendingView(handoff, { state: 'offered', allowedActions: ['ACCEPT', 'DECLINE'] }, waiting('ACCEPT', 'START', 'COMPLETE'), 'health'))
      .toEqual({ held: false, state: 'completed', steps: [] });
  });

  it('offers a guarded step only when the server offered it at its last answer', () => {
    // The police's procedure status (guard: police work) was offered on the accepted handoff: still offered once it is started.
    expect(pendingView(handoff, { state: 'accepted', allowedActions: ['RECORD_PROCEDURE_STATUS', 'START', 'COMPLETE'] }, waiting('START'), 'police'))
      .toEqual({ held: false, state: 'in_progress', steps: ['RECORD_PROCEDURE_STATUS', 'COMPLETE'] });
    // Offered (the server's answer on an offered handoff cannot tell): not guessed.
    expect(pendingView(handoff, { state: 'offered', allowedActions: ['ACCEPT', 'DECLINE'] }, waiting('ACCEPT'), 'police'))
      .toEqual({ held: false, state: 'accepted', steps: ['START', 'COMPLETE'] });
  });

  it('offers only the steps of the person’s role (the commune’s withdrawal is not the officer’s)', () => {
    expect(stepsFrom(handoff, 'accepted', 'social_worker', [])).toEqual(['CANCEL']);
    expect(stepsFrom(handoff, 'accepted', 'health', [])).toEqual(['START', 'COMPLETE']);
  });

  it('tells nothing past a step held in the outbox (saying it is held), or one the machine would not take', () => {
    const held: KeptStep[] = [{ type: 'ACCEPT', status: 'conflict' }, { type: 'START', status: 'waiting' }];
    expect(pendingView(handoff, { state: 'offered', allowedActions: ['ACCEPT'] }, held, 'health')).toEqual({ held: true, state: null, steps: [] });
    expect(pendingView(handoff, { state: 'offered', allowedActions: ['ACCEPT'] }, [{ type: 'ACCEPT', status: 'failed' }], 'health'))
      .toEqual({ held: true, state: null, steps: [] });
    // The answer shown is older than a step sent meanwhile (the start is kept, the acceptance already sent).
    expect(pendingView(handoff, { state: 'offered', allowedActions: ['ACCEPT'] }, waiting('START'), 'health')).toEqual({ held: false, state: null, steps: [] });
  });

  it('stands back when nothing is kept', () => {
    expect(pendingView(handoff, { state: 'offered', allowedActions: ['ACCEPT'] }, [], 'health')).toBeNull();
  });
});

describe('the rules read any definition the same way', () => {
  const rules: StepRules = {
    transitions: [
      { from: 'a', event: 'GO', to: 'b', guard: 'ready' },
      { from: 'a', event: 'GO', to: 'c', guard: null },
      { from: 'a', event: 'APPROVE', to: 'd', guard: null },
      { from: 'b', event: 'GO', to: 'c', guard: 'x' },
      { from: 'b', event: 'GO', to: 'c', guard: 'y' },
    ],
    events: { GO: { roles: ['officer'] }, APPROVE: { roles: ['officer'], decision: true } },
  };

  it('cannot tell where guarded branches to different states lead; branches to one state lead there', () => {
    expect(stateAfterStep(rules, 'a', 'GO')).toBeNull();
    expect(stateAfterStep(rules, 'b', 'GO')).toBe('c');
  });

  it('never offers a decision (decisions do not wait on the device), and a step with an unguarded branch without the server', () => {
    expect(stepsFrom(rules, 'a', 'officer', [])).toEqual(['GO']);
    expect(stepsFrom(rules, 'b', 'officer', [])).toEqual([]);
    expect(stepsFrom(rules, 'b', 'officer', ['GO'])).toEqual(['GO']);
  });
});
