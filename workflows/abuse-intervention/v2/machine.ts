/**
 * Workflow `abuse-intervention` v2: one report of a child abused or at risk, from receipt to
 * closure (Luật Trẻ em 2016 Điều 47–52, NĐ 56/2017/NĐ-CP Điều 25–32). What changed from v1 (whose
 * cases keep v1):
 * - the forensic examination is work for the police, who request it from forensic medicine
 *   (events.ts: `agencyFixed`), not for the health station;
 * - emergency measures hand the police and the health station what protection requires: the
 *   instructions, where the child is now and the social worker's name and phone;
 * - the child's return to school (`REQUEST_SCHOOL_REINTEGRATION`): a `school_reintegration`
 *   handoff to the school, which confirms the return by completing it (due in
 *   `SCHOOL_REINTEGRATION_DAYS`, a product default).
 *
 * Pure: no I/O, no timers, no clock. Guards read only context and event; every side effect is a
 * named action with params (schedule, settle, cancel, handoff, notify, escalate, decide) that the
 * engine interprets into rows inside the command's transaction.
 */
import { and, assign, setup } from 'xstate';
import type { Actor, Audience, Effect, EventFacts, HandoffRequest } from '../../types';

export const RISK_LEVELS = ['low', 'medium', 'high', 'immediate_danger'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface PlanAction {
  kind: string;
  agencyType: string;
  dueInDays: number;
  instructions?: string;
}

export interface CaseContext {
  immediateDanger: boolean;
  riskLevel: RiskLevel | null;
  substantiated: boolean | null;
  assigneeId: string | null;
  emergencyApplied: boolean;
  plan: { goals: string; actions: PlanAction[]; authorId: string } | null;
  closure: { kind: 'resolved' | 'unfounded'; proposerId: string; reason: string } | null;
  outcome: 'child_safe' | 'resolved' | 'unfounded' | 'duplicate' | null;
  duplicateOf: string | null;
  lastReviewChildSafe: boolean | null;
  reviews: number;
  reopened: number;
  notes: number;
  handoffUpdates: number;
  /** Requests to the school to take the child back (each a `school_reintegration` handoff). */
  schoolReintegrations: number;
}

export interface CaseInput {
  immediateDanger: boolean;
}

type Base = { actor: Actor; facts?: EventFacts };
/** What a decision's event may say of the document (decisions/); the machine does not read it. */
type DecisionData = { signerTitle?: string; effectiveOn?: string };
/** What the emergency handoffs carry to the police and the health station (their need-to-know view shows it). */
/**
 * What emergency measures tell the agencies that act on them. Optional, as API.md's
 * `APPLY_EMERGENCY_MEASURES {measures}` stays valid: without instructions the measures are the
 * instructions; what was not given is shown as not given.
 */
export type EmergencyData = { measures: string[]; instructions?: string; childLocation?: string; workerName?: string; workerPhone?: string };
export type CaseEvent = Base &
  (
    | { type: 'ASSIGN'; assigneeId: string }
    | { type: 'START_VERIFICATION' }
    | { type: 'RECORD_INITIAL_ASSESSMENT'; riskLevel: RiskLevel; substantiated: boolean; summary: string }
    | ({ type: 'APPLY_EMERGENCY_MEASURES' } & EmergencyData)
    | { type: 'RECORD_ASSESSMENT'; needs: string[]; summary: string }
    | { type: 'SUBMIT_PLAN'; goals: string; actions: PlanAction[] }
    | ({ type: 'APPROVE_PLAN' } & DecisionData)
    | { type: 'REJECT_PLAN'; reason: string }
    | { type: 'RECORD_REVIEW'; summary: string; childSafe: boolean }
    | { type: 'PROPOSE_CLOSURE'; reason: string }
    | ({ type: 'APPROVE_CLOSURE' } & DecisionData)
    | { type: 'REJECT_CLOSURE'; reason: string }
    | { type: 'CLOSE_UNFOUNDED'; reason: string }
    | { type: 'MARK_DUPLICATE'; ofCaseId: string }
    | { type: 'REOPEN'; reason: string }
    | { type: 'ADD_NOTE'; text: string; kind?: 'note' | 'supervision' }
    | { type: 'REQUEST_SCHOOL_REINTEGRATION'; instructions?: string; expectedOn?: string }
    | { type: 'DEADLINE_EXPIRED'; deadline: string; deadlineId: string }
    | { type: 'HANDOFF_UPDATED'; handoffId: string; status: string }
  );

export type CaseEventType = CaseEvent['type'];

/** Events only the engine sends. */
export const SYSTEM_EVENTS: readonly CaseEventType[] = ['DEADLINE_EXPIRED', 'HANDOFF_UPDATED'];

const sched = (deadline: string) => ({ type: 'schedule', params: { deadline } }) as const;
const settle = (deadline: string) => ({ type: 'settle', params: { deadline } }) as const;
const cancel = (deadline: string) => ({ type: 'cancel', params: { deadline } }) as const;
const notify = (audience: Audience[], template: string) => ({ type: 'notify', params: { audience, template } }) as const;

/** Urgent work that emergency measures hand off at once (Luật Trẻ em Điều 50; NĐ 56 Điều 31–32). */
export const EMERGENCY_HANDOFFS: HandoffRequest[] = [
  { kind: 'police_protection', agencyType: 'commune_police', urgency: 'urgent', dueInDays: 1 },
  { kind: 'medical_care', agencyType: 'health_station', urgency: 'urgent', dueInDays: 1 },
];

/**
 * The emergency handoffs with what protection requires: the instructions, where the child is now,
 * and whom to call (the social worker). Only these two agencies' view shows it.
 */
export function emergencyHandoffs(e: EmergencyData): HandoffRequest[] {
  const protection = { childLocation: e.childLocation ?? null, workerName: e.workerName ?? null, workerPhone: e.workerPhone ?? null };
  return EMERGENCY_HANDOFFS.map((h) => ({
    ...h, instructions: e.instructions ?? `Biện pháp khẩn cấp / Emergency measures: ${e.measures.join('; ')}`, protection,
  }));
}

/** Days the school has to confirm the child's return (product default, configurable; no legal deadline). */
export const SCHOOL_REINTEGRATION_DAYS = 14;

const ASSIGN = { actions: ['setAssignee', notify(['assignee'], 'case_assigned')] } as const;
const CLOSE_HANDOFFS = { type: 'cancelHandoffs', params: { reason: 'Hồ sơ đã đóng / The case was closed' } } as const;
const MARK_DUPLICATE = { target: 'closed', actions: ['markDuplicate', cancel('*'), CLOSE_HANDOFFS] } as const;

const APPLY_EMERGENCY_MEASURES = {
  guard: 'emergencyNotApplied',
  actions: [
    'markEmergencyApplied',
    settle('emergency_response'),
    settle('emergency_measures'),
    { type: 'handoff', params: ({ event }: { event: CaseEvent }) => ({ handoffs: emergencyHandoffs(event as unknown as EmergencyData) }) },
    notify(['supervisors', 'chair'], 'emergency_measures_applied'),
  ],
} as const;

type DecideParams = Extract<Effect, { type: 'decide' }>['params'];

/**
 * The chair's decision approving the plan (NĐ 56/2017/NĐ-CP Điều 28, Mẫu số 05): numbered, dated,
 * signed, quoting the plan submitted. Named before the handoffs it assigns, which follow from it.
 */
const DECIDE_PLAN = { type: 'decide', params: { kind: 'plan_approval', quotes: ['SUBMIT_PLAN'] } } as const;

const SUBMIT_PLAN_ACTIONS = [
  'storePlan',
  settle('plan_submission'),
  settle('plan_resubmission'),
  settle('replan_submission'),
  sched('plan_approval'),
  notify(['chair'], 'plan_submitted'),
] as const;

export const machine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
  },
  actions: {
    // Named effects: the engine interprets them; executing them here does nothing by design.
    schedule: (_, __: { deadline: string }) => undefined,
    settle: (_, __: { deadline: string }) => undefined,
    cancel: (_, __: { deadline: string }) => undefined,
    handoff: (_, __: { handoffs: HandoffRequest[] }) => undefined,
    notify: (_, __: { audience: Audience[]; template: string }) => undefined,
    escalate: (_, __: { deadline: string }) => undefined,
    cancelHandoffs: (_, __: { reason: string }) => undefined,
    decide: (_, __: DecideParams) => undefined,
    setAssignee: assign({ assigneeId: ({ event }) => (event as { assigneeId: string }).assigneeId }),
    markDuplicate: assign({
      outcome: 'duplicate' as const,
      duplicateOf: ({ event }) => (event as { ofCaseId: string }).ofCaseId,
    }),
    recordInitialAssessment: assign({
      riskLevel: ({ event }) => (event as { riskLevel: RiskLevel }).riskLevel,
      substantiated: ({ event }) => (event as { substantiated: boolean }).substantiated,
    }),
    markEmergencyApplied: assign({ emergencyApplied: true }),
    countHandoffUpdate: assign({ handoffUpdates: ({ context }) => context.handoffUpdates + 1 }),
    storePlan: assign({
      plan: ({ event }) => {
        const e = event as { goals: string; actions: PlanAction[]; actor: Actor };
        return { goals: e.goals, actions: e.actions, authorId: e.actor.id };
      },
    }),
  },
  guards: {
    hasAssignee: ({ context }) => context.assigneeId !== null,
    emergencyNotApplied: ({ context }) => !context.emergencyApplied,
    /** Danger found now, on a case not reported as urgent: a fresh 12-hour clock starts. */
    dangerNewlyFound: ({ context, event }) =>
      event.type === 'RECORD_INITIAL_ASSESSMENT' && event.riskLevel === 'immediate_danger' &&
      !context.immediateDanger && !context.emergencyApplied,
    /** Danger confirmed on a case reported as urgent: the receipt-anchored 12-hour clock keeps running. */
    dangerConfirmed: ({ context, event }) =>
      event.type === 'RECORD_INITIAL_ASSESSMENT' && event.riskLevel === 'immediate_danger' && !context.emergencyApplied,
    unfounded: ({ context }) => context.substantiated === false,
    /** Separation of duties: whoever drafted the plan cannot decide on it. */
    notPlanAuthor: ({ context, event }) => context.plan !== null && context.plan.authorId !== event.actor.id,
    /**
     * The closure decision: never by its proposer; a resolved case by the commune chair, an
     * unfounded report by a supervisor or the chair.
     */
    mayDecideClosure: ({ context, event }) =>
      context.closure !== null && context.closure.proposerId !== event.actor.id &&
      (event.actor.role === 'chair' || (context.closure.kind === 'unfounded' && event.actor.role === 'supervisor')),
    unfoundedClosure: ({ context }) => context.closure?.kind === 'unfounded',
    noOpenHandoffs: ({ event }) => (event.facts?.openHandoffs ?? 0) === 0,
    handoffNeedsAttention: ({ event }) =>
      event.type === 'HANDOFF_UPDATED' && ['declined', 'expired', 'overdue'].includes(event.status),
    mayDecideClosureOfUnfounded: and(['mayDecideClosure', 'unfoundedClosure']),
    /** A case closes only once every handoff has ended: nobody's work is dropped by a closure. */
    mayCloseNow: and(['mayDecideClosure', 'noOpenHandoffs']),
  },
}).createMachine({
  id: 'abuse-intervention',
  initial: 'received',
  // XState's pure transition() builds an inert actor that evaluates this without input: tolerate it
  // (a thrown TypeError there costs more than the whole transition).
  context: ({ input }) => ({
    immediateDanger: input?.immediateDanger ?? false,
    riskLevel: input?.immediateDanger ? 'immediate_danger' : null,
    substantiated: null,
    assigneeId: null,
    emergencyApplied: false,
    plan: null,
    closure: null,
    outcome: null,
    duplicateOf: null,
    lastReviewChildSafe: null,
    reviews: 0,
    reopened: 0,
    notes: 0,
    handoffUpdates: 0,
    schoolReintegrations: 0,
  }),
  on: {
    // Counted so each is a real transition (XState treats an action-less self-transition as "cannot").
    ADD_NOTE: { actions: assign({ notes: ({ context }) => context.notes + 1 }) },
    DEADLINE_EXPIRED: { actions: { type: 'escalate', params: ({ event }) => ({ deadline: event.deadline }) } },
    HANDOFF_UPDATED: [
      { guard: 'handoffNeedsAttention', actions: ['countHandoffUpdate', notify(['assignee', 'supervisors'], 'handoff_needs_attention')] },
      { actions: 'countHandoffUpdate' },
    ],
  },
  states: {
    received: {
      entry: [
        { type: 'schedule', params: ({ context }) => ({ deadline: context.immediateDanger ? 'emergency_response' : 'initial_assessment' }) },
        sched('plan_submission'),
        { type: 'notify', params: ({ context }) => ({
          audience: context.immediateDanger ? ['commune_workers', 'supervisors', 'chair'] : ['commune_workers', 'supervisors'],
          template: context.immediateDanger ? 'case_received_urgent' : 'case_received',
        }) },
      ],
      on: {
        ASSIGN,
        START_VERIFICATION: { guard: 'hasAssignee', target: 'verifying' },
        MARK_DUPLICATE,
      },
    },
    verifying: {
      on: {
        ASSIGN,
        RECORD_INITIAL_ASSESSMENT: [
          {
            guard: 'dangerNewlyFound',
            target: 'assessing',
            actions: ['recordInitialAssessment', settle('initial_assessment'), sched('emergency_measures'),
              notify(['supervisors', 'chair'], 'immediate_danger_found')],
          },
          {
            guard: 'dangerConfirmed',
            target: 'assessing',
            actions: ['recordInitialAssessment', settle('initial_assessment')],
          },
          {
            target: 'assessing',
            actions: ['recordInitialAssessment', settle('initial_assessment'), settle('emergency_response')],
          },
        ],
        APPLY_EMERGENCY_MEASURES,
        MARK_DUPLICATE,
      },
    },
    assessing: {
      on: {
        ASSIGN,
        APPLY_EMERGENCY_MEASURES,
        RECORD_ASSESSMENT: { target: 'planning', actions: assign({ substantiated: true }) },
        CLOSE_UNFOUNDED: {
          guard: 'unfounded',
          target: 'awaiting_closure_approval',
          actions: [
            assign({ closure: ({ event }) => ({ kind: 'unfounded' as const, proposerId: event.actor.id, reason: (event as { reason: string }).reason }) }),
            sched('closure_approval'),
            notify(['supervisors', 'chair'], 'closure_proposed'),
          ],
        },
        MARK_DUPLICATE,
      },
    },
    planning: {
      on: {
        ASSIGN,
        SUBMIT_PLAN: { target: 'awaiting_plan_approval', actions: SUBMIT_PLAN_ACTIONS },
      },
    },
    awaiting_plan_approval: {
      on: {
        ASSIGN,
        APPROVE_PLAN: {
          guard: 'notPlanAuthor',
          target: 'intervening',
          actions: [
            settle('plan_approval'),
            DECIDE_PLAN,
            { type: 'handoff', params: ({ context }) => ({
              handoffs: (context.plan?.actions ?? []).map((a) => ({
                kind: a.kind, agencyType: a.agencyType, urgency: 'normal' as const, dueInDays: a.dueInDays, instructions: a.instructions,
              })),
            }) },
            sched('review'),
            notify(['assignee'], 'plan_approved'),
          ],
        },
        REJECT_PLAN: {
          guard: 'notPlanAuthor',
          target: 'planning',
          actions: [settle('plan_approval'), sched('plan_resubmission'), notify(['assignee'], 'plan_rejected')],
        },
      },
    },
    intervening: {
      on: {
        ASSIGN,
        RECORD_REVIEW: {
          actions: [
            assign({
              reviews: ({ context }) => context.reviews + 1,
              lastReviewChildSafe: ({ event }) => (event as { childSafe: boolean }).childSafe,
            }),
            settle('review'),
            sched('review'),
          ],
        },
        SUBMIT_PLAN: { target: 'awaiting_plan_approval', actions: [cancel('review'), ...SUBMIT_PLAN_ACTIONS] },
        // The child's return to school: the school confirms it by completing the handoff.
        REQUEST_SCHOOL_REINTEGRATION: {
          actions: [
            assign({ schoolReintegrations: ({ context }) => context.schoolReintegrations + 1 }),
            { type: 'handoff', params: ({ event }) => ({
              handoffs: [{
                kind: 'school_reintegration', agencyType: 'school', urgency: 'normal' as const, dueInDays: SCHOOL_REINTEGRATION_DAYS,
                instructions: (event as { instructions?: string }).instructions,
              }],
            }) },
          ],
        },
        PROPOSE_CLOSURE: {
          guard: 'noOpenHandoffs',
          target: 'awaiting_closure_approval',
          actions: [
            assign({ closure: ({ event }) => ({ kind: 'resolved' as const, proposerId: event.actor.id, reason: (event as { reason: string }).reason }) }),
            cancel('review'),
            sched('closure_approval'),
            notify(['chair'], 'closure_proposed'),
          ],
        },
      },
    },
    awaiting_closure_approval: {
      on: {
        APPROVE_CLOSURE: {
          guard: 'mayCloseNow',
          target: 'closed',
          actions: [
            assign({
              outcome: ({ context }) =>
                context.closure?.kind === 'unfounded' ? 'unfounded' : context.lastReviewChildSafe ? 'child_safe' : 'resolved',
            }),
            settle('closure_approval'),
            // The decision ending the plan (NĐ 56 Điều 30), quoting the proposal it approves.
            { type: 'decide', params: ({ context }) => ({
              kind: 'closure' as const,
              quotes: [context.closure?.kind === 'unfounded' ? 'CLOSE_UNFOUNDED' : 'PROPOSE_CLOSURE'],
              details: { kind: context.closure?.kind ?? null },
            }) },
            cancel('*'),
            notify(['assignee'], 'case_closed'),
          ],
        },
        REJECT_CLOSURE: [
          {
            guard: 'mayDecideClosureOfUnfounded',
            target: 'assessing',
            actions: [assign({ closure: null }), settle('closure_approval'), notify(['assignee'], 'closure_rejected')],
          },
          {
            guard: 'mayDecideClosure',
            target: 'intervening',
            actions: [assign({ closure: null }), settle('closure_approval'), sched('review'), notify(['assignee'], 'closure_rejected')],
          },
        ],
      },
    },
    closed: {
      on: {
        REOPEN: {
          target: 'assessing',
          actions: [
            assign({ outcome: null, closure: null, plan: null, duplicateOf: null, reopened: ({ context }) => context.reopened + 1 }),
            sched('replan_submission'),
            notify(['assignee', 'supervisors'], 'case_reopened'),
          ],
        },
      },
    },
  },
});
