/**
 * Workflow `temporary-separation` v1: a child temporarily separated from the parents or carer and
 * placed in alternative care (Luật Trẻ em 2016 Điều 52, 62–63; NĐ 56/2017/NĐ-CP Điều 32, 43–46;
 * Mẫu số 07). Subject: a `handoffs` row of kind `temporary_separation` on the case, addressed to
 * the lead commune's child affairs office.
 *
 * proposed → in_effect (DECIDE_SEPARATION: decision `separation`, Mẫu 07) | rejected | cancelled;
 * in_effect → ended (the `separation_end` deadline: the days decided ran out) | revoked
 * (REVOKE_SEPARATION: decision `separation_revocation`) | cancelled (the case closes);
 * EXTEND_SEPARATION (decision `separation_extension`) moves the end; RECORD_VISIT settles the
 * monitoring visit due and schedules the next. The chair decides within `separation_decision`
 * (12 hours); a missed decision escalates and the proposal stays open. Dates and due instants come
 * in the event data from the separations module (the machine has no clock). Pure.
 */
import { assign, setup } from 'xstate';
import type { Actor, Audience, HandoffRequest } from '../../types';
import type { PlacementKind, SeparatedFrom } from '../../vocabulary';

export interface SeparationPlacement {
  kind: PlacementKind;
  /** The carer (a person) or the facility's name. */
  carerName: string;
  address: string;
  phone: string | null;
  /** How the carer is related to the child (a relative's placement). */
  relation: string | null;
}

export interface SeparationConsent {
  /** null: the child is under 7 (no consent asked). */
  given: boolean | null;
  method: string | null;
  note: string | null;
}

export interface SeparationVisit {
  visitedOn: string;
  observations: string;
  childCondition: string;
  carerCare: string;
  byId: string;
}

export interface SeparationContext {
  separatedFrom: SeparatedFrom;
  separatedFromName: string | null;
  reason: string;
  placement: SeparationPlacement;
  consent: SeparationConsent;
  plannedDays: number;
  /** ISO instant the chair's decision is due. */
  decisionDueAt: string;
  overdue: boolean;
  /** `YYYY-MM-DD`, both included (Vietnam); null until decided. */
  startOn: string | null;
  endOn: string | null;
  /** ISO instant the separation ends (the `separation_end` deadline). */
  endsAt: string | null;
  /** ISO instant the next monitoring visit is due. */
  nextVisitAt: string | null;
  visits: number;
  /** The monitoring visits recorded, oldest first. */
  visitLog: SeparationVisit[];
  extensions: number;
  endWarned: boolean;
  /** `expired`, `revoked`, `rejected`, `cancelled`; null while open. */
  outcome: string | null;
  outcomeReason: string | null;
}

export type SeparationInput = Pick<SeparationContext,
  'separatedFrom' | 'separatedFromName' | 'reason' | 'placement' | 'consent' | 'plannedDays' | 'decisionDueAt'>;

type Base = { actor: Actor };
type Dates = { startOn: string; endOn: string; endsAt: string; warnAt: string; nextVisitAt: string };
export type SeparationEvent = Base &
  (
    | ({ type: 'DECIDE_SEPARATION'; signerTitle?: string } & Dates)
    | { type: 'REJECT_SEPARATION'; reason: string }
    | { type: 'CANCEL_SEPARATION'; reason: string }
    | { type: 'RECORD_VISIT'; visitedOn: string; observations: string; childCondition: string; carerCare: string; nextVisitAt: string }
    | { type: 'EXTEND_SEPARATION'; authority: string; documentRef: string; newEndOn: string; endsAt: string; warnAt: string; signerTitle?: string }
    | { type: 'REVOKE_SEPARATION'; reason: string; signerTitle?: string }
    | { type: 'DEADLINE_EXPIRED'; deadline: string; deadlineId: string }
  );

const notify = (audience: Audience[], template: string) => ({ type: 'notify', params: { audience, template } }) as const;
const cancelAll = { type: 'cancel', params: { deadline: '*' } } as const;
const WORKERS: Audience[] = ['assignee', 'supervisors', 'chair'];
type E<T extends SeparationEvent['type']> = Extract<SeparationEvent, { type: T }>;

