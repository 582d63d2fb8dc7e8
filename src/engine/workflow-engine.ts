/**
 * The engine: advances a case (or one of its handoffs) by the workflow machine's PURE transition,
 * inside the caller's single transaction, and turns the actions the machine names into rows —
 * deadlines, handoffs, notifications, outbox messages. It knows nothing of HTTP; callers decide
 * who may do what (`authorize`, `permitted`) and the engine decides what the workflow allows.
 */
import { Injectable } from '@nestjs/common';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { CASE_WORKFLOW, CURRENT_VERSION, getWorkflow, HANDOFF_WORKFLOW, WorkflowDefinition } from '../../workflows';
import type { Actor, Audience, DeadlineTable, Effect, EventFacts, HandoffRequest } from '../../workflows/types';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { CaseNotFound, EventNotAllowed, InvalidInput, NotFound, VersionConflict } from '../common/errors';
import { Tx } from '../database/db';
import { DeadlineRow, DeadlinesService } from '../deadlines/deadlines.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { CaseRow, HandoffRow } from './case-row';

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };

export interface EngineEvent {
  type: string;
  data?: Record<string, unknown>;
}

export interface ApplyOptions {
  expectedVersion?: number;
  /** SQL predicate over `cases c` limiting which case the caller may touch: folded into the lock (404 outside it). */
  scope?: (bind: (value: unknown) => string) => string;
  /** Runs on the locked row before anything else; throws to refuse (CaseNotFound for scope, Forbidden for role). */
  authorize?: (row: CaseRow) => void | Promise<void>;
  /** Runs on the locked row: false means the event no longer applies (a stale timer) and nothing changes. */
  precondition?: (row: CaseRow) => Promise<boolean>;
  /** Which event types the caller's role may send: the 422 lists only those. */
  permitted?: (type: string) => boolean;
  /** A deadline row the caller locked and read in this transaction (a firing's precondition), reused by `escalate`. */
  lockedDeadline?: () => DeadlineRow | undefined;
  /**
   * More columns over the updated case row `c` for the write statement to return (the caller's view
   * of the case), so the command needs no read after its write. Fixed SQL text without parameters.
   */
  select?: string;
  /** Nothing follows the event in the caller's transaction: commit with the write (one round trip less). */
  commit?: boolean;
}

export interface Applied<R extends CaseRow = CaseRow> {
  applied: boolean;
  /** The case row after the event (with the `select` columns), or as locked when not applied. */
  case: R;
}

export interface NewCase {
  code: string;
  communeCode: string;
  channel: string;
  externalRef: string | null;
  receivedAt: Date;
  immediateDanger: boolean;
  abuseTypes: string[];
  incident: Record<string, unknown>;
  createdBy: string;
}

export interface NewHandoff extends HandoffRequest {
  agencyId?: string;
  dueAt?: Date;
}

/** What a machine's actions act on. */
interface Scope {
  tx: Tx;
  now: Date;
  actor: Actor;
  caseRow: Pick<CaseRow, 'id' | 'code' | 'commune_code' | 'received_at'> & { assignee_id: string | null };
  handoff?: Pick<HandoffRow, 'id' | 'agency_id' | 'kind'>;
  deadlines: DeadlineTable;
  event: { type: string; [k: string]: unknown };
  lockedDeadline?: DeadlineRow;
}

const HANDOFF_DEFAULT_DAYS = { urgent: 1, normal: 7 } as const;
/** Events whose guards read facts the engine looks up first. */
const FACT_EVENTS = new Set(['PROPOSE_CLOSURE']);
/** Props every probe event carries so data-reading guards can be evaluated for `allowedEvents`. */
const PROBE_DATA = { riskLevel: 'low', substantiated: true, childSafe: true, status: 'offered' };

function restore(machine: AnyStateMachine, stored: { value: unknown; context: Record<string, unknown> }): AnyMachineSnapshot {
  return machine.resolveState({ value: stored.value as string, context: stored.context });
}

function persist(snapshot: AnyMachineSnapshot): { value: string; context: Record<string, unknown> } {
  return { value: String(snapshot.value), context: snapshot.context as Record<string, unknown> };
}

@Injectable()
export class WorkflowEngine {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---------------------------------------------------------------- cases

