/**
 * The urgent reports read model: rows of `handoffs` (workflow `urgent-report`, owned by the handoffs
 * module) with their case's code, their commune and its province, the Department of Health they are
 * addressed to, their deadlines and the names of who acted. Read-only: reports are written through
 * the engine and the handoffs repository; their context's free text is read opened
 * (src/cases/handoff-fields.ts).
 */
import { Injectable } from '@nestjs/common';
import { URGENT_REPORT_WORKFLOW } from '../../workflows';
import { openHandoffSnapshot } from '../cases/handoff-fields';
import { FieldCipher } from '../crypto/field-cipher';
import type { Tx } from '../database/db';
import type { StoredSnapshot } from '../engine/snapshots';
import { binder, caseScopeSql, type Bind } from '../identity/access.repository';
import { JURISDICTION_ROLES } from '../identity/policy';
import type { Principal } from '../identity/roles';

export interface UrgentReportRow {
  id: string;
  case_id: string;
  case_code: string;
  workflow: string;
  workflow_version: number;
  state: string;
  version: number;
  snapshot: StoredSnapshot;
  agency_id: string;
  agency_name: string;
  commune_code: string;
  commune_name: string;
  province_code: string;
  created_at: Date;
  updated_at: Date;
  overdue: boolean;
  deadlines: Array<{ key: string; title_vi: string; title_en: string; due_at: string; status: string; settled_at: string | null; escalation_level: number }> | null;
  names: Record<string, string | null>;
}

const ctx = (k: string) => `h.snapshot->'context'->>'${k}'`;

const ROWS_SQL = (where: string) => `
  SELECT h.id, h.case_id, c.code AS case_code, h.workflow, h.workflow_version, h.state, h.version, h.snapshot, h.agency_id,
         a.name AS agency_name, m.code AS commune_code, m.name AS commune_name, m.province_code, h.created_at, h.updated_at,
         EXISTS (SELECT 1 FROM deadlines d WHERE d.handoff_id = h.id AND d.status = 'breached') AS overdue,
         (SELECT json_agg(json_build_object('key', d.key, 'title_vi', d.title_vi, 'title_en', d.title_en, 'due_at', d.due_at, 'status', d.status,
                 'settled_at', d.settled_at, 'escalation_level', d.escalation_level) ORDER BY d.key)
            FROM deadlines d WHERE d.handoff_id = h.id) AS deadlines,
         (SELECT coalesce(json_object_agg(u.id, u.full_name), '{}'::json) FROM users u
           WHERE u.id::text IN (${ctx('submittedBy')}, ${ctx('chairReceivedBy')}, ${ctx('provinceAcknowledgedBy')})) AS names
    FROM handoffs h
    JOIN cases c ON c.id = h.case_id
    JOIN communes m ON m.code = ${ctx('communeCode')}
    JOIN agencies a ON a.id = h.agency_id
   WHERE h.workflow = '${URGENT_REPORT_WORKFLOW}' AND ${where}`;

/**
 * The reports a caller sees: the province's Department of Health (its province-level supervisors
 * and auditors) every report of its province's communes; commune staff (and other province-level
 * staff) the reports of their commune and of the cases they see. Nobody else (partners, hotline,
 * administrators) sees any.
 */
export function urgentReportScopeSql(p: Principal, bind: Bind): string {
  if (!JURISDICTION_ROLES.includes(p.role)) return 'FALSE';
  if (p.agencyType === 'provincial_health_department' && p.provinceCode) return `m.province_code = ${bind(p.provinceCode)}`;
  const own = p.communeCode ? `m.code = ${bind(p.communeCode)} OR ` : '';
  return `(${own}${caseScopeSql(p, bind, 'c')})`;
}

export interface UrgentReportFilter {
  states: string[] | null;
  communeCode?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

@Injectable()
export class UrgentReportsRepository {
  constructor(private readonly cipher: FieldCipher) {}

  async visible(tx: Tx, p: Principal, id: string): Promise<UrgentReportRow | undefined> {
    const params: unknown[] = [id];
    const [row] = await this.opened(await tx.query<UrgentReportRow>(ROWS_SQL(`h.id = $1 AND ${urgentReportScopeSql(p, binder(params))}`), params));
    return row;
  }

  /** The reports of a case (the caller sees the case), newest first. */
  async ofCase(tx: Tx, p: Principal, caseId: string): Promise<UrgentReportRow[]> {
    const params: unknown[] = [caseId];
    return this.opened(await tx.query<UrgentReportRow>(`${ROWS_SQL(`h.case_id = $1 AND ${urgentReportScopeSql(p, binder(params))}`)} ORDER BY h.created_at DESC`, params));
  }

  /** Rows with their context's sealed free text opened (src/cases/handoff-fields.ts). */
  private opened(rows: UrgentReportRow[]): Promise<UrgentReportRow[]> {
    return Promise.all(rows.map(async (r) => ({ ...r, snapshot: await openHandoffSnapshot(this.cipher, r.snapshot) })));
  }

  /** Whether the case has a report still open (not closed nor withdrawn). */
  async openOnCase(tx: Tx, caseId: string, finished: readonly string[]): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM handoffs WHERE case_id = $1 AND workflow = $2 AND state <> ALL($3)`, [caseId, URGENT_REPORT_WORKFLOW, finished]);
    return rows.length > 0;
  }

  /** A page of the reports in the caller's sight: open first, overdue first, newest first. */
  async page(tx: Tx, p: Principal, f: UrgentReportFilter, finished: readonly string[]): Promise<{ rows: UrgentReportRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const conds = [urgentReportScopeSql(p, bind)];
    if (f.states) conds.push(`h.state = ANY(${bind(f.states)})`);
    if (f.communeCode) conds.push(`m.code = ${bind(f.communeCode)}`);
    const where = conds.join(' AND ');
    const overdue = f.overdue === undefined ? '' : `WHERE t.overdue = ${bind(f.overdue)}`;
    const [{ total }] = await tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM (${ROWS_SQL(where)}) t ${overdue}`, [...params]);
    const rows = await tx.query<UrgentReportRow>(
      `SELECT t.* FROM (${ROWS_SQL(where)}) t ${overdue}
        ORDER BY t.state <> ALL(${bind(finished)}) DESC, t.overdue DESC, t.created_at DESC
        LIMIT ${bind(f.pageSize)} OFFSET ${bind((f.page - 1) * f.pageSize)}`,
      params,
    );
    return { rows: await this.opened(rows), total };
  }

  /** The chair of the commune (the report's signer), if any. */
  /** Which of these province codes the database holds. */
  async provincesAmong(db: { query: Tx['query'] }, codes: string[]): Promise<string[]> {
    const rows = await db.query<{ code: string }>(`SELECT code FROM provinces WHERE code = ANY($1::text[])`, [codes]);
    return rows.map((r) => r.code);
  }

  async chairName(tx: Tx, communeCode: string): Promise<string | null> {
    const rows: Array<{ full_name: string }> = await tx.query(
      `SELECT u.full_name FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE a.type = 'people_committee' AND a.commune_code = $1 AND u.role = 'chair' AND u.active ORDER BY u.created_at LIMIT 1`, [communeCode],
    );
    return rows[0]?.full_name ?? null;
  }
}
