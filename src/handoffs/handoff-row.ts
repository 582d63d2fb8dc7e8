import type { StoredSnapshot } from '../engine/snapshots';

/** A `handoffs` row (snake_case, straight from SQL). */
export interface HandoffRow {
  id: string;
  case_id: string;
  kind: string;
  agency_id: string;
  urgency: 'urgent' | 'normal';
  state: string;
  snapshot: StoredSnapshot;
  workflow: string;
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
