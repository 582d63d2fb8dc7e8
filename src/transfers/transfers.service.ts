import { Injectable } from '@nestjs/common';
import { currentWorkflow, getWorkflow, listWorkflows, statesOf, TRANSFER_WORKFLOW } from '../../workflows';
import type { TransferInput } from '../../workflows/commune-transfer/v1/machine';
import type { Actor } from '../../workflows/types';
import { AuditService } from '../audit/audit.service';
import type { CaseRow } from '../cases/case-row';
import { isHandoverDue, transferView, type TransferViewRow } from '../cases/case-views';
import { CasesRepository } from '../cases/cases.repository';
import { Clock } from '../common/clock';
import { CaseNotFound, Conflict, Forbidden, InvalidInput, NotAllowedNow, NotFound } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db, Tx } from '../database/db';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { validateEventData } from '../engine/event-data';
import { SYSTEM_ACTOR, WorkflowEngine } from '../engine/workflow-engine';
import { HandoffInstance, HandoffsRepository } from '../handoffs/handoffs.repository';
import { AccessRepository } from '../identity/access.repository';
import { HANDOFF_MANAGER_ROLES, NOT_LEAD_MESSAGE, transferActions, transferMember } from '../identity/policy';
import type { Principal } from '../identity/roles';
import type { ListTransfersQuery, RequestTransferDto } from './dto/transfer.dto';
import { TransfersRepository } from './transfers.repository';

const actorOf = (p: Principal): Actor => ({ id: p.userId, role: p.role });

const notFound = () => new NotFound('Transfer', 'đề nghị chuyển hồ sơ');

/** Every way a transfer ends, over every version of its workflow. */
const FINISHED = [...new Set(listWorkflows().filter((d) => d.name === TRANSFER_WORKFLOW).flatMap((d) => d.terminalStates))];

