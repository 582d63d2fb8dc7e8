import { initialTransition, transition, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import { coverage } from '../../model-coverage';
import { machine, type SupportInput } from './machine';

const worker = { id: 'w1', role: 'social_worker' };
const system = { id: 'system', role: 'system' };
const input: SupportInput = {
  childId: 'c-1', communeCode: 'van-son', groups: ['orphan', 'disability'], note: 'Sống với bà ngoại', assessmentDueAt: '2026-12-10T10:00:00.000Z',
};
const assess = { type: 'ASSESS', needs: 'Cần trợ cấp, học phí', assessedOn: '2026-12-01', planDueAt: '2026-12-20T10:00:00.000Z', actor: worker };
const plan = {
  type: 'PLAN', goals: 'Trẻ đi học đều', nextReviewAt: '2027-06-01T10:00:00.000Z', actor: worker,
  services: [{ kind: 'social_assistance', detail: 'Trợ cấp hằng tháng', grantedOn: '2026-12-05' }],
};
const grantService = { type: 'GRANT_SERVICE', kind: 'education', detail: 'Miễn học phí', grantedOn: '2026-12-06', actor: worker };
const endService = { type: 'END_SERVICE', service: 1, endedOn: '2027-01-01', reason: 'Đã đủ', actor: worker };
const review = { type: 'REVIEW', reviewedOn: '2027-06-01', findings: 'Tiến bộ', nextReviewAt: '2027-12-01T10:00:00.000Z', actor: worker };
const exit = { type: 'EXIT', reason: 'turned_16', exitedOn: '2027-07-01', actor: worker };
const expired = (deadline: string) => ({ type: 'DEADLINE_EXPIRED', deadline, deadlineId: 'd', actor: system });

const events = (): AnyEventObject[] => [
  assess, plan, grantService, endService, { ...endService, service: 9 }, review, exit,
  expired('support_assessment'), expired('support_review'),
];
// States by value, whether overdue, and whether service 1 is open (END_SERVICE's guard reads it): grants are unbounded, this is not.
const serialize = (s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context.overdue, s.context.services[0]?.endedOn === null]);
const effects = (actions: Array<{ type: string; params?: unknown }>) => actions.map((a) => ({ type: a.type, params: a.params }));
const run = (...es: AnyEventObject[]) => {
  let [s] = initialTransition(machine, input);
  for (const e of es) [s] = transition(machine, s, e as never);
  return s;
};

describe('special-circumstances-support v1 (model-based)', () => {
  const cov = coverage(machine, [input], events, serialize);
  it('reaches every state and takes every transition', () => {
    expect(cov.unreachedStates).toEqual([]);
    expect(cov.untaken).toEqual([]);
    expect(cov.total).toBe(17);
  });
});

describe('special-circumstances-support v1 (behaviour)', () => {
  it('registration schedules the assessment at the instant given and tells the commune', () => {
    const [s, actions] = initialTransition(machine, input);
    expect([s.value, s.context.groups]).toEqual(['registered', ['orphan', 'disability']]);
    expect(effects(actions)).toEqual([
      { type: 'schedule', params: { deadline: 'support_assessment', dueAt: input.assessmentDueAt } },
      { type: 'notify', params: { audience: ['commune_workers', 'supervisors'], template: 'support_registered' } },
    ]);
  });

  it('the assessment settles its deadline and schedules the plan; the plan grants its services and schedules the review', () => {
    const [a, a1] = transition(machine, run(), assess as never);
    expect([a.value, a.context.assessment?.needs, a.context.planDueAt]).toEqual(['assessed', 'Cần trợ cấp, học phí', assess.planDueAt]);
    expect(effects(a1)).toEqual([
      { type: 'settle', params: { deadline: 'support_assessment' } },
      { type: 'schedule', params: { deadline: 'support_plan', dueAt: assess.planDueAt } },
    ]);
    const [p, p1] = transition(machine, a, plan as never);
    expect(p.value).toBe('supported');
    expect(p.context.services).toEqual([{ seq: 1, kind: 'social_assistance', detail: 'Trợ cấp hằng tháng', grantedOn: '2026-12-05', endedOn: null, endReason: null }]);
    expect(effects(p1)).toEqual([
      { type: 'settle', params: { deadline: 'support_plan' } },
      { type: 'schedule', params: { deadline: 'support_review', dueAt: plan.nextReviewAt } },
      { type: 'notify', params: { audience: ['supervisors', 'chair'], template: 'support_planned' } },
    ]);
  });

  it('services are granted and ended by number; only an open one ends', () => {
    const s = run(assess, plan, grantService, endService);
    expect(s.context.services.map((x) => [x.seq, x.kind, x.endedOn])).toEqual([[1, 'social_assistance', '2027-01-01'], [2, 'education', null]]);
    expect(s.can(endService as never)).toBe(false);
    expect(s.can({ ...endService, service: 2 } as never)).toBe(true);
    expect(run(assess).can(grantService as never)).toBe(false);
  });

  it('a review falling due moves the support to reviewing and escalates; the review brings it back and schedules the next', () => {
    const [r, r1] = transition(machine, run(assess, plan), expired('support_review') as never);
    expect([r.value, r.context.overdue]).toEqual(['reviewing', true]);
    expect(effects(r1)).toEqual([{ type: 'escalate', params: { deadline: 'support_review' } }]);
    const [back, b1] = transition(machine, r, review as never);
    expect([back.value, back.context.overdue, back.context.nextReviewAt, back.context.reviews.length]).toEqual(['supported', false, review.nextReviewAt, 1]);
    expect(effects(b1)).toEqual([
      { type: 'settle', params: { deadline: 'support_review' } },
      { type: 'schedule', params: { deadline: 'support_review', dueAt: review.nextReviewAt } },
    ]);
  });

  it('other missed deadlines escalate and leave the support where it is', () => {
    for (const s of [run(), run(assess)]) {
      const [next, actions] = transition(machine, s, expired('support_plan') as never);
      expect([next.value, next.context.overdue]).toEqual([s.value, true]);
      expect(effects(actions)).toEqual([{ type: 'escalate', params: { deadline: 'support_plan' } }]);
    }
  });

  it('the exit ends the services still granted, cancels every deadline, and nothing follows', () => {
    const [x, actions] = transition(machine, run(assess, plan, grantService, endService), exit as never);
    expect([x.value, x.status, x.context.exit?.reason]).toEqual(['exited', 'done', 'turned_16']);
    expect(x.context.services.map((s) => [s.endedOn, s.endReason])).toEqual([['2027-01-01', 'Đã đủ'], ['2027-07-01', 'exit']]);
    expect(effects(actions)).toEqual([
      { type: 'cancel', params: { deadline: '*' } },
      { type: 'notify', params: { audience: ['supervisors', 'chair'], template: 'support_exited' } },
    ]);
    for (const e of events()) expect(x.can(e as never)).toBe(false);
  });
});
