import type { StoredSnapshot } from '../engine/snapshots';

/** A `cases` row (snake_case, straight from SQL). */
export interface CaseRow {
  id: string;
  code: string;
  /** The commune leading the case now. */
  commune_code: string;
  child_id: string;
  repeat_of_case_id: string | null;
  incident_commune_code: string;
  residence_commune_code: string | null;
  partner_commune_code: string | null;
  pending_commune_code: string | null;
  workflow: string;
  workflow_version: number;
  state: string;
  snapshot: StoredSnapshot;
  version: number;
  risk_level: string | null;
  channel: string;
  external_ref: string | null;
  report_hash: string | null;
  received_at: Date;
  immediate_danger: boolean;
  abuse_types: string[];
  incident: Record<string, unknown>;
  assignee_id: string | null;
  created_by: string | null;
  created_by_client: string | null;
  outcome: string | null;
  escalation_level: number;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  /** Its legal hold (src/retention/), and when it was anonymised. */
  legal_hold_reason: string | null;
  legal_hold_at: Date | null;
  legal_hold_by: string | null;
  anonymised_at: Date | null;
}
