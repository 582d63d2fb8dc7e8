/**
 * Workflow `handoff` v2: v1 (handoffs in flight keep it), plus two things the police and the
 * emergency agencies need. A police handoff records the criminal-procedure status of the matter
 * (`RECORD_PROCEDURE_STATUS`: report received, prosecution opened or refused, …; Bộ luật Tố tụng
 * hình sự 2015 Điều 146–148, 153, 157) while it is accepted or under way, by its receiving agency
 * only; an emergency handoff keeps what protection requires (`protection`: the child's location,
 * the social worker's name and phone), which its receiving agency sees.
 *
 * As v1: work another agency owes on a case (police protection, medical care,
 * forensic exam, school support, ...). offered → accepted | declined; accepted → in_progress →
 * completed; cancelled by the commune's worker (with a reason) or when the case closes.
 * Missed acceptance or completion deadlines escalate; the handoff keeps its state so the agency
 * can still act, while the case's worker is told to follow up or reassign.
 */
import { assign, setup } from 'xstate';
import type { Actor, Audience, HandoffProtection, HandoffUrgency } from '../../types';
import { POLICE_HANDOFF_KINDS } from '../../vocabulary';

/** One criminal-procedure status recorded on a police handoff. */
export interface ProcedureStatus {
  status: string;
  /** YYYY-MM-DD: the day of the police's act (the receipt, the decision). */
  on: string;
  reference: string | null;
  note: string | null;
  by: string;
}

export interface HandoffContext {
  urgency: HandoffUrgency;
  /** ISO instant the work is due. */
  dueAt: string;
  overdue: boolean;
  outcome: string | null;
  reason: string | null;
  /** The kind of work (`police_investigation`, …): whether it follows a criminal procedure. */
  kind: string;
  protection: HandoffProtection | null;
  /** The criminal-procedure statuses recorded, oldest first (police kinds only). */
  procedure: ProcedureStatus[];
}

export interface HandoffInput {
  urgency: HandoffUrgency;
  dueAt: string;
  kind: string;
  protection?: HandoffProtection;
}

type Base = { actor: Actor };
export type HandoffEvent = Base &
  (
    | { type: 'ACCEPT' }
    | { type: 'DECLINE'; reason: string }
    | { type: 'START' }
    | { type: 'COMPLETE'; outcome: string }
    | { type: 'CANCEL'; reason: string }
    | { type: 'RECORD_PROCEDURE_STATUS'; status: string; on: string; reference?: string; note?: string }
    | { type: 'DEADLINE_EXPIRED'; deadline: string; deadlineId: string }
  );
export type HandoffEventType = HandoffEvent['type'];

const settle = (deadline: string) => ({ type: 'settle', params: { deadline } }) as const;
const cancelAll = { type: 'cancel', params: { deadline: '*' } } as const;
const notify = (audience: Audience[], template: string) => ({ type: 'notify', params: { audience, template } }) as const;

const RECORD_PROCEDURE_STATUS = { guard: 'policeWork', actions: ['recordProcedure', notify(['assignee'], 'handoff_procedure_status')] } as const;

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
    recordProcedure: assign({
      procedure: ({ context, event }) => {
        const e = event as { status: string; on: string; reference?: string; note?: string; actor: Actor };
        return [...context.procedure, { status: e.status, on: e.on, reference: e.reference ?? null, note: e.note ?? null, by: e.actor.id }];
      },
    }),
  },
  guards: {
    /** Only police work follows a criminal procedure. */
    policeWork: ({ context }) => (POLICE_HANDOFF_KINDS as readonly string[]).includes(context.kind),
  },
}).createMachine({
  id: 'handoff',
  initial: 'offered',
  // Evaluated without input by the inert actor of XState's pure transition(): tolerate it.
  context: ({ input }) => ({
    urgency: input?.urgency ?? 'normal', dueAt: input?.dueAt ?? '', overdue: false, outcome: null, reason: null,
    kind: input?.kind ?? '', protection: input?.protection ?? null, procedure: [],
  }),
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
        RECORD_PROCEDURE_STATUS: RECORD_PROCEDURE_STATUS,
        START: { target: 'in_progress' },
        COMPLETE: { target: 'completed', actions: ['recordOutcome', settle('completion'), notify(['assignee'], 'handoff_completed')] },
        CANCEL: { target: 'cancelled', actions: ['recordReason', cancelAll, notify(['receiving_agency'], 'handoff_cancelled')] },
      },
    },
    in_progress: {
      on: {
        RECORD_PROCEDURE_STATUS: RECORD_PROCEDURE_STATUS,
        COMPLETE: { target: 'completed', actions: ['recordOutcome', settle('completion'), notify(['assignee'], 'handoff_completed')] },
        CANCEL: { target: 'cancelled', actions: ['recordReason', cancelAll, notify(['receiving_agency'], 'handoff_cancelled')] },
      },
    },
    completed: { type: 'final' },
    declined: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
