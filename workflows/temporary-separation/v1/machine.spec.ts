import { initialTransition, transition, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import { coverage } from '../../model-coverage';
import { deadlines } from './deadlines';
import { events as contracts } from './events';
import { allTransitions } from '../../graph';
import { machine } from './machine';

const chair = { id: 'c1', role: 'chair' };
const worker = { id: 'w1', role: 'social_worker' };
const system = { id: 'system', role: 'system' };
const dates = { startOn: '2026-12-01', endOn: '2026-12-15', endsAt: '2026-12-16T03:00:00.000Z', warnAt: '2026-12-14T03:00:00.000Z', nextVisitAt: '2026-12-04T03:00:00.000Z' };
const expired = (deadline: string) => ({ type: 'DEADLINE_EXPIRED', deadline, deadlineId: 'd', actor: system });

const events = (): AnyEventObject[] => [
  { type: 'DECIDE_SEPARATION', ...dates, actor: chair },
  { type: 'REJECT_SEPARATION', reason: 'chưa đủ căn cứ', actor: chair },
  { type: 'CANCEL_SEPARATION', reason: 'rút', actor: worker },
  { type: 'RECORD_VISIT', visitedOn: '2026-12-03', observations: 'ổn', childCondition: 'khỏe', carerCare: 'tốt', nextVisitAt: '2026-12-07T03:00:00.000Z', actor: worker },
  { type: 'EXTEND_SEPARATION', authority: 'TAND huyện', documentRef: '12/QĐ-TA', newEndOn: '2026-12-30', endsAt: '2026-12-31T03:00:00.000Z', warnAt: '2026-12-29T03:00:00.000Z', actor: chair },
  { type: 'REVOKE_SEPARATION', reason: 'gia đình đã an toàn', actor: chair },
  expired('separation_decision'),
  expired('separation_end'),
  expired('separation_end_warning'),
  expired('monitoring_visit'),
];
const serialize = (s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context.overdue, s.context.endWarned, s.context.extensions > 0, s.context.visits > 0]);
const input = {
  separatedFrom: 'father', separatedFromName: 'Nguyễn Văn B', reason: 'bạo lực gia đình',
  placement: { kind: 'relative', carerName: 'Trần Thị C', address: 'Thôn 2', phone: '0900000000', relation: 'bà ngoại' },
  consent: { given: true, method: 'in_person', note: null }, plannedDays: 15, decisionDueAt: '2026-12-01T12:00:00.000Z',
};
const facility = { ...input, placement: { kind: 'facility', carerName: 'Trung tâm CTXH tỉnh', address: 'TP', phone: null, relation: null } };
const effects = (actions: Array<{ type: string; params?: unknown }>) => actions.map((a) => ({ type: a.type, params: a.params }));
const decided = () => transition(machine, initialTransition(machine, input as never)[0], { type: 'DECIDE_SEPARATION', ...dates, actor: chair })[0];

describe('temporary-separation v1 (model-based)', () => {
  const cov = coverage(machine, [input, facility], events, serialize);
  it('reaches every state and takes every transition', () => {
    expect(cov.unreachedStates).toEqual([]);
    expect(cov.untaken).toEqual([]);
    expect(cov.total).toBe(12);
  });
});

describe('temporary-separation v1 (contract)', () => {
  it('declares exactly the events the machine takes from clients', () => {
    const taken = new Set(allTransitions(machine).map((t) => t.eventType).filter((t) => t !== 'DEADLINE_EXPIRED'));
    expect(Object.keys(contracts).sort()).toEqual([...taken].sort());
  });
  it('leaves deciding, extending and revoking to the chair alone', () => {
    for (const t of ['DECIDE_SEPARATION', 'REJECT_SEPARATION', 'EXTEND_SEPARATION', 'REVOKE_SEPARATION']) expect(contracts[t].roles).toEqual(['chair']);
    expect(contracts.RECORD_VISIT.roles).toEqual(['social_worker', 'supervisor']);
  });
  it('gives the chair 12 hours, the separation 15 days, and labels the product defaults', () => {
    expect(deadlines.separation_decision.rule).toEqual({ hours: 12 });
    expect(deadlines.separation_end.rule).toEqual({ calendarDays: 15 });
    expect(deadlines.separation_end_warning.legalBasis).toContain('product default');
    expect(deadlines.monitoring_visit.legalBasis).toContain('product default');
  });
});

