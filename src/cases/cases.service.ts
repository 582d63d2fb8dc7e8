import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CASE_WORKFLOW, currentWorkflow, getWorkflow } from '../../workflows';
import type { EventContract } from '../../workflows/contract';
import type { Actor } from '../../workflows/types';
import type { UrgentReportContent } from '../../workflows/urgent-report/v1/machine';
import { urgentKindsOf, type UrgentIncidentKind } from '../../workflows/vocabulary';
import { AuditService } from '../audit/audit.service';
import { ChildMatchView, ChildrenService } from '../children/children.service';
import { ChildrenSearchService } from '../children/children-search.service';
import { Clock } from '../common/clock';
import { CaseNotFound, Conflict, EventNotAllowed, Forbidden, InvalidInput } from '../common/errors';
import type { Page } from '../common/pagination';
import { Db, Tx } from '../database/db';
import { addLocalDays, localDate, startOfLocalDay } from '../deadlines/business-calendar';
import { fold } from '../children/names';
import { reservedChoice, validateEventData } from '../engine/event-data';
import { WorkflowEngine } from '../engine/workflow-engine';
import { AccessRepository, caseScopeSql } from '../identity/access.repository';
import { CaseProjection, caseProjection, COLLABORATOR_CHANNEL, STATUS_ONLY_ROLES, handoffActions, leadsCase, mayIntakeFor, mayMatchChildren, NOT_LEAD_MESSAGE, transferActions } from '../identity/policy';
import { NotificationsService } from '../notifications/notifications.service';
import { Caller, isClient, Principal, SYSTEM_CLIENT_ROLE } from '../identity/roles';
import type { CaseRow } from './case-row';
import { ageYears, caseView, CaseView, HandoffViewRow, isHandoverDue, OtherCaseRow, transferView } from './case-views';
import { CasesRepository, RepeatRow, viewColumns, type ListFilter, type ViewRow } from './cases.repository';
import type { CaseEventDto } from './dto/case-event.dto';
import type { IncidentDto, IntakeDto } from './dto/intake.dto';
import type { ListCasesQuery } from './dto/list-cases.dto';

export interface IntakeResult {
  created: boolean;
  case: CaseView;
  /** Likely registry records of the reported child other than the one linked (children/ matching). */
  candidates: ChildMatchView[];
}

/** A system client acts under its own id and the `system_client` role, never as a user. */
const actorOf = (c: Caller): Actor => (isClient(c) ? { id: c.clientId, role: SYSTEM_CLIENT_ROLE } : { id: c.userId, role: c.role });
/** A system client sees the reports it filed as the hotline operator does: everything but the reporter. */
const projectionOf = (c: Caller): CaseProjection => (isClient(c) ? 'restricted' : caseProjection(c.role));

/** How far back a report may be dated: paper reports are entered late, but not years late. */
const MAX_REPORT_AGE_DAYS = 366;
const DAY = 86_400_000;

/** Dates a report must respect: received neither in the future nor years ago, about a child (under 18) born before it. */
function checkIntakeDates(dto: IntakeDto, receivedAt: Date, now: Date): void {
  const errors: Record<string, string[]> = {};
  if (receivedAt.getTime() > now.getTime() + 5 * 60_000) {
    errors.receivedAt = ['Thời điểm tiếp nhận không được ở tương lai / The time the report was received cannot be in the future'];
  } else if (receivedAt.getTime() < now.getTime() - MAX_REPORT_AGE_DAYS * DAY) {
    errors.receivedAt = [`Thời điểm tiếp nhận không được quá ${MAX_REPORT_AGE_DAYS} ngày trước / The time the report was received cannot be more than ${MAX_REPORT_AGE_DAYS} days ago`];
  }
  const born = dto.child.dateOfBirth;
  if (born && born > localDate(receivedAt)) {
    errors['child.dateOfBirth'] = ['Ngày sinh không được sau ngày tiếp nhận / dateOfBirth cannot be after the report was received'];
  } else if (born && ageYears({ date_of_birth: born, approx_age_years: null }, receivedAt)! >= 18) {
    errors['child.dateOfBirth'] = ['Trẻ em phải dưới 18 tuổi khi tiếp nhận / The child must be under 18 when the report is received'];
  }
  const occurred = dto.incident.occurredAt ? new Date(dto.incident.occurredAt) : null;
  if (occurred && occurred.getTime() > receivedAt.getTime() + 5 * 60_000) {
    errors['incident.occurredAt'] = ['Sự việc không thể xảy ra sau khi tiếp nhận / The incident cannot follow the report'];
  }
  if (dto.incident.types.length === 0 && !dto.incident.injuryTypes?.length) {
    errors['incident.types'] = ['Chọn ít nhất một hình thức xâm hại hoặc một loại tai nạn, thương tích / Choose at least one kind of abuse or of injury'];
  }
  if (Object.keys(errors).length) throw new InvalidInput(errors);
}

