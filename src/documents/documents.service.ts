import { Injectable } from '@nestjs/common';
import { getWorkflow } from '../../workflows';
import { AttachmentsRepository } from '../attachments/attachments.repository';
import { AuditService } from '../audit/audit.service';
import type { CaseView } from '../cases/case-views';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { CaseNotFound, DomainError, Forbidden } from '../common/errors';
import { Db, Tx } from '../database/db';
import { HandoffsService } from '../handoffs/handoffs.service';
import { caseProjection } from '../identity/policy';
import type { Principal } from '../identity/roles';
import { FILE_ORDER, FORM_INFO, FORMS, type FormName } from './forms';
import { CaseExtrasRow, DocumentsRepository, FormEventRow } from './documents.repository';
import { renderDocx } from './docx';
import { renderPdf, type DocumentSpec } from './layout';
import { caseFile, type CaseFileInput } from './templates/case-file';
import { closureDecision } from './templates/closure-decision';
import type { ChildInfo, DecisionInfo, Issuer } from './templates/common';
import { handoffSheet } from './templates/handoff-sheet';
import { mau01, type ReporterInfo } from './templates/mau-01';
import { mau02, type InitialAssessmentData } from './templates/mau-02';
import { mau03, type AssessmentData } from './templates/mau-03';
import { mau04, type PlanData } from './templates/mau-04';
import { mau05 } from './templates/mau-05';
import { mau06, type ReviewData } from './templates/mau-06';
import { mau07, type SeparationData } from './templates/mau-07';
import { timelineRows, type TimelineItem } from './timeline';

/** The case view of a caller who sees it in full or restricted projection (not a partner's). */
type StaffView = Extract<CaseView, { channel: string }>;
type Decision = StaffView['decisions'][number];

/** The events whose data the forms print. */
const FORM_EVENTS = [
  'RECORD_INITIAL_ASSESSMENT', 'APPLY_EMERGENCY_MEASURES', 'RECORD_ASSESSMENT', 'SUBMIT_PLAN', 'APPROVE_PLAN', 'RECORD_REVIEW',
  'PROPOSE_CLOSURE', 'CLOSE_UNFOUNDED', 'APPROVE_CLOSURE',
] as const;

export interface DocumentListItem {
  form: FormName;
  titleVi: string;
  titleEn: string;
  available: boolean;
  decision?: { display: string; decidedAt: Date };
}

