import { Injectable } from '@nestjs/common';
import { listWorkflows } from '../../workflows';
import { CASE_STATES } from '../cases/dto/list-cases.dto';
import { Clock } from '../common/clock';
import { InvalidInput } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db } from '../database/db';
import { Bind, binder, caseScopeSql } from '../identity/access.repository';
import type { Principal } from '../identity/roles';
import type { OverdueQuery, SlaQuery } from './dto/oversight.dto';
import {
  AgencyCountRow, agencyFigures, AgencyFigure, DeadlineCountRow, deadlineFigures, DeadlineFigure, localRange, LocalRange,
  StageFigure, stageFigures, StageRow,
} from './figures';
import { CHAIR_DEADLINES, OverdueItem, overdueItem, OverdueRow } from './overdue-item';

const DAY = 86_400_000;

/** Every workflow's deadline table, case workflow first: the order and titles of the deadline figures. */
const DEADLINE_SPECS = listWorkflows().flatMap((w) => Object.values(w.deadlines));

/** Stages whose length is measured: every state but `closed` (time spent closed before a reopening is not handling time). */
const MEASURED_STAGES = CASE_STATES.filter((s) => s !== 'closed');

/**
 * When a case closed, open cases as 'infinity': the expression `IDX_cases_commune_activity` is
 * built on, so "open now" and "open at some time since X" are ranges of that index.
 */
const CLOSED_AT = `COALESCE(c.closed_at, 'infinity'::timestamptz)`;

/**
 * A missed deadline: met late, breached (and perhaps cancelled since, when its case closed), or
 * past due and still pending (its timer has not fired yet). It was missed at its due time.
 */
