/**
 * Workflow `handoff` v1: work another agency owes on a case (police protection, medical care,
 * forensic exam, school support, ...). offered → accepted | declined; accepted → in_progress →
 * completed; cancelled by the commune's worker (with a reason) or when the case closes.
 * Missed acceptance or completion deadlines escalate; the handoff keeps its state so the agency
 * can still act, while the case's worker is told to follow up or reassign.
 */
import { assign, setup } from 'xstate';
import type { Actor, Audience, HandoffUrgency } from '../../types';

export interface HandoffContext {
  urgency: HandoffUrgency;
  /** ISO instant the work is due. */
  dueAt: string;
  overdue: boolean;
  outcome: string | null;
  reason: string | null;
}

export interface HandoffInput {
  urgency: HandoffUrgency;
  dueAt: string;
}

type Base = { actor: Actor };
export type HandoffEvent = Base &
  (
    | { type: 'ACCEPT' }
    | { type: 'DECLINE'; reason: string }
    | { type: 'START' }
    | { type: 'COMPLETE'; outcome: string }
    | { type: 'CANCEL'; reason: string }
    | { type: 'DEADLINE_EXPIRED'; deadline: string; deadlineId: string }
  );
export type HandoffEventType = HandoffEvent['type'];

const settle = (deadline: string) => ({ type: 'settle', params: { deadline } }) as const;
const cancelAll = { type: 'cancel', params: { deadline: '*' } } as const;
const notify = (audience: Audience[], template: string) => ({ type: 'notify', params: { audience, template } }) as const;

export const machine = setup({
  types: { context: {} as HandoffContext, events: {} as HandoffEvent, input: {} as HandoffInput },
  actions: {
    schedule: (_, __: { deadline: string; dueAt?: string }) => undefined,
    settle: (_, __: { deadline: string }) => undefined,
    cancel: (_, __: { deadline: string }) => undefined,
    notify: (_, __: { audience: Audience[]; template: string }) => undefined,
    escalate: (_, __: { deadline: string }) => undefined,
    recordReason: assign({ reason: ({ event }) => (event as { reason: string }).reason }),
    markOverdue: assign({ overdue: true }),
    recordOutcome: assign({ outcome: ({ event }) => (event as { outcome: string }).outcome }),
  },
}).createMachine({
  id: 'handoff',
  initial: 'offered',
  // Evaluated without input by the inert actor of XState's pure transition(): tolerate it.
  context: ({ input }) => ({ urgency: input?.urgency ?? 'normal', dueAt: input?.dueAt ?? '', overdue: false, outcome: null, reason: null }),
  on: {
    DEADLINE_EXPIRED: {
      actions: ['markOverdue', { type: 'escalate', params: ({ event }) => ({ deadline: event.deadline }) }],
    },
  },
  states: {
    offered: {
      entry: [
        { type: 'schedule', params: ({ context }) => ({ deadline: context.urgency === 'urgent' ? 'acceptance_urgent' : 'acceptance_normal' }) },
        { type: 'schedule', params: ({ context }) => ({ deadline: 'completion', dueAt: context.dueAt }) },
        notify(['receiving_agency'], 'handoff_offered'),
      ],
      on: {
        ACCEPT: { target: 'accepted', actions: [settle('acceptance_urgent'), settle('acceptance_normal')] },
        DECLINE: { target: 'declined', actions: ['recordReason', cancelAll, notify(['assignee'], 'handoff_declined')] },
        CANCEL: { target: 'cancelled', actions: ['recordReason', cancelAll, notify(['receiving_agency'], 'handoff_cancelled')] },
      },
    },
    accepted: {
      on: {
        START: { target: 'in_progress' },
        COMPLETE: { target: 'completed', actions: ['recordOutcome', settle('completion'), notify(['assignee'], 'handoff_completed')] },
        CANCEL: { target: 'cancelled', actions: ['recordReason', cancelAll, notify(['receiving_agency'], 'handoff_cancelled')] },
      },
    },
    in_progress: {
      on: {
        COMPLETE: { target: 'completed', actions: ['recordOutcome', settle('completion'), notify(['assignee'], 'handoff_completed')] },
        CANCEL: { target: 'cancelled', actions: ['recordReason', cancelAll, notify(['receiving_agency'], 'handoff_cancelled')] },
      },
    },
    completed: { type: 'final' },
    declined: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