/**
 * A case passing from one commune to another (workflow `commune-transfer`): requested by the case
 * staff of the commune leading it, decided by the receiving commune's staff (accept with an
 * assignee, or decline), withdrawn by the requesting commune. Each transfer is a `handoffs` row
 * addressed to the receiving commune's child affairs office, so its deadline fires, escalates and
 * reaches the case's timeline as any handoff's does; the case's columns are the cases module's.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly db: Db,
    private readonly repo: TransfersRepository,
    private readonly handoffs: HandoffsRepository,
    private readonly cases: CasesRepository,
    private readonly access: AccessRepository,
    private readonly engine: WorkflowEngine,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async request(p: Principal, caseId: string, dto: RequestTransferDto) {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      // Scope first: a case the caller cannot see is 404 whatever their role.
      if (!(await this.access.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      if (!HANDOFF_MANAGER_ROLES.includes(p.role)) {
        throw new Forbidden('Chỉ cán bộ xã/phường đề nghị chuyển hồ sơ / Only commune case staff request a transfer');
      }
      const c = await this.cases.lock(tx, caseId);
      if (!(await this.access.leadsCase(tx, p, c.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
      const to = await this.checkRequest(tx, c, dto);
      const office = await this.access.childAffairsOffice(tx, to);
      if (!office) {
        throw new InvalidInput({ toCommuneCode: ['Xã/phường nhận chưa có bộ phận phụ trách trẻ em / The receiving commune has no child affairs office'] });
      }
      const def = currentWorkflow(TRANSFER_WORKFLOW);
      const dueAt = await this.deadlines.computeDue(def.deadlines.transfer_decision, now);
      const input: TransferInput = {
        kind: dto.kind, fromCommuneCode: c.commune_code, toCommuneCode: to, dueAt: dueAt.toISOString(),
        residence: dto.kind === 'transfer' ? { village: dto.residence?.village ?? null, address: dto.residence?.address ?? null } : null,
      };
      const kind = `commune_${dto.kind}`;
      // The receiving commune sees the case from now on, to decide.
      await this.cases.setPendingCommune(tx, c.id, to);
      const h = await this.engine.start<HandoffInstance>(tx, def, { ...input }, actorOf(p), now, async (snapshot, state) => ({
        ...(await this.handoffs.insert(tx, {
          caseId: c.id, kind, agencyId: office, urgency: 'normal', workflow: def.name, workflowVersion: def.version,
          instructions: dto.reason, dueAt, createdBy: p.userId,
        }, snapshot, state, now)),
        case: { id: c.id, code: c.code, commune_code: c.commune_code, received_at: c.received_at, assignee_id: c.assignee_id },
      }));
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'transfer.request', caseId: c.id, entity: 'handoff', entityId: h.id,
        details: { kind: dto.kind, from: c.commune_code, to },
      });
      await this.engine.apply(tx, 'case', c.id, {
        type: 'HANDOFF_UPDATED', data: { handoffId: h.id, kind, status: `${def.caseStatusPrefix ?? ''}${h.state}`, toCommuneCode: to, by: p.userId },
      }, SYSTEM_ACTOR);
      return { transfer: await this.viewInTx(tx, p, h.id) };
    });
  }

  /** The request's refusals, in the order a worker would want to hear them; the receiving commune's code. */
  private async checkRequest(tx: Tx, c: CaseRow, dto: RequestTransferDto): Promise<string> {
    const to = await this.cases.commune(tx, dto.toCommuneCode);
    if (!to) throw new InvalidInput({ toCommuneCode: [`Không có xã/phường mã "${dto.toCommuneCode}" / Unknown commune`] });
    if (to.code === c.commune_code) {
      throw new InvalidInput({ toCommuneCode: ['Xã/phường nhận phải khác xã/phường đang chủ trì hồ sơ / The receiving commune must be another commune than the one leading the case'] });
    }
    if (dto.kind === 'handover' && dto.residence) {
      throw new InvalidInput({ residence: ['Chỉ ghi nơi ở mới khi chuyển hồ sơ vì trẻ chuyển nơi ở / A new residence goes with a transfer, not a handover'] });
    }
    if (c.pending_commune_code !== null) {
      throw new Conflict('Hồ sơ đang chờ xã/phường khác quyết định tiếp nhận / Another transfer of this case awaits a decision');
    }
    const def = getWorkflow(c.workflow, c.workflow_version);
    if (!def.transfer || def.terminalStates.includes(c.state)) {
      throw new NotAllowedNow('case_closed', 'Hồ sơ đã đóng, không chuyển được / The case is closed: it cannot be transferred');
    }
    if (!this.engine.accepts(c, def.transfer.assignEvent)) {
      throw new NotAllowedNow('awaiting_decision',
        `Hồ sơ ở bước "${c.state}" đang chờ quyết định; chuyển sau khi có quyết định / The case in state "${c.state}" awaits a decision: transfer it once decided`);
    }
    if (dto.kind === 'handover') {
      if (!isHandoverDue(c, def.transfer.handoverStates)) {
        throw new NotAllowedNow('handover_not_due',
          'Chỉ bàn giao hồ sơ hai xã/phường do nơi xảy ra chủ trì, sau khi đã đánh giá, cho xã/phường nơi trẻ cư trú / ' +
          'A handover is of a two-commune case led where it happened, once assessed, to the child’s residence commune');
      }
      if (to.code !== c.residence_commune_code) {
        throw new InvalidInput({ toCommuneCode: ['Bàn giao cho xã/phường nơi trẻ cư trú / A handover goes to the child’s residence commune'] });
      }
    }
    return to.code;
  }

  /** An event of the transfer's workflow: accept or decline (the receiving commune), cancel (the commune that asked). */
  async act(p: Principal, id: string, type: string, raw: Record<string, unknown>) {
    return this.db.transaction(async (tx) => {
      const t = await this.repo.visible(tx, p, id);
      if (!t) throw notFound();
      const event = { type, data: raw };
      await this.engine.apply(tx, 'handoff', id, event, actorOf(p), {
        authorize: async (row) => {
          const h = row as HandoffInstance;
          const contract = getWorkflow(h.workflow, h.workflow_version).events[type];
          if (!contract || !contract.roles.includes(p.role) || !transferMember(p, contract.membership, parties(t))) {
            throw new Forbidden('Bạn không được thực hiện thao tác này với đề nghị chuyển hồ sơ / You may not do this to the transfer');
          }
          event.data = await validateEventData(type, contract, raw, '');
          if (contract.fields.some((f) => f.kind === 'assignee')) await this.checkAcceptance(tx, h, t, String(event.data.assigneeId));
        },
      });
      return { transfer: await this.viewInTx(tx, p, id) };
    });
  }

  /** An acceptance assigns the case to a worker of the receiving commune, through its own workflow (which must take it now). */
  private async checkAcceptance(tx: Tx, h: HandoffInstance, t: TransferViewRow, assigneeId: string): Promise<void> {
    if (!(await this.access.mayBeAssigned(tx, assigneeId, t.to_commune_code))) {
      throw new InvalidInput({ assigneeId: ['Người được giao phải là cán bộ của xã/phường nhận / The assignee must be a social worker or supervisor of the receiving commune'] });
    }
    // The case is locked already (a transfer is locked after its case).
    const c = await this.cases.lock(tx, h.case.id);
    const assign = getWorkflow(c.workflow, c.workflow_version).transfer?.assignEvent;
    if (!assign || !this.engine.accepts(c, assign)) {
      throw new NotAllowedNow('awaiting_decision',
        `Hồ sơ ở bước "${c.state}" chưa nhận phân công; tiếp nhận sau khi có quyết định / The case in state "${c.state}" cannot be assigned now: accept it once decided`);
    }
  }

  async get(p: Principal, id: string) {
    return this.db.transaction(async (tx) => {
      const view = await this.viewInTx(tx, p, id);
      await this.audit.record(tx, { actor: actorOf(p), action: 'transfer.read', caseId: view.caseId, entity: 'handoff', entityId: id, details: {} });
      return view;
    });
  }

  /** The transfers asked of or by the caller's communes (commune and province staff; nobody else has any). */
  async list(p: Principal, q: ListTransfersQuery): Promise<Page<ReturnType<typeof transferView>>> {
    const open = statesOf('handoff', TRANSFER_WORKFLOW).filter((s) => !FINISHED.includes(s));
    const states = q.status === 'open' ? open : q.status && q.status !== 'all' ? [q.status] : null;
    return this.db.transaction(async (tx) => {
      const { rows, total } = await this.repo.page(tx, p, { direction: q.direction, states, page: q.page, pageSize: q.pageSize }, FINISHED);
      const items = rows.map((r) => this.view(p, r));
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'transfer.list', entity: 'handoff',
        details: { direction: q.direction ?? null, status: q.status ?? null, page: q.page, count: items.length, ids: items.map((i) => i.id) },
      });
      return { items, total, page: q.page, pageSize: q.pageSize };
    });
  }

  private async viewInTx(tx: Tx, p: Principal, id: string) {
    const t = await this.repo.visible(tx, p, id);
    if (!t) throw notFound();
    return this.view(p, t);
  }

  private view(p: Principal, t: TransferViewRow) {
    const def = getWorkflow(t.workflow, t.workflow_version);
    return transferView(t, def.terminalStates.includes(t.state), transferActions(p, parties(t), def.events, (type) => this.engine.accepts(t, type)));
  }
}

const parties = (t: TransferViewRow) => ({ fromCommuneCode: t.from_commune_code, fromProvinceCode: t.from_province_code, toCommuneCode: t.to_commune_code });
