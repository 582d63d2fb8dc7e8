import { Inject, Injectable } from '@nestjs/common';
import { currentWorkflow, getWorkflow, SEPARATION_WORKFLOW } from '../../workflows';
import type { SeparationContext, SeparationInput } from '../../workflows/temporary-separation/v1/machine';
import type { Actor } from '../../workflows/types';
import { AuditService } from '../audit/audit.service';
import { CasesRepository } from '../cases/cases.repository';
import { Clock } from '../common/clock';
import { CONFIG } from '../common/tokens';
import { CaseNotFound, Conflict, Forbidden, InvalidInput, NotAllowedNow, NotFound } from '../common/errors';
import type { AppConfig } from '../config/config';
import { Db, Tx } from '../database/db';
import type { Page } from '../common/pagination';
import { addLocalDays, localDate } from '../deadlines/business-calendar';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { validateEventData } from '../engine/event-data';
import { SYSTEM_ACTOR, WorkflowEngine } from '../engine/workflow-engine';
import { HandoffInstance, HandoffsRepository } from '../handoffs/handoffs.repository';
import { AccessRepository, caseScopeSql } from '../identity/access.repository';
import { caseProjection, HANDOFF_MANAGER_ROLES, NOT_LEAD_MESSAGE } from '../identity/policy';
import type { Principal } from '../identity/roles';
import type { ListSeparationsQuery, ProposeSeparationDto, SeparationEventDto } from './dto/separation.dto';
import type { SeparationView } from './dto/separation.response';
import { ageOn, CONSENT_AGE } from '../children/age';
import { SeparationRow, SeparationsRepository } from './separations.repository';

const actorOf = (p: Principal): Actor => ({ id: p.userId, role: p.role });
const notFound = () => new NotFound('Separation', 'việc tạm thời cách ly');
const DAY = 86_400_000;
/** Events only the chair sends: decisions of the commune (Luật Trẻ em Điều 52; NĐ 56 Điều 32). */
const CHAIR_EVENTS = ['DECIDE_SEPARATION', 'REJECT_SEPARATION', 'EXTEND_SEPARATION', 'REVOKE_SEPARATION'];
const OPEN = ['proposed', 'in_effect'];
/** At most this many days from the decision to the end, extensions included (a typing slip beyond). */
const MAX_EXTENDED_DAYS = 366;

/**
 * Temporary separation of a child and alternative care (workflow `temporary-separation`): proposed
 * by the case's social worker or supervisor while the case is verified, assessed or under
 * intervention; decided (Mẫu số 07), rejected, extended or revoked by the chair of the commune
 * leading the case — never by whoever proposed it; monitored by the workers' visits. Each is a
 * `handoffs` row addressed to the lead commune's child affairs office, so its deadlines fire,
 * escalate and reach the case's timeline as any handoff's do. Partner agencies see none of it.
 */
