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
  { type: 'RECORD_PROCEDURE_STATUS', status: 'report_received', on: '2026-03-02', reference: '12/TB', actor: police },
];
const serialize = (s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context.overdue, s.context.kind, s.context.procedure.length > 0]);
const input = { urgency: 'urgent', dueAt: '2026-12-01T00:00:00.000Z', kind: 'police_investigation' };

describe('handoff v2 (model-based)', () => {
  const cov = coverage(machine, [input, { ...input, urgency: 'normal', kind: 'school_support' }], events, serialize);
  it('reaches every state and takes every transition', () => {
    expect(cov.unreachedStates).toEqual([]);
    expect(cov.untaken).toEqual([]);
    expect(cov.total).toBeGreaterThanOrEqual(11);
  });
});

describe('handoff v2 (behaviour)', () => {
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

describe('handoff v2 (criminal procedure, protection)', () => {
  const accepted = (kind: string) => transition(machine, initialTransition(machine, { ...input, kind } as never)[0], { type: 'ACCEPT', actor: police })[0];

  it('a police handoff records each criminal-procedure status, oldest first, and tells the case worker', () => {
    const [s1, actions] = transition(machine, accepted('police_investigation'),
      { type: 'RECORD_PROCEDURE_STATUS', status: 'report_received', on: '2026-03-02', actor: police });
    expect(s1.value).toBe('accepted');
    expect(actions.map((a) => a.params)).toContainEqual({ audience: ['assignee'], template: 'handoff_procedure_status' });
    let [s2] = transition(machine, s1, { type: 'START', actor: police });
    [s2] = transition(machine, s2, { type: 'RECORD_PROCEDURE_STATUS', status: 'prosecution_opened', on: '2026-03-20', reference: '05/QĐ-KTVA', note: 'n', actor: police });
    expect(s2.context.procedure).toEqual([
      { status: 'report_received', on: '2026-03-02', reference: null, note: null, by: 'p1' },
      { status: 'prosecution_opened', on: '2026-03-20', reference: '05/QĐ-KTVA', note: 'n', by: 'p1' },
    ]);
  });

  it('other kinds of work have no criminal procedure; nor has an offer not yet accepted', () => {
    const e = { type: 'RECORD_PROCEDURE_STATUS', status: 'report_received', on: '2026-03-02', actor: police } as const;
    expect(accepted('school_support').can(e)).toBe(false);
    expect(initialTransition(machine, input as never)[0].can(e)).toBe(false);
    expect(accepted('forensic_exam').can(e)).toBe(true);
  });

  it('keeps what protection requires from its input', () => {
    const protection = { childLocation: 'Trạm y tế xã', workerName: 'Nguyễn Thị A', workerPhone: '0912345678' };
    const [s] = initialTransition(machine, { ...input, kind: 'police_protection', protection } as never);
    expect(s.context.protection).toEqual(protection);
    expect(initialTransition(machine, input as never)[0].context.protection).toBeNull();
  });
});
