/**
 * Projections of a case for the API. Pure: given the rows, a projection, and the caller's agency,
 * build what that caller may see (see identity/policy.ts for who gets which projection).
 */
import type { StoredSnapshot } from '../engine/snapshots';
import type { HandoffProtection } from '../../workflows/types';
import type { ProcedureStatus } from '../../workflows/handoff/v2/machine';
import type { CaseRow } from './case-row';
import type { CaseProjection } from '../identity/policy';

export interface ChildRow {
  full_name: string | null;
  sex: string;
  date_of_birth: string | null;
  approx_age_years: number | null;
  address: string | null;
}
export interface ReporterRow {
  anonymous: boolean;
  name: string | null;
  phone: string | null;
  address: string | null;
  relation_to_child: string | null;
}
export interface DeadlineViewRow {
  id: string;
  handoff_id: string | null;
  key: string;
  title_vi: string;
  title_en: string;
  legal_basis: string;
  starts_at: Date;
  due_at: Date;
  status: string;
  settled_at: Date | null;
  breached_at: Date | null;
  escalation_level: number;
}
export interface HandoffViewRow {
  id: string;
  kind: string;
  agency_id: string;
  agency_name: string;
  agency_type: string;
  urgency: string;
  state: string;
  workflow: string;
  workflow_version: number;
  version: number;
  snapshot: StoredSnapshot;
  instructions: string;
  due_at: Date;
  outcome: string | null;
  reason: string | null;
  overdue: boolean;
  created_at: Date;
  accepted_at: Date | null;
  completed_at: Date | null;
}

export interface CommuneRefRow {
  code: string;
  name: string;
  province_code: string;
}
/** A transfer of a case between communes (a `handoffs` row of workflow `commune-transfer`), as `TRANSFER_ROWS_SQL` reads it. */
export interface TransferViewRow {
  id: string;
  kind: string;
  case_id: string;
  case_code: string;
  state: string;
  workflow: string;
  workflow_version: number;
  snapshot: StoredSnapshot;
  /** Why the transfer was asked. */
  instructions: string;
  created_by: string | null;
  requested_by_name: string | null;
  created_at: Date;
  due_at: Date;
  updated_at: Date;
  from_commune_code: string;
  from_commune_name: string;
  from_province_code: string;
  to_commune_code: string;
  to_commune_name: string;
  overdue: boolean;
}

/** A decision of the commune about the case (decisions/), as `DECISION_ROWS_SQL` reads it. */
export interface DecisionViewRow {
  id: string;
  kind: string;
  number: number;
  year: number;
  commune_code: string;
  case_id: string;
  event_seq: number;
  signer_id: string | null;
  signer_name: string;
  signer_title: string;
  decided_at: Date;
  /** YYYY-MM-DD; null: in effect from the day it was signed. */
  effective_on: string | null;
  body: Record<string, unknown>;
}

/** How a decision's number is written (Số: 12/QĐ-UBND): numbered per commune and year. */
export const decisionNumber = (n: number) => `${n}/QĐ-UBND`;

export function decisionView(d: DecisionViewRow) {
  return {
    id: d.id, kind: d.kind, number: d.number, year: d.year, display: decisionNumber(d.number), communeCode: d.commune_code,
    eventSeq: d.event_seq, decidedAt: d.decided_at, effectiveOn: d.effective_on,
    signer: { id: d.signer_id, name: d.signer_name, title: d.signer_title }, body: d.body,
  };
}

export type DecisionView = ReturnType<typeof decisionView>;

/** Age in whole years on `at` (Vietnam local dates), from the birth date or the reporter's estimate. */
export function ageYears(child: Pick<ChildRow, 'date_of_birth' | 'approx_age_years'>, at: Date): number | null {
  if (child.date_of_birth) {
    const [y, m, d] = child.date_of_birth.split('-').map(Number);
    const local = new Date(at.getTime() + 7 * 3_600_000);
    let age = local.getUTCFullYear() - y;
    if (local.getUTCMonth() + 1 < m || (local.getUTCMonth() + 1 === m && local.getUTCDate() < d)) age--;
    return age;
  }
  return child.approx_age_years;
}

/** The given name: the last word of a Vietnamese full name ("Nguyễn Thị Lan" → "Lan"). */
export function givenName(fullName: string | null): string | null {
  if (!fullName) return null;
  const parts = fullName.trim().split(/\s+/);
  return parts[parts.length - 1] ?? null;
}