/** What Mẫu 07 prints (documents/ `SeparationData`), from the proposal and the decided dates. */
const separationBody = (c: SeparationContext, d: Pick<Dates, 'startOn' | 'endOn'>) => ({
  separatedFrom: c.separatedFrom, separatedFromName: c.separatedFromName, reason: c.reason, startOn: d.startOn, endOn: d.endOn,
  placement: { kind: c.placement.kind, carerName: c.placement.carerName, address: c.placement.address, relation: c.placement.relation, phone: c.placement.phone },
  consent: c.consent,
  responsibilities: [] as string[],
});

/** What every decision to separate does: Mẫu 07, the end, its warning and the first visit scheduled. */
const DECIDED = [
  'recordDecision',
  { type: 'settle', params: { deadline: 'separation_decision' } },
  { type: 'decide', params: ({ context, event }: { context: SeparationContext; event: SeparationEvent }) =>
    ({ kind: 'separation', quotes: [], details: separationBody(context, event as E<'DECIDE_SEPARATION'>) }) },
  { type: 'schedule', params: ({ event }: { event: SeparationEvent }) => ({ deadline: 'separation_end', dueAt: (event as E<'DECIDE_SEPARATION'>).endsAt }) },
  { type: 'schedule', params: ({ event }: { event: SeparationEvent }) => ({ deadline: 'separation_end_warning', dueAt: (event as E<'DECIDE_SEPARATION'>).warnAt }) },
  { type: 'schedule', params: ({ event }: { event: SeparationEvent }) => ({ deadline: 'monitoring_visit', dueAt: (event as E<'DECIDE_SEPARATION'>).nextVisitAt }) },
  notify([...WORKERS, 'receiving_agency'], 'separation_decided'),
] as const;

/** The handoff to the receiving facility (agency type `social_work_center`), due within the days decided. */
const facilityHandoff = (c: SeparationContext): HandoffRequest => ({
  kind: 'alternative_care', agencyType: 'social_work_center', urgency: 'urgent', dueInDays: c.plannedDays,
  instructions: `Tiếp nhận, chăm sóc trẻ tạm thời cách ly tại ${c.placement.carerName} (${c.placement.address}) / Receive and care for the temporarily separated child`,
});

