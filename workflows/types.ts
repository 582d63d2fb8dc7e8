/**
 * The contract between pure workflow definitions and the engine that interprets them.
 * Nothing here performs I/O: machines only *name* effects; src/engine turns them into rows.
 */
import type { AnyStateMachine } from 'xstate';
import type { EventContracts } from './contract';
import type { DecisionKind } from './vocabulary';

/** How long a deadline runs. Calendar hours, calendar days, or working days (business calendar). */
export type DeadlineRule = { hours: number } | { calendarDays: number } | { workingDays: number };

/** What the rule counts from: the report's `receivedAt`, or the moment the scheduling transition commits. */
export type DeadlineAnchor = 'receipt' | 'transition';

/** Who hears about something. Resolved by the engine into users of the case's commune / agencies. */
export type Audience =
  | 'assignee'
  | 'commune_workers'
  | 'supervisors'
  | 'chair'
  | 'receiving_agency'
  | 'receiving_agency_head';

export interface EscalationStep {
  /** 1 = first breach notice, 2 = next level up, ... */
  level: number;
  /** Hours after the breach at which this step fires (0 = at breach). */
  afterHours: number;
  audience: Audience[];
}

export interface DeadlineSpec {
  key: string;
  rule: DeadlineRule;
  anchor: DeadlineAnchor;
  /** Article cited, e.g. 'NĐ 56/2017/NĐ-CP Điều 28 khoản 1', or 'product default (configurable)'. */
  legalBasis: string;
  titleVi: string;
  titleEn: string;
  escalation: EscalationStep[];
}

export type DeadlineTable = Record<string, DeadlineSpec>;

export type HandoffUrgency = 'urgent' | 'normal';

/** A case passing from one commune to another: the `handover` to the child's residence commune, or a `transfer` (the child moved). */
export type TransferKind = 'handover' | 'transfer';

export interface HandoffRequest {
  kind: string;
  agencyType: string;
  urgency: HandoffUrgency;
  /** Completion due in this many calendar days from creation; absent = the kind's default. */
  dueInDays?: number;
  instructions?: string;
  /**
   * What protection requires, on the emergency handoffs (police protection, medical care): where the
   * child is now and whom to call. Kept in the handoff's context; its receiving agency sees it.
   */
  protection?: HandoffProtection;
}

/** Each null when the social worker did not give it. */
export interface HandoffProtection {
  childLocation: string | null;
  workerName: string | null;
  workerPhone: string | null;
}

/**
 * The only side effects a machine may ask for. `params` are static objects or computed from
 * context/event by XState (dynamic params); the engine reads `type` and `params` only.
 */
export type Effect =
  /** `dueAt` (ISO) overrides the table's rule when the due date comes with the request. */
  | { type: 'schedule'; params: { deadline: string; dueAt?: string } }
  | { type: 'settle'; params: { deadline: string } }
  | { type: 'cancel'; params: { deadline: string | '*' } }
  | { type: 'handoff'; params: { handoffs: HandoffRequest[] } }
  /** Cancels the case's open handoffs (the case is closing). */
  | { type: 'cancelHandoffs'; params: { reason: string } }
  | { type: 'notify'; params: { audience: Audience[]; template: string } }
  | { type: 'escalate'; params: { deadline: string } }
  /**
   * Moves the case to the commune that accepted it (a transfer's acceptance): lead = that commune,
   * the other commune kept as partner for a handover, the residence updated for a transfer, no
   * transfer pending; then the case's assignment event is applied by the accepting user.
   */
  | { type: 'moveCase'; params: { kind: TransferKind; toCommuneCode: string; assigneeId: string } }
  /** A transfer ended without moving the case: the case has no transfer pending any more. */
  | { type: 'releaseCase'; params: Record<string, never> }
  /**
   * The instance's transition is a numbered decision of the commune (decisions/): `kind`, deciding
   * on what the latest of the instance's `quotes` events proposed (a plan, a closure proposal);
   * `details` are recorded with what it quotes (e.g. the kind of closure).
   */
  | { type: 'decide'; params: { kind: DecisionKind; quotes: readonly string[]; details?: Record<string, unknown> } };

export type EffectType = Effect['type'];

/** Who sent an event. `system` is the engine itself (deadline firing, handoff updates). */
export interface Actor {
  id: string;
  role: string;
}

/**
 * Facts the engine looks up before a transition so that guards stay pure (guards read only context
 * and event). A workflow declares which events need which facts; the module that owns the data
 * registers how to look each one up (e.g. handoffs: `openHandoffs`).
 */
export interface EventFacts {
  /** Handoffs of the case still offered, accepted or in progress. */
  openHandoffs?: number;
}

export type FactName = keyof EventFacts;

/**
 * Everything the engine and the modules need to know about one workflow version. The engine reads
 * nothing else: no state, event or deadline name of any particular workflow lives in src/engine.
 */
export interface WorkflowDefinition {
  name: string;
  version: number;
  titleVi: string;
  titleEn: string;
  /** What an instance is about: a case row, a handoff row of a case, or a child's entry on the special-circumstances register (no case). */
  subject: 'case' | 'handoff' | 'support';
  machine: AnyStateMachine;
  deadlines: DeadlineTable;
  /** Client events, each declared once (data, roles, field hints, labels). */
  events: EventContracts;
  /** Events only the engine sends (never accepted from a client). */
  systemEvents: readonly string[];
  /** The event the engine sends when one of the instance's deadlines falls due. */
  deadlineEvent: string;
  /** Facts looked up before these events (their guards read them). */
  facts: Partial<Record<string, readonly FactName[]>>;
  /**
   * Data that lets the data-reading guards be evaluated when listing the events a caller could send
   * now (`allowedEvents`): a representative value of each field the guards read.
   */
  probe: Record<string, unknown>;
  /** State values (top-level) where the instance is finished. */
  terminalStates: readonly string[];
  /** (subject `handoff`) The client event that withdraws an open instance when its case closes. */
  withdrawEvent?: string;
  /**
   * (subject `handoff`) Prefix of the status this workflow's changes carry in their case's
   * `HANDOFF_UPDATED`, so the case's workflow tells them from agency handoffs' statuses.
   */
  caseStatusPrefix?: string;
  /**
   * (subject `case`) How a case of this workflow passes to another commune (workflow
   * `commune-transfer`): the event that assigns it (applied by the receiving commune's user who
   * accepts), and the states from which the handover to the child's residence commune is due
   * (assessment recorded). Absent: its cases are never transferred.
   */
  transfer?: { assignEvent: string; handoverStates: readonly string[] };
  /**
   * (subject `case`) The states in which a temporary separation of the child may be proposed
   * (workflow `temporary-separation`: verification, assessment and intervention). Absent: never.
   */
  separationStates?: readonly string[];
}

/**
 * The context fields every workflow whose subject is a case keeps; the cases module projects them
 * into the `cases` row (for lists, filters and figures).
 */
export interface CaseContextColumns {
  riskLevel: string | null;
  assigneeId: string | null;
  outcome: string | null;
}
