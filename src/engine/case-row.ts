/** A `cases` row as the engine reads it (snake_case, straight from SQL). */
export interface CaseRow {
  id: string;
  code: string;
  commune_code: string;
  workflow: string;
  workflow_version: number;
  state: string;
  snapshot: { value: string; context: Record<string, unknown> };
  version: number;
  risk_level: string | null;
  channel: string;
  external_ref: string | null;
  received_at: Date;
  immediate_danger: boolean;
  abuse_types: string[];
  incident: Record<string, unknown>;
  assignee_id: string | null;
  created_by: string;
  outcome: string | null;
  escalation_level: number;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

export interface HandoffRow {
  id: string;
  case_id: string;
  kind: string;
  agency_id: string;
  urgency: 'urgent' | 'normal';
  state: string;
  snapshot: { value: string; context: Record<string, unknown> };
  workflow_version: number;
  version: number;
  instructions: string;
  due_at: Date;
  outcome: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  accepted_at: Date | null;
  completed_at: Date | null;
}
