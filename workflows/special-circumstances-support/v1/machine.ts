/**
 * Workflow `special-circumstances-support` v1: a child in special circumstances (Luật Trẻ em 2016
 * Điều 10) on the commune's register, and the support the law owes them (Điều 52 khoản 1: "trẻ em
 * có hoàn cảnh đặc biệt… được hỗ trợ, can thiệp"). The subject is the child's support entry, not a case.
 *
 * registered (the groups that apply) → ASSESS (the child's needs) → assessed → PLAN (the plan and
 * the services it grants: social assistance, alternative care, education, health — at least one)
 * → supported; GRANT_SERVICE / END_SERVICE change the services while supported; every review is
 * due `nextReviewAt` (six months, a product default): when it falls due the support is `reviewing`
 * until REVIEW records it (the next review scheduled from then); EXIT (with the reason, ending every
 * service still granted that day) from any open state → exited. A missed deadline escalates and
 * leaves the support where it is (the review deadline moves a supported child to `reviewing`).
 * The due instants come with the input and events (the machine has no clock). Pure.
 */
import { assign, setup } from 'xstate';
import type { Actor, Audience } from '../../types';
import type { SpecialCircumstance, SupportServiceKind } from '../../vocabulary';

export interface SupportService {
  /** The service's number within the support (1, 2, …): END_SERVICE names it. */
  seq: number;
  kind: SupportServiceKind;
  /** What is granted (the policy, the amount, the school, the facility…). */
  detail: string;
  grantedOn: string;
  endedOn: string | null;
  endReason: string | null;
}

export interface SupportContext {
  childId: string;
  communeCode: string;
  groups: SpecialCircumstance[];
  note: string | null;
  assessmentDueAt: string;
  planDueAt: string | null;
  nextReviewAt: string | null;
  assessment: { needs: string; circumstances: string | null; assessedOn: string; by: string } | null;
  plan: { goals: string; by: string } | null;
  services: SupportService[];
  reviews: Array<{ reviewedOn: string; findings: string; by: string }>;
  overdue: boolean;
  exit: { reason: string; note: string | null; exitedOn: string; by: string } | null;
}

export type SupportInput = Pick<SupportContext, 'childId' | 'communeCode' | 'groups' | 'note' | 'assessmentDueAt'>;

type ServiceGrant = { kind: SupportServiceKind; detail: string; grantedOn: string };
type Base = { actor: Actor };
export type SupportEvent = Base &
  (
    | { type: 'ASSESS'; needs: string; circumstances?: string; assessedOn: string; planDueAt: string }
    | { type: 'PLAN'; goals: string; services: ServiceGrant[]; nextReviewAt: string }
    | ({ type: 'GRANT_SERVICE' } & ServiceGrant)
    | { type: 'END_SERVICE'; service: number; endedOn: string; reason: string }
    | { type: 'REVIEW'; reviewedOn: string; findings: string; nextReviewAt: string }
    | { type: 'EXIT'; reason: string; note?: string; exitedOn: string }
    | { type: 'DEADLINE_EXPIRED'; deadline: string; deadlineId: string }
  );
type E<T extends SupportEvent['type']> = Extract<SupportEvent, { type: T }>;

export const SYSTEM_EVENTS = ['DEADLINE_EXPIRED'] as const;

const notify = (audience: Audience[], template: string) => ({ type: 'notify', params: { audience, template } }) as const;
const escalate = { type: 'escalate', params: ({ event }: { event: SupportEvent }) => ({ deadline: (event as E<'DEADLINE_EXPIRED'>).deadline }) } as const;
const scheduleReview = {
  type: 'schedule', params: ({ event }: { event: SupportEvent }) => ({ deadline: 'support_review', dueAt: (event as E<'PLAN'>).nextReviewAt }),
} as const;
const grant = (services: SupportService[], g: ServiceGrant): SupportService[] =>
  [...services, { seq: services.length + 1, kind: g.kind, detail: g.detail, grantedOn: g.grantedOn, endedOn: null, endReason: null }];

/** A missed deadline escalates; the support stays open, to act on. */
const expire = { DEADLINE_EXPIRED: { actions: ['markOverdue', escalate] } } as const;
/** The child leaves the register: every deadline cancelled, every service still granted ended that day. */
const exit = { EXIT: { target: 'exited', actions: ['recordExit', { type: 'cancel', params: { deadline: '*' } }, notify(['supervisors', 'chair'], 'support_exited')] } } as const;
const serviceEvents = {
  GRANT_SERVICE: { actions: ['grantService'] },
  END_SERVICE: { guard: 'serviceOpen', actions: ['endService'] },
} as const;

