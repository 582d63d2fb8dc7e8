import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { CaseNotFound, Conflict, Forbidden, InvalidInput } from '../common/errors';
import type { Page } from '../common/pagination';
import { fieldErrors } from '../common/validation';
import { Db, Tx } from '../database/db';
import { localDate } from '../deadlines/business-calendar';
import type { CaseRow } from '../engine/case-row';
import { WorkflowEngine } from '../engine/workflow-engine';
import { binder, caseScopeSql } from '../identity/access.repository';
import {
  caseProjection, CaseProjection, handoffActions, mayCaseEvent, mayIntakeFor, mayWriteSupervisionNote,
} from '../identity/policy';
import type { Principal } from '../identity/roles';
import { caseView, CaseView, ChildRow, DeadlineViewRow, HandoffViewRow, ReporterRow } from './case-views';
import { CaseEventDto, EVENT_DATA } from './dto/case-event.dto';
import type { IntakeDto } from './dto/intake.dto';
import type { ListCasesQuery } from './dto/list-cases.dto';

export interface IntakeResult {
  created: boolean;
  case: CaseView;
}

const actorOf = (p: Principal) => ({ id: p.userId, role: p.role });

const OPEN_HANDOFF_STATES = ['offered', 'accepted', 'in_progress'];

/** A case's handoffs with their agency and whether a deadline of theirs is breached. */
const HANDOFF_ROWS_SQL = (caseRef: string) => `
  SELECT h.id, h.kind, h.agency_id, a.name AS agency_name, a.type AS agency_type, h.urgency, h.state, h.instructions, h.due_at,
         h.outcome, h.reason, h.created_at, h.accepted_at, h.completed_at,
         EXISTS (SELECT 1 FROM deadlines d WHERE d.handoff_id = h.id AND d.status = 'breached') AS overdue
    FROM handoffs h JOIN agencies a ON a.id = h.agency_id WHERE h.case_id = ${caseRef}`;

/** A case row with the columns `viewColumns` adds. */
type ViewRow = CaseRow & {
  v_child: ChildRow; v_reporter: ReporterRow | null; v_assignee: { id: string; full_name: string } | null;
  v_deadlines: DeadlineViewRow[]; v_handoffs: HandoffViewRow[];
};

/**
 * The columns a case view needs beyond the case row `c`, as JSON: its child, its reporter (only
 * for the full projection), assignee, deadlines and handoffs. No parameters: the same text for
 * every case, so it is prepared once per connection.
 */
function viewColumns(projection: CaseProjection): string {
  return `
    (SELECT json_build_object('full_name', ch.full_name, 'sex', ch.sex, 'date_of_birth', to_char(ch.date_of_birth, 'YYYY-MM-DD'),
                              'approx_age_years', ch.approx_age_years, 'address', ch.address)
       FROM case_children ch WHERE ch.case_id = c.id) AS v_child,
    ${projection === 'full' ? `(SELECT row_to_json(r) FROM (SELECT anonymous, name, phone, relation_to_child FROM case_reporters WHERE case_id = c.id) r)` : 'NULL'} AS v_reporter,
    (SELECT json_build_object('id', u.id, 'full_name', u.full_name) FROM users u WHERE u.id = c.assignee_id) AS v_assignee,
    COALESCE((SELECT json_agg(d ORDER BY d.due_at, d.key) FROM (
       SELECT id, handoff_id, key, title_vi, title_en, legal_basis, starts_at, due_at, status, settled_at, breached_at, escalation_level
         FROM deadlines WHERE case_id = c.id) d), '[]') AS v_deadlines,
    COALESCE((SELECT json_agg(h ORDER BY h.created_at) FROM (${HANDOFF_ROWS_SQL('c.id')}) h), '[]') AS v_handoffs`;
}

/** JSON built by PostgreSQL carries timestamps as text: turn the named fields back into Dates. */
function datesOf<T extends object>(row: T, fields: Array<keyof T>): T {
  const out = { ...row };
  for (const f of fields) {
    const v = out[f] as unknown;
    if (typeof v === 'string') (out[f] as unknown) = new Date(v);
  }
  return out;
}

