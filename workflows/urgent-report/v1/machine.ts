/**
 * Workflow `urgent-report` v1: the commune's urgent upward report (báo cáo đột xuất) of a child's
 * death, serious injury, drowning or serious abuse, to the commune chair and the provincial
 * Department of Health (Sở Y tế) — "kịp thời báo cáo… các vụ việc gây tử vong trẻ em" (DOMAIN.md
 * "Urgent upward reports"; the commune plans' "kịp thời báo cáo… các vụ việc gây tử vong trẻ em").
 *
 * drafted → sent (the commune's staff complete the report: what happened, when, where, the
 * child(ren), consequences, actions taken, cause, proposals) → the chair RECEIVEs it and the
 * province ACKNOWLEDGEs it, in either order (`chair_received` / `province_acknowledged`) →
 * `acknowledged` → `closed` with the follow-up; `withdrawn` (a report opened in error, or its case
 * closing) before both acknowledged it. Both deadlines (`urgent_report_chair`,
 * `urgent_report_province`) run from the opening, due at the instants computed with the
 * province's hours; a missed one escalates and the report stays open. Pure.
 */
import { assign, setup } from 'xstate';
import type { Actor, Audience } from '../../types';
import type { UrgentIncidentKind } from '../../vocabulary';

/** The report's content (the document's body). */
export interface UrgentReportContent {
  /** Diễn biến: what happened. */
  summary: string;
  /** Thời gian xảy ra. */
  occurredAt: string | null;
  /** Địa điểm xảy ra. */
  location: string | null;
  /** The child or children: name, age, sex, where they live (the province needs it: a death is a named child). */
  children: string | null;
  /** Hậu quả. */
  consequences: string | null;
  /** Các biện pháp đã thực hiện. */
  actionsTaken: string | null;
  /** Nguyên nhân (when known). */
  cause: string | null;
  /** Đề xuất, kiến nghị. */
  proposals: string | null;
}

export interface UrgentReportContext {
  kinds: UrgentIncidentKind[];
  /** The commune that reports (the case's lead when it opened) and its province. */
  communeCode: string;
  provinceCode: string;
  /** How it was opened: at intake from the report's answers, or by a commune user on the case. */
  openedAt: 'intake' | 'case';
  /** The hours the province gives (product default unless configured), and the instants they end. */
  hours: number;
  chairDueAt: string;
  provinceDueAt: string;
  content: UrgentReportContent;
  submittedBy: string | null;
  chairReceivedBy: string | null;
  chairNote: string | null;
  provinceAcknowledgedBy: string | null;
  provinceNote: string | null;
  overdue: boolean;
  /** closed | withdrawn; null while open. */
  outcome: string | null;
  /** The follow-up (closed) or why it was withdrawn. */
  reason: string | null;
}

export type UrgentReportInput = Pick<UrgentReportContext, 'kinds' | 'communeCode' | 'provinceCode' | 'openedAt' | 'hours' | 'chairDueAt' | 'provinceDueAt' | 'content'>;

type Base = { actor: Actor };
export type UrgentReportEvent = Base &
  (
    | ({ type: 'SUBMIT_REPORT' } & Omit<Partial<UrgentReportContent>, 'summary'> & { summary: string })
    | { type: 'RECEIVE'; note?: string }
    | { type: 'ACKNOWLEDGE'; note?: string }
    | { type: 'CLOSE_REPORT'; followUp: string }
    | { type: 'WITHDRAW'; reason: string }
    | { type: 'DEADLINE_EXPIRED'; deadline: string; deadlineId: string }
  );

const notify = (audience: Audience[], template: string) => ({ type: 'notify', params: { audience, template } }) as const;
const cancelAll = { type: 'cancel', params: { deadline: '*' } } as const;
const settleChair = { type: 'settle', params: { deadline: 'urgent_report_chair' } } as const;
const settleProvince = { type: 'settle', params: { deadline: 'urgent_report_province' } } as const;
const escalate = { type: 'escalate', params: ({ event }: { event: UrgentReportEvent }) => ({ deadline: (event as { deadline: string }).deadline }) } as const;

/** A missed deadline escalates; the report stays where it is, open to act on. */
const expire = { DEADLINE_EXPIRED: { actions: ['markOverdue', escalate] } } as const;

const blank: UrgentReportContent = {
  summary: '', occurredAt: null, location: null, children: null, consequences: null, actionsTaken: null, cause: null, proposals: null,
};