export function deadlineView(d: DeadlineViewRow) {
  return {
    id: d.id, key: d.key, handoffId: d.handoff_id, titleVi: d.title_vi, titleEn: d.title_en, legalBasis: d.legal_basis,
    startsAt: d.starts_at, dueAt: d.due_at, status: d.status, settledAt: d.settled_at, breachedAt: d.breached_at,
    escalationLevel: d.escalation_level,
  };
}

export function handoffView(h: HandoffViewRow, allowedActions?: string[]) {
  // Workflow `handoff` v2 keeps these in its context; v1 handoffs have neither.
  const ctx = h.snapshot.context as { procedure?: ProcedureStatus[]; protection?: HandoffProtection | null };
  return {
    ...(allowedActions ? { allowedActions } : {}),
    id: h.id, kind: h.kind, agency: { id: h.agency_id, name: h.agency_name, type: h.agency_type }, urgency: h.urgency,
    state: h.state, workflow: h.workflow, workflowVersion: h.workflow_version, version: h.version, instructions: h.instructions, dueAt: h.due_at, outcome: h.outcome, reason: h.reason, overdue: h.overdue,
    createdAt: h.created_at, acceptedAt: h.accepted_at, completedAt: h.completed_at,
    procedure: ctx.procedure ?? [], protection: ctx.protection ?? null,
  };
}

/** Another case of the same child (the registry's), within the caller's scope. */
export interface OtherCaseRow {
  id: string;
  code: string;
  state: string;
  received_at: Date;
  closed_at: Date | null;
}

/** The API's name of a transfer row's kind (`commune_handover` → `handover`). */
export const transferKindOf = (rowKind: string) => rowKind.replace(/^commune_/, '');

/** A transfer between communes; `terminal`: it has been decided (or withdrawn). */
export function transferView(t: TransferViewRow, terminal: boolean, allowedActions: string[]) {
  const ctx = t.snapshot.context as { residence?: unknown; outcome?: string | null; reason?: string | null; assigneeId?: string | null };
  return {
    id: t.id, kind: transferKindOf(t.kind), caseId: t.case_id, caseCode: t.case_code,
    fromCommune: { code: t.from_commune_code, name: t.from_commune_name }, toCommune: { code: t.to_commune_code, name: t.to_commune_name },
    state: t.state, workflow: t.workflow, workflowVersion: t.workflow_version, reason: t.instructions, residence: ctx.residence ?? null,
    requestedBy: t.created_by ? { id: t.created_by, fullName: t.requested_by_name } : null, requestedAt: t.created_at,
    dueAt: t.due_at, overdue: t.overdue, decidedAt: terminal ? t.updated_at : null, outcome: ctx.outcome ?? null,
    decisionReason: ctx.reason ?? null, assigneeId: ctx.assigneeId ?? null, allowedActions,
  };
}

export type TransferView = ReturnType<typeof transferView>;

/**
 * Whether the handover of a two-commune case to the child's residence commune is due (Luật Trẻ em
 * Điều 52 k2): assessment recorded (a state of `handoverStates`), the case still led where it
 * happened, the child living elsewhere, and no transfer pending.
 */
export function isHandoverDue(row: CaseRow, handoverStates: readonly string[]): boolean {
  return handoverStates.includes(row.state) && row.residence_commune_code !== null && row.residence_commune_code !== row.commune_code &&
    row.commune_code === row.incident_commune_code && row.pending_commune_code === null;
}

const communeRef = (communes: Record<string, CommuneRefRow>, code: string | null) =>
  code && communes[code] ? { code, name: communes[code].name } : null;

/**
 * The communes of a case: the one leading it, where it happened, where the child lives, the one
 * sharing it and the one asked to take it; `handoverDue` when the handover to the residence
 * commune is due now (see `CaseViewInput.handoverDue`).
 */
export function communesView(row: CaseRow, communes: Record<string, CommuneRefRow>, handoverDue: boolean) {
  return {
    lead: communeRef(communes, row.commune_code)!, incident: communeRef(communes, row.incident_commune_code)!,
    residence: communeRef(communes, row.residence_commune_code), partner: communeRef(communes, row.partner_commune_code),
    pending: communeRef(communes, row.pending_commune_code), handoverDue,
  };
}

