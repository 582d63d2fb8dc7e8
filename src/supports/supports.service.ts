import { Inject, Injectable } from '@nestjs/common';
import { currentWorkflow, getWorkflow, SUPPORT_WORKFLOW } from '../../workflows';
import type { SupportContext, SupportInput } from '../../workflows/special-circumstances-support/v1/machine';
import type { Actor } from '../../workflows/types';
import type { SpecialCircumstance } from '../../workflows/vocabulary';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { CONFIG } from '../common/tokens';
import { Conflict, Forbidden, InvalidInput, NotAllowedNow, NotFound } from '../common/errors';
import type { AppConfig } from '../config/config';
import { Db, Tx } from '../database/db';
import { localDate } from '../deadlines/business-calendar';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { validateEventData } from '../engine/event-data';
import { WorkflowEngine } from '../engine/workflow-engine';
import { childScopeSql, type Bind } from '../identity/access.repository';
import { JURISDICTION_ROLES } from '../identity/policy';
import type { Principal } from '../identity/roles';
import type { ListSupportsQuery, RegisterSupportDto, SupportEventDto, SupportSummaryQuery } from './dto/support.dto';
import type { SupportDetail, SupportSummary, SupportView } from './dto/support.response';
import { supportCode } from './support-store';
import { SupportDetailRow, supportNotFound, SupportRow, SupportsRepository } from './supports.repository';

const actorOf = (p: Principal): Actor => ({ id: p.userId, role: p.role });
/** Commune staff who keep the register (register, assess, plan, grant, review, exit). */
const KEEPERS = ['social_worker', 'supervisor'];
/** Commune staff who see their commune's entries: the keepers and the chair. */
const READERS = [...KEEPERS, 'chair'];
/** More register entries than one child ever has (one open at a time, each a registration to an exit). */
const CHILD_ENTRIES = 100;

/**
 * Who sees what of the register (README "Scope"): the social workers and supervisors of the
 * commune holding a support see and keep it, its chair sees it; everyone else sees no entry (404
 * for one, 403 for the list). Oversight — commune auditors, province-level staff, national auditors
 * — sees the counts per commune only (`summary`); partner agencies, hotline, collaborators and
 * administrators nothing.
 */
export function supportScopeSql(p: Principal, bind: Bind, alias = 's'): string {
  if (!readsRegister(p)) return 'FALSE';
  return `${alias}.commune_code = ${bind(p.communeCode)}`;
}

/** Whether the caller sees their commune's entries (a commune's social worker, supervisor or chair). */
function readsRegister(p: Principal): p is Principal & { communeCode: string } {
  return READERS.includes(p.role) && p.communeCode !== null;
}

/** The communes whose counts the caller sees, as a predicate over `communes m` (null: none). */
function summaryCommunesSql(p: Principal): ((bind: Bind) => string) | null {
  if (!JURISDICTION_ROLES.includes(p.role)) return null;
  if (p.communeCode) return (bind) => `m.code = ${bind(p.communeCode)}`;
  if (p.provinceCode) return (bind) => `m.province_code = ${bind(p.provinceCode)}`;
  // A national auditor (no province) oversees every commune.
  return p.role === 'auditor' ? () => 'TRUE' : null;
}

/** The instant `months` calendar months after `from` (the same day of the month, or the month's last). */
function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * The register of children in special circumstances (workflow `special-circumstances-support`):
 * a child of the registry is registered by the social workers or supervisors of the commune they
 * live in, with the groups of Luật Trẻ em Điều 10 that apply; assessed, given a support plan with
 * services, reviewed every six months and exited — each a transition of the support's own
 * instance, whose deadlines fire and escalate as a case's do.
 */