@Injectable()
export class SeparationsService {
  constructor(
    private readonly db: Db,
    private readonly repo: SeparationsRepository,
    private readonly handoffs: HandoffsRepository,
    private readonly cases: CasesRepository,
    private readonly access: AccessRepository,
    private readonly engine: WorkflowEngine,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async propose(p: Principal, caseId: string, dto: ProposeSeparationDto, idempotencyKey?: string) {
    const now = this.clock.now();
    return this.db.transaction((tx) => this.cases.once(tx, p.userId, idempotencyKey, ['separation.propose', caseId, dto], async () => {
      // Scope first: a case the caller cannot see is 404 whatever their role.
      if (!(await this.access.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      if (!HANDOFF_MANAGER_ROLES.includes(p.role)) {
        throw new Forbidden('Chỉ cán bộ xã/phường đề nghị tạm thời cách ly trẻ em / Only commune case staff propose a temporary separation');
      }
      const c = await this.cases.lock(tx, caseId);
      if (!(await this.access.leadsCase(tx, p, c.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
      const caseDef = getWorkflow(c.workflow, c.workflow_version);
      if (!caseDef.separationStates?.includes(c.state)) {
        throw new NotAllowedNow('separation_not_due',
          `Chỉ đề nghị cách ly khi hồ sơ đang xác minh, đánh giá hoặc can thiệp (bước hiện tại: "${c.state}") / ` +
          `A separation is proposed while the case is verified, assessed or under intervention (now: "${c.state}")`);
      }
      if (await this.repo.openOnCase(tx, c.id, OPEN)) {
        throw new Conflict('Hồ sơ đã có một đề nghị hoặc quyết định cách ly đang hiệu lực / The case has a separation proposed or in effect already');
      }
      const consent = await this.checkConsent(tx, c.id, dto, now);
      const office = await this.access.childAffairsOffice(tx, c.commune_code);
      if (!office) throw new InvalidInput({ caseId: ['Xã/phường chưa có bộ phận phụ trách trẻ em / The commune has no child affairs office'] });
      const def = currentWorkflow(SEPARATION_WORKFLOW);
      const dueAt = await this.deadlines.computeDue(def.deadlines.separation_decision, now);
      const input: SeparationInput = {
        separatedFrom: dto.separatedFrom, separatedFromName: dto.separatedFromName ?? null, reason: dto.reason,
        placement: {
          kind: dto.placement.kind, carerName: dto.placement.carerName, address: dto.placement.address,
          phone: dto.placement.phone ?? null, relation: dto.placement.relation ?? null,
        },
        consent, plannedDays: dto.plannedDays, decisionDueAt: dueAt.toISOString(),
      };
      const h = await this.engine.start<HandoffInstance>(tx, def, { ...input }, actorOf(p), now, async (snapshot, state) => ({
        ...(await this.handoffs.insert(tx, {
          caseId: c.id, kind: 'temporary_separation', agencyId: office, urgency: 'urgent', workflow: def.name, workflowVersion: def.version,
          instructions: dto.reason, dueAt, createdBy: p.userId,
        }, snapshot, state, now)),
        case: { id: c.id, code: c.code, commune_code: c.commune_code, received_at: c.received_at, assignee_id: c.assignee_id },
      }));
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'separation.propose', caseId: c.id, entity: 'handoff', entityId: h.id,
        details: { placement: dto.placement.kind, plannedDays: dto.plannedDays, consent: consent.given },
      });
      await this.engine.apply(tx, 'case', c.id, {
        type: 'HANDOFF_UPDATED', data: { handoffId: h.id, kind: h.kind, status: `${def.caseStatusPrefix ?? ''}${h.state}`, by: p.userId },
      }, SYSTEM_ACTOR);
      return { separation: await this.viewInTx(tx, p, h.id) };
    }));
  }

  /** The child's consent: required (given yes or no, and how) from the age of 7; not asked below. */
  private async checkConsent(tx: Tx, caseId: string, dto: ProposeSeparationDto, now: Date): Promise<SeparationContext['consent']> {
    const age = ageOn(await this.repo.childAge(tx, caseId), localDate(now));
    // An unknown age is treated as 7 or more: the child's opinion is asked rather than skipped.
    const asked = age === null || age >= CONSENT_AGE;
    if (!asked) return { given: null, method: null, note: null };
    if (!dto.consent) {
      throw new InvalidInput({
        consent: [`Trẻ từ đủ 7 tuổi trở lên: phải ghi ý kiến đồng ý của trẻ / The child is aged 7 or more${age === null ? ' (or of unknown age)' : ''}: record the child’s consent`],
      });
    }
    return { given: dto.consent.given, method: dto.consent.method, note: dto.consent.note ?? null };
  }

  /** An event of the separation's workflow. The chair (of the lead commune, not the proposer) decides; the workers record visits. */
  async act(p: Principal, id: string, dto: SeparationEventDto, idempotencyKey?: string) {
    const now = this.clock.now();
    const type = dto.type;
    const raw = dto.data ?? {};
    return this.db.transaction((tx) => this.cases.once(tx, p.userId, idempotencyKey, ['separation.event', id, type, raw, dto.expectedVersion], async () => {
      const s = await this.visible(tx, p, id);
      const def = getWorkflow(s.workflow, s.workflow_version);
      const event = { type, data: raw as Record<string, unknown> };
      await this.engine.apply(tx, 'handoff', id, event, actorOf(p), {
        expectedVersion: dto.expectedVersion,
        authorize: async (row) => {
          const h = row as HandoffInstance;
          const contract = def.events[type];
          if (!contract) throw new InvalidInput({ type: [`Không có thao tác "${type}" / Unknown event "${type}"`] });
          if (!contract.roles.includes(p.role)) {
            throw new Forbidden(CHAIR_EVENTS.includes(type)
              ? 'Chỉ Chủ tịch UBND xã/phường quyết định việc cách ly / Only the commune chair decides on a separation'
              : 'Bạn không được thực hiện thao tác này / You may not do this');
          }
          if (!(await this.access.leadsCase(tx, p, h.case.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
          if (type === 'DECIDE_SEPARATION' && h.created_by === p.userId) {
            throw new Forbidden('Người đề nghị không tự quyết định việc cách ly / Whoever proposed the separation does not decide it');
          }
          event.data = { ...(await validateEventData(type, contract, raw, '')), ...this.computed(type, h, event.data, raw, now) };
        },
      });
      return { separation: await this.viewInTx(tx, p, id) };
    }));
  }

  /** The dates and due instants the machine needs (it has no clock), from the event and the configuration. */
  private computed(type: string, h: HandoffInstance, _data: Record<string, unknown>, raw: Record<string, unknown>, now: Date): Record<string, unknown> {
    const ctx = (h.snapshot as unknown as { context: SeparationContext }).context;
    const { monitoringDays, endWarningDays } = this.config.separation;
    const nextVisitAt = new Date(now.getTime() + monitoringDays * DAY).toISOString();
    if (type === 'DECIDE_SEPARATION') {
      const startOn = localDate(now);
      const endsAt = new Date(now.getTime() + ctx.plannedDays * DAY);
      return {
        startOn, endOn: addLocalDays(startOn, ctx.plannedDays - 1), endsAt: endsAt.toISOString(),
        warnAt: new Date(endsAt.getTime() - endWarningDays * DAY).toISOString(), nextVisitAt,
      };
    }
    if (type === 'RECORD_VISIT') {
      const visitedOn = String(raw.visitedOn ?? '');
      if (visitedOn > localDate(now)) throw new InvalidInput({ 'data.visitedOn': ['Ngày thăm không được ở tương lai / The visit cannot be in the future'] });
      if (ctx.startOn && visitedOn < ctx.startOn) {
        throw new InvalidInput({ 'data.visitedOn': [`Ngày thăm phải từ ngày bắt đầu cách ly (${ctx.startOn}) / The visit is on or after the separation began (${ctx.startOn})`] });
      }
      return { nextVisitAt };
    }
    if (type === 'EXTEND_SEPARATION') {
      const newEndOn = String(raw.newEndOn ?? '');
      if (!ctx.endOn || !ctx.startOn || !ctx.endsAt || newEndOn <= ctx.endOn) {
        throw new InvalidInput({ 'data.newEndOn': [`Ngày kết thúc mới phải sau ngày ${ctx.endOn ?? ''} / The new end must be after ${ctx.endOn ?? ''}`] });
      }
      if (newEndOn > addLocalDays(ctx.startOn, MAX_EXTENDED_DAYS)) {
        throw new InvalidInput({ 'data.newEndOn': ['Ngày kết thúc mới quá xa / The new end date is too far ahead'] });
      }
      // The same hour of the day as the decided end, moved by the days added.
      const added = Math.round((Date.parse(`${newEndOn}T00:00:00Z`) - Date.parse(`${ctx.endOn}T00:00:00Z`)) / DAY);
      const endsAt = new Date(Date.parse(ctx.endsAt) + added * DAY);
      return { endsAt: endsAt.toISOString(), warnAt: new Date(endsAt.getTime() - endWarningDays * DAY).toISOString() };
    }
    return {};
  }

  /** The case's separations (newest first), to the case's commune staff and province-level readers; partners 403. */
  async list(p: Principal, caseId: string): Promise<{ items: SeparationView[] }> {
    return this.db.transaction(async (tx) => {
      if (!(await this.access.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      if (caseProjection(p.role) === 'need_to_know') {
        throw new Forbidden('Cơ quan phối hợp không xem việc cách ly của hồ sơ / Partner agencies do not see the case’s separations');
      }
      const rows = await this.repo.listForCase(tx, caseId);
      const items = rows.map((r) => this.view(p, r));
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'separation.list', caseId, entity: 'case', entityId: caseId, details: { count: items.length, ids: items.map((i) => i.id) },
      });
      return { items };
    });
  }

  /**
   * The separations of every case the caller may read (the case list's scope), newest first: the
   * chair's approvals list asks for `status=proposed`. Partner agencies: 403, as on a case.
   */
  async page(p: Principal, q: ListSeparationsQuery): Promise<Page<SeparationView>> {
    if (caseProjection(p.role) === 'need_to_know') {
      throw new Forbidden('Cơ quan phối hợp và cộng tác viên thôn không xem việc cách ly / Partner agencies and village collaborators do not see separations');
    }
    const states = !q.status || q.status === 'all' ? null : [q.status];
    const { rows, total } = await this.repo.page(this.db, (bind) => caseScopeSql(p, bind), states, q.page, q.pageSize);
    const items = rows.map((r) => this.view(p, r));
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: actorOf(p), action: 'separation.list', entity: 'handoff',
      details: { status: q.status ?? null, page: q.page, ids: items.map((i) => i.id) },
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(p: Principal, id: string) {
    return this.db.transaction(async (tx) => {
      const view = await this.viewInTx(tx, p, id);
      await this.audit.record(tx, { actor: actorOf(p), action: 'separation.read', caseId: view.caseId, entity: 'handoff', entityId: id, details: {} });
      return view;
    });
  }

  /** A separation whose case the caller may read; never to partner agencies (404: they do not learn it exists). */
  private async visible(tx: Tx, p: Principal, id: string): Promise<SeparationRow> {
    if (caseProjection(p.role) === 'need_to_know') throw notFound();
    const s = await this.repo.find(tx, id);
    if (!s || !(await this.access.caseInScope(tx, p, s.case_id))) throw notFound();
    return s;
  }

  private async viewInTx(tx: Tx, p: Principal, id: string): Promise<SeparationView> {
    return this.view(p, await this.visible(tx, p, id));
  }

  private view(p: Principal, r: SeparationRow): SeparationView {
    const def = getWorkflow(r.workflow, r.workflow_version);
    const c = r.snapshot.context as unknown as SeparationContext;
    const now = this.clock.now().getTime();
    const lead = p.communeCode === null || p.communeCode === r.commune_code;
    const allowed = Object.entries(def.events)
      .filter(([type, e]) => e.roles.includes(p.role) && lead && this.engine.accepts(r, type) && !(type === 'DECIDE_SEPARATION' && r.created_by === p.userId))
      .map(([type]) => type);
    return {
      id: r.id, caseId: r.case_id, caseCode: r.case_code, childName: r.child_name, state: r.state, version: r.version, workflow: r.workflow, workflowVersion: r.workflow_version,
      separatedFrom: c.separatedFrom, separatedFromName: c.separatedFromName, reason: c.reason, placement: c.placement, consent: c.consent,
      plannedDays: c.plannedDays, proposedBy: r.created_by, proposedByName: r.proposed_by_name, proposedAt: r.created_at,
      waitingMinutes: r.state === 'proposed' ? Math.max(0, Math.floor((now - new Date(r.created_at).getTime()) / 60_000)) : null,
      decisionDueAt: new Date(c.decisionDueAt), overdue: r.overdue, startOn: c.startOn, endOn: c.endOn,
      endsAt: c.endsAt ? new Date(c.endsAt) : null,
      daysLeft: r.state === 'in_effect' && c.endsAt ? Math.max(0, Math.ceil((Date.parse(c.endsAt) - now) / DAY)) : null,
      nextVisitAt: c.nextVisitAt ? new Date(c.nextVisitAt) : null, visits: c.visitLog ?? [], extensions: c.extensions,
      outcome: c.outcome, outcomeReason: c.outcomeReason,
      deadlines: r.deadlines.map((d) => ({ key: d.key, titleVi: d.title_vi, titleEn: d.title_en, dueAt: new Date(d.due_at), status: d.status, legalBasis: d.legal_basis })),
      allowedActions: allowed,
    };
  }
}
