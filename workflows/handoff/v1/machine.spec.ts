import { initialTransition, transition, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import { coverage } from '../../model-coverage';
import { machine } from './machine';

const police = { id: 'p1', role: 'police' };
const worker = { id: 'w1', role: 'social_worker' };
const system = { id: 'system', role: 'system' };

const events = (): AnyEventObject[] => [
  { type: 'ACCEPT', actor: police },
  { type: 'DECLINE', reason: 'ngoài thẩm quyền', actor: police },
  { type: 'START', actor: police },
  { type: 'COMPLETE', outcome: 'đã bảo vệ', actor: police },
  { type: 'CANCEL', reason: 'giao cơ quan khác', actor: worker },
  { type: 'DEADLINE_EXPIRED', deadline: 'acceptance_urgent', deadlineId: 'd', actor: system },
];
const serialize = (s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context.overdue]);
const input = { urgency: 'urgent', dueAt: '2026-12-01T00:00:00.000Z' };

describe('handoff v1 (model-based)', () => {
  const cov = coverage(machine, [input, { ...input, urgency: 'normal' }], events, serialize);
  it('reaches every state and takes every transition', () => {
    expect(cov.unreachedStates).toEqual([]);
    expect(cov.untaken).toEqual([]);
    expect(cov.total).toBeGreaterThanOrEqual(9);
  });
});

describe('handoff v1 (behaviour)', () => {
  it('an urgent offer schedules the 2-hour acceptance and the completion deadline, and tells the agency', () => {
    const [s, actions] = initialTransition(machine, input as never);
    expect(s.value).toBe('offered');
    expect(actions.map((a) => ({ type: a.type, params: a.params }))).toEqual([
      { type: 'schedule', params: { deadline: 'acceptance_urgent' } },
      { type: 'schedule', params: { deadline: 'completion', dueAt: input.dueAt } },
      { type: 'notify', params: { audience: ['receiving_agency'], template: 'handoff_offered' } },
    ]);
  });

  it('a missed acceptance escalates but leaves the offer open to accept', () => {
    const [s0] = initialTransition(machine, input as never);
    const [s1, actions] = transition(machine, s0, { type: 'DEADLINE_EXPIRED', deadline: 'acceptance_urgent', deadlineId: 'd', actor: system });
    expect(s1.value).toBe('offered');
    expect(s1.context.overdue).toBe(true);
    expect(actions.map((a) => a.type)).toContain('escalate');
    expect(s1.can({ type: 'ACCEPT', actor: police })).toBe(true);
  });

  it('a decline records the reason, cancels the deadlines and tells the case worker', () => {
    const [s0] = initialTransition(machine, input as never);
    const [s1, actions] = transition(machine, s0, { type: 'DECLINE', reason: 'không đủ nhân lực', actor: police });
    expect(s1.value).toBe('declined');
    expect(s1.context.reason).toBe('không đủ nhân lực');
    expect(actions.map((a) => ({ type: a.type, params: a.params }))).toEqual([
      { type: 'cancel', params: { deadline: '*' } },
      { type: 'notify', params: { audience: ['assignee'], template: 'handoff_declined' } },
    ]);
  });

  it('completion settles the completion deadline and ends the handoff', () => {
    let [s] = initialTransition(machine, input as never);
    [s] = transition(machine, s, { type: 'ACCEPT', actor: police });
    [s] = transition(machine, s, { type: 'START', actor: police });
    const [done, actions] = transition(machine, s, { type: 'COMPLETE', outcome: 'xong', actor: police });
    expect(done.value).toBe('completed');
    expect(done.status).toBe('done');
    expect(actions.map((a) => a.params)).toContainEqual({ deadline: 'completion' });
  });
});
