import { Injectable } from '@nestjs/common';
import { listWorkflows } from '../../workflows';
import { CASE_STATES } from '../cases/dto/list-cases.dto';
import { Clock } from '../common/clock';
import { InvalidInput } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db } from '../database/db';
import { binder, caseScopeSql } from '../identity/policy';
import type { Principal } from '../identity/roles';
import type { OverdueQuery, SlaQuery } from './dto/oversight.dto';
import {
  AgencyCountRow, agencyFigures, AgencyFigure, DeadlineCountRow, deadlineFigures, DeadlineFigure, localRange, LocalRange,
  StageFigure, stageFigures, StageRow,
} from './figures';
import { CHAIR_DEADLINES, OverdueItem, overdueItem, OverdueRow } from './overdue-item';

const DAY = 86_400_000;

/** Deadline keys in the order the workflows define them (case workflow first, then handoffs). */
const DEADLINE_ORDER = [...new Set(listWorkflows().flatMap((w) => Object.keys(w.deadlines)))];

/** Stages whose length is measured: every state but `closed` (time spent closed before a reopening is not handling time). */
const MEASURED_STAGES = CASE_STATES.filter((s) => s !== 'closed');

/** A deadline that was missed: met late, breached, or past due and still pending (its timer has not fired yet). */
const MISSED = (now: string) => `(d.status IN ('met_late', 'breached') OR (d.status = 'pending' AND d.due_at <= ${now}))`;

export interface SlaReport {
  from: string;
  to: string;
  deadlines: DeadlineFigure[];
  agencies: AgencyFigure[];
  stages: StageFigure[];
  openLongerThan: { days30: number; days60: number; days90: number };
}

/**
 * What supervisors, the commune chair and auditors watch: the overdue board and the on-time
 * figures. Read-only; every query is scoped to the caller by `caseScopeSql`.
 */
