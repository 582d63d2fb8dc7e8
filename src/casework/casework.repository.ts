/**
 * The casework module's table, `case_flags`, and its read models over the cases in the caller's
 * scope: the caseload per worker (cases, deadlines, users) and the agenda of due deadlines (the
 * cases' and the special-circumstances supports').
 */
import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';
import { binder, leadCaseScopeSql } from '../identity/access.repository';
import type { Principal } from '../identity/roles';
import { supportScopeSql } from '../supports/supports.service';

/** The open cases of one assignee (null: nobody) at one stage, with its counts. */
export interface CaseloadRow {
  assignee_id: string | null;
  state: string;
  open: number;
  overdue: number;
  due_this_week: number;
  high_risk: number;
}

export interface WorkerRow {
  id: string;
  full_name: string;
  role: string;
  commune_code: string;
  active: boolean;
}

export interface AgendaRow {
  id: string;
  case_id: string;
  code: string;
  commune_code: string;
  commune_name: string;
  state: string;
  key: string;
  title_vi: string;
  title_en: string;
  due_at: Date;
  status: string;
  assignee_id: string | null;
  assignee_name: string | null;
  chair_id: string | null;
  chair_name: string | null;
}

export interface SupportAgendaRow {
  id: string;
  support_id: string;
  commune_code: string;
  support_status: string;
  key: string;
  title_vi: string;
  title_en: string;
  due_at: Date;
  status: string;
  registered_by: string;
  registered_by_name: string;
}

export interface FlagRow {
  id: string;
  case_id: string;
  reason: string;
  note: string | null;
  flagged_by: string;
  flagged_by_name: string | null;
  flagged_at: Date;
  cleared_by: string | null;
  cleared_by_name: string | null;
  cleared_at: Date | null;
  clear_note: string | null;
}

/** What the caseload and agenda read: the cases the caller's communes lead, optionally one commune's. */
function leadScope(p: Principal, params: unknown[], communeCode?: string): string {
  const bind = binder(params);
  return `${leadCaseScopeSql(p, bind)}${communeCode ? ` AND c.commune_code = ${bind(communeCode)}` : ''}`;
}

const FLAG_COLUMNS = `f.id, f.case_id, f.reason, f.note, f.flagged_by, fu.full_name AS flagged_by_name, f.flagged_at,
  f.cleared_by, cu.full_name AS cleared_by_name, f.cleared_at, f.clear_note`;
const FLAG_FROM = `case_flags f JOIN users fu ON fu.id = f.flagged_by LEFT JOIN users cu ON cu.id = f.cleared_by`;

@Injectable()
export class CaseworkRepository {
  /** The commune's province, or undefined when there is no such commune. */
  async communeProvince(tx: Tx, code: string): Promise<string | undefined> {
    const rows: Array<{ province_code: string }> = await tx.query(`SELECT province_code FROM communes WHERE code = $1`, [code]);
    return rows[0]?.province_code;
  }

  /** The commune of an active social worker or supervisor (one who may be assigned cases), if the user is one. */
  async assignableCommune(tx: Tx, userId: string): Promise<{ code: string; province_code: string } | undefined> {
    const rows: Array<{ code: string; province_code: string }> = await tx.query(
      `SELECT m.code, m.province_code FROM users u JOIN agencies a ON a.id = u.agency_id JOIN communes m ON m.code = a.commune_code
        WHERE u.id = $1 AND u.active AND u.role IN ('social_worker', 'supervisor')`, [userId],
    );
    return rows[0];
  }

  /**
   * Open cases led in scope by assignee and stage: how many, how many escalated for a missed
   * deadline, with a case deadline pending before `weekEnds`, of high risk (high or immediate
   * danger, or reported in immediate danger).
   */
  caseload(tx: Tx, p: Principal, communeCode: string | undefined, now: Date, weekEnds: Date): Promise<CaseloadRow[]> {
    const params: unknown[] = [now, weekEnds];
    const scope = leadScope(p, params, communeCode);
    return tx.query(
      `SELECT c.assignee_id, c.state, count(*)::int AS open,
              count(*) FILTER (WHERE c.escalation_level > 0)::int AS overdue,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM deadlines d WHERE d.case_id = c.id AND d.handoff_id IS NULL
                                              AND d.status = 'pending' AND d.due_at >= $1 AND d.due_at < $2))::int AS due_this_week,
              count(*) FILTER (WHERE c.risk_level IN ('high', 'immediate_danger') OR c.immediate_danger)::int AS high_risk
         FROM cases c WHERE c.closed_at IS NULL AND ${scope}
        GROUP BY c.assignee_id, c.state`,
      params,
    );
  }

  /** The social workers of the communes in scope (active), and any other user among `assigneeIds`. */
  workers(tx: Tx, p: Principal, communeCode: string | undefined, assigneeIds: string[]): Promise<WorkerRow[]> {
    const params: unknown[] = [assigneeIds];
    const bind = binder(params);
    const communes = communeCode ? `a.commune_code = ${bind(communeCode)}`
      : p.communeCode ? `a.commune_code = ${bind(p.communeCode)}`
        : `a.commune_code IN (SELECT code FROM communes WHERE province_code = ${bind(p.provinceCode)})`;
    return tx.query(
      `SELECT u.id, u.full_name, u.role, a.commune_code, u.active FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE (u.role = 'social_worker' AND u.active AND ${communes}) OR u.id = ANY($1::uuid[])
        ORDER BY a.commune_code, u.full_name, u.id`,
      params,
    );
  }