export const machine = setup({
  types: { context: {} as SeparationContext, events: {} as SeparationEvent, input: {} as SeparationInput },
  actions: {
    schedule: (_, __: { deadline: string; dueAt?: string }) => undefined,
    settle: (_, __: { deadline: string }) => undefined,
    cancel: (_, __: { deadline: string }) => undefined,
    notify: (_, __: { audience: Audience[]; template: string }) => undefined,
    escalate: (_, __: { deadline: string }) => undefined,
    decide: (_, __: { kind: string; quotes: readonly string[]; details?: Record<string, unknown> }) => undefined,
    handoff: (_, __: { handoffs: HandoffRequest[] }) => undefined,
    markOverdue: assign({ overdue: true }),
    markWarned: assign({ endWarned: true }),
    recordDecision: assign(({ event }) => {
      const e = event as E<'DECIDE_SEPARATION'>;
      return { startOn: e.startOn, endOn: e.endOn, endsAt: e.endsAt, nextVisitAt: e.nextVisitAt };
    }),
    recordVisit: assign(({ context, event }) => {
      const e = event as E<'RECORD_VISIT'>;
      const visit = { visitedOn: e.visitedOn, observations: e.observations, childCondition: e.childCondition, carerCare: e.carerCare, byId: e.actor.id };
      return { visits: context.visits + 1, visitLog: [...context.visitLog, visit], nextVisitAt: e.nextVisitAt };
    }),
    recordExtension: assign(({ context, event }) => {
      const e = event as E<'EXTEND_SEPARATION'>;
      return { endOn: e.newEndOn, endsAt: e.endsAt, extensions: context.extensions + 1, endWarned: false };
    }),
    recordEnd: assign({ outcome: 'expired', nextVisitAt: null }),
    recordOutcome: assign(({ event }) => ({
      outcome: ({ REJECT_SEPARATION: 'rejected', CANCEL_SEPARATION: 'cancelled', REVOKE_SEPARATION: 'revoked' } as Record<string, string>)[event.type] ?? null,
      outcomeReason: (event as { reason?: string }).reason ?? null,
      nextVisitAt: null,
    })),
  },
  guards: {
    placedInFacility: ({ context }) => context.placement.kind === 'facility',
    decisionMissed: ({ event }) => event.type === 'DEADLINE_EXPIRED' && event.deadline === 'separation_decision',
    endReached: ({ event }) => event.type === 'DEADLINE_EXPIRED' && event.deadline === 'separation_end',
    endNear: ({ event }) => event.type === 'DEADLINE_EXPIRED' && event.deadline === 'separation_end_warning',
    visitMissed: ({ event }) => event.type === 'DEADLINE_EXPIRED' && event.deadline === 'monitoring_visit',
  },
}).createMachine({
  id: 'temporary-separation',
  initial: 'proposed',
  // Evaluated without input by the inert actor of XState's pure transition(): tolerate it.
  context: ({ input }) => ({
    separatedFrom: input?.separatedFrom ?? 'parents', separatedFromName: input?.separatedFromName ?? null, reason: input?.reason ?? '',
    placement: input?.placement ?? { kind: 'relative', carerName: '', address: '', phone: null, relation: null },
    consent: input?.consent ?? { given: null, method: null, note: null }, plannedDays: input?.plannedDays ?? 15,
    decisionDueAt: input?.decisionDueAt ?? '', overdue: false, startOn: null, endOn: null, endsAt: null, nextVisitAt: null,
    visits: 0, visitLog: [], extensions: 0, endWarned: false, outcome: null, outcomeReason: null,
  }),
  states: {
    proposed: {
      entry: [
        { type: 'schedule', params: ({ context }) => ({ deadline: 'separation_decision', dueAt: context.decisionDueAt }) },
        notify(['chair', 'supervisors'], 'separation_proposed'),
      ],
      on: {
        DECIDE_SEPARATION: [
          // Placed in a facility: the social work centre serving the commune receives the child (a handoff of its own).
          { guard: 'placedInFacility', target: 'in_effect', actions: [...DECIDED, { type: 'handoff', params: ({ context }) => ({ handoffs: [facilityHandoff(context)] }) }] },
          { target: 'in_effect', actions: DECIDED },
        ],
        REJECT_SEPARATION: { target: 'rejected', actions: ['recordOutcome', cancelAll, notify(['assignee', 'supervisors'], 'separation_rejected')] },
        CANCEL_SEPARATION: { target: 'cancelled', actions: ['recordOutcome', cancelAll, notify(['chair', 'supervisors'], 'separation_cancelled')] },
        DEADLINE_EXPIRED: { guard: 'decisionMissed', actions: ['markOverdue', { type: 'escalate', params: ({ event }) => ({ deadline: event.deadline }) }] },
      },
    },
    in_effect: {
      on: {
        RECORD_VISIT: {
          actions: [
            'recordVisit',
            { type: 'settle', params: { deadline: 'monitoring_visit' } },
            { type: 'schedule', params: ({ event }) => ({ deadline: 'monitoring_visit', dueAt: event.nextVisitAt }) },
          ],
        },
        EXTEND_SEPARATION: {
          actions: [
            'recordExtension',
            { type: 'decide', params: ({ event }) => ({
              kind: 'separation_extension', quotes: [],
              details: { authority: event.authority, documentRef: event.documentRef, newEndOn: event.newEndOn },
            }) },
            { type: 'cancel', params: { deadline: 'separation_end' } },
            { type: 'cancel', params: { deadline: 'separation_end_warning' } },
            { type: 'schedule', params: ({ event }) => ({ deadline: 'separation_end', dueAt: event.endsAt }) },
            { type: 'schedule', params: ({ event }) => ({ deadline: 'separation_end_warning', dueAt: event.warnAt }) },
            notify(WORKERS, 'separation_extended'),
          ],
        },
        REVOKE_SEPARATION: {
          target: 'revoked',
          actions: [
            'recordOutcome',
            { type: 'decide', params: ({ event }) => ({ kind: 'separation_revocation', quotes: [], details: { reason: event.reason } }) },
            cancelAll,
            notify([...WORKERS, 'receiving_agency'], 'separation_revoked'),
          ],
        },
        CANCEL_SEPARATION: { target: 'cancelled', actions: ['recordOutcome', cancelAll, notify(WORKERS, 'separation_cancelled')] },
        DEADLINE_EXPIRED: [
          { guard: 'endReached', target: 'ended', actions: ['recordEnd', cancelAll, notify([...WORKERS, 'receiving_agency'], 'separation_ended')] },
          { guard: 'endNear', actions: ['markWarned', { type: 'escalate', params: ({ event }) => ({ deadline: event.deadline }) }] },
          { guard: 'visitMissed', actions: [{ type: 'escalate', params: ({ event }) => ({ deadline: event.deadline }) }] },
        ],
      },
    },
    ended: { type: 'final' },
    revoked: { type: 'final' },
    rejected: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
