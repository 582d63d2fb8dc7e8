import { initialTransition, transition, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import { coverage } from '../../model-coverage';
import { machine } from './machine';

const receiver = { id: 'r1', role: 'social_worker' };
const requester = { id: 'w1', role: 'social_worker' };
const system = { id: 'system', role: 'system' };

const events = (): AnyEventObject[] => [
  { type: 'ACCEPT_TRANSFER', assigneeId: 'u2', actor: receiver },
  { type: 'DECLINE_TRANSFER', reason: 'trẻ không cư trú tại xã', actor: receiver },
  { type: 'CANCEL_TRANSFER', reason: 'gia đình ở lại', actor: requester },
  { type: 'DEADLINE_EXPIRED', deadline: 'transfer_decision', deadlineId: 'd', actor: system },
];
const serialize = (s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context.overdue]);
const transfer = {
  kind: 'transfer', fromCommuneCode: 'van-son', toCommuneCode: 'nam-phu', residence: { village: 'Thôn 3', address: 'Số 5' },
  dueAt: '2026-12-01T17:00:00.000Z',
};
const handover = { ...transfer, kind: 'handover', toCommuneCode: 'ngoc-lien', residence: null };

const effects = (actions: Array<{ type: string; params?: unknown }>) => actions.map((a) => ({ type: a.type, params: a.params }));

describe('commune-transfer v1 (model-based)', () => {
  const cov = coverage(machine, [transfer, handover], events, serialize);
  it('reaches every state and takes every transition', () => {
    expect(cov.unreachedStates).toEqual([]);
    expect(cov.untaken).toEqual([]);
    expect(cov.total).toBe(4);
  });
});

describe('commune-transfer v1 (behaviour)', () => {
  it('a request schedules the decision deadline at its due date and tells the receiving office', () => {
    const [s, actions] = initialTransition(machine, transfer as never);
    expect(s.value).toBe('requested');
    expect(effects(actions)).toEqual([
      { type: 'schedule', params: { deadline: 'transfer_decision', dueAt: transfer.dueAt } },
      { type: 'notify', params: { audience: ['receiving_agency'], template: 'transfer_requested' } },
    ]);
  });

  it('acceptance settles the deadline, moves the case with the new assignee and tells both communes', () => {
    const [s0] = initialTransition(machine, transfer as never);
    const [s1, actions] = transition(machine, s0, { type: 'ACCEPT_TRANSFER', assigneeId: 'u2', actor: receiver });
    expect(s1.value).toBe('accepted');
    expect(s1.status).toBe('done');
    expect(s1.context).toMatchObject({ outcome: 'accepted', assigneeId: 'u2', reason: null });
    expect(effects(actions)).toEqual([
      { type: 'settle', params: { deadline: 'transfer_decision' } },
      { type: 'moveCase', params: { kind: 'transfer', toCommuneCode: 'nam-phu', assigneeId: 'u2' } },
      { type: 'notify', params: { audience: ['assignee', 'supervisors', 'receiving_agency'], template: 'transfer_accepted' } },
    ]);
  });

  it('a handover moves the case without a new residence', () => {
    const [s0] = initialTransition(machine, handover as never);
    const [, actions] = transition(machine, s0, { type: 'ACCEPT_TRANSFER', assigneeId: 'u3', actor: receiver });
    expect(actions.find((a) => a.type === 'moveCase')?.params).toEqual({ kind: 'handover', toCommuneCode: 'ngoc-lien', assigneeId: 'u3' });
  });

  it('a decline keeps the case where it is, records why and tells the requesting commune', () => {
    const [s0] = initialTransition(machine, transfer as never);
    const [s1, actions] = transition(machine, s0, { type: 'DECLINE_TRANSFER', reason: 'không đúng địa bàn', actor: receiver });
    expect(s1.value).toBe('declined');
    expect(s1.context).toMatchObject({ outcome: 'declined', reason: 'không đúng địa bàn' });
    expect(effects(actions)).toEqual([
      { type: 'cancel', params: { deadline: '*' } },
      { type: 'releaseCase', params: {} },
      { type: 'notify', params: { audience: ['assignee', 'supervisors'], template: 'transfer_declined' } },
    ]);
  });

  it('a withdrawal keeps the case where it is and tells the receiving office', () => {
    const [s0] = initialTransition(machine, transfer as never);
    const [s1, actions] = transition(machine, s0, { type: 'CANCEL_TRANSFER', reason: 'gia đình ở lại', actor: requester });
    expect(s1.value).toBe('cancelled');
    expect(s1.context).toMatchObject({ outcome: 'cancelled', reason: 'gia đình ở lại' });
    expect(effects(actions).map((a) => a.type)).toEqual(['cancel', 'releaseCase', 'notify']);
  });

  it('a missed decision escalates and leaves the request open to decide', () => {
    const [s0] = initialTransition(machine, transfer as never);
    const [s1, actions] = transition(machine, s0, { type: 'DEADLINE_EXPIRED', deadline: 'transfer_decision', deadlineId: 'd', actor: system });
    expect(s1.value).toBe('requested');
    expect(s1.context.overdue).toBe(true);
    expect(effects(actions)).toEqual([{ type: 'escalate', params: { deadline: 'transfer_decision' } }]);
    expect(s1.can({ type: 'ACCEPT_TRANSFER', assigneeId: 'u2', actor: receiver })).toBe(true);
    expect(s1.can({ type: 'DECLINE_TRANSFER', reason: 'x', actor: receiver })).toBe(true);
  });

  it('an ended transfer takes nothing more', () => {
    const [s0] = initialTransition(machine, transfer as never);
    const [s1] = transition(machine, s0, { type: 'DECLINE_TRANSFER', reason: 'x', actor: receiver });
    for (const e of events()) expect(s1.can(e as never)).toBe(false);
  });
});
