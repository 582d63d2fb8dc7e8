import { Injectable, OnModuleInit } from '@nestjs/common';
import { currentWorkflow, getWorkflow, HANDOFF_WORKFLOW } from '../../workflows';
import { DEFAULT_DUE_DAYS } from '../../workflows/handoff/v1/events';
import type { Actor, HandoffRequest } from '../../workflows/types';
import { AuditService } from '../audit/audit.service';
import { ageYears, deadlineView, givenName, handoffView } from '../cases/case-views';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { CaseNotFound, EventNotAllowed, Forbidden, InvalidInput } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db, Tx } from '../database/db';
import { validateEventData } from '../engine/event-data';
import { EffectTarget, SYSTEM_ACTOR, WorkflowEngine, caseOf } from '../engine/workflow-engine';
import { AccessRepository } from '../identity/access.repository';
import { caseProjection, HANDOFF_MANAGER_ROLES, handoffActions, isPartner, NOT_LEAD_MESSAGE } from '../identity/policy';
import type { Principal } from '../identity/roles';
import type { CreateHandoffDto, InboxQuery } from './dto/handoff.dto';
import type { HandoffRow } from './handoff-row';
import { HandoffInstance, HandoffsRepository, notFound } from './handoffs.repository';

const actorOf = (p: Principal): Actor => ({ id: p.userId, role: p.role });

/** Work handed to an agency is due within a year at most (a date in 9999 is a typing slip). */
const MAX_DUE_DAYS = 366;

/**
 * Cross-agency handoffs: created by the commune's case staff or by a case workflow's `handoff`
 * effect, acted on by the receiving agency, cancelled by the commune or when the case closes.
 */
