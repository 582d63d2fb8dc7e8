import { initialTransition, transition, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import { coverage } from '../../model-coverage';
import { machine, SCHOOL_REINTEGRATION_DAYS, type CaseEvent, type CaseContext } from './machine';

const worker = { id: 'w1', role: 'social_worker' };
const worker2 = { id: 'w2', role: 'social_worker' };
const supervisor = { id: 's1', role: 'supervisor' };
const chair = { id: 'c1', role: 'chair' };
const system = { id: 'system', role: 'system' };
const emergency = { instructions: 'Đưa trẻ đến nơi an toàn', childLocation: 'Nhà bà ngoại, thôn 3', workerName: 'Nguyễn Thị A', workerPhone: '0912345678' };
const plan = { goals: 'An toàn cho trẻ', actions: [{ kind: 'medical_care', agencyType: 'health_station', dueInDays: 7 }] };

/** Every event the model may try in any state, with the data variants that select guarded branches. */
function events(): AnyEventObject[] {
  return [
    { type: 'ASSIGN', assigneeId: 'w1', actor: supervisor },
    { type: 'START_VERIFICATION', actor: worker },
    { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'immediate_danger', substantiated: true, summary: 's', actor: worker },
    { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'high', substantiated: true, summary: 's', actor: worker },
    { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'low', substantiated: false, summary: 's', actor: worker },
    { type: 'APPLY_EMERGENCY_MEASURES', measures: ['tạm thời cách ly'], ...emergency, actor: worker },
    { type: 'REQUEST_SCHOOL_REINTEGRATION', instructions: 'Lớp 5A', actor: worker },
    { type: 'RECORD_ASSESSMENT', needs: ['y tế'], summary: 's', actor: worker },
    { type: 'SUBMIT_PLAN', ...plan, actor: worker },
    { type: 'APPROVE_PLAN', actor: chair },
    { type: 'APPROVE_PLAN', signerTitle: 'vice_chair', effectiveOn: '2026-03-05', actor: chair },
    { type: 'APPROVE_PLAN', actor: worker },
    { type: 'REJECT_PLAN', reason: 'r', actor: chair },
    { type: 'RECORD_REVIEW', summary: 's', childSafe: true, actor: worker },
    { type: 'PROPOSE_CLOSURE', reason: 'r', actor: worker, facts: { openHandoffs: 0 } },
    { type: 'PROPOSE_CLOSURE', reason: 'r', actor: worker, facts: { openHandoffs: 1 } },
    { type: 'APPROVE_CLOSURE', actor: chair },
    { type: 'APPROVE_CLOSURE', actor: chair, facts: { openHandoffs: 1 } },
    { type: 'APPROVE_CLOSURE', actor: supervisor },
    { type: 'REJECT_CLOSURE', reason: 'r', actor: chair },
    { type: 'CLOSE_UNFOUNDED', reason: 'r', actor: worker2 },
    { type: 'MARK_DUPLICATE', ofCaseId: '00000000-0000-4000-8000-000000000000', actor: worker },
    { type: 'REOPEN', reason: 'r', actor: supervisor },
    { type: 'ADD_NOTE', text: 'n', actor: worker },
    { type: 'DEADLINE_EXPIRED', deadline: 'plan_submission', deadlineId: 'd1', actor: system },
    { type: 'HANDOFF_UPDATED', handoffId: 'h1', status: 'declined', actor: system },
    { type: 'HANDOFF_UPDATED', handoffId: 'h1', status: 'accepted', actor: system },
  ];
}

/** The abstract state: stage plus the context that guards read (counters left out to keep it finite). */
function serialize(s: AnyMachineSnapshot): string {
  const c = s.context as CaseContext;
  return JSON.stringify([s.value, c.immediateDanger, c.riskLevel, c.substantiated, c.assigneeId, c.emergencyApplied,
    c.plan?.authorId ?? null, c.closure?.kind ?? null, c.closure?.proposerId ?? null, c.lastReviewChildSafe, c.outcome]);
}

type Step = { type: CaseEvent['type']; actor?: CaseEvent['actor']; [data: string]: unknown };

function run(input: { immediateDanger: boolean }, steps: readonly Step[]) {
  let [s, actions] = initialTransition(machine, input);
  const effects = [actions];
  for (const step of steps) {
    const e = { actor: worker, ...step } as CaseEvent;
    expect(s.can(e)).toBe(true);
    [s, actions] = transition(machine, s, e);
    effects.push(actions);
  }
  return { s, effects: effects.map((list) => list.map((a) => ({ type: a.type, params: a.params }))) };
}

describe('abuse-intervention v2 (model-based)', () => {
  const cov = coverage(machine, [{ immediateDanger: false }, { immediateDanger: true }], events, serialize);

  it('reaches every state', () => {
    expect(cov.unreachedStates).toEqual([]);
  });

  it('takes every transition of the machine, guarded branches included', () => {
    expect(cov.untaken).toEqual([]);
    expect(cov.taken).toBe(cov.total);
    expect(cov.total).toBeGreaterThan(30);
  });
});

describe('abuse-intervention v2 (behaviour)', () => {
  it('an urgent report starts the 12-hour clock and the 5-working-day plan clock, and alerts the chair', () => {
    const { s, effects } = run({ immediateDanger: true }, []);
    expect(s.value).toBe('received');
    expect(effects[0]).toEqual([
      { type: 'schedule', params: { deadline: 'emergency_response' } },
      { type: 'schedule', params: { deadline: 'plan_submission' } },
      { type: 'notify', params: { audience: ['commune_workers', 'supervisors', 'chair'], template: 'case_received_urgent' } },
    ]);
  });

  it('a routine report gets the initial-assessment deadline instead', () => {
    const { effects } = run({ immediateDanger: false }, []);
    expect(effects[0][0]).toEqual({ type: 'schedule', params: { deadline: 'initial_assessment' } });
  });

  it('cannot start verification before someone is assigned', () => {
    const [s] = initialTransition(machine, { immediateDanger: false });
    expect(s.can({ type: 'START_VERIFICATION', actor: worker })).toBe(false);
  });

  it('emergency measures settle the 12-hour deadline and hand off urgent police and medical work', () => {
    const { s, effects } = run({ immediateDanger: true }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' }, { type: 'APPLY_EMERGENCY_MEASURES', measures: ['x'], ...emergency },
    ]);
    expect(s.context.emergencyApplied).toBe(true);
    const last = effects[effects.length - 1];
    expect(last).toContainEqual({ type: 'settle', params: { deadline: 'emergency_response' } });
    const handoff = last.find((a) => a.type === 'handoff')!;
    expect((handoff.params as { handoffs: Array<{ kind: string; urgency: string }> }).handoffs.map((h) => [h.kind, h.urgency]))
      .toEqual([['police_protection', 'urgent'], ['medical_care', 'urgent']]);
    expect(s.can({ type: 'APPLY_EMERGENCY_MEASURES', measures: ['again'], ...emergency, actor: worker })).toBe(false);
  });

  it('the emergency handoffs carry the instructions, where the child is and the social worker’s contact', () => {
    const { effects } = run({ immediateDanger: true }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' }, { type: 'APPLY_EMERGENCY_MEASURES', measures: ['x'], ...emergency },
    ]);
    const handoff = effects[effects.length - 1].find((a) => a.type === 'handoff')!;
    const protection = { childLocation: emergency.childLocation, workerName: emergency.workerName, workerPhone: emergency.workerPhone };
    expect((handoff.params as { handoffs: unknown[] }).handoffs).toEqual([
      { kind: 'police_protection', agencyType: 'commune_police', urgency: 'urgent', dueInDays: 1, instructions: emergency.instructions, protection },
      { kind: 'medical_care', agencyType: 'health_station', urgency: 'urgent', dueInDays: 1, instructions: emergency.instructions, protection },
    ]);
  });

  it('the child’s return to school is asked of the school while the plan runs, due in the product default', () => {
    const { s } = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'high', substantiated: true, summary: 's' },
      { type: 'RECORD_ASSESSMENT', needs: [], summary: 's' },
    ]);
    expect(s.can({ type: 'REQUEST_SCHOOL_REINTEGRATION', actor: worker })).toBe(false);
    const intervening = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'high', substantiated: true, summary: 's' },
      { type: 'RECORD_ASSESSMENT', needs: [], summary: 's' },
      { type: 'SUBMIT_PLAN', ...plan },
      { type: 'APPROVE_PLAN', actor: chair },
    ]).s;
    const [next, actions] = transition(machine, intervening, { type: 'REQUEST_SCHOOL_REINTEGRATION', instructions: 'Lớp 5A', actor: worker });
    expect(next.value).toBe('intervening');
    expect(next.context.schoolReintegrations).toBe(1);
    expect(actions.find((a) => a.type === 'handoff')!.params).toEqual({
      handoffs: [{ kind: 'school_reintegration', agencyType: 'school', urgency: 'normal', dueInDays: SCHOOL_REINTEGRATION_DAYS, instructions: 'Lớp 5A' }],
    });
  });

  it('danger found on a routine report starts a fresh 12-hour emergency clock', () => {
    const { s, effects } = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'immediate_danger', substantiated: true, summary: 's' },
    ]);
    expect(s.value).toBe('assessing');
    expect(effects[effects.length - 1]).toContainEqual({ type: 'schedule', params: { deadline: 'emergency_measures' } });
  });

  it('an unfounded report closes only with a supervisor’s approval, never the proposer’s', () => {
    const steps = [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'low', substantiated: false, summary: 's' },
      { type: 'CLOSE_UNFOUNDED', reason: 'không có căn cứ' },
    ] as const;
    const { s } = run({ immediateDanger: false }, [...steps]);
    expect(s.value).toBe('awaiting_closure_approval');
    expect(s.can({ type: 'APPROVE_CLOSURE', actor: worker })).toBe(false);
    expect(s.can({ type: 'APPROVE_CLOSURE', actor: supervisor })).toBe(true);
    const [closed] = transition(machine, s, { type: 'APPROVE_CLOSURE', actor: supervisor });
    expect(closed.value).toBe('closed');
    expect(closed.context.outcome).toBe('unfounded');
  });

  it('CLOSE_UNFOUNDED is refused once the report was substantiated', () => {
    const { s } = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'high', substantiated: true, summary: 's' },
    ]);
    expect(s.can({ type: 'CLOSE_UNFOUNDED', reason: 'x', actor: worker })).toBe(false);
  });

  it('the plan’s author cannot approve it; the chair can, and one handoff per plan action follows', () => {
    const { s } = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'high', substantiated: true, summary: 's' },
      { type: 'RECORD_ASSESSMENT', needs: ['y tế'], summary: 's' },
      { type: 'SUBMIT_PLAN', goals: 'g', actions: [
        { kind: 'medical_care', agencyType: 'health_station', dueInDays: 3 },
        { kind: 'school_support', agencyType: 'school', dueInDays: 10 },
      ] },
    ]);
    expect(s.can({ type: 'APPROVE_PLAN', actor: worker })).toBe(false);
    const [next, actions] = transition(machine, s, { type: 'APPROVE_PLAN', actor: chair });
    expect(next.value).toBe('intervening');
    const handoff = actions.find((a) => a.type === 'handoff')!;
    expect((handoff.params as { handoffs: unknown[] }).handoffs).toEqual([
      { kind: 'medical_care', agencyType: 'health_station', urgency: 'normal', dueInDays: 3, instructions: undefined },
      { kind: 'school_support', agencyType: 'school', urgency: 'normal', dueInDays: 10, instructions: undefined },
    ]);
  });

  it('approving a plan is a decision quoting the plan, named before the handoffs it assigns', () => {
    const { s } = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'high', substantiated: true, summary: 's' },
      { type: 'RECORD_ASSESSMENT', needs: [], summary: 's' },
      { type: 'SUBMIT_PLAN', ...plan },
    ]);
    const [, actions] = transition(machine, s, { type: 'APPROVE_PLAN', signerTitle: 'vice_chair', actor: chair });
    const types = actions.map((a) => a.type);
    expect(actions.find((a) => a.type === 'decide')!.params).toEqual({ kind: 'plan_approval', quotes: ['SUBMIT_PLAN'] });
    expect(types.indexOf('decide')).toBeLessThan(types.indexOf('handoff'));
    // Rejecting a plan decides nothing: no number is taken.
    const [, rejected] = transition(machine, s, { type: 'REJECT_PLAN', reason: 'r', actor: chair });
    expect(rejected.map((a) => a.type)).not.toContain('decide');
  });

  it('approving a closure is a decision quoting the proposal it approves (resolved or unfounded)', () => {
    const unfounded = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'low', substantiated: false, summary: 's' },
      { type: 'CLOSE_UNFOUNDED', reason: 'không có căn cứ' },
    ]).s;
    const [, bySupervisor] = transition(machine, unfounded, { type: 'APPROVE_CLOSURE', actor: supervisor, facts: { openHandoffs: 0 } });
    expect(bySupervisor.find((a) => a.type === 'decide')!.params).toEqual({ kind: 'closure', quotes: ['CLOSE_UNFOUNDED'], details: { kind: 'unfounded' } });

    const resolved = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'high', substantiated: true, summary: 's' },
      { type: 'RECORD_ASSESSMENT', needs: [], summary: 's' },
      { type: 'SUBMIT_PLAN', ...plan },
      { type: 'APPROVE_PLAN', actor: chair },
      { type: 'PROPOSE_CLOSURE', reason: 'an toàn', facts: { openHandoffs: 0 } },
    ]).s;
    const [closed, actions] = transition(machine, resolved, { type: 'APPROVE_CLOSURE', actor: chair, facts: { openHandoffs: 0 } });
    expect(closed.value).toBe('closed');
    expect(actions.find((a) => a.type === 'decide')!.params).toEqual({ kind: 'closure', quotes: ['PROPOSE_CLOSURE'], details: { kind: 'resolved' } });
    const [, rejected] = transition(machine, resolved, { type: 'REJECT_CLOSURE', reason: 'chưa', actor: chair });
    expect(rejected.map((a) => a.type)).not.toContain('decide');
  });

  it('closure cannot be proposed while a handoff is open', () => {
    const { s } = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'high', substantiated: true, summary: 's' },
      { type: 'RECORD_ASSESSMENT', needs: [], summary: 's' },
      { type: 'SUBMIT_PLAN', ...plan },
      { type: 'APPROVE_PLAN', actor: chair },
    ]);
    expect(s.can({ type: 'PROPOSE_CLOSURE', reason: 'r', actor: worker, facts: { openHandoffs: 1 } })).toBe(false);
    expect(s.can({ type: 'PROPOSE_CLOSURE', reason: 'r', actor: worker, facts: { openHandoffs: 0 } })).toBe(true);
  });

  it('closure is not approved while a handoff is open (nobody’s work is dropped by it)', () => {
    const { s } = run({ immediateDanger: false }, [
      { type: 'ASSIGN', assigneeId: 'w1' }, { type: 'START_VERIFICATION' },
      { type: 'RECORD_INITIAL_ASSESSMENT', riskLevel: 'low', substantiated: false, summary: 's' },
      { type: 'CLOSE_UNFOUNDED', reason: 'không có căn cứ' },
    ]);
    expect(s.can({ type: 'APPROVE_CLOSURE', actor: chair, facts: { openHandoffs: 1 } })).toBe(false);
    expect(s.can({ type: 'APPROVE_CLOSURE', actor: chair, facts: { openHandoffs: 0 } })).toBe(true);
  });

  it('a closed case can be reopened into assessment with a fresh planning deadline', () => {
    const { s, effects } = run({ immediateDanger: false }, [
      { type: 'MARK_DUPLICATE', ofCaseId: 'x' },
      { type: 'REOPEN', reason: 'thông tin mới', actor: supervisor },
    ]);
    expect(s.value).toBe('assessing');
    expect(s.context.reopened).toBe(1);
    expect(effects[effects.length - 1]).toContainEqual({ type: 'schedule', params: { deadline: 'replan_submission' } });
  });
});