@Injectable()
export class OversightService {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  /**
   * Every open missed deadline in scope — the case's own and its handoffs' — most late first.
   * "Open and missed" is a pending or breached row whose due time has passed (a breached row's
   * always has): the partial index on `due_at` for those two statuses serves it in order.
   */
  async overdue(p: Principal, q: OverdueQuery): Promise<Page<OverdueItem>> {
    const now = this.clock.now();
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [`d.status IN ('pending', 'breached')`, `d.due_at <= ${bind(now)}`, caseScopeSql(p, bind)];
    if (q.communeCode) where.push(`c.commune_code = ${bind(q.communeCode)}`);
    if (q.stage) where.push(`c.state = ${bind(q.stage)}`);
    if (q.agencyId) where.push(`h.agency_id = ${bind(q.agencyId)}`);
    if (q.assigneeId) where.push(`c.assignee_id = ${bind(q.assigneeId)}`);
    const whereSql = where.join(' AND ');
    const from = `deadlines d JOIN cases c ON c.id = d.case_id LEFT JOIN handoffs h ON h.id = d.handoff_id`;
    const chairKeys = bind(CHAIR_DEADLINES);
    const limit = bind(q.pageSize);
    const offset = bind((q.page - 1) * q.pageSize);
    // Names are looked up for the page's rows only.
    const rows: Array<OverdueRow & { total: string }> = await this.db.manager.query(
      `SELECT page.*, m.name AS commune_name, u.full_name AS assignee_name, a.name AS agency_name,
              chair.id AS chair_id, chair.full_name AS chair_name
         FROM (SELECT d.id, d.case_id, d.handoff_id, d.key, d.title_vi, d.title_en, d.due_at, d.breached_at, d.escalation_level,
                      c.code, c.commune_code, c.state, c.assignee_id, h.kind AS handoff_kind, h.agency_id, count(*) OVER () AS total
                 FROM ${from} WHERE ${whereSql}
                ORDER BY d.due_at, d.id LIMIT ${limit} OFFSET ${offset}) page
         JOIN communes m ON m.code = page.commune_code
         LEFT JOIN users u ON u.id = page.assignee_id
         LEFT JOIN agencies a ON a.id = page.agency_id
         LEFT JOIN LATERAL (
           SELECT cu.id, cu.full_name FROM users cu JOIN agencies ca ON ca.id = cu.agency_id
            WHERE page.handoff_id IS NULL AND page.key = ANY(${chairKeys}::text[])
              AND cu.role = 'chair' AND cu.active AND ca.commune_code = page.commune_code
            ORDER BY cu.created_at, cu.id LIMIT 1) chair ON true
        ORDER BY page.due_at, page.id`,
      params,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && q.page > 1) {
      [{ total }] = await this.db.manager.query(`SELECT count(*)::int AS total FROM ${from} WHERE ${whereSql}`, params.slice(0, -3));
    }
    return { items: rows.map((r) => overdueItem(r, now)), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * On-time figures for the local days `from`..`to` (both included):
   * - per deadline key, the deadlines that fell due in the window;
   * - per receiving agency, the handoffs offered in the window;
   * - per stage, the stays in it that ended in the window (from the case events' state changes);
   * - cases open now for longer than 30, 60 and 90 days.
   */
  async sla(p: Principal, q: SlaQuery): Promise<SlaReport> {
    if (q.to < q.from) throw new InvalidInput({ to: ['"to" không được trước "from" / "to" cannot be before "from"'] });
    const range = localRange(q.from, q.to);
    const now = this.clock.now();
    const [deadlines, agencies, stages, openLongerThan] = await Promise.all([
      this.deadlineCounts(p, range, now),
      this.agencyCounts(p, range, now),
      this.stageLengths(p, range),
      this.openLongerThan(p, now),
    ]);
    return {
      from: range.from, to: range.to,
      deadlines: deadlineFigures(deadlines, DEADLINE_ORDER),
      agencies: agencyFigures(agencies),
      stages: stageFigures(stages, MEASURED_STAGES),
      openLongerThan,
    };
  }

  private deadlineCounts(p: Principal, range: LocalRange, now: Date): Promise<DeadlineCountRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const at = bind(now);
    return this.db.manager.query(
      `SELECT d.key, min(d.title_vi) AS title_vi, min(d.title_en) AS title_en,
              count(*) FILTER (WHERE d.status = 'met')::int AS on_time,
              count(*) FILTER (WHERE ${MISSED(at)})::int AS late,
              count(*) FILTER (WHERE d.status = 'pending' AND d.due_at > ${at})::int AS open
         FROM deadlines d JOIN cases c ON c.id = d.case_id
        WHERE d.due_at >= ${bind(range.start)} AND d.due_at < ${bind(range.end)} AND d.status <> 'cancelled'
          AND ${caseScopeSql(p, bind)}
        GROUP BY d.key`,
      params,
    );
  }

  private agencyCounts(p: Principal, range: LocalRange, now: Date): Promise<AgencyCountRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const at = bind(now);
    return this.db.manager.query(
      `SELECT h.agency_id, a.name, a.type, count(DISTINCT h.id)::int AS total,
              count(*) FILTER (WHERE d.key LIKE 'acceptance%' AND d.status = 'met')::int AS accepted_on_time,
              count(*) FILTER (WHERE d.key = 'completion' AND d.status = 'met')::int AS completed_on_time,
              count(*) FILTER (WHERE d.status = 'met')::int AS on_time,
              count(*) FILTER (WHERE ${MISSED(at)})::int AS late
         FROM handoffs h JOIN cases c ON c.id = h.case_id JOIN agencies a ON a.id = h.agency_id
         LEFT JOIN deadlines d ON d.handoff_id = h.id AND d.status <> 'cancelled'
        WHERE h.created_at >= ${bind(range.start)} AND h.created_at < ${bind(range.end)} AND ${caseScopeSql(p, bind)}
        GROUP BY h.agency_id, a.name, a.type`,
      params,
    );
  }

  /**
   * A stay in a stage runs from the state change into it to the next state change out of it;
   * the first stay (`received`) counts from the report's receipt. Only cases that were open at
   * some point of the window can have a state change in it.
   */
  private stageLengths(p: Principal, range: LocalRange): Promise<StageRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const start = bind(range.start);
    const end = bind(range.end);
    return this.db.manager.query(
      `WITH moves AS (
         SELECT e.from_state, e.occurred_at,
                lag(CASE WHEN e.type = 'CASE_RECEIVED' THEN c.received_at ELSE e.occurred_at END)
                  OVER (PARTITION BY e.case_id ORDER BY e.seq) AS entered_at
           FROM cases c JOIN case_events e ON e.case_id = c.id
          WHERE e.from_state <> e.to_state AND c.received_at < ${end} AND (c.closed_at IS NULL OR c.closed_at >= ${start})
            AND ${caseScopeSql(p, bind)}
       )
       SELECT from_state AS stage, count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90_hours
         FROM (SELECT from_state, extract(epoch FROM occurred_at - entered_at) / 3600 AS hours FROM moves
                WHERE occurred_at >= ${start} AND occurred_at < ${end} AND entered_at IS NOT NULL
                  AND from_state = ANY(${bind(MEASURED_STAGES)}::text[])) stays
        GROUP BY from_state`,
      params,
    );
  }

  private async openLongerThan(p: Principal, now: Date): Promise<SlaReport['openLongerThan']> {
    const params: unknown[] = [];
    const bind = binder(params);
    const ago = (days: number) => bind(new Date(now.getTime() - days * DAY));
    const d30 = ago(30);
    const [row] = await this.db.manager.query(
      `SELECT count(*)::int AS days30,
              count(*) FILTER (WHERE c.received_at < ${ago(60)})::int AS days60,
              count(*) FILTER (WHERE c.received_at < ${ago(90)})::int AS days90
         FROM cases c WHERE c.state <> 'closed' AND c.received_at < ${d30} AND ${caseScopeSql(p, bind)}`,
      params,
    );
    return row;
  }
}