@Injectable()
export class SupportsService {
  constructor(
    private readonly db: Db,
    private readonly repo: SupportsRepository,
    private readonly engine: WorkflowEngine,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async register(p: Principal, childId: string, dto: RegisterSupportDto): Promise<{ support: SupportDetail }> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      // Scope first: a child the caller cannot see is 404 whatever their role.
      const child = await this.repo.child(tx, childId, (bind) => childScopeSql(p, bind));
      if (!child) throw new NotFound('Child', 'trẻ em');
      if (!KEEPERS.includes(p.role) || !p.communeCode) {
        throw new Forbidden('Chỉ cán bộ xã/phường đăng ký trẻ em có hoàn cảnh đặc biệt / Only commune staff register a child in special circumstances');
      }
      if (child.residence_commune_code !== p.communeCode) {
        throw new NotAllowedNow('support_not_resident',
          'Trẻ em được đăng ký tại xã/phường nơi trẻ cư trú: hãy ghi nơi cư trú của trẻ trong hồ sơ trẻ em / ' +
          'A child is registered by the commune they live in: record the child’s residence in the registry first');
      }
      if (await this.repo.openForChild(tx, childId)) {
        throw new Conflict('Trẻ em đã có trong danh sách trẻ em có hoàn cảnh đặc biệt / The child is already on the register');
      }
      const def = currentWorkflow(SUPPORT_WORKFLOW);
      const due = await this.deadlines.computeDue({ ...def.deadlines.support_assessment, rule: { workingDays: this.config.support.assessmentWorkingDays } }, now);
      const input: SupportInput = {
        childId, communeCode: p.communeCode, groups: dto.groups as SpecialCircumstance[], note: dto.note ?? null, assessmentDueAt: due.toISOString(),
      };
      const row = await this.engine.start<SupportRow>(tx, def, { ...input }, actorOf(p), now, (snapshot, state) => this.repo.insert(tx, {
        childId, communeCode: p.communeCode!, groups: dto.groups, workflow: def.name, workflowVersion: def.version, registeredBy: p.userId,
        registeredByRole: p.role,
      }, snapshot, state, now));
      await this.audit.record(tx, {
        actor: actorOf(p), action: 'support.register', entity: 'child_support', entityId: row.id, details: { childId, groups: dto.groups },
      });
      return { support: await this.detail(tx, p, row.id) };
    });
  }

  async act(p: Principal, id: string, dto: SupportEventDto): Promise<{ support: SupportDetail }> {
    const now = this.clock.now();
    const type = dto.type;
    const raw = dto.data ?? {};
    return this.db.transaction(async (tx) => {
      const event = { type, data: raw as Record<string, unknown> };
      await this.engine.apply(tx, 'support', id, event, actorOf(p), {
        expectedVersion: dto.expectedVersion,
        scope: (bind) => supportScopeSql(p, bind),
        authorize: async (row) => {
          const s = row as SupportRow;
          const contract = getWorkflow(s.workflow, s.workflow_version).events[type];
          if (!contract) throw new InvalidInput({ type: [`Không có thao tác "${type}" / Unknown event "${type}"`] });
          if (!contract.roles.includes(p.role)) {
            throw new Forbidden('Chỉ công chức, cán bộ xã/phường theo dõi trẻ em thực hiện thao tác này / Only the commune’s social workers and supervisors do this');
          }
          const data = await validateEventData(type, contract, raw, '');
          event.data = { ...data, ...(await this.computed(type, s, data, now)) };
        },
      });
      return { support: await this.detail(tx, p, id) };
    });
  }

  /** The due instants the machine needs (it has no clock), and the checks of dates no field spec can state. */
  private async computed(type: string, s: SupportRow, data: Record<string, unknown>, now: Date): Promise<Record<string, unknown>> {
    const ctx = s.snapshot.context as unknown as SupportContext;
    const today = localDate(now);
    const notFuture = (key: string) => {
      if (typeof data[key] === 'string' && String(data[key]) > today) throw new InvalidInput({ [`data.${key}`]: ['Ngày không được ở tương lai / The date cannot be in the future'] });
    };
    const def = getWorkflow(s.workflow, s.workflow_version);
    const nextReviewAt = () => addMonths(now, this.config.support.reviewMonths).toISOString();
    switch (type) {
      case 'ASSESS': {
        notFuture('assessedOn');
        const due = await this.deadlines.computeDue({ ...def.deadlines.support_plan, rule: { workingDays: this.config.support.planWorkingDays } }, now);
        return { planDueAt: due.toISOString() };
      }
      case 'PLAN': {
        const services = (data.services as unknown[] | undefined) ?? [];
        if (services.length === 0) {
          throw new InvalidInput({ 'data.services': ['Kế hoạch hỗ trợ cần ít nhất một chính sách, dịch vụ / The plan grants at least one policy or service'] });
        }
        return { nextReviewAt: nextReviewAt() };
      }
      case 'REVIEW':
        notFuture('reviewedOn');
        return { nextReviewAt: nextReviewAt() };
      case 'END_SERVICE': {
        const service = ctx.services.find((x) => x.seq === data.service);
        if (!service || service.endedOn !== null) {
          throw new InvalidInput({ 'data.service': ['Không có chính sách, dịch vụ đang hưởng với số này / No service still granted has this number'] });
        }
        if (String(data.endedOn) < service.grantedOn) {
          throw new InvalidInput({ 'data.endedOn': [`Ngày chấm dứt phải từ ngày ${service.grantedOn} / The end is on or after ${service.grantedOn}`] });
        }
        return {};
      }
      case 'EXIT':
        notFuture('exitedOn');
        return {};
      default:
        return {};
    }
  }

  async list(p: Principal, q: ListSupportsQuery) {
    if (!readsRegister(p)) {
      throw new Forbidden('Chỉ cán bộ xã/phường xem danh sách trẻ em có hoàn cảnh đặc biệt; cấp tỉnh xem số liệu tổng hợp / ' +
        'Only commune staff see the register; oversight sees the counts (GET /supports/summary)');
    }
    const statuses = !q.status || q.status === 'all' ? null : q.status === 'open' ? ['registered', 'assessed', 'supported', 'reviewing'] : [q.status];
    const { rows, total } = await this.repo.page(this.db, (bind) => supportScopeSql(p, bind),
      { communeCode: q.communeCode, childId: q.childId, statuses, overdue: q.overdue === 'true' }, q.page, q.pageSize);
    const items = rows.map((r) => this.view(p, r));
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: actorOf(p), action: 'support.list', entity: 'child_support',
      details: { status: q.status ?? null, communeCode: q.communeCode ?? null, childId: q.childId ?? null, page: q.page, ids: items.map((i) => i.id) },
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(p: Principal, id: string): Promise<SupportDetail> {
    return this.db.transaction(async (tx) => {
      const view = await this.detail(tx, p, id);
      await this.audit.record(tx, { actor: actorOf(p), action: 'support.read', entity: 'child_support', entityId: id, details: { childId: view.child.id } });
      return view;
    });
  }

  /**
   * A child's register entries the caller sees (their commune's, exited ones too), each as
   * `GET /supports/:id` answers it and audited as such: what the child export holds of the register.
   */
  async ofChild(p: Principal, childId: string): Promise<SupportDetail[]> {
    if (!readsRegister(p)) return [];
    const { rows } = await this.repo.page(this.db, (bind) => supportScopeSql(p, bind), { childId, statuses: null }, 1, CHILD_ENTRIES);
    const entries: SupportDetail[] = [];
    for (const r of rows) entries.push(await this.get(p, r.id));
    return entries;
  }

  /** Per commune of the caller's jurisdiction (narrowed by the query): children registered, and of those supported. */
  async summary(p: Principal, q: SupportSummaryQuery): Promise<SupportSummary> {
    const mine = summaryCommunesSql(p);
    if (!mine) {
      throw new Forbidden('Chỉ cán bộ xã/phường, cấp tỉnh và thanh tra xem số liệu này / Only commune, province and oversight staff see these counts');
    }
    const items = await this.repo.counts(this.db, (bind) => [
      mine(bind),
      ...(q.provinceCode ? [`m.province_code = ${bind(q.provinceCode)}`] : []),
      ...(q.communeCode ? [`m.code = ${bind(q.communeCode)}`] : []),
    ].join(' AND '));
    // A province or commune named outside the caller's jurisdiction (or unknown) does not exist for them.
    if ((q.provinceCode || q.communeCode) && items.length === 0) throw new NotFound('Commune', 'xã/phường');
    await this.db.transaction((tx) => this.audit.record(tx, {
      actor: actorOf(p), action: 'support.summary', entity: 'child_support', details: { provinceCode: q.provinceCode ?? null, communeCode: q.communeCode ?? null },
    }));
    return {
      items: items.map((c) => ({ communeCode: c.commune_code, communeName: c.commune_name, registered: c.registered, supported: c.supported })),
      registered: items.reduce((n, c) => n + c.registered, 0),
      supported: items.reduce((n, c) => n + c.supported, 0),
    };
  }

  private async detail(tx: Tx, p: Principal, id: string): Promise<SupportDetail> {
    const row = await this.repo.find(tx, id, (bind) => supportScopeSql(p, bind));
    if (!row) throw supportNotFound();
    const timeline = await this.repo.events(tx, id);
    return {
      ...this.view(p, row),
      timeline: timeline.map((e) => ({
        seq: e.seq, type: e.type, data: e.data, fromState: e.from_state, toState: e.to_state, actorName: e.actor_name, actorRole: e.actor_role,
        occurredAt: new Date(e.occurred_at).toISOString(),
      })),
    };
  }

  private view(p: Principal, r: SupportDetailRow): SupportView {
    const c = r.snapshot.context as unknown as SupportContext;
    const def = getWorkflow(r.workflow, r.workflow_version);
    return {
      id: r.id, code: supportCode(r.id),
      child: { id: r.child_id, fullName: r.child_name, sex: r.child_sex, dateOfBirth: r.child_date_of_birth },
      communeCode: r.commune_code, communeName: r.commune_name, status: r.status, groups: r.groups, note: c.note, version: r.version,
      workflow: r.workflow, workflowVersion: r.workflow_version, overdue: r.overdue,
      assessment: c.assessment ? { needs: c.assessment.needs, circumstances: c.assessment.circumstances, assessedOn: c.assessment.assessedOn } : null,
      planGoals: c.plan?.goals ?? null,
      services: c.services,
      reviews: c.reviews.map((x) => ({ reviewedOn: x.reviewedOn, findings: x.findings })),
      exit: c.exit ? { reason: c.exit.reason, note: c.exit.note, exitedOn: c.exit.exitedOn } : null,
      registeredByName: r.registered_by_name, registeredAt: new Date(r.registered_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
      deadlines: r.deadlines.map((d) => ({
        key: d.key, titleVi: d.title_vi, titleEn: d.title_en, legalBasis: d.legal_basis, dueAt: new Date(d.due_at).toISOString(), status: d.status,
        escalationLevel: d.escalation_level,
      })),
      allowedActions: this.engine.allowedEvents(r, actorOf(p)),
    };
  }
}
