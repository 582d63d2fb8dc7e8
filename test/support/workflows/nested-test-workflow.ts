/**
 * A workflow that exists only in the tests: it proves the engine is workflow-agnostic by running a
 * machine with a nested and a parallel state — something no production workflow has yet — through
 * the real engine, the real cases store and PostgreSQL. Work on a case splits into two regions that
 * run side by side (checks, and support with a nested visit stage); it moves on when both are done.
 */
import { assign, setup } from 'xstate';
import type { Actor, Audience, WorkflowDefinition } from '../../../workflows/types';

type Event = { actor: Actor; facts?: unknown } & (
  | { type: 'ASSIGN'; assigneeId: string }
  | { type: 'BEGIN' }
  | { type: 'CHECK' }
  | { type: 'PLAN' }
  | { type: 'VISIT'; summary: string }
  | { type: 'CLOSE' }
  | { type: 'DEADLINE_EXPIRED'; deadline: string; deadlineId: string }
  | { type: 'HANDOFF_UPDATED' }
);

const machine = setup({
  types: { context: {} as { riskLevel: string | null; assigneeId: string | null; outcome: string | null; visits: number }, events: {} as Event },
  actions: {
    schedule: (_, __: { deadline: string }) => undefined,
    settle: (_, __: { deadline: string }) => undefined,
    notify: (_, __: { audience: Audience[]; template: string }) => undefined,
    escalate: (_, __: { deadline: string }) => undefined,
  },
}).createMachine({
  id: 'nested-test',
  initial: 'intake',
  context: { riskLevel: null, assigneeId: null, outcome: null, visits: 0 },
  on: {
    DEADLINE_EXPIRED: { actions: { type: 'escalate', params: ({ event }) => ({ deadline: event.deadline }) } },
    ASSIGN: { actions: assign({ assigneeId: ({ event }) => (event as { assigneeId: string }).assigneeId }) },
  },
  states: {
    intake: { on: { BEGIN: 'work' } },
    work: {
      type: 'parallel',
      onDone: 'closing',
      states: {
        checks: {
          initial: 'pending',
          states: {
            pending: {
              entry: { type: 'schedule', params: { deadline: 'check' } },
              on: { CHECK: { target: 'done', actions: { type: 'settle', params: { deadline: 'check' } } } },
            },
            done: { type: 'final' },
          },
        },
        support: {
          initial: 'planning',
          states: {
            planning: { on: { PLAN: 'active' } },
            active: {
              initial: 'visiting',
              onDone: 'finished',
              states: {
                visiting: { on: { VISIT: { target: 'visited', actions: assign({ visits: ({ context }) => context.visits + 1 }) } } },
                visited: { type: 'final' },
              },
            },
            finished: { type: 'final' },
          },
        },
      },
    },
    closing: { on: { CLOSE: { target: 'closed', actions: [assign({ outcome: 'resolved' }), { type: 'notify', params: { audience: ['assignee'], template: 'case_closed' } }] } } },
    closed: { type: 'final' },
  },
});

const WORKER = ['social_worker'] as const;

export const nestedTestWorkflow: WorkflowDefinition = {
  name: 'nested-test',
  version: 1,
  titleVi: 'Quy trình thử nghiệm lồng nhau',
  titleEn: 'Nested test workflow',
  subject: 'case',
  machine,
  deadlines: {
    check: {
      key: 'check', rule: { hours: 2 }, anchor: 'transition', legalBasis: 'test', titleVi: 'Kiểm tra', titleEn: 'Check',
      escalation: [{ level: 1, afterHours: 0, audience: ['assignee'] }],
    },
  },
  events: {
    ASSIGN: { roles: WORKER, labelVi: 'Giao', labelEn: 'Assign', fields: [{ key: 'assigneeId', kind: 'assignee', labelVi: 'Giao cho', labelEn: 'Assign to' }] },
    BEGIN: { roles: WORKER, labelVi: 'Bắt đầu', labelEn: 'Begin', fields: [] },
    CHECK: { roles: WORKER, labelVi: 'Kiểm tra', labelEn: 'Check', fields: [] },
    PLAN: { roles: WORKER, labelVi: 'Lập kế hoạch', labelEn: 'Plan', fields: [] },
    VISIT: { roles: WORKER, labelVi: 'Thăm', labelEn: 'Visit', fields: [{ key: 'summary', kind: 'text', maxLength: 100, labelVi: 'Tóm tắt', labelEn: 'Summary' }] },
    CLOSE: { roles: ['supervisor'], decision: true, labelVi: 'Đóng', labelEn: 'Close', fields: [] },
  },
  systemEvents: ['DEADLINE_EXPIRED', 'HANDOFF_UPDATED'],
  deadlineEvent: 'DEADLINE_EXPIRED',
  facts: {},
  probe: { summary: 'x' },
  terminalStates: ['closed'],
};
