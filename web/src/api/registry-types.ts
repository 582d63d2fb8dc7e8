/**
 * The shapes of children search and of transfers between communes (issue 15), written by hand
 * from the shared plan while the service's endpoints are being merged; replaced by aliases of the
 * generated types (types.ts) once the OpenAPI document has them.
 */
import type { CaseDetail, ChildSummary } from './types';

/** A search hit: `score` is the relevance to `q` (null without it), `matched` where `q` was found. */
export type ChildSearchItem = ChildSummary & { score: number | null; matched: string[] };

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

/** What the case view gains with two communes (absent in the need-to-know view). */
export interface CaseCommunesView {
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

export type CaseWithRegistry = CaseDetail & CaseCommunesView;
