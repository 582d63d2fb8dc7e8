import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { currentWorkflow, getWorkflow, listWorkflows, statesOf, URGENT_REPORT_WORKFLOW } from '../../workflows';
import type { UrgentReportContent, UrgentReportContext, UrgentReportInput } from '../../workflows/urgent-report/v1/machine';
import type { Actor } from '../../workflows/types';
import { URGENT_REPORT_HANDOFF_KIND, type UrgentIncidentKind } from '../../workflows/vocabulary';
import { AuditService } from '../audit/audit.service';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService, type IntakeFollowUp } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { CaseNotFound, Conflict, Forbidden, InvalidInput, NotFound } from '../common/errors';
import type { Page } from '../common/pagination';
import { CONFIG } from '../common/tokens';
import type { AppConfig } from '../config/config';
import { Db, Tx } from '../database/db';
import { renderPdf } from '../documents/layout';
import { urgentReportDocument } from '../documents/templates/urgent-report';
import { validateEventData } from '../engine/event-data';
import { SYSTEM_ACTOR, WorkflowEngine } from '../engine/workflow-engine';
import { HandoffInstance, HandoffsRepository } from '../handoffs/handoffs.repository';
import { AccessRepository } from '../identity/access.repository';
import { JURISDICTION_ROLES, NOT_LEAD_MESSAGE } from '../identity/policy';
import type { Principal } from '../identity/roles';
import type { ListUrgentReportsQuery, OpenUrgentReportDto, UrgentReportEventDto } from './dto/urgent-report.dto';
import { UrgentReportRow, UrgentReportsRepository } from './urgent-reports.repository';

const actorOf = (p: Principal): Actor => ({ id: p.userId, role: p.role });
const notFound = () => new NotFound('Urgent report', 'báo cáo đột xuất');

/** Every way a report ends, over every version of its workflow. */
const FINISHED = [...new Set(listWorkflows().filter((d) => d.name === URGENT_REPORT_WORKFLOW).flatMap((d) => d.terminalStates))];

/** Case staff who open a report on a case (of the commune leading it, or province-level). */
const OPENER_ROLES = ['social_worker', 'supervisor', 'chair'];

const iso = (v: Date | string | null | undefined) => (v === null || v === undefined ? null : new Date(v).toISOString());

/**
 * Urgent upward reports (workflow `urgent-report`): opened at intake when the report's answers call
 * for one (`urgentKindsOf`), or by the commune's staff on a case; each is a `handoffs` row addressed
 * to the province's Department of Health (agency type `provincial_health_department`), so its two
 * deadlines fire, escalate and reach the case's timeline as any handoff's do.
 */