const MISSED = (now: string) =>
  `(d.status IN ('met_late', 'breached') OR (d.status = 'cancelled' AND d.breached_at IS NOT NULL) OR (d.status = 'pending' AND d.due_at <= ${now}))`;

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
   * Every open missed deadline in scope — the case's own and its handoffs' — most late first: a
   * pending or breached deadline whose due time has passed. Closing a case cancels its deadlines,
   * so these are found among the open cases of the caller's communes (indexed), and names are
   * looked up for the page's rows only.
   */
  async overdue(p: Principal, q: OverdueQuery): Promise<Page<OverdueItem>> {
    const now = this.clock.now();
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [
      caseScopeSql(p, bind), `${CLOSED_AT} = 'infinity'`, `d.status IN ('pending', 'breached')`, `d.due_at <= ${bind(now)}`,
    ];
    if (q.communeCode) where.push(`c.commune_code = ${bind(q.communeCode)}`);
    if (q.stage) where.push(`c.state = ${bind(q.stage)}`);
    if (q.agencyId) where.push(`d.handoff_id IN (SELECT ah.id FROM handoffs ah WHERE ah.agency_id = ${bind(q.agencyId)})`);
    if (q.assigneeId) where.push(`c.assignee_id = ${bind(q.assigneeId)}`);
    const whereSql = where.join(' AND ');
    const chairKeys = bind(CHAIR_DEADLINES);
    const limit = bind(q.pageSize);
    const offset = bind((q.page - 1) * q.pageSize);
    const rows: Array<OverdueRow & { total: string }> = await this.db.query(
      `SELECT page.*, m.name AS commune_name, u.full_name AS assignee_name, h.kind AS handoff_kind, h.agency_id, a.name AS agency_name,
              chair.id AS chair_id, chair.full_name AS chair_name
         FROM (SELECT d.id, d.case_id, d.handoff_id, d.key, d.title_vi, d.title_en, d.due_at, d.breached_at, d.escalation_level,
                      c.code, c.commune_code, c.state, c.assignee_id, count(*) OVER () AS total
                 FROM cases c JOIN deadlines d ON d.case_id = c.id
                WHERE ${whereSql}
                ORDER BY d.due_at, d.id LIMIT ${limit} OFFSET ${offset}) page
         JOIN communes m ON m.code = page.commune_code
         LEFT JOIN users u ON u.id = page.assignee_id
         LEFT JOIN handoffs h ON h.id = page.handoff_id
         LEFT JOIN agencies a ON a.id = h.agency_id
         LEFT JOIN LATERAL (
           SELECT cu.id, cu.full_name FROM agencies ca JOIN users cu ON cu.agency_id = ca.id
            WHERE page.handoff_id IS NULL AND page.key = ANY(${chairKeys}::text[])
              AND ca.commune_code = page.commune_code AND cu.role = 'chair' AND cu.active
            ORDER BY cu.created_at, cu.id LIMIT 1) chair ON true
        ORDER BY page.due_at, page.id`,
      params,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && q.page > 1) {
      [{ total }] = await this.db.query(
        `SELECT count(*)::int AS total FROM cases c JOIN deadlines d ON d.case_id = c.id WHERE ${whereSql}`, params.slice(0, -3),
      );
    }
    return { items: rows.map((r) => overdueItem(r, now)), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * On-time figures for the local days `from`..`to` (both included):
   * - per deadline key, the deadlines decided in the window — met in time (counted when met) or
   *   missed (counted at their due time) — and those still running, not yet due;
   * - per receiving agency, the handoffs offered in the window and how their deadlines went;
   * - per stage, the stays in it that ended in the window (from the case events' state changes);
   * - cases open now for longer than 30, 60 and 90 days.
   * Every figure comes from cases received before the window ended and open at some time in it:
   * deadlines are decided, handoffs offered and stages left only while a case is open.
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
      deadlines: deadlineFigures(deadlines, DEADLINE_SPECS),
      agencies: agencyFigures(agencies),
      stages: stageFigures(stages, MEASURED_STAGES),
      openLongerThan,
    };
  }

  /** The cases in scope received before the window ended and open at some time in it. */
  private activeIn(p: Principal, range: LocalRange, bind: Bind): string {
    return `${caseScopeSql(p, bind)} AND c.received_at < ${bind(range.end)} AND ${CLOSED_AT} >= ${bind(range.start)}`;
  }

  private deadlineCounts(p: Principal, range: LocalRange, now: Date): Promise<DeadlineCountRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const [at, start, end] = [bind(now), bind(range.start), bind(range.end)];
    return this.db.query(
      `SELECT d.key,
              count(*) FILTER (WHERE d.status = 'met' AND d.settled_at >= ${start} AND d.settled_at < ${end})::int AS on_time,
              count(*) FILTER (WHERE ${MISSED(at)} AND d.due_at >= ${start} AND d.due_at < ${end})::int AS late,
              count(*) FILTER (WHERE d.status = 'pending' AND d.due_at > ${at} AND d.starts_at < ${end})::int AS open
         FROM cases c JOIN deadlines d ON d.case_id = c.id
        WHERE ${this.activeIn(p, range, bind)}
        GROUP BY d.key`,
      params,
    );
  }

  /** Per receiving agency, its handoffs offered in the window, each with how its own deadlines went. */
  private agencyCounts(p: Principal, range: LocalRange, now: Date): Promise<AgencyCountRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const at = bind(now);
    return this.db.query(
      `SELECT x.agency_id, a.name, a.type, x.total, x.accepted_on_time, x.completed_on_time, x.on_time, x.late
         FROM (SELECT h.agency_id, count(*)::int AS total, sum(hd.accepted_on_time)::int AS accepted_on_time,
                      sum(hd.completed_on_time)::int AS completed_on_time, sum(hd.on_time)::int AS on_time, sum(hd.late)::int AS late
                 FROM cases c JOIN handoffs h ON h.case_id = c.id
                CROSS JOIN LATERAL (
                  SELECT count(*) FILTER (WHERE d.key LIKE 'acceptance%' AND d.status = 'met') AS accepted_on_time,
                         count(*) FILTER (WHERE d.key = 'completion' AND d.status = 'met') AS completed_on_time,
                         count(*) FILTER (WHERE d.status = 'met') AS on_time,
                         count(*) FILTER (WHERE ${MISSED(at)}) AS late
                    FROM deadlines d WHERE d.case_id = c.id AND d.handoff_id = h.id) hd
                WHERE ${this.activeIn(p, range, bind)} AND h.created_at >= ${bind(range.start)} AND h.created_at < ${bind(range.end)}
                GROUP BY h.agency_id) x
         JOIN agencies a ON a.id = x.agency_id`,
      params,
    );
  }

  /**
   * A stay in a stage runs from the state change into it to the next state change out of it;
   * the first stay (`received`, entered by the report's only event from no state) counts from
   * the report's receipt. Each case's state changes come in order from their index, so the
   * window runs per case without sorting them all.
   */
  private stageLengths(p: Principal, range: LocalRange): Promise<StageRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const active = this.activeIn(p, range, bind);
    return this.db.transaction(async (tx) => {
      // The percentiles sort every stay of a stage: a province's year holds a few hundred
      // thousand, which the default work_mem would spill to disk.
      await tx.query(`SET LOCAL work_mem = '64MB'`);
      return tx.query(
        `SELECT s.from_state AS stage, count(*)::int AS count,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY s.hours) AS median_hours,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY s.hours) AS p90_hours
           FROM cases c
          CROSS JOIN LATERAL (
            SELECT m.from_state, date_part('epoch', m.occurred_at - m.entered_at) / 3600 AS hours
              FROM (SELECT e.from_state, e.occurred_at,
                           lag(CASE WHEN e.from_state = '' THEN c.received_at ELSE e.occurred_at END) OVER (ORDER BY e.seq) AS entered_at
                      FROM case_events e WHERE e.case_id = c.id AND e.from_state <> e.to_state) m
             WHERE m.occurred_at >= ${bind(range.start)} AND m.occurred_at < ${bind(range.end)}
               AND m.from_state = ANY(${bind(MEASURED_STAGES)}::text[])) s
          WHERE ${active}
          GROUP BY s.from_state`,
        params,
      );
    });
  }

  private async openLongerThan(p: Principal, now: Date): Promise<SlaReport['openLongerThan']> {
    const params: unknown[] = [];
    const bind = binder(params);
    const ago = (days: number) => bind(new Date(now.getTime() - days * DAY));
    const d30 = ago(30);
    const [row] = await this.db.query(
      `SELECT count(*)::int AS days30,
              count(*) FILTER (WHERE c.received_at < ${ago(60)})::int AS days60,
              count(*) FILTER (WHERE c.received_at < ${ago(90)})::int AS days90
         FROM cases c WHERE ${caseScopeSql(p, bind)} AND ${CLOSED_AT} = 'infinity' AND c.received_at < ${d30}`,
      params,
    );
    return row;
  }
}
