/**
 * The oversight read model: read-only queries across cases, case_children, case_events, deadlines,
 * handoffs, communes, agencies, users and audit_log, owned by other modules and joined here because
 * the board, the figures and the audit trail are views over all of them, and the derived tables
 * `case_facts`, `handoff_facts`, `deadline_facts` and `stay_facts` that triggers keep in the
 * transaction of every write of their sources (migrations CaseFacts, HandoffFacts, SlaFacts). It writes nothing. Every query is scoped to the
 * cases the caller's communes lead (the access repository's `leadCaseScopeSql`); the plans rest on
 * the indexes of `migrations/*-OversightIndexes.ts` and of those tables (`npm run bench:oversight`).
 */
import { Injectable } from '@nestjs/common';
import { Db, Tx } from '../database/db';
import { Bind, binder, leadCaseScopeSql } from '../identity/access.repository';
import type { Principal } from '../identity/roles';
import type { AgencyCountRow, DeadlineCountRow, LocalRange, SpecialCircumstances, StageRow, StatisticsCaseRow } from './figures';
import { CHAIR_DEADLINES, OverdueRow } from './overdue-item';

const DAY = 86_400_000;

/**
 * When a case closed, open cases as 'infinity': the expression `IDX_cases_commune_activity` is
 * built on, so "open now" and "open at some time since X" are ranges of that index.
 */
const CLOSED_AT = `COALESCE(c.closed_at, 'infinity'::timestamptz)`;

/** A deadline's columns in `deadline_facts` (aliased `c`). */
const FACT_DEADLINE = { status: 'c.status', due: 'c.due_at', breached: 'c.breached_at' };

/**
 * The deadlines of `deadline_facts` (aliased `c`) that can count as missed or still running: the
 * predicate of `IDX_deadline_facts_commune_due` (migration SlaFacts), repeated so that the planner
 * uses that index.
 */
const MISSED_OR_RUNNING = `(c.status IN ('met_late', 'breached', 'pending') OR (c.status = 'cancelled' AND c.breached_at IS NOT NULL))`;

/**
 * A missed deadline: met late, breached (and perhaps cancelled since, when its case closed), or
 * past due and still pending (its timer has not fired yet). It was missed at its due time. Over
 * any columns holding a deadline's status, due time and breach time (its copy in `deadline_facts`,
 * or the verification's and the plan's in `case_facts`).
 */
const missed = (now: string, d: { status: string; due: string; breached: string }) =>
  `(${d.status} IN ('met_late', 'breached') OR (${d.status} = 'cancelled' AND ${d.breached} IS NOT NULL) OR (${d.status} = 'pending' AND ${d.due} <= ${now}))`;

export interface OverdueFilter {
  communeCode?: string;
  stage?: string;
  agencyId?: string;
  assigneeId?: string;
}

/** A line of the case list, as `GET /cases` answers it (see `caseSummaries`). */
export interface CaseSummaryRow {
  id: string;
  code: string;
  state: string;
  version: number;
  commune_code: string;
  received_at: Date;
  risk_level: string | null;
  immediate_danger: boolean;
  abuse_types: string[];
  assignee_id: string | null;
  escalation_level: number;
  next_due_at: Date | null;
  next_deadline: { key: string; title_vi: string; title_en: string; due_at: string; status: 'pending' | 'breached' } | null;
  child_name: string | null;
  flags: string[] | null;
}

export interface PageWindow {
  page: number;
  pageSize: number;
}

export interface AuditTrailRow {
  id: string;
  seq: string | null;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string;
  username: string | null;
  full_name: string | null;
  action: string;
  case_id: string | null;
  entity: string;
  entity_id: string | null;
  details: Record<string, unknown>;
  hash: string | null;
}

/**
 * One page of rows and the count of all of them: from the page's window count, or, past the last
 * page, from a count of its own.
 */