  async createCase(tx: Tx, c: NewCase, actor: Actor, now: Date): Promise<CaseRow> {
    const def = getWorkflow(CASE_WORKFLOW, CURRENT_VERSION[CASE_WORKFLOW]);
    const [snapshot, actions] = initialTransition(def.machine, { immediateDanger: c.immediateDanger });
    const stored = persist(snapshot);
    const ctx = stored.context;
    const [row]: CaseRow[] = await tx.query(
      `INSERT INTO cases (code, commune_code, workflow, workflow_version, state, snapshot, version, risk_level, channel,
                          external_ref, received_at, immediate_danger, abuse_types, incident, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING *`,
      [c.code, c.communeCode, def.name, def.version, stored.value, JSON.stringify(stored), ctx.riskLevel, c.channel,
        c.externalRef, c.receivedAt, c.immediateDanger, c.abuseTypes, JSON.stringify(c.incident), c.createdBy, now],
    );
    await this.runEffects(actions as unknown as Effect[], {
      tx, now, actor, caseRow: row, deadlines: def.deadlines, event: { type: 'CASE_RECEIVED' },
    });
    await this.appendCaseEvent(tx, row.id, 1, 'CASE_RECEIVED', { channel: c.channel, immediateDanger: c.immediateDanger }, actor, '', row.state, now);
    await this.audit.record(tx, { actor, action: 'case.intake', caseId: row.id, entity: 'case', entityId: row.id, details: { code: row.code } });
    return row;
  }

  async lockCase(tx: Tx, caseId: string, scope?: ApplyOptions['scope']): Promise<CaseRow> {
    const params: unknown[] = [caseId];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const rows = await tx.prepared<CaseRow>(
      `SELECT c.* FROM cases c WHERE c.id = $1 ${scope ? `AND ${scope(bind)}` : ''} FOR UPDATE OF c`, params,
    );
    if (!rows[0]) throw new CaseNotFound();
    return rows[0];
  }

  /** The events this actor could send now, among those `permitted` (role policy). */
  allowedEvents(row: Pick<CaseRow, 'workflow' | 'workflow_version' | 'snapshot'>, actor: Actor, permitted: (type: string) => boolean, facts: EventFacts = {}): string[] {
    const def = getWorkflow(row.workflow, row.workflow_version);
    return this.allowedFor(def, restore(def.machine, row.snapshot), actor, permitted, facts);
  }

  async applyCaseEvent<R extends CaseRow = CaseRow>(tx: Tx, caseId: string, event: EngineEvent, actor: Actor, opts: ApplyOptions = {}): Promise<Applied<R>> {
    const row = await this.lockCase(tx, caseId, opts.scope);
    await opts.authorize?.(row);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version) {
      throw new VersionConflict(opts.expectedVersion, row.version);
    }
    if (opts.precondition && !(await opts.precondition(row))) return { applied: false, case: row as R };