/** Intake, case commands and case queries. Every query is scoped to the caller (identity/policy). */
@Injectable()
export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- intake

  async intake(p: Principal, dto: IntakeDto): Promise<IntakeResult> {
    const receivedAt = new Date(dto.receivedAt);
    const now = this.clock.now();
    if (receivedAt.getTime() > now.getTime() + 5 * 60_000) {
      throw new InvalidInput({ receivedAt: ['receivedAt không được ở tương lai / receivedAt cannot be in the future'] });
    }
    if (dto.child.dateOfBirth && dto.child.dateOfBirth > localDate(now)) {
      throw new InvalidInput({ 'child.dateOfBirth': ['Ngày sinh không được ở tương lai / dateOfBirth cannot be in the future'] });
    }
    return this.db.transaction(async (tx) => {
      const [commune]: Array<{ code: string; province_code: string; case_prefix: string }> = await tx.query(
        `SELECT code, province_code, case_prefix FROM communes WHERE code = $1`, [dto.communeCode],
      );
      if (!commune) throw new InvalidInput({ communeCode: [`Không có xã/phường mã "${dto.communeCode}" / Unknown commune`] });
      if (!mayIntakeFor(p, commune.code, commune.province_code)) {
        throw new Forbidden('Bạn không được tiếp nhận tin báo cho xã/phường này / You may not file reports for this commune');
      }
      if (dto.externalRef) {
        // The same report sent twice (retries, two operators) becomes one case.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`intake|${dto.channel}|${dto.externalRef}`]);
        const [existing]: Array<{ id: string }> = await tx.query(
          `SELECT id FROM cases WHERE channel = $1 AND external_ref = $2`, [dto.channel, dto.externalRef],
        );
        if (existing) {
          const view = await this.viewInTx(tx, p, existing.id, 'intake_replay');
          if (!view) throw new Conflict('Tin báo này đã được tiếp nhận / This report (channel + externalRef) was already filed');
          return { created: false, case: view };
        }
      }
      const code = await this.nextCode(tx, commune.code, commune.case_prefix, receivedAt);
      const row = await this.engine.createCase(tx, {
        code, communeCode: commune.code, channel: dto.channel, externalRef: dto.externalRef ?? null, receivedAt,
        immediateDanger: dto.immediateDanger, abuseTypes: dto.incident.types,
        incident: { description: dto.incident.description, occurredAt: dto.incident.occurredAt ?? null, location: dto.incident.location ?? null },
        createdBy: p.userId,
      }, actorOf(p), now);
      await tx.query(
        `INSERT INTO case_children (case_id, full_name, sex, date_of_birth, approx_age_years, address) VALUES ($1, $2, $3, $4, $5, $6)`,
        [row.id, dto.child.fullName ?? null, dto.child.sex, dto.child.dateOfBirth ?? null, dto.child.approxAgeYears ?? null, dto.child.address ?? null],
      );
      await tx.query(
        `INSERT INTO case_reporters (case_id, anonymous, name, phone, relation_to_child) VALUES ($1, $2, $3, $4, $5)`,
        [row.id, dto.reporter.anonymous, dto.reporter.anonymous ? null : dto.reporter.name ?? null,
          dto.reporter.anonymous ? null : dto.reporter.phone ?? null, dto.reporter.relationToChild ?? null],
      );
      const view = await this.viewInTx(tx, p, row.id, null);
      return { created: true, case: view! };
    });
  }

  /** VS-2026-000123: per commune and year of receipt (local), gap-free within a commune-year. */
  private async nextCode(tx: Tx, communeCode: string, prefix: string, receivedAt: Date): Promise<string> {
    const year = Number(localDate(receivedAt).slice(0, 4));
    const [{ last_value }] = await tx.query(
      `INSERT INTO case_code_counters (commune_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (commune_code, year) DO UPDATE SET last_value = case_code_counters.last_value + 1 RETURNING last_value`,
      [communeCode, year],
    );
    return `${prefix}-${year}-${String(last_value).padStart(6, '0')}`;
  }

  // ---------------------------------------------------------------- commands

  async sendEvent(p: Principal, caseId: string, dto: CaseEventDto, idempotencyKey?: string): Promise<CaseView> {
    const data = await this.validateEventData(dto.type, dto.data ?? {});
    const requestHash = idempotencyKey && createHash('sha256').update(JSON.stringify([caseId, dto.type, data, dto.expectedVersion])).digest('hex');
    return this.db.transaction(async (tx) => {
      if (idempotencyKey) {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`idem|${p.userId}|${idempotencyKey}`]);
        const [prior]: Array<{ request_hash: string; response: CaseView }> = await tx.query(
          `SELECT request_hash, response FROM idempotency_keys WHERE actor_id = $1 AND key = $2`, [p.userId, idempotencyKey],
        );
        if (prior) {
          if (prior.request_hash !== requestHash) {
            throw new Conflict('Idempotency-Key đã dùng cho yêu cầu khác / Idempotency-Key was used for a different request');
          }
          return prior.response;
        }
      }
      const applied = await this.engine.applyCaseEvent<ViewRow>(tx, caseId, { type: dto.type, data }, actorOf(p), {
        expectedVersion: dto.expectedVersion,
        select: viewColumns(caseProjection(p.role)),
        // With an Idempotency-Key the answer is stored after the write, in the same transaction.
        commit: !idempotencyKey,
        scope: (bind) => caseScopeSql(p, bind),
        authorize: async () => {
          if (!mayCaseEvent(p.role, dto.type)) {
            throw new Forbidden(`Vai trò ${p.role} không được gửi ${dto.type} / Role ${p.role} may not send ${dto.type}`);
          }
          if (dto.type === 'ADD_NOTE' && data.kind === 'supervision' && !mayWriteSupervisionNote(p.role)) {
            throw new Forbidden('Chỉ giám sát viên hoặc chủ tịch ghi nhận xét giám sát / Only supervisors and the chair write supervision notes');
          }
          await this.checkEventFacts(tx, p, caseId, dto.type, data);
        },
        permitted: (type) => mayCaseEvent(p.role, type),
      });
      const view = this.viewOf(p, applied.case);
      if (idempotencyKey) {
        await tx.query(
          `INSERT INTO idempotency_keys (actor_id, key, request_hash, status, response) VALUES ($1, $2, $3, 200, $4)`,
          [p.userId, idempotencyKey, requestHash, JSON.stringify(view)],
        );
      }
      return view;
    });
  }

  /** Validates `data` against the event's data class: 400 with `data.<field>` errors. */
  private async validateEventData(type: string, raw: Record<string, unknown>): Promise<Record<string, unknown>> {
    const cls = EVENT_DATA[type];
    const instance = plainToInstance(cls, raw);
    const errors = await validate(instance, {
      whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false, validationError: { target: false, value: false },
    });
    if (errors.length) throw new InvalidInput(fieldErrors(errors, 'data'));
    return JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
  }

  /** Domain checks on referenced records (same transaction, before the engine runs). */
  private async checkEventFacts(tx: Tx, p: Principal, caseId: string, type: string, data: Record<string, unknown>): Promise<void> {
    if (type === 'ASSIGN') {
      const [ok]: Array<{ ok: boolean }> = await tx.query(
        `SELECT true AS ok FROM users u JOIN agencies a ON a.id = u.agency_id JOIN cases c ON c.id = $2
          WHERE u.id = $1 AND u.active AND u.role IN ('social_worker', 'supervisor') AND a.commune_code = c.commune_code`,
        [data.assigneeId, caseId],
      );
      if (!ok) throw new InvalidInput({ 'data.assigneeId': ['Người được giao phải là cán bộ của xã/phường / The assignee must be a social worker or supervisor of the case’s commune'] });
    }
    if (type === 'MARK_DUPLICATE') {
      if (data.ofCaseId === caseId) throw new InvalidInput({ 'data.ofCaseId': ['Không thể trùng với chính nó / A case cannot duplicate itself'] });
      if (!(await this.inScope(tx, p, String(data.ofCaseId)))) throw new InvalidInput({ 'data.ofCaseId': ['Không tìm thấy hồ sơ / No such case in your scope'] });
    }
    if (type === 'SUBMIT_PLAN') {
      const actions = data.actions as Array<{ agencyType: string }>;
      const types = [...new Set(actions.map((a) => a.agencyType))];
      const found: Array<{ type: string }> = await tx.query(
        `SELECT DISTINCT a.type FROM agencies a JOIN communes m ON m.code = (SELECT commune_code FROM cases WHERE id = $1)
          WHERE a.type = ANY($2) AND (a.commune_code = m.code OR (a.commune_code IS NULL AND a.province_code = m.province_code))`,
        [caseId, types],
      );
      const missing = types.filter((t) => !found.some((f) => f.type === t));
      if (missing.length) {
        throw new InvalidInput({ 'data.actions': [`Không có cơ quan ${missing.join(', ')} phục vụ xã/phường này / No ${missing.join(', ')} agency serves this commune`] });
      }
    }
  }

  // ---------------------------------------------------------------- queries

  async inScope(tx: Tx, p: Principal, caseId: string): Promise<boolean> {
    const params: unknown[] = [caseId];
    const rows = await tx.query(`SELECT 1 FROM cases c WHERE c.id = $1 AND ${caseScopeSql(p, binder(params))}`, params);
    return rows.length > 0;
  }

  async get(p: Principal, caseId: string): Promise<CaseView> {
    return this.db.transaction(async (tx) => {
      const view = await this.viewInTx(tx, p, caseId, 'case.read');
      if (!view) throw new CaseNotFound();
      return view;
    });
  }

  /**
   * Builds the caller's view of a case, or null when it is outside their scope; audits the read
   * when `readAction` is set. One round trip: the case row with its view columns.
   */
  async viewInTx(tx: Tx, p: Principal, caseId: string, readAction: string | null): Promise<CaseView | null> {
    const params: unknown[] = [caseId];
    const scope = caseScopeSql(p, binder(params));
    const [row] = await tx.prepared<ViewRow>(`SELECT c.*, ${viewColumns(caseProjection(p.role))} FROM cases c WHERE c.id = $1 AND ${scope}`, params);
    if (!row) return null;
    if (readAction) {
      await this.audit.record(tx, {
        actor: actorOf(p), action: readAction, caseId, entity: 'case', entityId: caseId, details: { view: caseProjection(p.role) },
      });
    }
    return this.viewOf(p, row);
  }

  /** The caller's view of a case row read with `viewColumns` (by `viewInTx`, or by the engine's write). */
  private viewOf(p: Principal, row: ViewRow): CaseView {
    const deadlines = row.v_deadlines.map((d) => datesOf(d, ['starts_at', 'due_at', 'settled_at', 'breached_at']));
    const handoffs = row.v_handoffs.map((h) => datesOf(h, ['due_at', 'created_at', 'accepted_at', 'completed_at']));
    const openHandoffs = handoffs.filter((h) => OPEN_HANDOFF_STATES.includes(h.state)).length;
    return caseView({
      row, child: row.v_child, reporter: row.v_reporter, assignee: row.v_assignee, deadlines, handoffs,
      allowedEvents: this.engine.allowedEvents(row, actorOf(p), (t) => mayCaseEvent(p.role, t), { openHandoffs }),
      handoffActions: (h) => handoffActions(p, h.agency_id, (t) => this.engine.handoffAccepts(h.state, t)),
      projection: caseProjection(p.role), agencyId: p.agencyId, now: this.clock.now(),
    });
  }

  handoffRows(tx: Tx, caseId: string): Promise<HandoffViewRow[]> {
    return tx.query(`${HANDOFF_ROWS_SQL('$1')} ORDER BY h.created_at`, [caseId]);
  }

  async list(p: Principal, q: ListCasesQuery): Promise<Page<Record<string, unknown>>> {
    const params: unknown[] = [];
    const bind = binder(params);
    const where = [caseScopeSql(p, bind)];
    if (q.state) where.push(`c.state = ${bind(q.state)}`);
    if (q.overdue !== undefined) where.push(q.overdue ? 'c.escalation_level > 0' : 'c.escalation_level = 0');
    if (q.assignee) where.push(`c.assignee_id = ${bind(q.assignee === 'me' ? p.userId : q.assignee)}`);
    if (q.communeCode) where.push(`c.commune_code = ${bind(q.communeCode)}`);
    const projection = caseProjection(p.role);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      // Partners search by case code only: the child's name is not theirs to search by.
      where.push(projection === 'need_to_know'
        ? `c.code ILIKE ${bind(like)}`
        : `(c.code ILIKE ${bind(like)} OR EXISTS (SELECT 1 FROM case_children ch WHERE ch.case_id = c.id AND ch.full_name ILIKE ${bind(like)}))`);
    }
    const whereSql = where.join(' AND ');
    const limit = bind(q.pageSize);
    const offset = bind((q.page - 1) * q.pageSize);
    const rows: Array<CaseRow & { next_due_at: Date | null; total: string; child_name: string | null }> = await this.db.query(
      `SELECT c.*, count(*) OVER () AS total,
              (SELECT min(d.due_at) FROM deadlines d WHERE d.case_id = c.id AND d.status = 'pending') AS next_due_at,
              (SELECT ch.full_name FROM case_children ch WHERE ch.case_id = c.id) AS child_name
         FROM cases c WHERE ${whereSql}
        ORDER BY c.escalation_level DESC, next_due_at ASC NULLS LAST, c.received_at DESC
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && q.page > 1) {
      const countParams = params.slice(0, params.length - 2);
      [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM cases c WHERE ${whereSql}`, countParams);
    }
    return {
      items: rows.map((r) => ({
        id: r.id, code: r.code, state: r.state, version: r.version, communeCode: r.commune_code, receivedAt: r.received_at,
        riskLevel: r.risk_level, immediateDanger: r.immediate_danger, abuseTypes: r.abuse_types, assigneeId: r.assignee_id,
        overdue: r.escalation_level > 0, escalationLevel: r.escalation_level, nextDueAt: r.next_due_at,
        ...(projection === 'need_to_know' ? {} : { childName: r.child_name }),
      })),
      total, page: q.page, pageSize: q.pageSize,
    };
  }

  async timeline(p: Principal, caseId: string) {
    return this.db.transaction(async (tx) => {
      if (!(await this.inScope(tx, p, caseId))) throw new CaseNotFound();
      const projection = caseProjection(p.role);
      const agencyFilter = projection === 'need_to_know';
      const events: Array<Record<string, unknown> & { occurred_at: Date }> = await tx.query(
        `SELECT e.seq, e.type, e.data, e.actor_id, e.actor_role, u.full_name AS actor_name, e.from_state, e.to_state, e.occurred_at
           FROM case_events e LEFT JOIN users u ON u.id = e.actor_id
          WHERE e.case_id = $1 ${agencyFilter ? `AND e.type = 'HANDOFF_UPDATED' AND (e.data->>'handoffId')::uuid IN (SELECT id FROM handoffs WHERE case_id = $1 AND agency_id = $2)` : ''}
          ORDER BY e.seq`, agencyFilter ? [caseId, p.agencyId] : [caseId],
      );
      const deadlines: DeadlineViewRow[] = await tx.query(
        `SELECT d.* FROM deadlines d WHERE d.case_id = $1 ${agencyFilter ? 'AND d.handoff_id IN (SELECT id FROM handoffs WHERE case_id = $1 AND agency_id = $2)' : ''}`,
        agencyFilter ? [caseId, p.agencyId] : [caseId],
      );
      const handoffs = (await this.handoffRows(tx, caseId)).filter((h) => !agencyFilter || h.agency_id === p.agencyId);
      await this.audit.record(tx, { actor: actorOf(p), action: 'case.timeline_read', caseId, entity: 'case', entityId: caseId, details: { view: projection } });
      const items: Array<{ at: Date; kind: string; [k: string]: unknown }> = [];
      for (const e of events) {
        items.push({
          at: e.occurred_at, kind: 'event', seq: e.seq, type: e.type, data: e.data, fromState: e.from_state, toState: e.to_state,
          actor: e.actor_id ? { id: e.actor_id, role: e.actor_role, name: e.actor_name } : { id: null, role: 'system', name: 'baove' },
        });
      }
      for (const d of deadlines) {
        items.push({ at: d.starts_at, kind: 'deadline_started', deadline: d.key, handoffId: d.handoff_id, titleVi: d.title_vi, titleEn: d.title_en, dueAt: d.due_at });
        if (d.breached_at) items.push({ at: d.breached_at, kind: 'deadline_breached', deadline: d.key, handoffId: d.handoff_id, titleVi: d.title_vi, titleEn: d.title_en, dueAt: d.due_at });
        if (d.settled_at) items.push({ at: d.settled_at, kind: `deadline_${d.status}`, deadline: d.key, handoffId: d.handoff_id, titleVi: d.title_vi, titleEn: d.title_en, dueAt: d.due_at });
      }
      for (const h of handoffs) {
        items.push({ at: h.created_at, kind: 'handoff_offered', handoffId: h.id, handoffKind: h.kind, agency: { id: h.agency_id, name: h.agency_name }, urgency: h.urgency });
      }
      const order = (k: string) => (k === 'event' ? 0 : 1);
      items.sort((a, b) => a.at.getTime() - b.at.getTime() || order(a.kind) - order(b.kind));
      return { caseId, items };
    });
  }
}