async function paged<R>(page: number, rows: Array<R & { total: string }>, countAll: () => Promise<number>): Promise<{ rows: R[]; total: number }> {
  const total = rows.length ? Number(rows[0].total) : page > 1 ? await countAll() : 0;
  return { rows, total };
}

@Injectable()
export class OversightRepository {
  /**
   * Where the statistics read each case's facts: the table `case_facts`, kept by triggers in the
   * transaction of every write of its sources (migration CaseFacts). Its definition, the view
   * `case_facts_source`, computes the same rows from the cases, deadlines and events on each read
   * (`npm run bench:oversight` times that as its baseline).
   */
  protected readonly facts: 'case_facts' | 'case_facts_source' = 'case_facts';
  /** Where the per-agency figures read each handoff's facts: `handoff_facts`, or its definition (migration HandoffFacts). */
  protected readonly handoffFacts: 'handoff_facts' | 'handoff_facts_source' = 'handoff_facts';
  /** Where the SLA figures read each deadline and each stay in a stage: `deadline_facts` and `stay_facts`, or their definitions (migration SlaFacts). */
  protected readonly deadlineFacts: 'deadline_facts' | 'deadline_facts_source' = 'deadline_facts';
  protected readonly stayFacts: 'stay_facts' | 'stay_facts_source' = 'stay_facts';

  constructor(private readonly db: Db) {}

  /**
   * Open missed deadlines in scope — a pending or breached deadline past due on an open case, the
   * case's own or its handoffs' — most late first. Closing a case cancels its deadlines, so these
   * are found among the open cases of the caller's communes (indexed), and names are looked up
   * for the page's rows only.
   */
  async overdue(p: Principal, f: OverdueFilter, now: Date, w: PageWindow): Promise<{ rows: OverdueRow[]; total: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [
      leadCaseScopeSql(p, bind), `${CLOSED_AT} = 'infinity'`, `d.status IN ('pending', 'breached')`, `d.due_at <= ${bind(now)}`,
    ];
    if (f.communeCode) where.push(`c.commune_code = ${bind(f.communeCode)}`);
    if (f.stage) where.push(`c.state = ${bind(f.stage)}`);
    if (f.agencyId) where.push(`d.handoff_id IN (SELECT ah.id FROM handoffs ah WHERE ah.agency_id = ${bind(f.agencyId)})`);
    if (f.assigneeId) where.push(`c.assignee_id = ${bind(f.assigneeId)}`);
    const whereSql = where.join(' AND ');
    const filterParams = params.slice();
    const chairKeys = bind(CHAIR_DEADLINES);
    const limit = bind(w.pageSize);
    const offset = bind((w.page - 1) * w.pageSize);
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
    return paged(w.page, rows, async () => {
      const [{ total }] = await this.db.query(
        `SELECT count(*)::int AS total FROM cases c JOIN deadlines d ON d.case_id = c.id WHERE ${whereSql}`, filterParams,
      );
      return total;
    });
  }

