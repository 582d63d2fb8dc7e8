import { Injectable } from '@nestjs/common';
import { CasesService } from '../cases/cases.service';
import { CASE_STATES } from '../cases/dto/list-cases.dto';
import { Clock } from '../common/clock';
import { CaseNotFound, Conflict, DomainError, Forbidden, InvalidInput, NotFound } from '../common/errors';
import { AuditService } from '../audit/audit.service';
import { Db, Tx } from '../database/db';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { AccessRepository } from '../identity/access.repository';
import { NOT_LEAD_MESSAGE } from '../identity/policy';
import type { Principal } from '../identity/roles';
import { CHAIR_DEADLINES } from '../oversight/overdue-item';
import { CaseworkRepository, type FlagRow } from './casework.repository';
import type { AgendaQuery, BulkReassignDto, CaseloadQuery, FlagCaseDto } from './dto/casework.dto';
import { agendaEntry, caseload, supportAgendaEntry, weekOf } from './figures';

const actorOf = (p: Principal) => ({ id: p.userId, role: p.role });

function flagView(r: FlagRow) {
  return {
    id: r.id, caseId: r.case_id, reason: r.reason, note: r.note, flaggedBy: { id: r.flagged_by, name: r.flagged_by_name }, flaggedAt: r.flagged_at,
    open: r.cleared_at === null, clearedBy: r.cleared_by ? { id: r.cleared_by, name: r.cleared_by_name } : null, clearedAt: r.cleared_at, clearNote: r.clear_note,
  };
}

/** Supervisors' casework tools: caseload per worker, agenda of due steps, bulk reassignment, flags. */
@Injectable()
export class CaseworkService {
  constructor(
    private readonly db: Db,
    private readonly repo: CaseworkRepository,
    private readonly cases: CasesService,
    private readonly access: AccessRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly deadlines: DeadlinesService,
  ) {}

  /** A commune asked for must be one the caller's jurisdiction covers: otherwise it does not exist for them (404). */
  private async checkCommune(tx: Tx, p: Principal, communeCode: string | undefined): Promise<void> {
    if (communeCode === undefined) return;
    const province = await this.repo.communeProvince(tx, communeCode);
    const covers = p.communeCode ? p.communeCode === communeCode : province !== undefined && province === p.provinceCode;
    if (!covers) throw new NotFound('Commune', 'xã/phường');
  }

  async caseload(p: Principal, q: CaseloadQuery) {
    return this.db.transaction(async (tx) => {
      await this.checkCommune(tx, p, q.communeCode);
      const now = this.clock.now();
      const week = weekOf(now);
      const rows = await this.repo.caseload(tx, p, q.communeCode, now, week.weekEndsAt);
      const assignees = [...new Set(rows.map((r) => r.assignee_id).filter((id): id is string => id !== null))];
      const workers = await this.repo.workers(tx, p, q.communeCode, assignees);
      return { communeCode: q.communeCode ?? null, asOf: now, weekEnds: week.weekEnds, ...caseload(rows, workers, CASE_STATES) };
    });
  }

  /**
   * Case deadlines due by the end of this week (and those already late): the caller's own (a
   * worker's assigned cases, not the chair's decisions; the chair's decisions), or — for
   * supervisors, the chair and auditors — every one in their scope; beside them the
   * special-circumstances supports' deadlines of the caller's commune (their own: the entries they registered).
   */
  async agenda(p: Principal, q: AgendaQuery) {
    if (q.scope === 'commune' && p.role === 'social_worker') {
      throw new Forbidden('Lịch việc của cả xã dành cho giám sát viên và chủ tịch / The commune’s agenda is for supervisors and the chair');
    }
    return this.db.transaction(async (tx) => {
      await this.checkCommune(tx, p, q.communeCode);
      const now = this.clock.now();
      const week = weekOf(now);
      const own = q.scope === 'mine'
        ? p.role === 'chair' ? { keys: CHAIR_DEADLINES } : { assigneeId: p.userId, notKeys: CHAIR_DEADLINES }
        : {};
      const rows = p.role === 'auditor' && q.scope === 'mine' ? [] // an auditor reads; no step is theirs
        : await this.repo.agenda(tx, p, { communeCode: q.communeCode, until: week.weekEndsAt, ...own });
      // A support's steps are owed by the worker who registered the child; the chair owes none.
      const supports = q.scope === 'mine' && p.role === 'chair' ? []
        : await this.repo.supportAgenda(tx, p, { communeCode: q.communeCode, until: week.weekEndsAt, ...(q.scope === 'mine' ? { registeredBy: p.userId } : {}) });
      const holidays = await this.deadlines.holidays();
      return {
        scope: q.scope, today: week.today, weekEnds: week.weekEnds, items: rows.map((r) => agendaEntry(r, now, week, holidays)),
        supports: supports.map((r) => supportAgendaEntry(r, now, week, holidays)),
      };
    });
  }