/** The formats a form is given in: PDF to print and keep, DOCX to edit before signing. */
export const DOCUMENT_FORMATS = ['pdf', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

const MEDIA_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface RenderedDocument {
  filename: string;
  /** Its media type (`MEDIA_TYPES`). */
  type: string;
  bytes: Buffer;
}

const pdfDocument = async (filename: string, pdf: Promise<Buffer>): Promise<RenderedDocument> =>
  ({ filename: `${filename}.pdf`, type: MEDIA_TYPES.pdf, bytes: await pdf });

/** What a case's forms are made of, read in one transaction. */
interface CaseSources {
  view: StaffView;
  events: FormEventRow[];
  extras: CaseExtrasRow;
  communeNames: Map<string, string>;
}

/** A form whose step the case has not reached: nothing to print yet (404). */
export class StepNotReached extends DomainError {
  readonly status = 404;
  readonly error = 'Not Found';
  constructor(titleVi: string, titleEn: string) {
    super(`Chưa có ${titleVi.toLowerCase()}: bước này chưa được thực hiện / No ${titleEn.toLowerCase()} yet: this step has not happened`);
  }
}

const NOT_FOR_PARTNERS = 'Cơ quan phối hợp chỉ in phiếu yêu cầu phối hợp của mình / Partner agencies print only their own handoff sheets';

const latest = (events: FormEventRow[], type: string, beforeSeq = Infinity) =>
  [...events].reverse().find((e) => e.type === type && e.seq < beforeSeq);

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Printed documents: each form of NĐ 56 and the chair's decisions, the whole case file, and a
 * partner's handoff sheet. Access is the case view's (`CasesService.viewInTx`): its projection
 * decides what prints; partners print only their handoff sheets. Every render is audited
 * (`document.render`) in the transaction of its reads.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly db: Db,
    private readonly cases: CasesService,
    private readonly caseRows: CasesRepository,
    private readonly handoffs: HandoffsService,
    private readonly attachments: AttachmentsRepository,
    private readonly repo: DocumentsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The case view if the caller may print the case's documents: 404 outside their scope, 403 for partners. */
  private async staffView(tx: Tx, p: Principal, caseId: string): Promise<StaffView> {
    const view = await this.cases.viewInTx(tx, p, caseId, null);
    if (!view) throw new CaseNotFound();
    if (caseProjection(p.role) === 'need_to_know' || !('channel' in view)) throw new Forbidden(NOT_FOR_PARTNERS);
    return view;
  }

  private async sources(tx: Tx, p: Principal, caseId: string): Promise<CaseSources> {
    const view = await this.staffView(tx, p, caseId);
    const events = await this.caseRows.openEvents(await this.repo.formEvents(tx, caseId, FORM_EVENTS));
    const extras = await this.repo.caseExtras(tx, caseId);
    const communeNames = await this.repo.communeNames(tx, [...new Set(view.decisions.map((d) => d.communeCode))]);
    return { view, events, extras, communeNames };
  }

  private recordAudit(tx: Tx, p: Principal, caseId: string, form: string, code: string, extra: Record<string, unknown> = {}) {
    return this.audit.record(tx, {
      actor: { id: p.userId, role: p.role }, action: 'document.render', caseId, entity: 'case', entityId: caseId,
      details: { form, code, view: caseProjection(p.role), ...extra },
    });
  }

  async list(p: Principal, caseId: string): Promise<DocumentListItem[]> {
    const s = await this.db.transaction((tx) => this.sources(tx, p, caseId));
    return FORMS.map((form) => {
      const decision = this.decisionOf(s, form);
      return {
        form, titleVi: FORM_INFO[form].titleVi, titleEn: FORM_INFO[form].titleEn, available: this.build(s, form) !== null,
        ...(decision ? { decision: { display: decision.display, decidedAt: decision.decidedAt } } : {}),
      };
    });
  }

  async render(p: Principal, caseId: string, form: FormName, format: DocumentFormat = 'pdf'): Promise<RenderedDocument> {
    const s = await this.db.transaction(async (tx) => {
      const s = await this.sources(tx, p, caseId);
      if (this.build(s, form) === null) {
        const info = FORM_INFO[form];
        throw new StepNotReached(info.titleVi, info.titleEn);
      }
      await this.recordAudit(tx, p, caseId, form, s.view.code, { format });
      return s;
    });
    const spec = this.build(s, form)!;
    return format === 'docx'
      ? { filename: `${s.view.code}-${form}.docx`, type: MEDIA_TYPES.docx, bytes: await renderDocx(spec) }
      : pdfDocument(`${s.view.code}-${form}`, renderPdf(spec));
  }

  /** The whole case file (hồ sơ); `withTimeline` false leaves out the timeline, handoffs and attachments (the bench's baseline). */
  async file(p: Principal, caseId: string, withTimeline = true): Promise<RenderedDocument> {
    const input = await this.db.transaction(async (tx) => {
      const s = await this.sources(tx, p, caseId);
      const v = s.view;
      const forms = FILE_ORDER.flatMap((form) => {
        const spec = this.build(s, form);
        return spec ? [{ titleVi: FORM_INFO[form].titleVi, spec }] : [];
      });
      const timeline = withTimeline ? await this.timeline(tx, v) : [];
      const attachments = withTimeline ? await this.attachments.listForCase(tx, caseId) : [];
      await this.recordAudit(tx, p, caseId, 'file', v.code);
      const input: CaseFileInput = {
        issuer: this.issuer(v, v.communeCode), caseCode: v.code, child: this.child(s),
        communes: { lead: v.communes.lead.name, incident: v.communes.incident.name, residence: v.communes.residence?.name ?? null },
        receivedAt: v.receivedAt, closedAt: v.closedAt, state: v.state, outcome: v.outcome, forms, timeline,
        handoffs: v.handoffs.map((h) => ({
          agency: h.agency.name, kind: h.kind, urgency: h.urgency, state: h.state, dueAt: h.dueAt, instructions: h.instructions,
          outcome: h.outcome, reason: h.reason, completedAt: h.completedAt,
        })),
        attachments: attachments.map((a) => ({
          filename: a.filename, category: a.category, description: a.description, uploadedBy: a.uploadedByName, createdAt: a.createdAt, size: a.size,
        })),
        printedAt: this.clock.now(),
      };
      return input;
    });
    return pdfDocument(`${input.caseCode}-ho-so`, renderPdf(caseFile(input, withTimeline), `Hồ sơ ${input.caseCode}`));
  }

  /** A handoff's sheet, for the receiving agency's members and the staff who see its case (404 otherwise). */
  async handoffSheet(p: Principal, handoffId: string): Promise<RenderedDocument> {
    const spec = await this.db.transaction(async (tx) => {
      const h = await this.handoffs.viewInTx(tx, p, handoffId);
      await this.recordAudit(tx, p, h.caseId, 'handoff-sheet', h.case.code, { handoffId });
      return handoffSheet({
        issuer: { communeName: h.case.communeName }, caseCode: h.case.code,
        handoff: {
          kind: h.kind, agencyName: h.agency.name, urgency: h.urgency, state: h.state, instructions: h.instructions, dueAt: h.dueAt,
          createdAt: h.createdAt, acceptedAt: h.acceptedAt, completedAt: h.completedAt, outcome: h.outcome, reason: h.reason,
          protection: h.protection, procedure: h.procedure,
        },
        child: h.case.child, incidentTypes: h.case.incidentTypes,
        deadlines: h.deadlines.map((d) => ({ titleVi: d.titleVi, dueAt: d.dueAt, status: d.status })),
      });
    });
    return pdfDocument(`${spec.title.split(' – ')[1]}-phoi-hop`, renderPdf(spec));
  }

  // ---------------------------------------------------------------- assembling

  private issuer(v: StaffView, communeCode: string | null | undefined, names?: Map<string, string>): Issuer {
    const known = [v.communes.lead, v.communes.incident, v.communes.residence, v.communes.partner].find((c) => c?.code === communeCode);
    return { communeName: known?.name ?? (communeCode ? names?.get(communeCode) : undefined) ?? v.communes.lead.name };
  }

  private child(s: CaseSources): ChildInfo {
    const c = s.view.child;
    const address = c.address ?? s.extras.current_address ?? s.extras.village;
    return { fullName: c.fullName, sex: c.sex, dateOfBirth: c.dateOfBirth, ageYears: c.ageYears, address };
  }

  private decisionOf(s: CaseSources, form: FormName): Decision | undefined {
    const kind = FORM_INFO[form].decisionKind;
    return kind ? [...s.view.decisions].reverse().find((d) => d.kind === kind) : undefined;
  }

  /** A decision's number, date and signer: the `decisions` row, else what the approving event tells. */
  private decisionInfo(d: Decision | undefined, event: FormEventRow | undefined): DecisionInfo {
    if (d) {
      return { display: d.display, decidedAt: d.decidedAt, signerTitle: d.signer.title, signerName: d.signer.name, effectiveOn: d.effectiveOn };
    }
    return {
      display: null, decidedAt: event?.occurred_at ?? null, signerTitle: str(event?.data.signerTitle) ?? 'chair', signerName: event?.actor_name ?? null,
      effectiveOn: str(event?.data.effectiveOn),
    };
  }

  /** The form laid out from the case's sources, or null when its step has not happened. */
  private build(s: CaseSources, form: FormName): DocumentSpec | null {
    const v = s.view;
    const base = { caseCode: v.code, child: this.child(s) };
    const staff = (name: string | null) => (name ? `công chức Văn hóa - Xã hội ${name}` : null);
    switch (form) {
      case 'mau-01': {
        const r = 'reporter' in v ? v.reporter : undefined;
        const reporter: ReporterInfo = r
          ? r.anonymous ? { kind: 'anonymous' } : { kind: 'named', name: r.name, phone: r.phone, address: r.address, relationToChild: r.relationToChild }
          : { kind: 'withheld' };
        const inc = v.incident as Record<string, unknown>;
        return mau01({
          ...base, issuer: this.issuer(v, v.communes.incident.code), receivedAt: v.receivedAt, channel: v.channel,
          incident: {
            types: v.incident.types, description: str(inc.description), occurredAt: str(inc.occurredAt), location: str(inc.location),
            category: str(inc.category), receivedVia: str(inc.receivedVia), childWhereabouts: str(inc.childWhereabouts),
            childCondition: str(inc.childCondition), likelyConsequences: str(inc.likelyConsequences), familySituation: str(inc.familySituation),
            actionsTaken: str(inc.actionsTaken), notes: str(inc.notes),
          },
          father: s.extras.father, mother: s.extras.mother, carer: s.extras.carer, household: s.extras.household,
          reporter, receiver: s.extras.creator_name,
        });
      }
      case 'mau-02': {
        const a = latest(s.events, 'RECORD_INITIAL_ASSESSMENT');
        const measures = s.events.filter((e) => e.type === 'APPLY_EMERGENCY_MEASURES');
        if (!a && !measures.length) return null;
        return mau02({
          ...base, issuer: this.issuer(v, v.communes.incident.code),
          assessment: a ? { data: a.data as InitialAssessmentData, recordedAt: a.occurred_at, assessor: a.actor_name } : null,
          emergencyMeasures: measures.map((m) => ({ measures: (m.data.measures as string[] | undefined) ?? [], appliedAt: m.occurred_at })),
        });
      }
      case 'mau-03': {
        const a = latest(s.events, 'RECORD_ASSESSMENT');
        if (!a) return null;
        return mau03({ ...base, issuer: this.issuer(v, v.communes.incident.code), data: a.data as AssessmentData, recordedAt: a.occurred_at, assessor: a.actor_name });
      }
      case 'mau-04': {
        const plan = latest(s.events, 'SUBMIT_PLAN');
        if (!plan) return null;
        return mau04({ ...base, issuer: this.issuer(v, v.communeCode), data: plan.data as PlanData, submittedAt: plan.occurred_at, author: plan.actor_name });
      }
      case 'mau-05': {
        const d = this.decisionOf(s, form);
        const approval = d ? s.events.find((e) => e.seq === d.eventSeq) ?? latest(s.events, 'APPROVE_PLAN') : latest(s.events, 'APPROVE_PLAN');
        if (!d && !approval) return null;
        const submitted = latest(s.events, 'SUBMIT_PLAN', d?.eventSeq ?? approval?.seq);
        const quoted = (d?.body as { plan?: PlanData } | undefined)?.plan;
        return mau05({
          ...base, issuer: this.issuer(v, d?.communeCode ?? v.communeCode, s.communeNames), decision: this.decisionInfo(d, approval),
          plan: quoted ?? (submitted?.data as PlanData | undefined) ?? {}, planSubmittedAt: submitted?.occurred_at ?? null,
          proposer: staff(submitted?.actor_name ?? null),
        });
      }
      case 'mau-06': {
        const r = latest(s.events, 'RECORD_REVIEW');
        if (!r) return null;
        return mau06({ ...base, issuer: this.issuer(v, v.communeCode), data: r.data as ReviewData, recordedAt: r.occurred_at, reviewer: r.actor_name });
      }
      case 'mau-07': {
        // The separation workflow issues these rows; their body carries the decision's fields.
        const d = this.decisionOf(s, form);
        const sep = (d?.body as { separation?: SeparationData } | undefined)?.separation;
        if (!d || !sep) return null;
        // The proposer is quoted by the decision (decisions issued before it was quoted print the blank line).
        const by = (d.body as { quoted?: { by?: { name?: string } | null } }).quoted?.by;
        return mau07({
          ...base, issuer: this.issuer(v, d.communeCode, s.communeNames), decision: this.decisionInfo(d, undefined), separation: sep,
          proposer: staff(by?.name ?? null),
        });
      }
      case 'closure-decision': {
        const d = this.decisionOf(s, form);
        const approval = d ? s.events.find((e) => e.seq === d.eventSeq) ?? latest(s.events, 'APPROVE_CLOSURE') : latest(s.events, 'APPROVE_CLOSURE');
        if (!d && !approval) return null;
        const before = d?.eventSeq ?? approval?.seq ?? Infinity;
        const proposed = [...s.events].reverse().find((e) => (e.type === 'PROPOSE_CLOSURE' || e.type === 'CLOSE_UNFOUNDED') && e.seq < before);
        const quoted = (d?.body as { proposal?: { reason?: string; kind?: string } } | undefined)?.proposal;
        const plan = [...s.view.decisions].reverse().find((x) => x.kind === 'plan_approval' && x.eventSeq < before);
        return closureDecision({
          ...base, issuer: this.issuer(v, d?.communeCode ?? v.communeCode, s.communeNames), decision: this.decisionInfo(d, approval),
          proposal: {
            reason: str(quoted?.reason) ?? str(proposed?.data.reason), unfounded: (quoted?.kind ?? (proposed?.type === 'CLOSE_UNFOUNDED' ? 'unfounded' : '')) === 'unfounded',
            proposer: staff(proposed?.actor_name ?? null), proposedAt: proposed?.occurred_at ?? null,
          },
          planDecision: plan ? { display: plan.display, decidedAt: plan.decidedAt } : null, outcome: v.outcome,
        });
      }
    }
  }

  /** The case timeline (the cases module's read model), every event with its data written out. */
  private async timeline(tx: Tx, v: StaffView) {
    const events = await this.caseRows.timelineEvents(tx, v.id);
    const deadlines = await this.caseRows.timelineDeadlines(tx, v.id);
    const items: TimelineItem[] = [];
    for (const e of events) {
      items.push({ at: e.occurred_at, kind: 'event', type: e.type, data: e.data, fromState: e.from_state, toState: e.to_state,
        actor: { name: e.actor_name, role: e.actor_id ? e.actor_role : 'system' } });
    }
    for (const d of deadlines) {
      items.push({ at: d.starts_at, kind: 'deadline_started', titleVi: d.title_vi, dueAt: d.due_at });
      if (d.breached_at) items.push({ at: d.breached_at, kind: 'deadline_breached', titleVi: d.title_vi, dueAt: d.due_at });
      if (d.settled_at) items.push({ at: d.settled_at, kind: `deadline_${d.status}`, titleVi: d.title_vi, dueAt: d.due_at });
    }
    for (const h of v.handoffs) items.push({ at: h.createdAt, kind: 'handoff_offered', handoffKind: h.kind, agency: h.agency.name, urgency: h.urgency });
    const order = (k: string) => (k === 'event' ? 0 : 1);
    items.sort((a, b) => a.at.getTime() - b.at.getTime() || order(a.kind) - order(b.kind));
    const assignees = events.flatMap((e) => (typeof e.data.assigneeId === 'string' ? [e.data.assigneeId] : []));
    const users = await this.repo.userNames(tx, [...new Set(assignees)].filter((id) => /^[0-9a-f-]{36}$/i.test(id)));
    const agencies = new Map<string, string>();
    for (const h of v.handoffs) {
      agencies.set(h.agency.id, h.agency.name);
      agencies.set(h.id, h.agency.name);
    }
    const cases = new Map(v.repeat ? [[v.repeat.ofCaseId, v.repeat.code]] : []);
    return timelineRows(items, getWorkflow(v.workflow, v.workflowVersion).events, { users, agencies, cases });
  }
}