  /**
   * Per deadline key, among the cases active in the window: deadlines met in time (counted when
   * met), missed (counted at their due time), and still running, not yet due. Two ranges of
   * `deadline_facts` per commune, read from their indexes alone: those met in the window
   * (`IDX_deadline_facts_commune_met`), and those due from the window's start (or now, if sooner)
   * on — the missed ones due in the window and the running ones (`IDX_deadline_facts_commune_due`).
   */
  deadlineCounts(p: Principal, range: LocalRange, now: Date): Promise<DeadlineCountRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const [at, start, end] = [bind(now), bind(range.start), bind(range.end)];
    // A deadline met in the window was met while its case was open, after its receipt: its case is
    // active in the window, so the met ones need no other condition.
    return this.db.query(
      `SELECT x.key, sum(x.on_time)::int AS on_time, sum(x.late)::int AS late, sum(x.open)::int AS open
         FROM (SELECT c.key, count(*) AS on_time, 0 AS late, 0 AS open
                 FROM ${this.deadlineFacts} c
                WHERE ${figureScopeSql(p, bind)} AND c.status = 'met' AND c.settled_at >= ${start} AND c.settled_at < ${end}
                GROUP BY c.key
               UNION ALL
               SELECT c.key, 0, count(*) FILTER (WHERE ${missed(at, FACT_DEADLINE)} AND c.due_at >= ${start} AND c.due_at < ${end}),
                      count(*) FILTER (WHERE c.status = 'pending' AND c.due_at > ${at} AND c.starts_at < ${end})
                 FROM ${this.deadlineFacts} c
                WHERE ${activeIn(p, range, bind)} AND ${MISSED_OR_RUNNING} AND c.due_at >= LEAST(${start}, ${at})
                  AND (c.due_at < ${end} OR (c.status = 'pending' AND c.due_at > ${at}))
                GROUP BY c.key) x
        GROUP BY x.key`,
      params,
    );
  }

  /**
   * Per receiving agency, its handoffs offered in the window, each with how its own deadlines went:
   * one range of `handoff_facts` per commune, read from its index alone
   * (`IDX_handoff_facts_commune_offered`); a deadline still pending counts as missed once past due.
   */
  agencyCounts(p: Principal, range: LocalRange, now: Date): Promise<AgencyCountRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const at = bind(now);
    return this.db.query(
      `SELECT x.agency_id, a.name, a.type, x.total, x.accepted_on_time, x.completed_on_time, x.on_time, x.late
         FROM (SELECT c.agency_id, count(*)::int AS total, sum(c.accepted_on_time)::int AS accepted_on_time,
                      sum(c.completed_on_time)::int AS completed_on_time, sum(c.on_time)::int AS on_time,
                      sum(c.late + pending.missed)::int AS late
                 FROM ${this.handoffFacts} c
                CROSS JOIN LATERAL (SELECT count(*) AS missed FROM unnest(c.pending_due) due WHERE due <= ${at}) pending
                WHERE ${activeIn(p, range, bind)} AND c.created_at >= ${bind(range.start)} AND c.created_at < ${bind(range.end)}
                GROUP BY c.agency_id) x
         JOIN agencies a ON a.id = x.agency_id`,
      params,
    );
  }

  /**
   * Median and p90 hours of the stays in each of `stages` that ended in the window: per stage, one
   * range of `stay_facts` per commune, read from its index alone
   * (`IDX_stay_facts_commune_stage_left`), so each stage's hours are sorted apart (cheaper than
   * sorting a province's year of stays, a few hundred thousand, by stage first). A stay runs from
   * the state change into a stage (the report's receipt for the first) to the state change out of
   * it. A stay that ended in the window ended while its case was open, received before the
   * window's end: its case is active in the window (the other figures' condition).
   */
  stageLengths(p: Principal, range: LocalRange, stages: readonly string[]): Promise<StageRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const [start, end] = [bind(range.start), bind(range.end)];
    const perStage = stages.map((stage) => {
      const s = bind(stage);
      return `SELECT ${s}::text AS stage, count(*) AS count, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY c.hours) AS hours
                FROM ${this.stayFacts} c
               WHERE ${figureScopeSql(p, bind)} AND c.stage = ${s} AND c.left_at >= ${start} AND c.left_at < ${end}`;
    });
    return this.db.transaction(async (tx) => {
      // The percentiles sort every stay of a stage, which the default work_mem would spill to disk.
      await tx.query(`SET LOCAL work_mem = '64MB'`);
      return tx.query(
        `SELECT s.stage, s.count::int AS count, s.hours[1] AS median_hours, s.hours[2] AS p90_hours
           FROM (${perStage.join(' UNION ALL ')}) s
          WHERE s.count > 0`,
        params,
      );
    });
  }

  /** Cases in scope open now for longer than 30, 60 and 90 days. */
  async openLongerThan(p: Principal, now: Date): Promise<{ days30: number; days60: number; days90: number }> {
    const params: unknown[] = [];
    const bind = binder(params);
    const ago = (days: number) => bind(new Date(now.getTime() - days * DAY));
    const d30 = ago(30);
    const [row] = await this.db.query(
      `SELECT count(*)::int AS days30,
              count(*) FILTER (WHERE c.received_at < ${ago(60)})::int AS days60,
              count(*) FILTER (WHERE c.received_at < ${ago(90)})::int AS days90
         FROM cases c WHERE ${figureScopeSql(p, bind)} AND ${CLOSED_AT} = 'infinity' AND c.received_at < ${d30}`,
      params,
    );
    return row;
  }

  /**
   * The cases in scope received in the range, each with its registry child (a merged record as
   * the one it was merged into), whether it was found substantiated and its plan approved, and
   * how its own verification and plan-drafting deadlines went (`statisticsFigures`): one range of
   * `case_facts` per commune, read from its index alone (`IDX_case_facts_commune_received`);
   * whether a pending deadline is missed yet is decided here, against `now`.
   */
  statisticsRows(p: Principal, range: LocalRange, now: Date, provinceCode?: string): Promise<StatisticsCaseRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    const at = bind(now);
    const outcome = (prefix: string) => {
      const d = { status: `c.${prefix}_status`, due: `c.${prefix}_due_at`, breached: `c.${prefix}_breached_at` };
      return `CASE WHEN ${d.status} = 'met' THEN 'on_time' WHEN ${missed(at, d)} THEN 'late' WHEN ${d.status} = 'pending' THEN 'open' END`;
    };
    return this.db.query(
      `SELECT c.case_id, c.commune_code, c.received_at, c.channel, c.abuse_types, c.state, c.outcome, c.substantiated, c.environment,
              c.child_id, c.sex, to_char(c.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, c.birth_year,
              c.plan_approved, ${outcome('verification')} AS verification, ${outcome('plan')} AS plan_drafting
         FROM ${this.facts} c
        WHERE c.received_at >= ${bind(range.start)} AND c.received_at < ${bind(range.end)} AND ${figureScopeSql(p, bind)}
          ${provinceCode ? `AND c.commune_code IN (SELECT code FROM communes WHERE province_code = ${bind(provinceCode)})` : ''}`,
      params,
    );
  }

  /**
   * The special-circumstances register (issue 17's `child_supports`) in the caller's communes:
   * the children on it at some time in the range, and of them those with a service granted by the
   * range's end and not ended before its start.
   */
  async specialCircumstances(p: Principal, range: LocalRange): Promise<SpecialCircumstances> {
    const params: unknown[] = [];
    const bind = binder(params);
    const [start, end] = [bind(range.start), bind(range.end)];
    const [row] = await this.db.query(
      `SELECT count(DISTINCT s.child_id)::int AS registered,
              count(DISTINCT s.child_id) FILTER (WHERE EXISTS (
                SELECT 1 FROM child_support_services v WHERE v.support_id = s.id
                   AND v.granted_on < (${end}::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                   AND (v.ended_on IS NULL OR v.ended_on >= (${start}::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)))::int AS supported
         FROM child_supports s
        WHERE ${figureCommuneScopeSql(p, bind, 's.commune_code')} AND s.registered_at < ${end} AND (s.exited_at IS NULL OR s.exited_at >= ${start})`,
      params,
    );
    return row;
  }

  /**
   * The communes whose figures the caller compares: a commune's staff their own; a province's, the
   * communes of their province; the national role those of `provinceCode`.
   */
  communesToCompare(p: Principal, provinceCode: string | undefined): Promise<Array<{ code: string; name: string }>> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = p.role === 'national_admin' ? `m.province_code = ${bind(provinceCode ?? '')}` : figureCommuneScopeSql(p, bind, 'm.code');
    return this.db.query(`SELECT m.code, m.name FROM communes m WHERE ${where} ORDER BY m.code`, params);
  }

  /**
   * The drill-down's page of cases, in the shape of the case list's lines (`GET /cases`), read
   * inside the caller's scope again: ids come from the figures, the scope from the caller.
   */
  caseSummaries(tx: Tx, p: Principal, ids: string[]): Promise<CaseSummaryRow[]> {
    const params: unknown[] = [];
    const bind = binder(params);
    return tx.query(
      `SELECT c.id, c.code, c.state, c.version, c.commune_code, c.received_at, c.risk_level, c.immediate_danger, c.abuse_types,
              c.assignee_id, c.escalation_level,
              (SELECT min(d.due_at) FROM deadlines d WHERE d.case_id = c.id AND d.status = 'pending') AS next_due_at,
              (SELECT json_build_object('key', d.key, 'title_vi', d.title_vi, 'title_en', d.title_en, 'due_at', d.due_at, 'status', d.status)
                 FROM deadlines d WHERE d.case_id = c.id AND d.handoff_id IS NULL AND d.status IN ('pending', 'breached')
                ORDER BY d.due_at LIMIT 1) AS next_deadline,
              -- A child whose data is restricted (src/children README "Rights") is not named in a drill-down.
              (SELECT ch.full_name FROM case_children ch WHERE ch.case_id = c.id
                  AND NOT EXISTS (SELECT 1 FROM children r WHERE r.id = c.child_id AND r.restricted_at IS NOT NULL)) AS child_name,
              (SELECT array_agg(fl.reason ORDER BY fl.reason) FROM case_flags fl WHERE fl.case_id = c.id AND fl.cleared_at IS NULL) AS flags
         FROM cases c WHERE c.id = ANY(${bind(ids)}::uuid[]) AND ${leadCaseScopeSql(p, bind)}
        ORDER BY c.received_at DESC, c.id`,
      params,
    );
  }

  /** One page of a case's audit trail, oldest first, with each actor's name. */
  async auditTrail(tx: Tx, caseId: string, w: PageWindow): Promise<{ rows: AuditTrailRow[]; total: number }> {
    const rows: Array<AuditTrailRow & { total: string }> = await tx.query(
      `SELECT l.id, l.seq, l.occurred_at, l.actor_id, l.actor_role, u.username, u.full_name, l.action, l.case_id, l.entity,
              l.entity_id, l.details, l.hash, count(*) OVER () AS total
         FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
        WHERE l.case_id = $1 ORDER BY l.id LIMIT $2 OFFSET $3`,
      [caseId, w.pageSize, (w.page - 1) * w.pageSize],
    );
    return paged(w.page, rows, async () => {
      const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM audit_log WHERE case_id = $1`, [caseId]);
      return total;
    });
  }
}

/**
 * The cases whose figures are the caller's: the cases their communes lead, or — for the national
 * role, which sees aggregate figures only, never a case — every case.
 */
export function figureScopeSql(p: Principal, bind: Bind): string {
  return p.role === 'national_admin' ? 'TRUE' : leadCaseScopeSql(p, bind);
}

/** The communes whose figures are the caller's (as `figureScopeSql`), over a commune code column. */
function figureCommuneScopeSql(p: Principal, bind: Bind, column: string): string {
  if (p.role === 'national_admin') return 'TRUE';
  if (p.communeCode) return `${column} = ${bind(p.communeCode)}`;
  if (p.provinceCode) return `${column} IN (SELECT code FROM communes WHERE province_code = ${bind(p.provinceCode)})`;
  return 'FALSE';
}

/** The cases in scope received before the window ended and open at some time in it. */
function activeIn(p: Principal, range: LocalRange, bind: Bind): string {
  return `${figureScopeSql(p, bind)} AND c.received_at < ${bind(range.end)} AND ${CLOSED_AT} >= ${bind(range.start)}`;
}