    const def = getWorkflow(row.workflow, row.workflow_version);
    const snapshot = restore(def.machine, row.snapshot);
    const facts = FACT_EVENTS.has(event.type) ? await this.facts(tx, row.id) : {};
    const xEvent = { ...(event.data ?? {}), type: event.type, actor, facts };
    if (def.systemEvents.includes(event.type) !== (actor.role === 'system') || !snapshot.can(xEvent)) {
      throw new EventNotAllowed(event.type, row.state, this.allowedFor(def, snapshot, actor, opts.permitted ?? (() => true), facts));
    }
    const [next, actions] = transition(def.machine, snapshot, xEvent);
    const stored = persist(next);
    const ctx = stored.context;
    const now = this.clock.now();
    const assigneeId = (ctx.assigneeId as string | null) ?? null;
    await this.runEffects(actions as unknown as Effect[], {
      tx, now, actor, caseRow: { ...row, assignee_id: assigneeId }, deadlines: def.deadlines, event: xEvent,
      lockedDeadline: opts.lockedDeadline?.(),
    });
    // The case row (its escalation level: the highest among its open breaches), its event and its
    // audit entry in one statement (one round trip).
    const [updated] = await tx.prepared<R>(
      `WITH updated AS (
         UPDATE cases SET state = $2, snapshot = $3, version = version + 1, risk_level = $4, assignee_id = $5, outcome = $6,
                escalation_level = (SELECT COALESCE(max(d.escalation_level), 0) FROM deadlines d WHERE d.case_id = $1 AND d.status = 'breached'),
                updated_at = $7, closed_at = CASE WHEN $2 = 'closed' THEN COALESCE(closed_at, $7) ELSE NULL END
          WHERE id = $1 RETURNING *
       ), event AS (
         INSERT INTO case_events (case_id, seq, type, data, actor_id, actor_role, from_state, to_state, occurred_at)
         SELECT id, version, $8, $9, $10, $11, $12, state, $7 FROM updated
       ), audit AS (
         INSERT INTO audit_log (actor_id, actor_role, action, case_id, entity, entity_id, details)
         SELECT $10, $11, 'case.' || $8, id, 'case', id::text, jsonb_build_object('seq', version, 'from', $12::text, 'to', state) FROM updated
       ) SELECT c.*${opts.select ? `, ${opts.select}` : ''} FROM updated c`,
      [row.id, stored.value, JSON.stringify(stored), ctx.riskLevel ?? null, assigneeId, ctx.outcome ?? null, now,
        event.type, JSON.stringify(event.data ?? {}), actor.role === 'system' ? null : actor.id, actor.role, row.state],
      { commit: opts.commit },
    );
    return { applied: true, case: updated };
  }

  // ---------------------------------------------------------------- handoffs

  /** Creates a handoff on a case already locked by the caller; returns its row. */
  async createHandoff(tx: Tx, caseRow: CaseRow, req: NewHandoff, actor: Actor, now: Date): Promise<HandoffRow> {
    const def = getWorkflow(HANDOFF_WORKFLOW, CURRENT_VERSION[HANDOFF_WORKFLOW]);
    const agencyId = req.agencyId ?? (await this.resolveAgency(tx, caseRow, req.agencyType));
    const due = req.dueAt ?? new Date(now.getTime() + (req.dueInDays ?? HANDOFF_DEFAULT_DAYS[req.urgency]) * 86_400_000);
    const [snapshot, actions] = initialTransition(def.machine, { urgency: req.urgency, dueAt: due.toISOString() });
    const stored = persist(snapshot);
    const [h]: HandoffRow[] = await tx.query(
      `INSERT INTO handoffs (case_id, kind, agency_id, urgency, state, snapshot, workflow_version, version, instructions, due_at,
                             created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $11) RETURNING *`,
      [caseRow.id, req.kind, agencyId, req.urgency, stored.value, JSON.stringify(stored), def.version, req.instructions ?? '',
        due, actor.role === 'system' ? null : actor.id, now],
    );
    await this.runEffects(actions as unknown as Effect[], {
      tx, now, actor, caseRow, handoff: h, deadlines: def.deadlines, event: { type: 'HANDOFF_CREATED' },
    });
    await this.audit.record(tx, {
      actor: this.auditActor(actor), action: 'handoff.create', caseId: caseRow.id, entity: 'handoff', entityId: h.id,
      details: { kind: h.kind, agencyId, urgency: h.urgency },
    });
    return h;
  }

  /**
   * Advances a handoff, then tells its case (HANDOFF_UPDATED, a case event on the timeline) in the
   * same transaction. Lock order is always case, then handoff.
   */
  async applyHandoffEvent(
    tx: Tx, handoffId: string, event: EngineEvent, actor: Actor,
    opts: {
      authorize?: (h: HandoffRow, c: CaseRow) => void; precondition?: (h: HandoffRow) => Promise<boolean>; informCase?: boolean;
      lockedDeadline?: ApplyOptions['lockedDeadline'];
    } = {},
  ): Promise<{ applied: boolean; handoff: HandoffRow; case: CaseRow }> {
    const [ref]: Array<{ case_id: string }> = await tx.query(`SELECT case_id FROM handoffs WHERE id = $1`, [handoffId]);
    if (!ref) throw new NotFound('Handoff', 'yêu cầu phối hợp');
    const caseRow = await this.lockCase(tx, ref.case_id);
    const [h]: HandoffRow[] = await tx.query(`SELECT * FROM handoffs WHERE id = $1 FOR UPDATE`, [handoffId]);
    opts.authorize?.(h, caseRow);
    if (opts.precondition && !(await opts.precondition(h))) return { applied: false, handoff: h, case: caseRow };
    const def = getWorkflow(HANDOFF_WORKFLOW, h.workflow_version);
    const snapshot = restore(def.machine, h.snapshot);
    const xEvent = { ...(event.data ?? {}), type: event.type, actor };
    if (def.systemEvents.includes(event.type) !== (actor.role === 'system') || !snapshot.can(xEvent)) {
      throw new EventNotAllowed(event.type, h.state, this.allowedFor(def, snapshot, actor, () => true, {}));
    }
    const [next, actions] = transition(def.machine, snapshot, xEvent);
    const stored = persist(next);
    const now = this.clock.now();
    await this.runEffects(actions as unknown as Effect[], {
      tx, now, actor, caseRow, handoff: h, deadlines: def.deadlines, event: xEvent, lockedDeadline: opts.lockedDeadline?.(),
    });
    const ctx = stored.context;
    const [updated] = await tx.query<HandoffRow>(
      `UPDATE handoffs SET state = $2, snapshot = $3, version = version + 1, outcome = $4, reason = $5, updated_at = $6,
              accepted_at = CASE WHEN $2 IN ('accepted', 'in_progress', 'completed') THEN COALESCE(accepted_at, $6) ELSE accepted_at END,
              completed_at = CASE WHEN $2 = 'completed' THEN $6 ELSE completed_at END
        WHERE id = $1 RETURNING *`,
      [h.id, stored.value, JSON.stringify(stored), ctx.outcome ?? null, ctx.reason ?? null, now],
    );
    await this.audit.record(tx, {
      actor: this.auditActor(actor), action: `handoff.${event.type}`, caseId: caseRow.id, entity: 'handoff', entityId: h.id,
      details: { from: h.state, to: updated.state },
    });
    let c = caseRow;
    if (opts.informCase !== false) {
      const status = event.type === 'DEADLINE_EXPIRED' ? 'overdue' : updated.state;
      c = (await this.applyCaseEvent(tx, caseRow.id, {
        type: 'HANDOFF_UPDATED',
        data: { handoffId: h.id, kind: h.kind, status, ...(event.type === 'DEADLINE_EXPIRED' ? { deadline: event.data?.deadline } : {}) },
      }, SYSTEM_ACTOR)).case;
    }
    return { applied: true, handoff: updated, case: c };
  }

  /** Whether a handoff in `state` accepts `type` at all (for listing the actions an agency can take). */
  handoffAccepts(state: string, type: string): boolean {
    const def = getWorkflow(HANDOFF_WORKFLOW, CURRENT_VERSION[HANDOFF_WORKFLOW]);
    const node = def.machine.root.states[state];
    return node !== undefined && node.ownEvents.includes(type);
  }

  // ---------------------------------------------------------------- internals

  private allowedFor(def: WorkflowDefinition, snapshot: AnyMachineSnapshot, actor: Actor, permitted: (t: string) => boolean, facts: EventFacts): string[] {
    // Only events some active state node handles can be taken: ask the machine about those alone.
    const types = new Set<string>();
    for (const node of snapshot._nodes) for (const t of node.ownEvents) types.add(t);
    return [...types].filter((t) =>
      !t.startsWith('xstate.') && !def.systemEvents.includes(t) && permitted(t) &&
      snapshot.can({ ...PROBE_DATA, type: t, actor, facts } as never),
    );
  }

  private async facts(tx: Tx, caseId: string): Promise<EventFacts> {
    const [{ n }] = await tx.query(
      `SELECT count(*)::int AS n FROM handoffs WHERE case_id = $1 AND state IN ('offered', 'accepted', 'in_progress')`, [caseId],
    );
    return { openHandoffs: n };
  }

  private auditActor(actor: Actor): { id: string | null; role: string } {
    return { id: actor.role === 'system' ? null : actor.id, role: actor.role };
  }

  private async appendCaseEvent(tx: Tx, caseId: string, seq: number, type: string, data: Record<string, unknown>,
    actor: Actor, from: string, to: string, now: Date): Promise<void> {
    await tx.query(
      `INSERT INTO case_events (case_id, seq, type, data, actor_id, actor_role, from_state, to_state, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [caseId, seq, type, JSON.stringify(data), actor.role === 'system' ? null : actor.id, actor.role, from, to, now],
    );
  }

  private async resolveAgency(tx: Tx, caseRow: Pick<CaseRow, 'commune_code'>, agencyType: string): Promise<string> {
    const rows: Array<{ id: string }> = await tx.query(
      `SELECT a.id FROM agencies a JOIN communes c ON c.code = $1
        WHERE a.type = $2 AND (a.commune_code = c.code OR (a.commune_code IS NULL AND a.province_code = c.province_code))
        ORDER BY (a.commune_code IS NULL), a.name LIMIT 1`,
      [caseRow.commune_code, agencyType],
    );
    if (!rows[0]) {
      throw new InvalidInput({ agencyType: [`Không có cơ quan loại ${agencyType} trong địa bàn / No ${agencyType} agency serves this commune`] });
    }
    return rows[0].id;
  }

  /** Interprets the named effects into rows, in the order the machine named them. */
  private async runEffects(effects: Effect[], s: Scope): Promise<void> {
    const owner = { caseId: s.caseRow.id, handoffId: s.handoff?.id ?? null };
    for (const e of effects) {
      switch (e.type) {
        case 'schedule': {
          const spec = this.spec(s.deadlines, e.params.deadline);
          const anchor = spec.anchor === 'receipt' ? s.caseRow.received_at : s.now;
          const due = e.params.dueAt ? new Date(e.params.dueAt) : await this.deadlines.computeDue(spec, anchor);
          await this.deadlines.schedule(s.tx, owner, spec, anchor, due, s.now);
          break;
        }
        case 'settle':
          await this.deadlines.settle(s.tx, owner, e.params.deadline, s.now);
          break;
        case 'cancel':
          await this.deadlines.cancel(s.tx, owner, e.params.deadline, s.now);
          break;
        case 'handoff': {
          const caseRow = await this.lockCase(s.tx, s.caseRow.id);
          for (const req of e.params.handoffs) await this.createHandoff(s.tx, caseRow, req, s.actor, s.now);
          break;
        }
        case 'cancelHandoffs': {
          const open: Array<{ id: string }> = await s.tx.query(
            `SELECT id FROM handoffs WHERE case_id = $1 AND state IN ('offered', 'accepted', 'in_progress') ORDER BY created_at`,
            [s.caseRow.id],
          );
          for (const h of open) {
            await this.applyHandoffEvent(s.tx, h.id, { type: 'CANCEL', data: { reason: e.params.reason } }, s.actor, { informCase: false });
          }
          break;
        }
        case 'notify':
          await this.notify(s, e.params.audience, e.params.template, {});
          break;
        case 'escalate': {
          const deadlineId = String(s.event.deadlineId ?? '');
          // The firing handler already holds this row's lock (its precondition read it): reuse that read.
          const row = s.lockedDeadline?.id === deadlineId ? s.lockedDeadline : await this.deadlines.lock(s.tx, deadlineId);
          if (!row) break;
          const spec = this.spec(s.deadlines, row.key);
          const rung = await this.deadlines.escalate(s.tx, row, spec, s.now);
          if (rung) {
            await this.notify(s, rung.step.audience, rung.level === 1 ? 'deadline_breached' : 'deadline_escalated', {
              deadlineId: row.id, deadline: row.key, deadlineVi: row.title_vi, deadlineEn: row.title_en, level: rung.level,
            });
          }
          break;
        }
        default:
          // A machine named an action the engine does not know: a programming error, never client input.
          throw new Error(`unknown effect ${(e as { type: string }).type}`);
      }
    }
  }

  private spec(table: DeadlineTable, key: string) {
    const spec = table[key];
    if (!spec) throw new Error(`deadline "${key}" is not in the workflow's deadline table`);
    return spec;
  }

  private notify(s: Scope, audience: Audience[], template: string, extra: Record<string, unknown>): Promise<number> {
    return this.notifications.notify(s.tx, {
      caseId: s.caseRow.id, communeCode: s.caseRow.commune_code, assigneeId: s.caseRow.assignee_id, agencyId: s.handoff?.agency_id,
    }, audience, template, { code: s.caseRow.code, ...(s.handoff ? { handoffId: s.handoff.id, kind: s.handoff.kind } : {}), ...extra }, s.now);
  }
}