  /**
   * Assigns each case to the same worker, one by one through the case's own command path (its
   * ASSIGN event at the version the supervisor saw: checked, audited, the worker notified, on the
   * timeline); one case failing does not stop the others and is reported with its own status.
   */
  async reassign(p: Principal, dto: BulkReassignDto) {
    const commune = await this.db.transaction((tx) => this.repo.assignableCommune(tx, dto.assigneeId));
    if (!commune || !(p.communeCode ? p.communeCode === commune.code : p.provinceCode === commune.province_code)) {
      throw new InvalidInput({ assigneeId: ['Người được giao phải là cán bộ xã/phường bạn phụ trách / The assignee must be a social worker or supervisor of a commune you oversee'] });
    }
    const results: Array<Record<string, unknown> & { caseId: string; status: number }> = [];
    for (const c of dto.cases) {
      try {
        const view = await this.cases.sendEvent(p, c.id, { type: 'ASSIGN', data: { assigneeId: dto.assigneeId }, expectedVersion: c.expectedVersion });
        results.push({ caseId: c.id, status: 200, code: view.code, version: view.version });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        results.push({ caseId: c.id, status: e.status, message: e.message, ...(e.details ? { details: e.details } : {}) });
      }
    }
    const reassigned = results.filter((r) => r.status === 200).length;
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: actorOf(p), action: 'casework.bulk_reassign', entity: 'case', details: {
        assigneeId: dto.assigneeId, reassigned: results.filter((r) => r.status === 200).map((r) => r.caseId),
        failed: results.filter((r) => r.status !== 200).map((r) => ({ caseId: r.caseId, status: r.status })),
      },
    }));
    return { assigneeId: dto.assigneeId, reassigned, failed: results.length - reassigned, results };
  }

  /** The case's flags (open first); the read is audited (their notes may speak of the child). */
  async flags(p: Principal, caseId: string) {
    return this.db.transaction(async (tx) => {
      if (!(await this.access.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      const rows = await this.repo.flags(tx, caseId);
      await this.audit.record(tx, { actor: actorOf(p), action: 'case.flags_read', caseId, entity: 'case', entityId: caseId, details: { count: rows.length } });
      return { items: rows.map(flagView) };
    });
  }

  /** The commune leading the case acts on its flags: its case, if the caller leads it (404 out of scope, 403 from a partner commune). */
  private async ledCase(tx: Tx, p: Principal, caseId: string): Promise<void> {
    const commune = await this.access.caseCommuneInScope(tx, p, caseId);
    if (commune === undefined) throw new CaseNotFound();
    if (!(await this.access.leadsCase(tx, p, commune))) throw new Forbidden(NOT_LEAD_MESSAGE);
  }

  async flag(p: Principal, caseId: string, dto: FlagCaseDto) {
    if (dto.reason === 'other' && dto.note === undefined) {
      throw new InvalidInput({ note: ['Ghi rõ lý do khi chọn "khác" / Say why when the reason is "other"'] });
    }
    return this.db.transaction(async (tx) => {
      await this.ledCase(tx, p, caseId);
      const id = await this.repo.insertFlag(tx, { caseId, reason: dto.reason, note: dto.note ?? null, by: p.userId, at: this.clock.now() });
      if (!id) throw new Conflict('Hồ sơ đã được gắn cờ với lý do này / The case already has an open flag for this reason');
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'case.flagged', caseId, entity: 'case_flag', entityId: id, details: { reason: dto.reason },
      });
      return { flag: flagView((await this.repo.flag(tx, caseId, id))!) };
    });
  }

  async clearFlag(p: Principal, caseId: string, flagId: string, note: string | undefined) {
    return this.db.transaction(async (tx) => {
      await this.ledCase(tx, p, caseId);
      const existing = await this.repo.flag(tx, caseId, flagId);
      if (!existing) throw new NotFound('Flag', 'cờ');
      if (!(await this.repo.clearFlag(tx, flagId, p.userId, this.clock.now(), note ?? null))) {
        throw new Conflict('Cờ này đã được gỡ / This flag was already cleared');
      }
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'case.flag_cleared', caseId, entity: 'case_flag', entityId: flagId, details: { reason: existing.reason },
      });
      return { flag: flagView((await this.repo.flag(tx, caseId, flagId))!) };
    });
  }
}
