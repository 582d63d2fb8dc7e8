import { initialTransition, transition, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import { coverage } from '../../model-coverage';
import { machine, type UrgentReportInput } from './machine';

const worker = { id: 'w1', role: 'social_worker' };
const chair = { id: 'c1', role: 'chair' };
const province = { id: 'p1', role: 'supervisor' };
const system = { id: 'system', role: 'system' };

const events = (): AnyEventObject[] => [
  { type: 'SUBMIT_REPORT', summary: 'Trẻ đuối nước tại ao', consequences: 'Tử vong', actor: worker },
  { type: 'RECEIVE', note: 'Chỉ đạo xác minh', actor: chair },
  { type: 'ACKNOWLEDGE', actor: province },
  { type: 'CLOSE_REPORT', followUp: 'Đã hỗ trợ gia đình', actor: worker },
  { type: 'WITHDRAW', reason: 'Mở nhầm', actor: worker },
  { type: 'DEADLINE_EXPIRED', deadline: 'urgent_report_chair', deadlineId: 'd', actor: system },
];
const serialize = (s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context.overdue]);
const input: UrgentReportInput = {
  kinds: ['death', 'drowning'], communeCode: 'van-son', provinceCode: 'thanh-hoa', openedAt: 'intake', hours: 24,
  chairDueAt: '2026-12-01T10:00:00.000Z', provinceDueAt: '2026-12-01T10:00:00.000Z',
  content: { summary: 'Trẻ đuối nước', occurredAt: '2026-11-30T08:00:00.000Z', location: 'Ao làng', children: 'Nguyễn Văn An, 8 tuổi', consequences: null, actionsTaken: null, cause: null, proposals: null },
};
const effects = (actions: Array<{ type: string; params?: unknown }>) => actions.map((a) => ({ type: a.type, params: a.params }));
const at = (state: string) => {
  let [s] = initialTransition(machine, input);
  const path: Record<string, AnyEventObject[]> = {
    drafted: [],
    sent: [events()[0]],
    chair_received: [events()[0], events()[1]],
    province_acknowledged: [events()[0], events()[2]],
    acknowledged: [events()[0], events()[1], events()[2]],
  };
  for (const e of path[state]) [s] = transition(machine, s, e as never);
  return s;
};

describe('urgent-report v1 (model-based)', () => {
  const cov = coverage(machine, [input], events, serialize);
  it('reaches every state and takes every transition', () => {
    expect(cov.unreachedStates).toEqual([]);
    expect(cov.untaken).toEqual([]);
    expect(cov.total).toBe(15);
  });
});

describe('urgent-report v1 (behaviour)', () => {
  it('opening schedules both deadlines at the province’s instants and tells the commune and its chair', () => {
    const [s, actions] = initialTransition(machine, input);
    expect(s.value).toBe('drafted');
    expect(effects(actions)).toEqual([
      { type: 'schedule', params: { deadline: 'urgent_report_chair', dueAt: input.chairDueAt } },
      { type: 'schedule', params: { deadline: 'urgent_report_province', dueAt: input.provinceDueAt } },
      { type: 'notify', params: { audience: ['assignee', 'supervisors', 'chair'], template: 'urgent_report_opened' } },
    ]);
  });

  it('sending records the content (keeping the intake’s answers not restated) and tells the chair and the province', () => {
    const [s1, actions] = transition(machine, at('drafted'), { type: 'SUBMIT_REPORT', summary: 'Trẻ đuối nước tại ao', consequences: 'Tử vong', actor: worker });
    expect(s1.value).toBe('sent');
    expect(s1.context.submittedBy).toBe('w1');
    expect(s1.context.content).toEqual({ ...input.content, summary: 'Trẻ đuối nước tại ao', consequences: 'Tử vong' });
    expect(effects(actions)).toEqual([{ type: 'notify', params: { audience: ['chair', 'receiving_agency'], template: 'urgent_report_sent' } }]);
  });

  it('the chair and the province acknowledge in either order, each settling their own deadline', () => {
    const [c1, a1] = transition(machine, at('sent'), { type: 'RECEIVE', note: 'Chỉ đạo', actor: chair });
    expect([c1.value, c1.context.chairReceivedBy, c1.context.chairNote]).toEqual(['chair_received', 'c1', 'Chỉ đạo']);
    expect(effects(a1)).toEqual([{ type: 'settle', params: { deadline: 'urgent_report_chair' } }]);
    const [c2, a2] = transition(machine, c1, { type: 'ACKNOWLEDGE', actor: province });
    expect([c2.value, c2.context.provinceAcknowledgedBy]).toEqual(['acknowledged', 'p1']);
    expect(effects(a2)[0]).toEqual({ type: 'settle', params: { deadline: 'urgent_report_province' } });

    const [p1] = transition(machine, at('sent'), { type: 'ACKNOWLEDGE', note: 'Đã nhận', actor: province });
    expect([p1.value, p1.context.provinceNote]).toEqual(['province_acknowledged', 'Đã nhận']);
    const [p2, a3] = transition(machine, p1, { type: 'RECEIVE', actor: chair });
    expect(p2.value).toBe('acknowledged');
    expect(effects(a3)).toEqual([{ type: 'settle', params: { deadline: 'urgent_report_chair' } }]);
  });

  it('nobody acknowledges a draft, and each side acknowledges once', () => {
    expect(at('drafted').can({ type: 'RECEIVE', actor: chair } as never)).toBe(false);
    expect(at('drafted').can({ type: 'ACKNOWLEDGE', actor: province } as never)).toBe(false);
    expect(at('chair_received').can({ type: 'RECEIVE', actor: chair } as never)).toBe(false);
    expect(at('province_acknowledged').can({ type: 'ACKNOWLEDGE', actor: province } as never)).toBe(false);
    expect(at('sent').can({ type: 'CLOSE_REPORT', followUp: 'x', actor: worker } as never)).toBe(false);
  });

  it('a missed deadline escalates and leaves the report open, in any open state', () => {
    for (const state of ['drafted', 'sent', 'chair_received', 'province_acknowledged']) {
      const [s1, actions] = transition(machine, at(state), { type: 'DEADLINE_EXPIRED', deadline: 'urgent_report_province', deadlineId: 'd', actor: system });
      expect([s1.value, s1.context.overdue]).toEqual([state, true]);
      expect(effects(actions)).toEqual([{ type: 'escalate', params: { deadline: 'urgent_report_province' } }]);
    }
  });

  it('closing records the follow-up; withdrawing cancels what is still pending', () => {
    const [closed] = transition(machine, at('acknowledged'), { type: 'CLOSE_REPORT', followUp: 'Đã hỗ trợ', actor: worker });
    expect([closed.value, closed.status, closed.context.outcome, closed.context.reason]).toEqual(['closed', 'done', 'closed', 'Đã hỗ trợ']);
    const [withdrawn, actions] = transition(machine, at('drafted'), { type: 'WITHDRAW', reason: 'Mở nhầm', actor: worker });
    expect([withdrawn.value, withdrawn.context.outcome, withdrawn.context.reason]).toEqual(['withdrawn', 'withdrawn', 'Mở nhầm']);
    expect(effects(actions)).toEqual([{ type: 'cancel', params: { deadline: '*' } }]);
    for (const e of events()) expect(closed.can(e as never)).toBe(false);
  });
});