@Injectable()
export class HandoffsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly repo: HandoffsRepository,
    private readonly access: AccessRepository,
    private readonly engine: WorkflowEngine,
    private readonly cases: CasesService,
    private readonly caseRows: CasesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.engine.registerEffect('handoff', async (p, s) => {
      for (const req of p.handoffs) await this.start(s.tx, s.target, req, s.actor, s.now);
    });
    this.engine.registerEffect('cancelHandoffs', async (p, s) => {
      for (const h of await this.repo.openOnCase(s.tx, caseOf(s.target))) {
        // Each workflow names the event that withdraws it (an agency's work, a pending transfer).
        const withdraw = getWorkflow(h.workflow, h.workflow_version).withdrawEvent;
        if (!withdraw) throw new Error(`workflow ${h.workflow} v${h.workflow_version} names no withdrawEvent`);
        // The case itself is closing: its timeline already says so, no HANDOFF_UPDATED follow-up.
        await this.engine.apply(s.tx, 'handoff', h.id, { type: withdraw, data: { reason: p.reason } }, s.actor, { followUp: false });
      }
    });
    this.engine.registerFact('openHandoffs', (tx, target) => this.repo.countOpenOnCase(tx, caseOf(target)));
  }

  /** A social worker (or supervisor) of the case's commune asks an agency for work on the case. */
  async create(p: Principal, caseId: string, dto: CreateHandoffDto, idempotencyKey?: string) {
    const now = this.clock.now();
    if (dto.dueAt && new Date(dto.dueAt).getTime() <= now.getTime()) {
      throw new InvalidInput({ dueAt: ['Hạn phải ở tương lai / dueAt must be in the future'] });
    }
    if (dto.dueAt && new Date(dto.dueAt).getTime() > now.getTime() + MAX_DUE_DAYS * 86_400_000) {
      throw new InvalidInput({ dueAt: [`Hạn không được quá ${MAX_DUE_DAYS} ngày / dueAt cannot be more than ${MAX_DUE_DAYS} days ahead`] });
    }
    return this.db.transaction((tx) => this.caseRows.once(tx, p.userId, idempotencyKey, ['handoff.create', caseId, dto], async () => {
      // Scope first: a case the caller cannot see is 404 whatever their role.
      if (!(await this.access.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      if (!HANDOFF_MANAGER_ROLES.includes(p.role)) {
        throw new Forbidden('Chỉ cán bộ xã/phường tạo yêu cầu phối hợp / Only commune case staff create handoffs');
      }
      const c = await this.caseRows.lock(tx, caseId);
      if (!(await this.access.leadsCase(tx, p, c.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
      if (getWorkflow(c.workflow, c.workflow_version).terminalStates.includes(c.state)) {
        throw new EventNotAllowed('CREATE_HANDOFF', c.state, []);
      }
      const agency = await this.access.partnerAgencyServing(tx, dto.agencyId, c.commune_code);
      if (!agency) {
        throw new InvalidInput({ agencyId: ['Cơ quan không phục vụ xã/phường của hồ sơ / The agency does not serve the case’s commune'] });
      }
      const h = await this.start(tx, {
        caseId: c.id, caseCode: c.code, communeCode: c.commune_code, receivedAt: c.received_at, assigneeId: c.assignee_id,
      }, { kind: dto.kind, agencyType: agency.type, urgency: dto.urgency, instructions: dto.instructions }, actorOf(p), now,
      { agencyId: agency.id, dueAt: dto.dueAt ? new Date(dto.dueAt) : undefined });
      await this.engine.apply(tx, 'case', caseId, {
        type: 'HANDOFF_UPDATED', data: { handoffId: h.id, kind: h.kind, status: 'offered', agencyId: agency.id, by: p.userId },
      }, SYSTEM_ACTOR);
      return { handoff: await this.viewInTx(tx, p, h.id) };
    }));
  }

  /**
   * Starts a handoff on a case the caller's transaction already locked. The agency is the one the
   * request names, else the one of its type that serves the case's commune.
   */
  private async start(tx: Tx, c: EffectTarget, req: HandoffRequest, actor: Actor, now: Date,
    chosen: { agencyId?: string; dueAt?: Date } = {}): Promise<HandoffRow> {
    const def = currentWorkflow(HANDOFF_WORKFLOW);
    const agencyId = chosen.agencyId ?? (await this.access.agencyOfTypeServing(tx, c.communeCode, req.agencyType));
    if (!agencyId) {
      throw new InvalidInput({ agencyType: [`Không có cơ quan loại ${req.agencyType} trong địa bàn / No ${req.agencyType} agency serves this commune`] });
    }
    const dueAt = chosen.dueAt ?? new Date(now.getTime() + (req.dueInDays ?? DEFAULT_DUE_DAYS[req.urgency]) * 86_400_000);
    const h = await this.engine.start<HandoffInstance>(tx, def, {
      urgency: req.urgency, dueAt: dueAt.toISOString(), kind: req.kind, ...(req.protection ? { protection: req.protection } : {}),
    }, actor, now, async (snapshot, state) => ({
      ...(await this.repo.insert(tx, {
        caseId: caseOf(c), kind: req.kind, agencyId, urgency: req.urgency, workflow: def.name, workflowVersion: def.version,
        instructions: req.instructions ?? '', dueAt, createdBy: actor.role === 'system' ? null : actor.id,
      }, snapshot, state, now)),
      case: { id: caseOf(c), code: c.caseCode, commune_code: c.communeCode, received_at: c.receivedAt, assignee_id: c.assigneeId },
    }));
    await this.audit.record(tx, {
      actor: { id: actor.role === 'system' ? null : actor.id, role: actor.role }, action: 'handoff.create', caseId: c.caseId,
      entity: 'handoff', entityId: h.id, details: { kind: h.kind, agencyId, urgency: h.urgency },
    });
    return h;
  }

  /**
   * An event of the handoff's workflow: accept, decline, start, complete (its agency), cancel (the
   * commune's staff); with `expectedVersion`, a handoff changed since then answers 409.
   */
  async act(p: Principal, handoffId: string, type: string, { data: raw, expectedVersion }: { data: Record<string, unknown>; expectedVersion?: number },
    idempotencyKey?: string) {
    return this.db.transaction((tx) => this.caseRows.once(tx, p.userId, idempotencyKey, [
      'handoff.act', handoffId, type, raw,
      // Only when sent: keys stored before versions were sent keep their request's fingerprint.
      ...(expectedVersion === undefined ? [] : [expectedVersion]),
    ], async () => {
      await this.visible(tx, p, handoffId);
      const event = { type, data: raw };
      await this.engine.apply(tx, 'handoff', handoffId, event, actorOf(p), {
        expectedVersion,
        authorize: async (row) => {
          const h = row as HandoffInstance;
          const contract = getWorkflow(h.workflow, h.workflow_version).events[type];
          const member = contract?.membership !== 'receiving_agency' || h.agency_id === p.agencyId;
          if (!contract || !contract.roles.includes(p.role) || !member) {
            throw new Forbidden('Bạn không được thực hiện thao tác này với yêu cầu / You may not do this to the handoff');
          }
          // The commune's side of a handoff (withdrawing it) is the lead commune's, not the partner's.
          if (contract.membership === undefined && !(await this.access.leadsCase(tx, p, h.case.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
          event.data = await validateEventData(type, contract, raw, '');
        },
      });
      // The agency that just declined or completed the work is shown the result of its own act.
      return { handoff: await this.viewInTx(tx, p, handoffId, true) };
    }));
  }

  async get(p: Principal, handoffId: string) {
    return this.db.transaction(async (tx) => {
      const view = await this.viewInTx(tx, p, handoffId);
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'handoff.read', caseId: view.caseId, entity: 'handoff', entityId: handoffId, details: {},
      });
      return view;
    });
  }

  /** The caller's agency's handoffs, each with the need-to-know view of its case. */
  async inbox(p: Principal, q: InboxQuery): Promise<Page<Record<string, unknown>>> {
    if (!isPartner(p.role) && !HANDOFF_MANAGER_ROLES.includes(p.role)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const states = q.status && q.status !== 'open' && q.status !== 'all' ? [q.status] : null;
    const { ids, total } = await this.repo.inbox(this.db, p.agencyId, states, q.status === 'open', q.page, q.pageSize);
    const items = await this.db.transaction(async (tx) => {
      const views = [];
      for (const id of ids) views.push(await this.viewInTx(tx, p, id));
      return views;
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * The handoff if the caller may see it, else 404: their own agency's, or any handoff of a case
   * they see in full or restricted view. Partner agencies never see another agency's work.
   */
  private async visible(tx: Tx, p: Principal, handoffId: string, justActed = false): Promise<{ case_id: string; agency_id: string }> {
    const h = await this.repo.ref(tx, handoffId);
    // A case's transfer between communes is not an agency's work: it is read and acted on under /transfers.
    const visible = h && h.agency_work && ((h.agency_id === p.agencyId && (h.in_sight || justActed)) ||
      (caseProjection(p.role) !== 'need_to_know' && (await this.access.caseInScope(tx, p, h.case_id))));
    if (!visible) throw notFound();
    return h;
  }

  /**
   * A handoff with the need-to-know view of its case: child's first name and age, commune,
   * incident types, instructions and deadlines — never the reporter or other agencies' work.
   * 404 unless the caller may see it. Also what documents/ prints as the handoff's sheet.
   */
  async viewInTx(tx: Tx, p: Principal, handoffId: string, justActed = false) {
    const h = await this.visible(tx, p, handoffId, justActed);
    const [full] = (await this.cases.handoffRows(tx, h.case_id)).filter((r) => r.id === handoffId);
    const c = await this.repo.caseSummary(tx, h.case_id);
    const deadlines = await this.repo.deadlines(tx, handoffId);
    const def = getWorkflow(full.workflow, full.workflow_version);
    return {
      ...handoffView(full),
      caseId: h.case_id,
      case: {
        id: h.case_id, code: c.code, state: c.state, communeCode: c.commune_code, communeName: c.commune_name,
        child: { firstName: givenName(c.full_name), ageYears: ageYears(c, this.clock.now()), sex: c.sex },
        incidentTypes: c.abuse_types,
      },
      deadlines: deadlines.map(deadlineView),
      allowedActions: handoffActions(p, h.agency_id, def.events, (t) => this.engine.accepts(full, t)),
    };
  }
}