export const machine = setup({
  types: { context: {} as SupportContext, events: {} as SupportEvent, input: {} as SupportInput },
  actions: {
    schedule: (_, __: { deadline: string; dueAt?: string }) => undefined,
    settle: (_, __: { deadline: string }) => undefined,
    cancel: (_, __: { deadline: string }) => undefined,
    notify: (_, __: { audience: Audience[]; template: string }) => undefined,
    escalate: (_, __: { deadline: string }) => undefined,
    markOverdue: assign({ overdue: true }),
    recordAssessment: assign(({ event }) => {
      const e = event as E<'ASSESS'>;
      return { assessment: { needs: e.needs, circumstances: e.circumstances ?? null, assessedOn: e.assessedOn, by: e.actor.id }, planDueAt: e.planDueAt, overdue: false };
    }),
    recordPlan: assign(({ context, event }) => {
      const e = event as E<'PLAN'>;
      return { plan: { goals: e.goals, by: e.actor.id }, services: e.services.reduce(grant, context.services), nextReviewAt: e.nextReviewAt, overdue: false };
    }),
    grantService: assign({ services: ({ context, event }) => grant(context.services, event as E<'GRANT_SERVICE'>) }),
    endService: assign({
      services: ({ context, event }) => {
        const e = event as E<'END_SERVICE'>;
        return context.services.map((s) => (s.seq === e.service ? { ...s, endedOn: e.endedOn, endReason: e.reason } : s));
      },
    }),
    recordReview: assign(({ context, event }) => {
      const e = event as E<'REVIEW'>;
      return { reviews: [...context.reviews, { reviewedOn: e.reviewedOn, findings: e.findings, by: e.actor.id }], nextReviewAt: e.nextReviewAt, overdue: false };
    }),
    recordExit: assign(({ context, event }) => {
      const e = event as E<'EXIT'>;
      return {
        exit: { reason: e.reason, note: e.note ?? null, exitedOn: e.exitedOn, by: e.actor.id },
        services: context.services.map((s) => (s.endedOn === null ? { ...s, endedOn: e.exitedOn, endReason: 'exit' } : s)),
      };
    }),
  },
  guards: {
    serviceOpen: ({ context, event }) => context.services.some((s) => s.seq === (event as E<'END_SERVICE'>).service && s.endedOn === null),
    reviewDue: ({ event }) => event.type === 'DEADLINE_EXPIRED' && event.deadline === 'support_review',
  },
}).createMachine({
  id: 'special-circumstances-support',
  initial: 'registered',
  // Evaluated without input by the inert actor of XState's pure transition(): tolerate it.
  context: ({ input }) => ({
    childId: input?.childId ?? '', communeCode: input?.communeCode ?? '', groups: input?.groups ?? [], note: input?.note ?? null,
    assessmentDueAt: input?.assessmentDueAt ?? '', planDueAt: null, nextReviewAt: null, assessment: null, plan: null,
    services: [], reviews: [], overdue: false, exit: null,
  }),
  states: {
    registered: {
      entry: [
        { type: 'schedule', params: ({ context }) => ({ deadline: 'support_assessment', dueAt: context.assessmentDueAt }) },
        notify(['commune_workers', 'supervisors'], 'support_registered'),
      ],
      on: {
        ...expire,
        ASSESS: {
          target: 'assessed',
          actions: [
            'recordAssessment', { type: 'settle', params: { deadline: 'support_assessment' } },
            { type: 'schedule', params: ({ event }) => ({ deadline: 'support_plan', dueAt: (event as E<'ASSESS'>).planDueAt }) },
          ],
        },
        ...exit,
      },
    },
    assessed: {
      on: {
        ...expire,
        PLAN: {
          target: 'supported',
          actions: ['recordPlan', { type: 'settle', params: { deadline: 'support_plan' } }, scheduleReview, notify(['supervisors', 'chair'], 'support_planned')],
        },
        ...exit,
      },
    },
    supported: {
      on: {
        DEADLINE_EXPIRED: [
          { guard: 'reviewDue', target: 'reviewing', actions: ['markOverdue', escalate] },
          { actions: ['markOverdue', escalate] },
        ],
        ...serviceEvents,
        // An early review (before it falls due) is a review all the same.
        REVIEW: { actions: ['recordReview', { type: 'settle', params: { deadline: 'support_review' } }, scheduleReview] },
        ...exit,
      },
    },
    reviewing: {
      on: {
        ...expire,
        ...serviceEvents,
        REVIEW: { target: 'supported', actions: ['recordReview', { type: 'settle', params: { deadline: 'support_review' } }, scheduleReview] },
        ...exit,
      },
    },
    exited: { type: 'final' },
  },
});
