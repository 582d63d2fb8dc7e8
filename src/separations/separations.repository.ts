/**
 * The separations read model: a case's temporary separations are rows of `handoffs` (workflow
 * `temporary-separation`, owned by the handoffs module) with their proposer and their deadlines.
 * Read-only: separations are written through the engine and the handoffs repository; their
 * context's free text is read opened (src/cases/handoff-fields.ts).
 */
import { Injectable } from '@nestjs/common';
import { SEPARATION_WORKFLOW } from '../../workflows';
import { openHandoffSnapshot } from '../cases/handoff-fields';
import type { ChildAge } from '../children/age';
import { FieldCipher } from '../crypto/field-cipher';
import type { Db, Tx } from '../database/db';
import { binder, type Bind } from '../identity/access.repository';
import type { StoredSnapshot } from '../engine/snapshots';

export interface SeparationRow {
  id: string;
  case_id: string;
  case_code: string;
  child_name: string | null;
  commune_code: string;
  state: string;
  version: number;
  workflow: string;
  workflow_version: number;
  snapshot: StoredSnapshot;
  created_by: string | null;
  proposed_by_name: string | null;
  created_at: Date;
  overdue: boolean;
  deadlines: Array<{ key: string; title_vi: string; title_en: string; due_at: string; status: string; legal_basis: string }>;
}

const ROWS_SQL = (where: string) => `
  SELECT h.id, h.case_id, c.code AS case_code, (SELECT cc.full_name FROM case_children cc WHERE cc.case_id = c.id) AS child_name, c.commune_code, h.state, h.version, h.workflow, h.workflow_version, h.snapshot, h.created_by,
         u.full_name AS proposed_by_name, h.created_at,
         EXISTS (SELECT 1 FROM deadlines d WHERE d.handoff_id = h.id AND d.status = 'breached') AS overdue,
         COALESCE((SELECT json_agg(json_build_object('key', d.key, 'title_vi', d.title_vi, 'title_en', d.title_en, 'due_at', d.due_at,
                                                     'status', d.status, 'legal_basis', d.legal_basis) ORDER BY d.due_at)
                     FROM deadlines d WHERE d.handoff_id = h.id AND d.status IN ('pending', 'breached')), '[]') AS deadlines
    FROM handoffs h JOIN cases c ON c.id = h.case_id LEFT JOIN users u ON u.id = h.created_by
   WHERE h.workflow = '${SEPARATION_WORKFLOW}' AND ${where}`;

@Injectable()
export class SeparationsRepository {
  constructor(private readonly cipher: FieldCipher) {}

  /** The case's separations, newest first (the caller has checked the case's scope). */
  async listForCase(tx: Tx, caseId: string): Promise<SeparationRow[]> {
    return this.opened(await tx.query(`${ROWS_SQL('h.case_id = $1')} ORDER BY h.created_at DESC`, [caseId]));
  }

  /** A page of the separations of the cases `scope` (over cases `c`) lets through, in `states` (null: all), newest first. */
  async page(db: Db, scope: (bind: Bind) => string, states: string[] | null, page: number, pageSize: number): Promise<{ rows: SeparationRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [scope(bind), ...(states ? [`h.state = ANY(${bind(states)})`] : [])];
    const rows = await db.query<SeparationRow & { total: string }>(
      `SELECT q.*, count(*) OVER () AS total FROM (${ROWS_SQL(where.join(' AND '))}) q
        ORDER BY q.created_at DESC, q.id LIMIT ${bind(pageSize)} OFFSET ${bind((page - 1) * pageSize)}`,
      params,
    );
    return { rows: await this.opened(rows), total: rows.length ? Number(rows[0].total) : 0 };
  }

  async find(tx: Tx, id: string): Promise<SeparationRow | undefined> {
    const [row] = await this.opened(await tx.query<SeparationRow>(ROWS_SQL('h.id = $1'), [id]));
    return row;
  }

  /** Rows with their context's sealed free text opened (src/cases/handoff-fields.ts). */
  private opened<R extends SeparationRow>(rows: R[]): Promise<R[]> {
    return Promise.all(rows.map(async (r) => ({ ...r, snapshot: await openHandoffSnapshot(this.cipher, r.snapshot) })));
  }

  /** Whether the case has a separation proposed or in effect. */
  async openOnCase(tx: Tx, caseId: string, open: readonly string[]): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM handoffs h WHERE h.case_id = $1 AND h.workflow = $2 AND h.state = ANY($3) LIMIT 1`, [caseId, SEPARATION_WORKFLOW, open]);
    return rows.length > 0;
  }

  /** What the registry (else the report) says of the child's age. */
  async childAge(tx: Tx, caseId: string): Promise<ChildAge> {
    const [row] = await tx.query<ChildAge>(
      `SELECT to_char(COALESCE(ch.date_of_birth, cc.date_of_birth), 'YYYY-MM-DD') AS date_of_birth,
              COALESCE(ch.approx_age_years, cc.approx_age_years) AS approx_age_years,
              to_char(CASE WHEN ch.approx_age_years IS NOT NULL THEN ch.age_as_of ELSE c.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh' END, 'YYYY-MM-DD') AS age_as_of
         FROM cases c LEFT JOIN children ch ON ch.id = c.child_id LEFT JOIN case_children cc ON cc.case_id = c.id WHERE c.id = $1`,
      [caseId],
    );
    return row ?? { date_of_birth: null, approx_age_years: null, age_as_of: null };
  }
}
