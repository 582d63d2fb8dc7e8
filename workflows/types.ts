/**
 * The contract between pure workflow definitions and the engine that interprets them.
 * Nothing here performs I/O: machines only *name* effects; src/engine turns them into rows.
 */

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

export interface HandoffRequest {
  kind: string;
  agencyType: string;
  urgency: HandoffUrgency;
  /** Completion due in this many calendar days from creation; absent = the kind's default. */
  dueInDays?: number;
  instructions?: string;
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
  | { type: 'escalate'; params: { deadline: string } };

export type EffectType = Effect['type'];

/** Who sent an event. `system` is the engine itself (deadline firing, handoff updates). */
export interface Actor {
  id: string;
  role: string;
}

/**
 * Facts the engine looks up before a transition so that guards stay pure
 * (guards read only context and event).
 */
export interface EventFacts {
  openHandoffs?: number;
}