  /**
   * Case deadlines still open (pending or missed) on open cases in scope due before `until`,
   * nearest first; `assigneeId` narrows to that worker's cases, `keys` / `notKeys` to those steps.
   */
  agenda(tx: Tx, p: Principal, f: { communeCode?: string; until: Date; assigneeId?: string; keys?: readonly string[]; notKeys?: readonly string[] }): Promise<AgendaRow[]> {
    const params: unknown[] = [f.until];
    const scope = leadScope(p, params, f.communeCode);
    const bind = binder(params);
    const where = [scope];
    if (f.assigneeId) where.push(`c.assignee_id = ${bind(f.assigneeId)}`);
    if (f.keys) where.push(`d.key = ANY(${bind(f.keys)})`);
    if (f.notKeys) where.push(`d.key <> ALL(${bind(f.notKeys)})`);
    return tx.query(
      `SELECT d.id, d.case_id, c.code, c.commune_code, m.name AS commune_name, c.state, d.key, d.title_vi, d.title_en, d.due_at, d.status,
              c.assignee_id, au.full_name AS assignee_name, ch.id AS chair_id, ch.full_name AS chair_name
         FROM deadlines d JOIN cases c ON c.id = d.case_id JOIN communes m ON m.code = c.commune_code
              LEFT JOIN users au ON au.id = c.assignee_id
              LEFT JOIN LATERAL (SELECT u.id, u.full_name FROM users u JOIN agencies a ON a.id = u.agency_id
                                  WHERE u.role = 'chair' AND u.active AND a.commune_code = c.commune_code ORDER BY u.full_name LIMIT 1) ch ON true
        WHERE d.handoff_id IS NULL AND d.status IN ('pending', 'breached') AND d.due_at < $1 AND c.closed_at IS NULL AND ${where.join(' AND ')}
        ORDER BY d.due_at, c.code, d.key LIMIT 500`,
      params,
    );
  }

  /**
   * The special-circumstances supports' deadlines still open (pending or missed) on entries not
   * exited in the caller's register scope (their commune's), due before `until`, nearest first;
   * `registeredBy` narrows to the entries that worker registered (who owes their steps).
   */
  supportAgenda(tx: Tx, p: Principal, f: { communeCode?: string; until: Date; registeredBy?: string }): Promise<SupportAgendaRow[]> {
    const params: unknown[] = [f.until];
    const bind = binder(params);
    const where = [supportScopeSql(p, bind)];
    if (f.communeCode) where.push(`s.commune_code = ${bind(f.communeCode)}`);
    if (f.registeredBy) where.push(`s.registered_by = ${bind(f.registeredBy)}`);
    return tx.query(
      `SELECT d.id, d.support_id, s.commune_code, s.status AS support_status, d.key, d.title_vi, d.title_en, d.due_at, d.status,
              s.registered_by, u.full_name AS registered_by_name
         FROM deadlines d JOIN child_supports s ON s.id = d.support_id JOIN users u ON u.id = s.registered_by
        WHERE d.status IN ('pending', 'breached') AND d.due_at < $1 AND s.exited_at IS NULL AND ${where.join(' AND ')}
        ORDER BY d.due_at, d.support_id, d.key LIMIT 500`,
      params,
    );
  }

  /** The case's flags, open ones first, newest first. */
  flags(tx: Tx, caseId: string): Promise<FlagRow[]> {
    return tx.query(`SELECT ${FLAG_COLUMNS} FROM ${FLAG_FROM} WHERE f.case_id = $1 ORDER BY (f.cleared_at IS NULL) DESC, f.flagged_at DESC, f.id`, [caseId]);
  }

  async flag(tx: Tx, caseId: string, flagId: string): Promise<FlagRow | undefined> {
    const rows: FlagRow[] = await tx.query(`SELECT ${FLAG_COLUMNS} FROM ${FLAG_FROM} WHERE f.case_id = $1 AND f.id = $2`, [caseId, flagId]);
    return rows[0];
  }

  /** Raises a flag; undefined when one of the same reason is already open on the case. */
  async insertFlag(tx: Tx, f: { caseId: string; reason: string; note: string | null; by: string; at: Date }): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO case_flags (case_id, reason, note, flagged_by, flagged_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (case_id, reason) WHERE cleared_at IS NULL DO NOTHING RETURNING id`,
      [f.caseId, f.reason, f.note, f.by, f.at],
    );
    return rows[0]?.id;
  }

  /** Clears an open flag; false when it was not open. */
  async clearFlag(tx: Tx, flagId: string, by: string, at: Date, note: string | null): Promise<boolean> {
    const rows = await tx.query(
      `UPDATE case_flags SET cleared_by = $2, cleared_at = $3, clear_note = $4 WHERE id = $1 AND cleared_at IS NULL RETURNING id`,
      [flagId, by, at, note],
    );
    return rows.length > 0;
  }
}