export const machine = setup({
  types: { context: {} as UrgentReportContext, events: {} as UrgentReportEvent, input: {} as UrgentReportInput },
  actions: {
    schedule: (_, __: { deadline: string; dueAt?: string }) => undefined,
    settle: (_, __: { deadline: string }) => undefined,
    cancel: (_, __: { deadline: string }) => undefined,
    notify: (_, __: { audience: Audience[]; template: string }) => undefined,
    escalate: (_, __: { deadline: string }) => undefined,
    markOverdue: assign({ overdue: true }),
    recordContent: assign(({ context, event }) => {
      const e = event as Extract<UrgentReportEvent, { type: 'SUBMIT_REPORT' }>;
      const keep = (k: keyof UrgentReportContent) => (e[k] === undefined ? context.content[k] : (e[k] ?? null));
      return {
        submittedBy: e.actor.id,
        content: {
          summary: e.summary, occurredAt: keep('occurredAt'), location: keep('location'), children: keep('children'),
          consequences: keep('consequences'), actionsTaken: keep('actionsTaken'), cause: keep('cause'), proposals: keep('proposals'),
        } as UrgentReportContent,
      };
    }),
    recordChair: assign(({ event }) => ({ chairReceivedBy: event.actor.id, chairNote: (event as { note?: string }).note ?? null })),
    recordProvince: assign(({ event }) => ({ provinceAcknowledgedBy: event.actor.id, provinceNote: (event as { note?: string }).note ?? null })),
    recordClosure: assign({ outcome: 'closed', reason: ({ event }) => (event as { followUp: string }).followUp }),
    recordWithdrawal: assign({ outcome: 'withdrawn', reason: ({ event }) => (event as { reason: string }).reason }),
  },
}).createMachine({
  id: 'urgent-report',
  initial: 'drafted',
  // Evaluated without input by the inert actor of XState's pure transition(): tolerate it.
  context: ({ input }) => ({
    kinds: input?.kinds ?? [], communeCode: input?.communeCode ?? '', provinceCode: input?.provinceCode ?? '',
    openedAt: input?.openedAt ?? 'case', hours: input?.hours ?? 0, chairDueAt: input?.chairDueAt ?? '', provinceDueAt: input?.provinceDueAt ?? '',
    content: input?.content ?? blank, submittedBy: null, chairReceivedBy: null, chairNote: null, provinceAcknowledgedBy: null,
    provinceNote: null, overdue: false, outcome: null, reason: null,
  }),
  states: {
    drafted: {
      entry: [
        { type: 'schedule', params: ({ context }) => ({ deadline: 'urgent_report_chair', dueAt: context.chairDueAt }) },
        { type: 'schedule', params: ({ context }) => ({ deadline: 'urgent_report_province', dueAt: context.provinceDueAt }) },
        notify(['assignee', 'supervisors', 'chair'], 'urgent_report_opened'),
      ],
      on: {
        ...expire,
        SUBMIT_REPORT: { target: 'sent', actions: ['recordContent', notify(['chair', 'receiving_agency'], 'urgent_report_sent')] },
        WITHDRAW: { target: 'withdrawn', actions: ['recordWithdrawal', cancelAll] },
      },
    },
    sent: {
      on: {
        ...expire,
        RECEIVE: { target: 'chair_received', actions: ['recordChair', settleChair] },
        ACKNOWLEDGE: { target: 'province_acknowledged', actions: ['recordProvince', settleProvince, notify(['assignee', 'supervisors'], 'urgent_report_acknowledged')] },
        WITHDRAW: { target: 'withdrawn', actions: ['recordWithdrawal', cancelAll, notify(['chair', 'receiving_agency'], 'urgent_report_withdrawn')] },
      },
    },
    chair_received: {
      on: {
        ...expire,
        ACKNOWLEDGE: { target: 'acknowledged', actions: ['recordProvince', settleProvince, notify(['assignee', 'supervisors'], 'urgent_report_acknowledged')] },
        WITHDRAW: { target: 'withdrawn', actions: ['recordWithdrawal', cancelAll, notify(['chair', 'receiving_agency'], 'urgent_report_withdrawn')] },
      },
    },
    province_acknowledged: {
      on: {
        ...expire,
        RECEIVE: { target: 'acknowledged', actions: ['recordChair', settleChair] },
        WITHDRAW: { target: 'withdrawn', actions: ['recordWithdrawal', cancelAll, notify(['chair', 'receiving_agency'], 'urgent_report_withdrawn')] },
      },
    },
    acknowledged: {
      on: {
        CLOSE_REPORT: { target: 'closed', actions: ['recordClosure', notify(['chair', 'receiving_agency'], 'urgent_report_closed')] },
        WITHDRAW: { target: 'withdrawn', actions: ['recordWithdrawal', notify(['chair', 'receiving_agency'], 'urgent_report_withdrawn')] },
      },
    },
    closed: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