export interface CaseViewInput {
  row: CaseRow;
  /** The case this report repeats (`cases.repeat_of_case_id`), by id and code. */
  repeat: { of_case_id: string; code: string } | null;
  /** The child's other cases the caller may see, newest first (not read for the need-to-know projection). */
  earlierCases: OtherCaseRow[];
  child: ChildRow;
  reporter: ReporterRow | null;
  assignee: { id: string; full_name: string } | null;
  deadlines: DeadlineViewRow[];
  handoffs: HandoffViewRow[];
  allowedEvents: string[];
  /** What the caller may do to each handoff now (accept… for its agency, cancel for commune staff). */
  handoffActions: (h: HandoffViewRow) => string[];
  projection: CaseProjection;
  /** For the need-to-know projection: only this agency's handoffs and their deadlines. */
  agencyId: string;
  now: Date;
  communes: Record<string, CommuneRefRow>;
  /** The case's transfers between communes, as the caller may see them (absent from the need-to-know projection). */
  transfers: TransferView[];
  /** The case's temporary separations in short (absent from the need-to-know projection). */
  separations: Array<{ id: string; state: string; placementKind: string | null; startOn: string | null; endOn: string | null; proposedAt: string }>;
  /** The handover to the child's residence commune is due: assessed, led by the incident commune, none pending. */
  handoverDue: boolean;
  /** The commune's decisions about the case (absent from the need-to-know projection). */
  decisions: DecisionViewRow[];
}

export function caseView(v: CaseViewInput) {
  const { row } = v;
  const openBreach = v.deadlines.some((d) => d.status === 'breached');
  const common = {
    id: row.id, code: row.code, state: row.state, version: row.version, communeCode: row.commune_code,
    receivedAt: row.received_at, riskLevel: row.risk_level, immediateDanger: row.immediate_danger,
    overdue: openBreach, escalationLevel: row.escalation_level, workflow: row.workflow, workflowVersion: row.workflow_version,
    allowedEvents: v.allowedEvents,
  };
  if (v.projection === 'need_to_know') {
    const handoffs = v.handoffs.filter((h) => h.agency_id === v.agencyId);
    const ids = new Set(handoffs.map((h) => h.id));
    return {
      ...common,
      overdue: v.deadlines.some((d) => d.status === 'breached' && d.handoff_id !== null && ids.has(d.handoff_id)),
      child: { firstName: givenName(v.child.full_name), ageYears: ageYears(v.child, v.now), sex: v.child.sex },
      incident: { types: row.abuse_types },
      deadlines: v.deadlines.filter((d) => d.handoff_id !== null && ids.has(d.handoff_id)).map(deadlineView),
      handoffs: handoffs.map((h) => handoffView(h, v.handoffActions(h))),
    };
  }
  return {
    ...common,
    channel: row.channel,
    externalRef: row.external_ref,
    outcome: row.outcome,
    assignee: v.assignee ? { id: v.assignee.id, fullName: v.assignee.full_name } : null,
    child: {
      fullName: v.child.full_name, sex: v.child.sex, dateOfBirth: v.child.date_of_birth,
      approxAgeYears: v.child.approx_age_years, ageYears: ageYears(v.child, v.now), address: v.child.address,
    },
    incident: { types: row.abuse_types, ...row.incident },
    childId: row.child_id,
    repeat: v.repeat ? { ofCaseId: v.repeat.of_case_id, code: v.repeat.code } : null,
    earlierCases: v.earlierCases.map((e) => ({ id: e.id, code: e.code, state: e.state, receivedAt: e.received_at, closedAt: e.closed_at })),
    ...(v.projection === 'full' && v.reporter
      ? { reporter: { anonymous: v.reporter.anonymous, name: v.reporter.name, phone: v.reporter.phone, address: v.reporter.address, relationToChild: v.reporter.relation_to_child } }
      : {}),
    deadlines: v.deadlines.map(deadlineView),
    handoffs: v.handoffs.map((h) => handoffView(h, v.handoffActions(h))),
    communes: communesView(row, v.communes, v.handoverDue),
    transfers: v.transfers,
    separations: v.separations,
    decisions: v.decisions.map(decisionView),
    createdAt: row.created_at, updatedAt: row.updated_at, closedAt: row.closed_at,
    legalHold: row.legal_hold_at ? { reason: row.legal_hold_reason!, since: row.legal_hold_at.toISOString(), setBy: row.legal_hold_by! } : null,
  };
}

export type CaseView = ReturnType<typeof caseView>;
