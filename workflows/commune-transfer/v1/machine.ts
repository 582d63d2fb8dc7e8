/**
 * Workflow `commune-transfer` v1: a case led by one commune passes to another (Luật Trẻ em 2016
 * Điều 52 khoản 2; NĐ 56/2017/NĐ-CP Điều 26). Two kinds: the `handover` of a two-commune case from
 * the commune where it happened (which verified and assessed) to the commune where the child lives
 * (which plans and decides), and the `transfer` of a case because the child moved.
 *
 * requested → accepted (the case moves: `moveCase`) | declined | cancelled (the case stays:
 * `releaseCase`). The receiving commune decides within the `transfer_decision` deadline; a missed
 * decision escalates and the request stays open to decide. Pure: the engine carries out the
 * effects inside the command's transaction.
 */
import { assign, setup } from 'xstate';
import type { Actor, Audience, TransferKind } from '../../types';

export interface TransferResidence {
  village: string | null;
  address: string | null;
}

export interface TransferContext {
  kind: TransferKind;
  fromCommuneCode: string;
  toCommuneCode: string;
  /** The child's new residence (a transfer); null for a handover (the residence is already known). */
  residence: TransferResidence | null;
  /** ISO instant the decision is due. */
  dueAt: string;
  overdue: boolean;
  /** How it ended: `accepted`, `declined` or `cancelled`; null while requested. */
  outcome: string | null;
  /** Why it was declined or cancelled. */
  reason: string | null;
  /** Who the receiving commune assigned the case to on acceptance. */
  assigneeId: string | null;
}

export type TransferInput = Pick<TransferContext, 'kind' | 'fromCommuneCode' | 'toCommuneCode' | 'residence' | 'dueAt'>;

type Base = { actor: Actor };
export type TransferEvent = Base &
  (
    | { type: 'ACCEPT_TRANSFER'; assigneeId: string }
    | { type: 'DECLINE_TRANSFER'; reason: string }
    | { type: 'CANCEL_TRANSFER'; reason: string }
    | { type: 'DEADLINE_EXPIRED'; deadline: string; deadlineId: string }
  );

const notify = (audience: Audience[], template: string) => ({ type: 'notify', params: { audience, template } }) as const;
const cancelAll = { type: 'cancel', params: { deadline: '*' } } as const;

export const machine = setup({
  types: { context: {} as TransferContext, events: {} as TransferEvent, input: {} as TransferInput },
  actions: {
    schedule: (_, __: { deadline: string; dueAt?: string }) => undefined,
    settle: (_, __: { deadline: string }) => undefined,
    cancel: (_, __: { deadline: string }) => undefined,
    notify: (_, __: { audience: Audience[]; template: string }) => undefined,
    escalate: (_, __: { deadline: string }) => undefined,
    moveCase: (_, __: { kind: TransferKind; toCommuneCode: string; assigneeId: string }) => undefined,
    releaseCase: (_, __: Record<string, never>) => undefined,
    markOverdue: assign({ overdue: true }),
    recordAcceptance: assign({ outcome: 'accepted', assigneeId: ({ event }) => (event as { assigneeId: string }).assigneeId }),
    recordDecline: assign({ outcome: 'declined', reason: ({ event }) => (event as { reason: string }).reason }),
    recordCancellation: assign({ outcome: 'cancelled', reason: ({ event }) => (event as { reason: string }).reason }),
  },
}).createMachine({
  id: 'commune-transfer',
  initial: 'requested',
  // Evaluated without input by the inert actor of XState's pure transition(): tolerate it.
  context: ({ input }) => ({
    kind: input?.kind ?? 'transfer', fromCommuneCode: input?.fromCommuneCode ?? '', toCommuneCode: input?.toCommuneCode ?? '',
    residence: input?.residence ?? null, dueAt: input?.dueAt ?? '', overdue: false, outcome: null, reason: null, assigneeId: null,
  }),
  states: {
    requested: {
      entry: [
        { type: 'schedule', params: ({ context }) => ({ deadline: 'transfer_decision', dueAt: context.dueAt }) },
        notify(['receiving_agency'], 'transfer_requested'),
      ],
      on: {
        ACCEPT_TRANSFER: {
          target: 'accepted',
          actions: [
            'recordAcceptance',
            { type: 'settle', params: { deadline: 'transfer_decision' } },
            { type: 'moveCase', params: ({ context, event }) => ({ kind: context.kind, toCommuneCode: context.toCommuneCode, assigneeId: event.assigneeId }) },
            // Both communes: the one that led the case (its assignee and supervisors) and the receiving office.
            notify(['assignee', 'supervisors', 'receiving_agency'], 'transfer_accepted'),
          ],
        },
        DECLINE_TRANSFER: {
          target: 'declined',
          actions: ['recordDecline', cancelAll, { type: 'releaseCase', params: {} }, notify(['assignee', 'supervisors'], 'transfer_declined')],
        },
        CANCEL_TRANSFER: {
          target: 'cancelled',
          actions: ['recordCancellation', cancelAll, { type: 'releaseCase', params: {} }, notify(['receiving_agency'], 'transfer_cancelled')],
        },
        DEADLINE_EXPIRED: {
          actions: ['markOverdue', { type: 'escalate', params: ({ event }) => ({ deadline: event.deadline }) }],
        },
      },
    },
    accepted: { type: 'final' },
    declined: { type: 'final' },
    cancelled: { type: 'final' },
  },
});