describe('temporary-separation v1 (behaviour)', () => {
  it('a proposal schedules the 12-hour decision and tells the chair', () => {
    const [s, actions] = initialTransition(machine, input as never);
    expect(s.value).toBe('proposed');
    expect(effects(actions)).toEqual([
      { type: 'schedule', params: { deadline: 'separation_decision', dueAt: input.decisionDueAt } },
      { type: 'notify', params: { audience: ['chair', 'supervisors'], template: 'separation_proposed' } },
    ]);
  });

  it('the decision issues Mẫu 07 and schedules the end, its warning and the first visit', () => {
    const [s0] = initialTransition(machine, input as never);
    const [s1, actions] = transition(machine, s0, { type: 'DECIDE_SEPARATION', ...dates, actor: chair });
    expect(s1.value).toBe('in_effect');
    expect(s1.context).toMatchObject({ startOn: '2026-12-01', endOn: '2026-12-15', endsAt: dates.endsAt, nextVisitAt: dates.nextVisitAt });
    const fx = effects(actions);
    expect(fx.map((a) => a.type)).toEqual(['settle', 'decide', 'schedule', 'schedule', 'schedule', 'notify']);
    expect(fx[1].params).toMatchObject({ kind: 'separation', details: { separatedFrom: 'father', startOn: '2026-12-01', endOn: '2026-12-15', placement: { kind: 'relative', carerName: 'Trần Thị C' } } });
    expect(fx.slice(2, 5).map((a) => a.params)).toEqual([
      { deadline: 'separation_end', dueAt: dates.endsAt }, { deadline: 'separation_end_warning', dueAt: dates.warnAt }, { deadline: 'monitoring_visit', dueAt: dates.nextVisitAt },
    ]);
  });

  it('a placement in a facility hands the child to the social work centre', () => {
    const [s0] = initialTransition(machine, facility as never);
    const [s1, actions] = transition(machine, s0, { type: 'DECIDE_SEPARATION', ...dates, actor: chair });
    expect(s1.value).toBe('in_effect');
    const h = effects(actions).find((a) => a.type === 'handoff');
    expect(h?.params).toMatchObject({ handoffs: [{ kind: 'alternative_care', agencyType: 'social_work_center', urgency: 'urgent', dueInDays: 15 }] });
    const [, plain] = transition(machine, initialTransition(machine, input as never)[0], { type: 'DECIDE_SEPARATION', ...dates, actor: chair });
    expect(effects(plain).some((a) => a.type === 'handoff')).toBe(false);
  });

  it('a missed decision escalates and the proposal stays open', () => {
    const [s0] = initialTransition(machine, input as never);
    const [s1, actions] = transition(machine, s0, expired('separation_decision') as never);
    expect(s1.value).toBe('proposed');
    expect(s1.context.overdue).toBe(true);
    expect(effects(actions)).toEqual([{ type: 'escalate', params: { deadline: 'separation_decision' } }]);
    expect(s1.can({ type: 'DECIDE_SEPARATION', ...dates, actor: chair })).toBe(true);
  });

  it('a visit settles the one due and schedules the next', () => {
    const [s2, actions] = transition(machine, decided(), events()[3] as never);
    expect(s2.value).toBe('in_effect');
    expect(s2.context.visits).toBe(1);
    expect(effects(actions)).toEqual([
      { type: 'settle', params: { deadline: 'monitoring_visit' } },
      { type: 'schedule', params: { deadline: 'monitoring_visit', dueAt: '2026-12-07T03:00:00.000Z' } },
    ]);
  });

  it('the warning escalates two days before; the end ends it', () => {
    const [w, wa] = transition(machine, decided(), expired('separation_end_warning') as never);
    expect(w.value).toBe('in_effect');
    expect(w.context.endWarned).toBe(true);
    expect(effects(wa)).toEqual([{ type: 'escalate', params: { deadline: 'separation_end_warning' } }]);
    const [e, ea] = transition(machine, w, expired('separation_end') as never);
    expect(e.value).toBe('ended');
    expect(e.context.outcome).toBe('expired');
    expect(effects(ea).map((a) => a.type)).toEqual(['cancel', 'notify']);
  });

  it('an extension is its own decision and moves the end', () => {
    const [s, actions] = transition(machine, decided(), events()[4] as never);
    expect(s.context).toMatchObject({ endOn: '2026-12-30', extensions: 1 });
    const fx = effects(actions);
    expect(fx[0]).toEqual({ type: 'decide', params: { kind: 'separation_extension', quotes: [], details: { authority: 'TAND huyện', documentRef: '12/QĐ-TA', newEndOn: '2026-12-30' } } });
    expect(fx.filter((a) => a.type === 'schedule').map((a) => a.params)).toEqual([
      { deadline: 'separation_end', dueAt: '2026-12-31T03:00:00.000Z' }, { deadline: 'separation_end_warning', dueAt: '2026-12-29T03:00:00.000Z' },
    ]);
  });

  it('a revocation is a decision and ends it', () => {
    const [s, actions] = transition(machine, decided(), events()[5] as never);
    expect(s.value).toBe('revoked');
    expect(s.context).toMatchObject({ outcome: 'revoked', outcomeReason: 'gia đình đã an toàn' });
    expect(effects(actions).map((a) => a.type)).toEqual(['decide', 'cancel', 'notify']);
  });

  it('an ended separation takes nothing more', () => {
    const [s] = transition(machine, decided(), events()[5] as never);
    for (const e of events()) expect(s.can(e as never)).toBe(false);
  });
});