@Injectable()
export class UrgentReportsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('UrgentReports');

  constructor(
    private readonly db: Db,
    private readonly repo: UrgentReportsRepository,
    private readonly handoffs: HandoffsRepository,
    private readonly cases: CasesRepository,
    private readonly casesService: CasesService,
    private readonly access: AccessRepository,
    private readonly engine: WorkflowEngine,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.casesService.onIntake(this.fromIntake);
  }

  /**
   * URGENT_REPORT_HOURS_BY_PROVINCE names provinces by code: a code the database does not hold (a
   * typo, or a province not yet imported) would silently leave that province on the default hours.
   * Said at start, loudly; not refused, since a province may be imported after the service starts.
   */
  async onApplicationBootstrap(): Promise<void> {
    const configured = Object.keys(this.config.urgentReportHoursByProvince);
    if (!configured.length) return;
    const known = new Set(await this.repo.provincesAmong(this.db, configured));
    const unknown = configured.filter((c) => !known.has(c));
    if (unknown.length) {
      this.logger.warn({ unknown, defaultHours: this.config.urgentReportHours },
        `URGENT_REPORT_HOURS_BY_PROVINCE names provinces the database does not hold (${unknown.join(', ')}): ` +
        `their hours apply to nothing until such a province exists; check the codes (GET /directory/communes lists them)`);
    }
  }

  /** At intake: a death, a serious injury, a drowning or a serious abuse opens the report at once (no province office: none). */
  private readonly fromIntake: IntakeFollowUp = async (tx, c, kinds, content, actor, now) => {
    if (!kinds.length) return;
    await this.open(tx, c.id, kinds as UrgentIncidentKind[], content, actor, now, 'intake');
  };

  /** The hours the province gives: its own, else the product default. */
  hoursFor(provinceCode: string): number {
    return this.config.urgentReportHoursByProvince[provinceCode] ?? this.config.urgentReportHours;
  }

  /** Opens a report on the (locked or lockable) case; returns its id, or null when the province has no Department of Health. */
  private async open(
    tx: Tx, caseId: string, kinds: UrgentIncidentKind[], content: UrgentReportContent, actor: Actor, now: Date, openedAt: 'intake' | 'case',
  ): Promise<string | null> {
    const c = await this.cases.lock(tx, caseId);
    const commune = await this.cases.commune(tx, c.commune_code);
    const agency = commune && await this.access.agencyOfTypeServing(tx, c.commune_code, 'provincial_health_department');
    if (!commune || !agency) return null;
    const hours = this.hoursFor(commune.province_code);
    const due = new Date(now.getTime() + hours * 3_600_000);
    const def = currentWorkflow(URGENT_REPORT_WORKFLOW);
    const input: UrgentReportInput = {
      kinds, communeCode: c.commune_code, provinceCode: commune.province_code, openedAt, hours,
      chairDueAt: due.toISOString(), provinceDueAt: due.toISOString(), content,
    };
    const h = await this.engine.start<HandoffInstance>(tx, def, { ...input }, actor, now, async (snapshot, state) => ({
      ...(await this.handoffs.insert(tx, {
        caseId: c.id, kind: URGENT_REPORT_HANDOFF_KIND, agencyId: agency, urgency: 'urgent', workflow: def.name, workflowVersion: def.version,
        instructions: `Báo cáo đột xuất / Urgent report: ${kinds.join(', ')}`, dueAt: due, createdBy: actor.role === 'system' ? null : actor.id,
      }, snapshot, state, now)),
      case: { id: c.id, code: c.code, commune_code: c.commune_code, received_at: c.received_at, assignee_id: c.assignee_id },
    }));
    await this.audit.record(tx, {
      actor, action: 'urgent_report.open', caseId: c.id, entity: 'handoff', entityId: h.id, details: { kinds, openedAt, hours, agencyId: agency },
    });
    await this.engine.apply(tx, 'case', c.id, {
      type: 'HANDOFF_UPDATED', data: { handoffId: h.id, kind: URGENT_REPORT_HANDOFF_KIND, status: `${def.caseStatusPrefix ?? ''}${h.state}`, by: actor.id },
    }, SYSTEM_ACTOR);
    return h.id;
  }

  /** A commune user opens a report on a case they lead. */
  async openOnCase(p: Principal, caseId: string, dto: OpenUrgentReportDto) {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      if (!(await this.access.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      if (!OPENER_ROLES.includes(p.role)) {
        throw new Forbidden('Chỉ cán bộ, lãnh đạo xã/phường lập báo cáo đột xuất / Only commune staff open an urgent report');
      }
      const c = await this.cases.lock(tx, caseId);
      // The commune leading the case, or province-level staff of its province (as for its other acts).
      if (!(await this.access.leadsCase(tx, p, c.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
      if (await this.repo.openOnCase(tx, caseId, FINISHED)) {
        throw new Conflict('Hồ sơ đã có báo cáo đột xuất đang xử lý / The case already has an urgent report under way');
      }
      const incident = await this.cases.openIncident(c.incident) as { description?: string; occurredAt?: string | null; location?: string | null };
      const content: UrgentReportContent = {
        summary: dto.summary ?? incident.description ?? '', occurredAt: incident.occurredAt ?? null, location: incident.location ?? null,
        children: null, consequences: null, actionsTaken: null, cause: null, proposals: null,
      };
      const id = await this.open(tx, caseId, dto.kinds, content, actorOf(p), now, 'case');
      if (!id) {
        throw new InvalidInput({ kinds: ['Tỉnh chưa có Sở Y tế trong hệ thống để nhận báo cáo / The province has no Department of Health to receive the report'] });
      }
      return { urgentReport: await this.viewInTx(tx, p, id) };
    });
  }

  async ofCase(p: Principal, caseId: string) {
    return this.db.transaction(async (tx) => {
      if (!(await this.access.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      if (!JURISDICTION_ROLES.includes(p.role)) {
        throw new Forbidden('Chỉ cán bộ xã/phường và cấp tỉnh xem báo cáo đột xuất / Only commune and province staff see urgent reports');
      }
      const items = (await this.repo.ofCase(tx, p, caseId)).map((r) => this.view(p, r));
      await this.audit.record(tx, { actor: actorOf(p), action: 'urgent_report.list_case', caseId, entity: 'handoff', details: { ids: items.map((i) => i.id) } });
      return { items };
    });
  }

  async list(p: Principal, q: ListUrgentReportsQuery): Promise<Page<ReturnType<UrgentReportsService['view']>>> {
    if (!JURISDICTION_ROLES.includes(p.role)) {
      throw new Forbidden('Chỉ cán bộ xã/phường và cấp tỉnh xem báo cáo đột xuất / Only commune and province staff see urgent reports');
    }
    const open = statesOf('handoff', URGENT_REPORT_WORKFLOW).filter((s) => !FINISHED.includes(s));
    const states = q.status === 'open' ? open : q.status && q.status !== 'all' ? [q.status] : null;
    return this.db.transaction(async (tx) => {
      const { rows, total } = await this.repo.page(tx, p, {
        states, communeCode: q.communeCode, overdue: q.overdue === undefined ? undefined : q.overdue === 'true', page: q.page, pageSize: q.pageSize,
      }, FINISHED);
      const items = rows.map((r) => this.view(p, r));
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'urgent_report.list', entity: 'handoff',
        details: { status: q.status ?? null, communeCode: q.communeCode ?? null, page: q.page, count: items.length, ids: items.map((i) => i.id) },
      });
      return { items, total, page: q.page, pageSize: q.pageSize };
    });
  }

  async get(p: Principal, id: string) {
    return this.db.transaction(async (tx) => {
      const view = await this.viewInTx(tx, p, id);
      await this.audit.record(tx, { actor: actorOf(p), action: 'urgent_report.read', caseId: view.caseId, entity: 'handoff', entityId: id, details: {} });
      return view;
    });
  }

  /** An event of the report's workflow, by whoever its contract names (role and membership). */
  async act(p: Principal, id: string, dto: UrgentReportEventDto) {
    return this.db.transaction(async (tx) => {
      const r = await this.repo.visible(tx, p, id);
      if (!r) throw notFound();
      const raw = dto.data ?? {};
      const event = { type: dto.type, data: raw };
      await this.engine.apply(tx, 'handoff', id, event, actorOf(p), {
        expectedVersion: dto.expectedVersion,
        authorize: async (row) => {
          const contract = getWorkflow(row.workflow, row.workflow_version).events[dto.type];
          if (!contract || !contract.roles.includes(p.role) || !member(p, contract.membership, r)) {
            throw new Forbidden('Bạn không được thực hiện thao tác này với báo cáo đột xuất / You may not do this to the urgent report');
          }
          event.data = await validateEventData(dto.type, contract, raw);
        },
      });
      return { urgentReport: await this.viewInTx(tx, p, id) };
    });
  }

  /** The report as a PDF (BÁO CÁO ĐỘT XUẤT, NĐ 30/2020 layout), signed by the chair, addressed to Sở Y tế. Audited. */
  async document(p: Principal, id: string): Promise<{ pdf: Buffer; filename: string }> {
    return this.db.transaction(async (tx) => {
      const r = await this.repo.visible(tx, p, id);
      if (!r) throw notFound();
      const c = r.snapshot.context as unknown as UrgentReportContext;
      const spec = urgentReportDocument({
        issuer: { communeName: r.commune_name }, caseCode: r.case_code, addressedTo: r.agency_name, kinds: c.kinds, content: c.content,
        openedAt: r.created_at, state: r.state, chairName: await this.repo.chairName(tx, r.commune_code),
      });
      await this.audit.record(tx, { actor: actorOf(p), action: 'urgent_report.document', caseId: r.case_id, entity: 'handoff', entityId: id, details: {} });
      return { pdf: await renderPdf(spec), filename: `bao-cao-dot-xuat-${r.case_code}.pdf` };
    });
  }

  private async viewInTx(tx: Tx, p: Principal, id: string) {
    const r = await this.repo.visible(tx, p, id);
    if (!r) throw notFound();
    return this.view(p, r);
  }

  view(p: Principal, r: UrgentReportRow) {
    const c = r.snapshot.context as unknown as UrgentReportContext;
    const def = getWorkflow(r.workflow, r.workflow_version);
    const person = (id: string | null) => (id ? { id, name: r.names?.[id] ?? null } : null);
    const deadlines = (r.deadlines ?? []).map((d) => ({
      key: d.key, titleVi: d.title_vi, titleEn: d.title_en, dueAt: iso(d.due_at)!, status: d.status, settledAt: iso(d.settled_at), escalationLevel: d.escalation_level,
    }));
    const settled = (key: string) => (c[key === 'urgent_report_chair' ? 'chairReceivedBy' : 'provinceAcknowledgedBy'] ? deadlines.find((d) => d.key === key)?.settledAt ?? null : null);
    return {
      id: r.id, caseId: r.case_id, caseCode: r.case_code, commune: { code: r.commune_code, name: r.commune_name }, provinceCode: r.province_code,
      addressedTo: { code: r.agency_id, name: r.agency_name }, kinds: c.kinds, openedAt: c.openedAt, state: r.state, version: r.version,
      overdue: r.overdue, hours: c.hours, content: c.content, submittedBy: person(c.submittedBy),
      chairReceivedBy: person(c.chairReceivedBy), chairNote: c.chairNote, chairReceivedAt: settled('urgent_report_chair'),
      provinceAcknowledgedBy: person(c.provinceAcknowledgedBy), provinceNote: c.provinceNote, provinceAcknowledgedAt: settled('urgent_report_province'),
      outcome: c.outcome, reason: c.reason, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, deadlines,
      allowedActions: Object.entries(def.events)
        .filter(([type, contract]) => contract.roles.includes(p.role) && member(p, contract.membership, r) && this.engine.accepts(r, type))
        .map(([type]) => type),
    };
  }
}

/**
 * Who may send an event of a report: the reporting commune's own staff (`lead_commune`: not the
 * province's) write, send, close and withdraw it and its chair receives it; the members of the
 * Department of Health it is addressed to (`receiving_agency`) acknowledge it.
 */
function member(p: Principal, membership: string | undefined, r: Pick<UrgentReportRow, 'commune_code' | 'agency_id'>): boolean {
  if (membership === 'lead_commune') return p.communeCode !== null && p.communeCode === r.commune_code;
  if (membership === 'receiving_agency') return p.agencyId === r.agency_id;
  return false;
}
