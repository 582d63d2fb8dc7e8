/**
 * The shapes of the child registry, repeat-report and commune-transfer API (issue 15), written by
 * hand from the shared plan while the service's endpoints are being built; replaced by aliases of
 * the generated types (types.ts) once the OpenAPI document has them.
 */
import type { CaseDetail } from './types';

export type Sex = 'female' | 'male' | 'unknown';
export type Poverty = 'poor' | 'near_poor' | 'none' | 'unknown';

export interface ParentFields {
  fullName?: string | null;
  birthYear?: number | null;
  occupation?: string | null;
  phone?: string | null;
}

export interface CarerFields {
  fullName?: string | null;
  relation?: string | null;
  phone?: string | null;
  address?: string | null;
}

export interface HouseholdFields {
  headName?: string | null;
  members?: number | null;
  poverty?: Poverty | null;
  notes?: string | null;
}

export interface SiblingFields {
  fullName?: string | null;
  birthYear?: number | null;
  sex?: Sex | null;
}

/** A child as intake, matching and the registry take and give it. */
export interface ChildFields {
  fullName?: string | null;
  otherNames?: string[];
  sex: Sex;
  dateOfBirth?: string | null;
  approxAgeYears?: number | null;
  personalId?: string | null;
  ethnicity?: string | null;
  residenceCommuneCode?: string | null;
  village?: string | null;
  currentAddress?: string | null;
  school?: string | null;
  schoolClass?: string | null;
  father?: ParentFields | null;
  mother?: ParentFields | null;
  carer?: CarerFields | null;
  household?: HouseholdFields | null;
  siblings?: SiblingFields[];
}

/** Enough to tell children apart, nothing more. */
export interface ChildSummary {
  id: string;
  fullName: string | null;
  sex: Sex;
  dateOfBirth: string | null;
  birthYear: number | null;
  approxAgeYears: number | null;
  residenceCommuneCode: string | null;
  communeName: string | null;
  village: string | null;
  fatherName: string | null;
  motherName: string | null;
  openCases: number;
}

export interface MatchReason {
  code: string;
  vi: string;
  en: string;
}

export interface ChildMatch {
  child: ChildSummary;
  score: number;
  reasons: MatchReason[];
}

export interface RepeatMark {
  ofCaseId: string;
  code: string;
}

/** A case of the child, within the caller's case scope. */
export interface ChildCase {
  id: string;
  code: string;
  state: CaseDetail['state'];
  communeCode: string;
  receivedAt: string;
  closedAt: string | null;
  abuseTypes: string[];
  /** Marked as a repeat report. */
  repeat: boolean;
}

export interface ChildRecordView extends ChildFields {
  id: string;
  version: number;
  mergedInto: string | null;
  communeName: string | null;
  cases: ChildCase[];
}

/** A search hit: `score` is the relevance to `q` (null without it), `matched` where `q` was found. */
export type ChildSearchItem = ChildSummary & { score: number | null; matched: string[] };

export interface ChildMerge {
  id: string;
  sourceId: string;
  targetId: string;
  caseIds: string[];
  mergedAt: string;
}

export interface CommuneRef {
  code: string;
  name: string;
}

export type TransferKind = 'handover' | 'transfer';
export type TransferAction = 'ACCEPT_TRANSFER' | 'DECLINE_TRANSFER' | 'CANCEL_TRANSFER';

export interface Transfer {
  id: string;
  kind: TransferKind;
  caseId: string;
  caseCode: string;
  fromCommune: CommuneRef;
  toCommune: CommuneRef;
  state: 'requested' | 'accepted' | 'declined' | 'cancelled';
  /** Its workflow (GET /workflows/:name/:version names its events and their fields). */
  workflow: string;
  workflowVersion: number;
  reason: string;
  /** The child's new residence (kind `transfer`). */
  residence: { village: string | null; address: string | null } | null;
  requestedBy: { id: string; fullName: string | null } | null;
  requestedAt: string;
  dueAt: string;
  overdue: boolean;
  decidedAt: string | null;
  outcome: 'accepted' | 'declined' | 'cancelled' | null;
  /** Why it was declined or withdrawn. */
  decisionReason: string | null;
  assigneeId: string | null;
  allowedActions: TransferAction[];
}

export interface EarlierCase {
  id: string;
  code: string;
  state: CaseDetail['state'];
  receivedAt: string;
  closedAt: string | null;
}

/** What the case view gains with the registry, repeat reports and two communes (absent in the need-to-know view). */
export interface CaseRegistryView {
  childId?: string;
  repeat?: RepeatMark | null;
  earlierCases?: EarlierCase[];
  communes?: {
    lead: CommuneRef;
    incident: CommuneRef;
    residence: CommuneRef | null;
    partner: CommuneRef | null;
    pending: CommuneRef | null;
    /** The handover to the residence commune is due: assessment recorded, still led where it happened, none pending. */
    handoverDue: boolean;
  };
  transfers?: Transfer[];
}

export type CaseWithRegistry = CaseDetail & CaseRegistryView;

export interface IntakeResult {
  case: CaseWithRegistry;
  candidates: ChildMatch[];
}