/** A report's fingerprint: the same report sent again hashes the same, whatever the order of its JSON keys. */
function reportHashOf(dto: IntakeDto): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical)
      : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  const report = { ...dto, receivedAt: new Date(dto.receivedAt).toISOString() };
  return createHash('sha256').update(JSON.stringify(canonical(report))).digest('hex');
}

/**
 * The list's received-date range as instants: from the start of `receivedFrom` to the end of
 * `receivedTo` (Vietnam days, both included); 400 when the dates are not real days or the range is reversed.
 */
function receivedRange(q: ListCasesQuery): { receivedFrom?: Date; receivedBefore?: Date } {
  const errors: Record<string, string[]> = {};
  for (const field of ['receivedFrom', 'receivedTo'] as const) {
    const v = q[field];
    if (v !== undefined && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
      errors[field] = [`${field}: không có ngày này / ${field}: no such day`];
    }
  }
  if (!Object.keys(errors).length && q.receivedFrom && q.receivedTo && q.receivedFrom > q.receivedTo) {
    errors.receivedTo = ['Ngày kết thúc phải không trước ngày bắt đầu / receivedTo cannot be before receivedFrom'];
  }
  if (Object.keys(errors).length) throw new InvalidInput(errors);
  return {
    receivedFrom: q.receivedFrom ? startOfLocalDay(q.receivedFrom) : undefined,
    receivedBefore: q.receivedTo ? startOfLocalDay(addLocalDays(q.receivedTo, 1)) : undefined,
  };
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

/**
 * What the case keeps of the report's incident (`cases.incident`): the description, time and place,
 * and the answers of Mẫu số 01 (NĐ 56/2017 Phụ lục) that were given — the category, how it was
 * received, where the child is, their condition, the likely consequences, the family's situation,
 * what was already done and any further note — and where the abuse happened, when known (statistics).
 */
function incidentRecord(i: IncidentDto): Record<string, unknown> {
  const form01 = {
    category: i.category, receivedVia: i.receivedVia, childWhereabouts: i.childWhereabouts, childCondition: i.childCondition,
    likelyConsequences: i.likelyConsequences, familySituation: i.familySituation, actionsTaken: i.actionsTaken, notes: i.notes,
  };
  return {
    description: i.description, occurredAt: i.occurredAt ?? null, location: i.location ?? null,
    ...Object.fromEntries(Object.entries(form01).filter(([, v]) => v !== undefined)),
    ...(i.injuryTypes?.length ? { injuryTypes: i.injuryTypes } : {}),
    ...(i.outcome ? { outcome: i.outcome } : {}),
    ...(i.environment ? { environment: i.environment } : {}),
  };
}

/**
 * Runs inside the intake's transaction once the case is filed, with the urgent kinds the report's
 * answers call for (`urgentKindsOf`, possibly none) and the content an urgent report starts from:
 * how the urgent-reports module opens its report without the cases module knowing it.
 */
export type IntakeFollowUp = (
  tx: Tx, c: CaseRow, urgentKinds: UrgentIncidentKind[], content: UrgentReportContent, actor: Actor, now: Date,
) => Promise<void>;

/** What an urgent report opened at intake starts from: the report's own answers. */
function urgentContent(dto: IntakeDto, receivedAt: Date): UrgentReportContent {
  const ch = dto.child;
  const age = ageYears({ date_of_birth: ch.dateOfBirth ?? null, approx_age_years: ch.approxAgeYears ?? null }, receivedAt);
  const sex = ch.sex === 'female' ? 'nữ' : ch.sex === 'male' ? 'nam' : null;
  const child = [ch.fullName ?? 'Chưa rõ họ tên', sex, age !== null ? `${age} tuổi` : null, ch.address ?? null].filter(Boolean).join(', ');
  const i = dto.incident;
  return {
    summary: i.description, occurredAt: i.occurredAt ?? null, location: i.location ?? null, children: child,
    consequences: i.childCondition ?? null, actionsTaken: i.actionsTaken ?? null, cause: null, proposals: null,
  };
}

/** Intake, case commands and case queries. Every query is scoped to the caller (identity/access.repository). */
@Injectable()
export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly repo: CasesRepository,
    private readonly access: AccessRepository,
    private readonly engine: WorkflowEngine,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly children: ChildrenService,
    private readonly notifications: NotificationsService,
    private readonly childrenSearch: ChildrenSearchService,
  ) {}

  private readonly intakeFollowUps: IntakeFollowUp[] = [];

  /** Another module's work at intake, in the intake's transaction (urgent-reports/ opens its report). */
  onIntake(f: IntakeFollowUp): void {
    this.intakeFollowUps.push(f);
  }

  // ---------------------------------------------------------------- intake

  /**
   * Files a report, by a user or a system client (`created_by_client` then names the system). With
   * an Idempotency-Key (the console's offline queue retries), the first answer is stored with the
   * case, in the same transaction, and a repeat of the same request gets it back: one case.
   */
  async intake(p: Caller, dto: IntakeDto, idempotencyKey?: string): Promise<IntakeResult> {
    const receivedAt = new Date(dto.receivedAt);
    const now = this.clock.now();
    checkIntakeDates(dto, receivedAt, now);
    const reportHash = reportHashOf(dto);
    const actorId = isClient(p) ? p.clientId : p.userId;
    return this.db.transaction((tx) =>
      this.repo.once(tx, actorId, idempotencyKey, ['intake', dto], () => this.intakeInTx(tx, p, dto, receivedAt, now, reportHash)));
  }

  private async intakeInTx(tx: Tx, p: Caller, dto: IntakeDto, receivedAt: Date, now: Date, reportHash: string): Promise<IntakeResult> {
    const commune = await this.repo.commune(tx, dto.communeCode);
    if (!commune) throw new InvalidInput({ communeCode: [`Không có xã/phường mã "${dto.communeCode}" / Unknown commune`] });
    if (!mayIntakeFor(p, commune.code, commune.province_code)) {
      throw new Forbidden('Bạn không được tiếp nhận tin báo cho xã/phường này / You may not file reports for this commune');
    }
    if (!isClient(p) && p.role === 'village_collaborator' && dto.channel !== COLLABORATOR_CHANNEL) {
      throw new InvalidInput({ channel: [`Cộng tác viên thôn báo tin qua kênh ${COLLABORATOR_CHANNEL} / A village collaborator reports by channel ${COLLABORATOR_CHANNEL}`] });
    }
    const child = await this.children.checkedColumns(tx, dto.child, localDate(receivedAt), 'child.');
    child.currentAddress ??= dto.child.address ?? null;
    const where = { provinceCode: commune.province_code, communeCode: commune.code };
    if (dto.externalRef) {
      // The same report sent twice to the same commune (retries, two operators) becomes one case;
      // a different report under the same reference is refused, never answered with another child's case.
      await this.repo.lockReport(tx, commune.code, dto.channel, dto.externalRef);
      const existing = await this.repo.findByReport(tx, commune.code, dto.channel, dto.externalRef);
      if (existing && existing.report_hash !== reportHash) {
        throw new Conflict('Mã tham chiếu này đã dùng cho một tin báo khác / This reference (channel + externalRef) was already used for a different report');
      }
      if (existing) {
        const view = await this.viewInTx(tx, p, existing.id, 'intake_replay');
        if (!view) throw new Conflict('Tin báo này đã được tiếp nhận / This report (channel + externalRef) was already filed');
        return { created: false, case: view, candidates: mayMatchChildren(p) ? await this.children.candidates(tx, p, child, where, [existing.child_id], existing.id) : [] };
      }
    }
    const year = Number(localDate(receivedAt).slice(0, 4));
    const code = `${commune.case_prefix}-${year}-${String(await this.repo.nextNumber(tx, commune.code, year)).padStart(6, '0')}`;
    const linked = dto.child.id ? await this.children.link(tx, p, dto.child.id, child, commune.province_code, 'child.') : null;
    const childId = linked?.id ?? await this.children.create(tx, p, child, commune.province_code, 'child.');
    // Where the child lives: as reported, else as the registry knows it.
    const residence = linked?.residenceCommuneCode ?? child.residenceCommuneCode;
    const repeat = await this.repo.repeatOf(tx, childId, receivedAt, null);
    const def = currentWorkflow(CASE_WORKFLOW);
    const actor = actorOf(p);
    const row = await this.engine.start(tx, def, { immediateDanger: dto.immediateDanger }, actor, now, (snapshot, state) =>
      this.repo.insert(tx, {
        code, communeCode: commune.code, residenceCommuneCode: residence, partnerCommuneCode: residence !== null && residence !== commune.code ? residence : null,
        childId, repeatOfCaseId: repeat?.id ?? null, workflow: def.name, workflowVersion: def.version, channel: dto.channel,
        externalRef: dto.externalRef ?? null, reportHash, receivedAt, immediateDanger: dto.immediateDanger, abuseTypes: dto.incident.types,
        incident: incidentRecord(dto.incident),
        createdBy: isClient(p) ? null : p.userId, createdByClient: isClient(p) ? p.clientId : null,
      }, snapshot, state, now, actor));
    await this.repo.insertChild(tx, row.id, {
      full_name: dto.child.fullName ?? null, sex: dto.child.sex, date_of_birth: dto.child.dateOfBirth ?? null,
      approx_age_years: dto.child.approxAgeYears ?? null, address: dto.child.address ?? null,
    });
    const named = !dto.reporter.anonymous;
    await this.repo.insertReporter(tx, row.id, {
      anonymous: dto.reporter.anonymous, name: named ? dto.reporter.name ?? null : null, phone: named ? dto.reporter.phone ?? null : null,
      address: named ? dto.reporter.address ?? null : null, relation_to_child: dto.reporter.relationToChild ?? null,
    });
    if (!dto.child.id) await this.children.setOrigin(tx, childId, row.id);
    await this.audit.record(tx, { actor, action: 'case.intake', caseId: row.id, entity: 'case', entityId: row.id, details: { code, childId, repeatOf: repeat?.id ?? null } });
    if (repeat) await this.notifyRepeat(tx, row, repeat, now);
    const urgent = urgentKindsOf(dto.incident);
    for (const f of this.intakeFollowUps) await f(tx, row, urgent, urgentContent(dto, receivedAt), actor, now);
    // A village collaborator is offered no registry record.
    const candidates = mayMatchChildren(p) ? await this.children.candidates(tx, p, child, where, [childId], row.id) : [];
    const view = await this.viewInTx(tx, p, row.id, null);
    return { created: true, case: view!, candidates };
  }

  /** A repeat report: the new case's commune supervisors and the earlier case's assignee hear of it. */
  private async notifyRepeat(tx: Tx, c: CaseRow, repeat: RepeatRow, now: Date): Promise<void> {
    await this.notifications.notify(tx, { caseId: c.id, communeCode: c.commune_code, assigneeId: repeat.assignee_id }, ['supervisors', 'assignee'],
      'repeat_report', { code: c.code, earlierCode: repeat.code }, now);
  }

  /**
   * Links a case to another registry child (the report was about a child the registry knew):
   * the case's social workers and supervisors (of its commune or province), or whoever filed it
   * while they still see it. The repeat mark follows the new child; the record the case leaves is
   * retired into the chosen one when the case's own intake made it and no case is left on it.
   */
  async relinkChild(p: Principal, caseId: string, childId: string): Promise<CaseView> {
    return this.db.transaction(async (tx) => {
      const c = await this.repo.lock(tx, caseId, (bind) => caseScopeSql(p, bind));
      const staff = (p.role === 'social_worker' || p.role === 'supervisor') && (p.communeCode === null || p.communeCode === c.commune_code);
      if (!staff && c.created_by !== p.userId) {
        throw new Forbidden('Chỉ cán bộ xử lý hồ sơ hoặc người tiếp nhận được đổi trẻ của hồ sơ / Only the case’s workers or its filer may relink its child');
      }
      if (childId !== c.child_id) {
        const commune = (await this.repo.commune(tx, c.commune_code))!;
        await this.children.linkable(tx, childId, commune.province_code, 'childId');
        const now = this.clock.now();
        const repeat = await this.repo.repeatOf(tx, childId, c.received_at, c.id);
        await this.repo.relinkChild(tx, c.id, childId, repeat?.id ?? null, now);
        const retired = await this.children.retireAfterRelink(tx, p, c.child_id, childId, c.id);
        await this.audit.record(tx, {
          actor: actorOf(p), action: 'case.child_relinked', caseId: c.id, entity: 'case', entityId: c.id,
          details: { from: c.child_id, to: childId, repeatOf: repeat?.id ?? null, retiredMergeId: retired },
        });
        if (repeat && repeat.id !== c.repeat_of_case_id) await this.notifyRepeat(tx, c, repeat, now);
      }
      return (await this.viewInTx(tx, p, c.id, 'case.read'))!;
    });
  }

  // ---------------------------------------------------------------- commands

  async sendEvent(p: Principal, caseId: string, dto: CaseEventDto, idempotencyKey?: string): Promise<CaseView> {
    const raw = dto.data ?? {};
    return this.db.transaction((tx) => this.repo.once(tx, p.userId, idempotencyKey, [caseId, dto.type, raw, dto.expectedVersion], async () => {
      // The data is validated against the case's own workflow version, once its row is locked.
      const event = { type: dto.type, data: raw };
      let others: OtherCaseRow[] = [];
      const applied = await this.engine.apply<ViewRow>(tx, 'case', caseId, event, actorOf(p), {
        expectedVersion: dto.expectedVersion,
        select: viewColumns(caseProjection(p.role)),
        // With an Idempotency-Key the answer is stored after the write, in the same transaction.
        commit: !idempotencyKey,
        scope: (bind) => caseScopeSql(p, bind),
        authorize: async (row) => {
          const c = row as CaseRow;
          if (!(await this.access.leadsCase(tx, p, c.commune_code))) throw new Forbidden(NOT_LEAD_MESSAGE);
          const contract = getWorkflow(c.workflow, c.workflow_version).events[dto.type];
          if (!contract) {
            throw new EventNotAllowed(dto.type, c.state, this.engine.allowedEvents(c, actorOf(p)));
          }
          if (!contract.roles.includes(p.role)) {
            throw new Forbidden(`Vai trò ${p.role} không được gửi ${dto.type} / Role ${p.role} may not send ${dto.type}`);
          }
          event.data = await validateEventData(dto.type, contract, raw);
          const reserved = reservedChoice(contract, event.data, p.role);
          if (reserved) {
            throw new Forbidden(`Vai trò ${p.role} không được chọn giá trị này cho "${reserved.labelVi}" / Role ${p.role} may not choose this ${reserved.labelEn}`);
          }
          await this.checkReferences(tx, p, c, contract, event.data);
          if (contract.oneOpenHandoff && (await this.repo.hasOpenHandoffOfKind(tx, c.id, contract.oneOpenHandoff))) {
            throw new Conflict(`"${contract.labelVi}": yêu cầu trước vẫn đang thực hiện, chờ kết quả hoặc hủy yêu cầu đó trước / ` +
              `"${contract.labelEn}": the earlier request is still open — wait for it, or cancel it first`);
          }
          // The child's other cases, read before the write: it may commit with its own statement.
          others = await this.otherCases(tx, p, c);
        },
      });
      return this.viewOf(p, await this.repo.openView(applied.row), others);
    }));
  }

  /** The records an event's data names must exist where the case can use them (400 otherwise). */
  private async checkReferences(tx: Tx, p: Principal, c: CaseRow, contract: EventContract, data: Record<string, unknown>): Promise<void> {
    for (const f of contract.fields) {
      const value = data[f.key];
      if (value === undefined) continue;
      const at = `data.${f.key}`;
      if (f.kind === 'assignee' && !(await this.access.mayBeAssigned(tx, String(value), c.commune_code))) {
        throw new InvalidInput({ [at]: ['Người được giao phải là cán bộ của xã/phường / The assignee must be a social worker or supervisor of the case’s commune'] });
      }
      if (f.kind === 'caseRef') {
        if (value === c.id) throw new InvalidInput({ [at]: ['Không thể trùng với chính nó / A case cannot duplicate itself'] });
        if (!(await this.access.caseInScope(tx, p, String(value)))) throw new InvalidInput({ [at]: ['Không tìm thấy hồ sơ / No such case in your scope'] });
      }
      if (f.kind === 'records' && f.agencyTypeField) {
        const kindField = f.fields.find((s) => s.kind === 'choice' && s.vocabulary === 'handoffKind')?.key;
        for (const [i, r] of (value as Array<Record<string, unknown>>).entries()) {
          const kind = kindField ? String(r[kindField]) : '';
          const fixed = f.agencyFixed?.includes(kind) ? f.agencyDefaults?.[kind] : undefined;
          if (fixed && r[f.agencyTypeField] !== fixed) {
            throw new InvalidInput({ [`${at}[${i}].${f.agencyTypeField}`]: [
              `Việc ${kind} phải giao cho cơ quan ${fixed} / ${kind} goes to the ${fixed} agency in this workflow version`] });
          }
        }
        const types = [...new Set((value as Array<Record<string, unknown>>).map((r) => String(r[f.agencyTypeField!])))];
        const served = await this.access.agencyTypesServing(tx, c.commune_code, types);
        const missing = types.filter((t) => !served.includes(t));
        if (missing.length) {
          throw new InvalidInput({ [at]: [`Không có cơ quan ${missing.join(', ')} phục vụ xã/phường này / No ${missing.join(', ')} agency serves this commune`] });
        }
      }
    }
  }

  // ---------------------------------------------------------------- queries

  inScope(tx: Tx, p: Principal, caseId: string): Promise<boolean> {
    return this.access.caseInScope(tx, p, caseId);
  }

  async get(p: Principal, caseId: string): Promise<CaseView> {
    // A village collaborator follows their reports by the list's status alone (policy STATUS_ONLY_ROLES).
    if (STATUS_ONLY_ROLES.includes(p.role)) throw new CaseNotFound();
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
  async viewInTx(tx: Tx, p: Caller, caseId: string, readAction: string | null): Promise<CaseView | null> {
    const row = await this.repo.view(tx, p, caseId, projectionOf(p));
    if (!row) return null;
    const others = await this.otherCases(tx, p, row);
    if (readAction) {
      await this.audit.record(tx, {
        actor: actorOf(p), action: readAction, caseId, entity: 'case', entityId: caseId, details: { view: projectionOf(p) },
      });
    }
    return this.viewOf(p, await this.repo.openView(row), others);
  }

  /** The child's other cases the caller may see; none read for the need-to-know projection (it shows none). */
  private otherCases(tx: Tx, p: Caller, row: CaseRow): Promise<OtherCaseRow[]> {
    return projectionOf(p) === 'need_to_know' ? Promise.resolve([]) : this.repo.earlierCases(tx, p, row.id, row.child_id);
  }

  /** The caller's view of a case row read with its view columns (by `viewInTx`, or by the engine's write). */
  private viewOf(p: Caller, row: ViewRow, earlierCases: OtherCaseRow[]): CaseView {
    const deadlines = row.v_deadlines.map((d) => datesOf(d, ['starts_at', 'due_at', 'settled_at', 'breached_at']));
    const handoffs = row.v_handoffs.map((h) => datesOf(h, ['due_at', 'created_at', 'accepted_at', 'completed_at']));
    const transfers = row.v_transfers.map((t) => datesOf(t, ['created_at', 'due_at', 'updated_at']));
    const decisions = row.v_decisions.map((d) => datesOf(d, ['decided_at']));
    const finished = (r: { workflow: string; workflow_version: number; state: string }) => getWorkflow(r.workflow, r.workflow_version).terminalStates.includes(r.state);
    // A pending transfer is open work too: the case's closure waits for its decision.
    // So is a separation proposed or in effect (the engine's `openHandoffs` fact counts every row of `handoffs`).
    const openHandoffs = handoffs.filter((h) => !finished(h)).length + transfers.filter((t) => !finished(t)).length
      + row.v_separations.filter((s) => !finished(s)).length;
    const lead = row.v_communes[row.commune_code];
    // Only the commune leading the case acts on it; the partner and the pending commune see it.
    const acts = isClient(p) || leadsCase(p, { communeCode: row.commune_code, provinceCode: lead?.province_code ?? null });
    return caseView({
      // Who reported is for the commune leading the case: the commune sharing it, or asked to take it, does not need it (yet).
      row, repeat: row.v_repeat, earlierCases, child: row.v_child, reporter: acts ? row.v_reporter : null, assignee: row.v_assignee, deadlines, handoffs,
      allowedEvents: acts ? this.engine.allowedEvents(row, actorOf(p), { openHandoffs }) : [],
      handoffActions: (h: HandoffViewRow) => isClient(p) ? []
        : handoffActions(p, h.agency_id, getWorkflow(h.workflow, h.workflow_version).events, (t) => this.engine.accepts(h, t))
          .filter((t) => acts || getWorkflow(h.workflow, h.workflow_version).events[t]?.membership === 'receiving_agency'),
      projection: projectionOf(p), agencyId: p.agencyId, now: this.clock.now(),
      communes: row.v_communes,
      transfers: transfers.map((t) => transferView(t, finished(t), isClient(p) ? [] : transferActions(p, {
        fromCommuneCode: t.from_commune_code, fromProvinceCode: t.from_province_code, toCommuneCode: t.to_commune_code,
      }, getWorkflow(t.workflow, t.workflow_version).events, (type) => this.engine.accepts(t, type)))),
      handoverDue: isHandoverDue(row, getWorkflow(row.workflow, row.workflow_version).transfer?.handoverStates ?? []),
      decisions,
      separations: row.v_separations.map((s) => ({
        id: s.id, state: s.state, placementKind: s.placement_kind, startOn: s.start_on, endOn: s.end_on, proposedAt: s.created_at,
      })),
    });
  }

  handoffRows(tx: Tx, caseId: string): Promise<HandoffViewRow[]> {
    return this.repo.handoffRows(tx, caseId);
  }

  /**
   * A page of the caller's cases. `q` forgives: the case code, or — except for partners, who search
   * by case code only — the registry child's name, other names, parents' and carer's names, village,
   * phone or personal identification number (children-search), the most relevant first. A search
   * (`q` given) is audited (`case.search`: the filters and how many cases were found).
   */
  async list(p: Principal, q: ListCasesQuery): Promise<Page<Record<string, unknown>>> {
    const projection = caseProjection(p.role);
    if (projection === 'need_to_know' && (q.village !== undefined || q.ageGroup !== undefined)) {
      // Partners know the child only through their handoff: no narrowing by where the child lives or how old.
      const msg = ['Cơ quan phối hợp không lọc theo thông tin của trẻ / Partner agencies cannot filter by the child’s details'];
      throw new InvalidInput({ ...(q.village !== undefined ? { village: msg } : {}), ...(q.ageGroup !== undefined ? { ageGroup: msg } : {}) });
    }
    return this.db.transaction(async (tx) => {
      // Partners search by case code only: the child's name is not theirs to search by.
      const child = q.q !== undefined && projection !== 'need_to_know' ? await this.childrenSearch.terms(tx, q.q) : undefined;
      const { rows, total } = await this.repo.list(tx, p, {
        state: q.state, overdue: q.overdue, communeCode: q.communeCode,
        assigneeId: q.assignee === 'me' ? p.userId : q.assignee === 'none' ? undefined : q.assignee, unassigned: q.assignee === 'none',
        text: q.q, child, page: q.page, pageSize: q.pageSize,
        riskLevel: q.risk, abuseType: q.abuseType, ageGroup: q.ageGroup as ListFilter['ageGroup'], village: q.village === undefined ? undefined : fold(q.village),
        ...receivedRange(q), flagged: q.flagged, flag: q.flag, withFlags: projection !== 'need_to_know',
      });
      if (q.q !== undefined) {
        await this.audit.record(tx, {
          actor: actorOf(p), action: 'case.search', entity: 'case',
          details: {
            filters: {
              q: q.q, state: q.state, overdue: q.overdue, assignee: q.assignee, communeCode: q.communeCode, risk: q.risk, abuseType: q.abuseType,
              ageGroup: q.ageGroup, village: q.village, receivedFrom: q.receivedFrom, receivedTo: q.receivedTo, flagged: q.flagged, flag: q.flag,
            },
            byChild: child !== undefined, page: q.page, pageSize: q.pageSize, total, returned: rows.length,
          },
        });
      }
      const statusOnly = STATUS_ONLY_ROLES.includes(p.role);
      return {
        items: rows.map((r) => ({
          id: r.id, code: r.code, state: r.state, version: r.version, communeCode: r.commune_code, receivedAt: r.received_at,
          ...(statusOnly ? {} : { riskLevel: r.risk_level, immediateDanger: r.immediate_danger, abuseTypes: r.abuse_types }),
          assigneeId: r.assignee_id, overdue: r.escalation_level > 0, escalationLevel: r.escalation_level, nextDueAt: r.next_due_at,
          nextDeadline: r.next_deadline && {
            key: r.next_deadline.key, titleVi: r.next_deadline.title_vi, titleEn: r.next_deadline.title_en,
            dueAt: new Date(r.next_deadline.due_at), late: r.next_deadline.status === 'breached' || new Date(r.next_deadline.due_at) <= this.clock.now(),
          },
          ...(projection === 'need_to_know' ? {} : { childName: r.child_name, flags: r.flags ?? [] }),
        })),
        total, page: q.page, pageSize: q.pageSize,
      };
    });
  }

  async timeline(p: Principal, caseId: string) {
    return this.db.transaction(async (tx) => {
      if (!(await this.access.caseInScope(tx, p, caseId))) throw new CaseNotFound();
      const projection = caseProjection(p.role);
      const agency = projection === 'need_to_know' ? p.agencyId : undefined;
      const events = await this.repo.timelineEvents(tx, caseId, agency);
      const deadlines = await this.repo.timelineDeadlines(tx, caseId, agency);
      const handoffs = (await this.repo.handoffRows(tx, caseId)).filter((h) => !agency || h.agency_id === agency);
      const acks = agency ? [] : await this.repo.timelineAcks(tx, caseId);
      await this.audit.record(tx, { actor: actorOf(p), action: 'case.timeline_read', caseId, entity: 'case', entityId: caseId, details: { view: projection } });
      const items: Array<{ at: Date; kind: string; [k: string]: unknown }> = [];
      for (const e of events) {
        items.push({
          at: e.occurred_at, kind: 'event', seq: e.seq, type: e.type, data: e.data, fromState: e.from_state, toState: e.to_state,
          actor: e.actor_id ? { id: e.actor_id, role: e.actor_role, name: e.actor_name } : { id: null, role: 'system', name: 'baove' },
        });
      }
      for (const d of deadlines) {
        const item = { deadline: d.key, handoffId: d.handoff_id, titleVi: d.title_vi, titleEn: d.title_en, dueAt: d.due_at };
        items.push({ at: d.starts_at, kind: 'deadline_started', ...item });
        if (d.breached_at) items.push({ at: d.breached_at, kind: 'deadline_breached', ...item });
        if (d.settled_at) items.push({ at: d.settled_at, kind: `deadline_${d.status}`, ...item });
      }
      for (const a of acks) {
        items.push({ at: a.acknowledged_at, kind: 'alert_acknowledged', template: a.template, actor: { id: a.user_id, role: a.role, name: a.full_name } });
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
