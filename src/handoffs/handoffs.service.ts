import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { CasesService } from '../cases/cases.service';
import { ageYears, deadlineView, DeadlineViewRow, givenName, handoffView } from '../cases/case-views';
import { Clock } from '../common/clock';
import { CaseNotFound, EventNotAllowed, Forbidden, InvalidInput, NotFound } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db, Tx } from '../database/db';
import { SYSTEM_ACTOR, WorkflowEngine } from '../engine/workflow-engine';
import { caseProjection, HANDOFF_AGENCY_ACTIONS, HANDOFF_MANAGER_ROLES, handoffActions, isPartner } from '../identity/policy';
import type { Principal } from '../identity/roles';
import type { CreateHandoffDto, InboxQuery } from './dto/handoff.dto';

const actorOf = (p: Principal) => ({ id: p.userId, role: p.role });

/** Events the receiving agency sends; CANCEL is the commune's. */
const AGENCY_EVENTS = new Set<string>(HANDOFF_AGENCY_ACTIONS);

@Injectable()
export class HandoffsService {
  constructor(
    private readonly db: Db,
    private readonly engine: WorkflowEngine,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A social worker (or supervisor) of the case's commune asks an agency for work on the case. */
  async create(p: Principal, caseId: string, dto: CreateHandoffDto) {
    const now = this.clock.now();
    if (dto.dueAt && new Date(dto.dueAt).getTime() <= now.getTime()) {
      throw new InvalidInput({ dueAt: ['Hạn phải ở tương lai / dueAt must be in the future'] });
    }
    return this.db.transaction(async (tx) => {
      // Scope first: a case the caller cannot see is 404 whatever their role.
      if (!(await this.cases.inScope(tx, p, caseId))) throw new CaseNotFound();
      if (!HANDOFF_MANAGER_ROLES.includes(p.role)) {
        throw new Forbidden('Chỉ cán bộ xã/phường tạo yêu cầu phối hợp / Only commune case staff create handoffs');
      }
      const caseRow = await this.engine.lockCase(tx, caseId);
      if (caseRow.state === 'closed') {
        throw new EventNotAllowed('CREATE_HANDOFF', caseRow.state, []);
      }
      const [agency]: Array<{ id: string; type: string }> = await tx.query(
        `SELECT a.id, a.type FROM agencies a JOIN communes m ON m.code = $2
          WHERE a.id = $1 AND (a.commune_code = m.code OR (a.commune_code IS NULL AND a.province_code = m.province_code))
            AND a.type NOT IN ('hotline_111', 'people_committee', 'provincial_health_department')`,
        [dto.agencyId, caseRow.commune_code],
      );
      if (!agency) {
        throw new InvalidInput({ agencyId: ['Cơ quan không phục vụ xã/phường của hồ sơ / The agency does not serve the case’s commune'] });
      }
      const h = await this.engine.createHandoff(tx, caseRow, {
        kind: dto.kind, agencyType: agency.type, agencyId: agency.id, urgency: dto.urgency, instructions: dto.instructions,
        dueAt: dto.dueAt ? new Date(dto.dueAt) : undefined,
      }, actorOf(p), now);
      await this.engine.applyCaseEvent(tx, caseId, {
        type: 'HANDOFF_UPDATED', data: { handoffId: h.id, kind: h.kind, status: 'offered', agencyId: agency.id, by: p.userId },
      }, SYSTEM_ACTOR);
      return { handoff: await this.viewInTx(tx, p, h.id) };
    });
  }

  /** accept / decline / start / complete by the receiving agency; cancel by the commune's case staff. */
  async act(p: Principal, handoffId: string, type: 'ACCEPT' | 'DECLINE' | 'START' | 'COMPLETE' | 'CANCEL', data: Record<string, unknown>) {
    return this.db.transaction(async (tx) => {
      await this.visible(tx, p, handoffId);
      await this.engine.applyHandoffEvent(tx, handoffId, { type, data }, actorOf(p), {
        authorize: (h) => {
          const allowed = AGENCY_EVENTS.has(type) ? h.agency_id === p.agencyId : HANDOFF_MANAGER_ROLES.includes(p.role);
          if (!allowed) throw new Forbidden('Bạn không được thực hiện thao tác này với yêu cầu / You may not do this to the handoff');
        },
      });
      return { handoff: await this.viewInTx(tx, p, handoffId) };
    });
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
    const states = q.status === 'open' ? ['offered', 'accepted', 'in_progress'] : q.status ? [q.status] : null;
    const rows: Array<Record<string, unknown> & { id: string; total: string }> = await this.db.query(
      `SELECT h.id, count(*) OVER () AS total FROM handoffs h
        WHERE h.agency_id = $1 AND ($2::text[] IS NULL OR h.state = ANY($2))
        ORDER BY (h.state IN ('offered', 'accepted', 'in_progress')) DESC, h.urgency = 'urgent' DESC, h.due_at ASC
        LIMIT $3 OFFSET $4`,
      [p.agencyId, states, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items = await this.db.transaction(async (tx) => {
      const views = [];
      for (const r of rows) views.push(await this.viewInTx(tx, p, r.id));
      return views;
    });
    return { items, total: rows.length ? Number(rows[0].total) : 0, page: q.page, pageSize: q.pageSize };
  }

  /**
   * The handoff if the caller may see it, else 404: their own agency's, or any handoff of a case
   * they see in full or restricted view. Partner agencies never see another agency's work.
   */
  private async visible(tx: Tx, p: Principal, handoffId: string): Promise<{ case_id: string; agency_id: string }> {
    const [h]: Array<{ case_id: string; agency_id: string }> = await tx.query(`SELECT case_id, agency_id FROM handoffs WHERE id = $1`, [handoffId]);
    const visible = h && (h.agency_id === p.agencyId ||
      (caseProjection(p.role) !== 'need_to_know' && (await this.cases.inScope(tx, p, h.case_id))));
    if (!visible) throw new NotFound('Handoff', 'yêu cầu phối hợp');
    return h;
  }

  /**
   * A handoff with the need-to-know view of its case: child's first name and age, commune,
   * incident types, instructions and deadlines — never the reporter or other agencies' work.
   */
  private async viewInTx(tx: Tx, p: Principal, handoffId: string) {
    const h = await this.visible(tx, p, handoffId);
    const [full] = (await this.cases.handoffRows(tx, h.case_id)).filter((r) => r.id === handoffId);
    const [c]: Array<{ code: string; commune_code: string; abuse_types: string[]; state: string; full_name: string | null;
      date_of_birth: string | null; approx_age_years: number | null; sex: string; commune_name: string }> = await tx.query(
      `SELECT c.code, c.commune_code, c.abuse_types, c.state, ch.full_name, to_char(ch.date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
              ch.approx_age_years, ch.sex, m.name AS commune_name
         FROM cases c JOIN case_children ch ON ch.case_id = c.id JOIN communes m ON m.code = c.commune_code WHERE c.id = $1`,
      [h.case_id],
    );
    const deadlines: DeadlineViewRow[] = await tx.query(
      `SELECT id, handoff_id, key, title_vi, title_en, legal_basis, starts_at, due_at, status, settled_at, breached_at, escalation_level
         FROM deadlines WHERE handoff_id = $1 ORDER BY due_at`, [handoffId],
    );
    const allowed = handoffActions(p, h.agency_id, (t) => this.engine.handoffAccepts(full.state, t));
    return {
      ...handoffView(full),
      caseId: h.case_id,
      case: {
        id: h.case_id, code: c.code, state: c.state, communeCode: c.commune_code, communeName: c.commune_name,
        child: { firstName: givenName(c.full_name), ageYears: ageYears(c, this.clock.now()), sex: c.sex },
        incidentTypes: c.abuse_types,
      },
      deadlines: deadlines.map(deadlineView),
      allowedActions: allowed,
    };
  }
}
