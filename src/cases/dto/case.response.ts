import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RISK_LEVELS, type RiskLevel } from '../../../workflows/abuse-intervention/v1/machine';
import { PageOf } from '../../common/dto/page.response';
import type { DeadlineRow } from '../../deadlines/deadlines.service';
import { AgencyRef } from '../../identity/dto/auth.response';
import { eventsOf, HANDOFF_WORKFLOW, statesOf, TRANSFER_WORKFLOW } from '../../../workflows';
import {
  ABUSE_ENVIRONMENTS, ABUSE_TYPES, CHANNELS, CRIMINAL_PROCEDURE_STATUSES, DECISION_KINDS, DECISION_SIGNER_TITLES, HANDOFF_KINDS, INCIDENT_OUTCOMES, INCIDENT_TYPES,
  RECEIVED_VIA, REPORT_CATEGORIES, SEXES,
} from '../../../workflows/vocabulary';
import { ChildMatch } from '../../children/dto/child.response';
import { CASE_STATES } from './list-cases.dto';
import { FLAG_REASONS } from '../../../workflows/vocabulary';

/** The `status` values of a deadline row (its table's CHK_deadlines_status). */
const DEADLINE_STATUSES = ['pending', 'met', 'met_late', 'breached', 'cancelled'] as const satisfies ReadonlyArray<DeadlineRow['status']>;

/** What a caller may do to a handoff: the client events of every handoff workflow version. */
export const HANDOFF_ACTIONS = eventsOf(HANDOFF_WORKFLOW);

const nullableString = (description?: string) => ({ type: String, nullable: true, description });
const nullableDate = (description?: string) => ({ type: Date, nullable: true, description });

export class DeadlineView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The key in the workflow’s deadline table' }) key!: string;
  @ApiProperty({ ...nullableString('null for the case’s own deadlines'), format: 'uuid' }) handoffId!: string | null;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty() startsAt!: Date;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: DEADLINE_STATUSES, enumName: 'DeadlineStatus' }) status!: (typeof DEADLINE_STATUSES)[number];
  @ApiProperty(nullableDate()) settledAt!: Date | null;
  @ApiProperty(nullableDate()) breachedAt!: Date | null;
  @ApiProperty({ type: 'integer' }) escalationLevel!: number;
}

/** One criminal-procedure status a police handoff recorded (workflow `handoff` v2). */
export class ProcedureStatusView {
  @ApiProperty({ enum: CRIMINAL_PROCEDURE_STATUSES, enumName: 'CriminalProcedureStatus' }) status!: string;
  @ApiProperty({ example: '2026-03-20', description: 'The day of the police’s act (YYYY-MM-DD)' }) on!: string;
  @ApiProperty(nullableString('The document or decision number')) reference!: string | null;
  @ApiProperty(nullableString()) note!: string | null;
  @ApiProperty({ format: 'uuid', description: 'Who recorded it' }) by!: string;
}

/**
 * What protection requires, on an emergency handoff (police protection, medical care): shown to its
 * receiving agency and the commune's staff; no other handoff carries it.
 */
export class HandoffProtectionView {
  @ApiProperty({ type: String, nullable: true, description: 'Where the child is now (null: not given)' }) childLocation!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The social worker to contact (null: not given)' }) workerName!: string | null;
  @ApiProperty({ type: String, nullable: true }) workerPhone!: string | null;
}

/** A handoff's own fields, as every view of it shows them. */
export class HandoffFields {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: HANDOFF_KINDS, enumName: 'HandoffKind' }) kind!: string;
  @ApiProperty({ type: () => AgencyRef, description: 'The receiving agency' }) agency!: AgencyRef;
  @ApiProperty({ enum: ['urgent', 'normal'], enumName: 'HandoffUrgency' }) urgency!: 'urgent' | 'normal';
  @ApiProperty({ enum: statesOf('handoff', HANDOFF_WORKFLOW), enumName: 'HandoffState' }) state!: string;
  @ApiProperty({ example: 'handoff', description: 'Its workflow (GET /workflows/:name/:version names its events and their fields)' }) workflow!: string;
  @ApiProperty({ type: 'integer' }) workflowVersion!: number;
  @ApiProperty({ type: 'integer', description: 'Grows with each change: sent back as `expectedVersion` with an action, a change meanwhile answers 409' }) version!: number;
  @ApiProperty() instructions!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty(nullableString('The receiving agency’s report, once completed')) outcome!: string | null;
  @ApiProperty(nullableString('Why it was declined or cancelled')) reason!: string | null;
  @ApiProperty({ description: 'A deadline of the handoff is breached' }) overdue!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty(nullableDate()) acceptedAt!: Date | null;
  @ApiProperty(nullableDate()) completedAt!: Date | null;
  @ApiProperty({ type: () => [ProcedureStatusView], description: 'The criminal-procedure statuses the police recorded, oldest first (police work, handoff v2)' })
  procedure!: ProcedureStatusView[];
  @ApiProperty({ type: () => HandoffProtectionView, nullable: true, description: 'Emergency handoffs (v2): the child’s location and whom to call' })
  protection!: HandoffProtectionView | null;
}

/** A handoff on its case's page. */
export class HandoffView extends HandoffFields {
  @ApiPropertyOptional({
    enum: HANDOFF_ACTIONS, enumName: 'HandoffAction', isArray: true,
    description: 'What the caller may do to it now (on a case’s page: CANCEL for the commune’s case staff)',
  })
  allowedActions?: Array<(typeof HANDOFF_ACTIONS)[number]>;
}

/** What a caller may do to a transfer between communes: the client events of every `commune-transfer` version. */
export const TRANSFER_ACTIONS = eventsOf(TRANSFER_WORKFLOW);

export class CommuneRef {
  @ApiProperty({ example: 'van-son' }) code!: string;
  @ApiProperty({ example: 'Xã Vân Sơn' }) name!: string;
}

/**
 * The communes of a case (Luật Trẻ em Điều 52 k2; NĐ 56 Điều 26): the commune leading it now (the
 * only one that acts), where it happened, where the child lives, the other commune sharing it
 * (sees it) and the commune asked to take it (sees it to decide).
 */
export class CaseCommunes {
  @ApiProperty({ type: () => CommuneRef, description: 'Leads the case now (= communeCode)' }) lead!: CommuneRef;
  @ApiProperty({ type: () => CommuneRef, description: 'Where it happened (the intake’s commune)' }) incident!: CommuneRef;
  @ApiProperty({ type: () => CommuneRef, nullable: true, description: 'Where the child lives, when known' }) residence!: CommuneRef | null;
  @ApiProperty({ type: () => CommuneRef, nullable: true, description: 'The other commune sharing the case' }) partner!: CommuneRef | null;
  @ApiProperty({ type: () => CommuneRef, nullable: true, description: 'The commune a pending transfer is addressed to' }) pending!: CommuneRef | null;
  @ApiProperty({ description: 'The handover to the residence commune is due: assessment recorded, still led where it happened, none pending' })
  handoverDue!: boolean;
}

export class TransferResidence {
  @ApiProperty({ type: String, nullable: true, description: 'Thôn, xóm, bản, tổ dân phố' }) village!: string | null;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
}

export class TransferRequester {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(nullableString()) fullName!: string | null;
}

/** A case passing from one commune to another: a handover to the residence commune, or a transfer (the child moved). */
export class TransferView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['handover', 'transfer'], enumName: 'TransferKind' }) kind!: 'handover' | 'transfer';
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'VS-2026-000123' }) caseCode!: string;
  @ApiProperty({ type: () => CommuneRef, description: 'The commune that asked (it led the case)' }) fromCommune!: CommuneRef;
  @ApiProperty({ type: () => CommuneRef, description: 'The commune asked to take the case' }) toCommune!: CommuneRef;
  @ApiProperty({ enum: statesOf('handoff', TRANSFER_WORKFLOW), enumName: 'TransferState' }) state!: string;
  @ApiProperty({ example: 'commune-transfer', description: 'Its workflow (GET /workflows/:name/:version names its events and their fields)' }) workflow!: string;
  @ApiProperty({ type: 'integer' }) workflowVersion!: number;
  @ApiProperty({ description: 'Why the transfer was asked' }) reason!: string;
  @ApiProperty({ type: () => TransferResidence, nullable: true, description: 'The child’s new residence (kind `transfer`)' }) residence!: TransferResidence | null;
  @ApiProperty({ type: () => TransferRequester, nullable: true }) requestedBy!: TransferRequester | null;
  @ApiProperty() requestedAt!: Date;
  @ApiProperty({ description: 'When the receiving commune must decide (1 working day)' }) dueAt!: Date;
  @ApiProperty({ description: 'The decision deadline is breached' }) overdue!: boolean;
  @ApiProperty(nullableDate('When it was accepted, declined or withdrawn')) decidedAt!: Date | null;
  @ApiProperty({ enum: ['accepted', 'declined', 'cancelled'], enumName: 'TransferOutcome', nullable: true }) outcome!: string | null;
  @ApiProperty(nullableString('Why it was declined or withdrawn')) decisionReason!: string | null;
  @ApiProperty({ ...nullableString('Whom the receiving commune assigned the case to'), format: 'uuid' }) assigneeId!: string | null;
  @ApiProperty({ enum: TRANSFER_ACTIONS, enumName: 'TransferAction', isArray: true, description: 'What the caller may do to it now' })
  allowedActions!: string[];
}

/** A temporary separation of the child, in short (src/separations/). */
/** A legal hold on a case: why, since when, by whom (src/retention). */
export class CaseLegalHold {
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, format: 'date-time' }) since!: string;
  @ApiProperty({ format: 'uuid' }) setBy!: string;
}

export class CaseSeparationSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'in_effect' }) state!: string;
  @ApiProperty({ type: String, nullable: true, example: 'relative' }) placementKind!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-01' }) startOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-15' }) endOn!: string | null;
  @ApiProperty() proposedAt!: Date;
}

/** One line of the case list. */
/** The deadline the commune's next step on a case settles: the earliest not yet met, late or not. */
export class NextDeadline {
  @ApiProperty({ example: 'verification' }) key!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ description: 'Past its due time and not met' }) late!: boolean;
}

export class CaseListItem {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'VS-2026-000123' }) code!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' }) state!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() communeCode!: string;
  @ApiProperty() receivedAt!: Date;
  @ApiPropertyOptional({ enum: RISK_LEVELS, enumName: 'RiskLevel', nullable: true, description: 'Absent for a village collaborator (the status only)' })
  riskLevel?: RiskLevel | null;
  @ApiPropertyOptional({ description: 'Absent for a village collaborator (the status only)' }) immediateDanger?: boolean;
  @ApiPropertyOptional({ enum: ABUSE_TYPES, enumName: 'AbuseType', isArray: true, description: 'Absent for a village collaborator (the status only)' })
  abuseTypes?: string[];
  @ApiProperty({ ...nullableString(), format: 'uuid' }) assigneeId!: string | null;
  @ApiProperty({ description: 'The case has been escalated for a missed deadline' }) overdue!: boolean;
  @ApiProperty({ type: 'integer' }) escalationLevel!: number;
  @ApiProperty(nullableDate('The earliest pending deadline')) nextDueAt!: Date | null;
  @ApiProperty({ type: NextDeadline, nullable: true, description: 'The earliest unsettled deadline of the case’s own work (pending or already late), named; handoffs’ deadlines are the agencies’' })
  nextDeadline!: NextDeadline | null;
  @ApiPropertyOptional({ ...nullableString(), description: 'The child’s full name; absent for partner agencies (need-to-know view)' })
  childName?: string | null;
  @ApiPropertyOptional({ enum: FLAG_REASONS, enumName: 'FlagReason', isArray: true, description: 'The reasons of its open flags (casework/); absent for partner agencies' })
  flags?: string[];
}

export class CasePage extends PageOf(CaseListItem) {}

/** The child as the caller may see them: partner agencies get `firstName`, the case's staff the rest. */
export class CaseChild {
  @ApiPropertyOptional(nullableString('Full and restricted views')) fullName?: string | null;
  @ApiPropertyOptional(nullableString('Need-to-know view: the given name only')) firstName?: string | null;
  @ApiProperty({ enum: SEXES, enumName: 'Sex' }) sex!: string;
  @ApiPropertyOptional(nullableString('YYYY-MM-DD; full and restricted views')) dateOfBirth?: string | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'The reporter’s estimate; full and restricted views' }) approxAgeYears?: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'From the birth date, else the estimate' }) ageYears!: number | null;
  @ApiPropertyOptional(nullableString('Full and restricted views')) address?: string | null;
}

export class CaseIncident {
  @ApiProperty({ enum: ABUSE_TYPES, enumName: 'AbuseType', isArray: true }) types!: string[];
  @ApiPropertyOptional({ description: 'Full and restricted views' }) description?: string;
  @ApiPropertyOptional(nullableString('Full and restricted views')) occurredAt?: string | null;
  @ApiPropertyOptional(nullableString('Full and restricted views')) location?: string | null;
  // Mẫu số 01's answers, when given (full and restricted views).
  @ApiPropertyOptional({ enum: REPORT_CATEGORIES, enumName: 'ReportCategory' }) category?: string;
  @ApiPropertyOptional({ enum: RECEIVED_VIA, enumName: 'ReceivedVia' }) receivedVia?: string;
  @ApiPropertyOptional() childWhereabouts?: string;
  @ApiPropertyOptional() childCondition?: string;
  @ApiPropertyOptional() likelyConsequences?: string;
  @ApiPropertyOptional() familySituation?: string;
  @ApiPropertyOptional() actionsTaken?: string;
  @ApiPropertyOptional() notes?: string;
  @ApiPropertyOptional({ enum: INCIDENT_TYPES, enumName: 'IncidentType', isArray: true, description: 'Accidents and injuries (not abuse), when given' })
  injuryTypes?: string[];
  @ApiPropertyOptional({ enum: INCIDENT_OUTCOMES, enumName: 'IncidentOutcome', description: 'Death or serious injury, as answered at intake' }) outcome?: string;
  @ApiPropertyOptional({ enum: ABUSE_ENVIRONMENTS, enumName: 'AbuseEnvironment', description: 'Where the abuse happened, when given' }) environment?: string;
}

export class CaseReporter {
  @ApiProperty() anonymous!: boolean;
  @ApiProperty(nullableString()) name!: string | null;
  @ApiProperty(nullableString()) phone!: string | null;
  @ApiProperty(nullableString()) address!: string | null;
  @ApiProperty(nullableString()) relationToChild!: string | null;
}

/** The case a repeat report repeats. */
export class CaseRepeat {
  @ApiProperty({ format: 'uuid' }) ofCaseId!: string;
  @ApiProperty({ example: 'VS-2026-000123' }) code!: string;
}

/** Another case of the same registry child. */
export class OtherCase {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' }) state!: string;
  @ApiProperty() receivedAt!: Date;
  @ApiProperty(nullableDate()) closedAt!: Date | null;
}

export class CaseAssignee {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
}

export class DecisionSigner {
  @ApiProperty({ ...nullableString(), format: 'uuid' }) id!: string | null;
  @ApiProperty({ description: 'As their name was when they signed' }) name!: string;
  @ApiProperty({
    enum: DECISION_SIGNER_TITLES, enumName: 'SignerTitle',
    description: '`chair` (CHỦ TỊCH), `vice_chair` (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH), `supervisor` (a closure of an unfounded report approved by a supervisor)',
  })
  title!: string;
}

export class DecisionChild {
  @ApiProperty(nullableString()) fullName!: string | null;
  @ApiProperty({ enum: SEXES, enumName: 'Sex' }) sex!: string;
  @ApiProperty(nullableString('YYYY-MM-DD')) dateOfBirth!: string | null;
}

export class DecisionQuoteAuthor {
  @ApiProperty({ ...nullableString(), format: 'uuid' }) id!: string | null;
  @ApiProperty(nullableString()) name!: string | null;
}

/** The case event whose proposal the decision decided on. */
export class DecisionQuote {
  @ApiProperty({ example: 'SUBMIT_PLAN' }) event!: string;
  @ApiProperty({ type: 'integer', description: 'Its seq on the case’s timeline' }) seq!: number;
  @ApiProperty() at!: Date;
  @ApiProperty({ type: () => DecisionQuoteAuthor }) by!: DecisionQuoteAuthor;
}

export class DecisionProposal {
  @ApiProperty({ enum: ['resolved', 'unfounded'], enumName: 'ClosureKind', nullable: true }) kind!: string | null;
  @ApiProperty() reason!: string;
}

/** What was decided, as it was when decided (a snapshot: later changes to the case do not alter it). */
export class DecisionBody {
  @ApiProperty({ type: () => DecisionChild }) child!: DecisionChild;
  @ApiProperty({ type: () => DecisionQuote }) quoted!: DecisionQuote;
  @ApiPropertyOptional({
    type: 'object', additionalProperties: true,
    description: 'plan_approval: the plan approved, as submitted (SUBMIT_PLAN’s data: goals, objectives, actions with their kind, agency type, days, activity, responsible, budget…)',
  })
  plan?: Record<string, unknown>;
  @ApiPropertyOptional({ type: () => DecisionProposal, description: 'closure: the proposal approved' }) proposal?: DecisionProposal;
}

/** A numbered decision of the commune People's Committee about the case (decisions/). */
export class DecisionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: DECISION_KINDS, enumName: 'DecisionKind' }) kind!: string;
  @ApiProperty({ type: 'integer', description: 'Unique in its commune and year, without gaps' }) number!: number;
  @ApiProperty({ type: 'integer', description: 'The year of its date in Vietnam' }) year!: number;
  @ApiProperty({ example: '12/QĐ-UBND' }) display!: string;
  @ApiProperty({ description: 'The commune that decided (leading the case then)' }) communeCode!: string;
  @ApiProperty({ type: 'integer', description: 'The case event that issued it (timeline `seq`)' }) eventSeq!: number;
  @ApiProperty() decidedAt!: Date;
  @ApiProperty(nullableString('YYYY-MM-DD; null: in effect from the day it was signed')) effectiveOn!: string | null;
  @ApiProperty({ type: () => DecisionSigner }) signer!: DecisionSigner;
  @ApiProperty({ type: () => DecisionBody }) body!: DecisionBody;
}

/**
 * A case as its caller may see it (identity/policy `caseProjection`): `full` for the case's social
 * workers, supervisors and chair; `restricted` (no reporter) for auditors and hotline operators;
 * `need_to_know` for partner agencies: no names beyond the child's given name, no reporter, only
 * their own agency's handoffs — the fields marked "full and restricted views" are absent.
 */
export class CaseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'VS-2026-000123' }) code!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' }) state!: string;
  @ApiProperty({ type: 'integer', description: 'Send it back as `expectedVersion`' }) version!: number;
  @ApiProperty() communeCode!: string;
  @ApiProperty() receivedAt!: Date;
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel', nullable: true }) riskLevel!: RiskLevel | null;
  @ApiProperty() immediateDanger!: boolean;
  @ApiProperty({ description: 'A deadline the caller sees is breached' }) overdue!: boolean;
  @ApiProperty({ type: 'integer' }) escalationLevel!: number;
  @ApiProperty({ example: 'abuse-intervention' }) workflow!: string;
  @ApiProperty({ type: 'integer' }) workflowVersion!: number;
  @ApiProperty({ type: [String], description: 'The events this caller may send now' }) allowedEvents!: string[];
  @ApiPropertyOptional({ enum: CHANNELS, enumName: 'Channel', description: 'Full and restricted views' }) channel?: string;
  @ApiPropertyOptional(nullableString('Full and restricted views')) externalRef?: string | null;
  @ApiPropertyOptional(nullableString('How the case closed; full and restricted views')) outcome?: string | null;
  @ApiPropertyOptional({ type: () => CaseAssignee, nullable: true, description: 'Full and restricted views' }) assignee?: CaseAssignee | null;
  @ApiProperty({ type: () => CaseChild }) child!: CaseChild;
  @ApiProperty({ type: () => CaseIncident }) incident!: CaseIncident;
  @ApiPropertyOptional({ type: () => CaseReporter, description: 'Full view only' }) reporter?: CaseReporter;
  @ApiPropertyOptional({ format: 'uuid', description: 'The registry child (GET /children/:id); full and restricted views' }) childId?: string;
  @ApiPropertyOptional({ type: () => CaseRepeat, nullable: true, description: 'A repeat report: the child’s case open, or closed within 12 months, when it was received; full and restricted views' })
  repeat?: CaseRepeat | null;
  @ApiPropertyOptional({ type: () => [OtherCase], description: 'The child’s other cases within the caller’s scope, newest first; full and restricted views' })
  earlierCases?: OtherCase[];
  @ApiProperty({ type: () => [DeadlineView] }) deadlines!: DeadlineView[];
  @ApiProperty({ type: () => [HandoffView] }) handoffs!: HandoffView[];
  @ApiPropertyOptional({ type: () => CaseCommunes, description: 'Full and restricted views' }) communes?: CaseCommunes;
  @ApiPropertyOptional({ type: () => [TransferView], description: 'Its transfers between communes, oldest first; full and restricted views' })
  transfers?: TransferView[];
  @ApiPropertyOptional({ type: () => [CaseSeparationSummary], description: 'Its temporary separations in short, oldest first (GET /separations/:id for the rest); full and restricted views' })
  separations?: CaseSeparationSummary[];
  @ApiPropertyOptional({ type: () => [DecisionView], description: 'The commune’s decisions about it (plan approval, closure…), oldest first; full and restricted views' })
  decisions?: DecisionView[];
  @ApiPropertyOptional({ description: 'Full and restricted views' }) createdAt?: Date;
  @ApiPropertyOptional({ description: 'Full and restricted views' }) updatedAt?: Date;
  @ApiPropertyOptional(nullableDate('Full and restricted views')) closedAt?: Date | null;
  @ApiPropertyOptional({ type: () => CaseLegalHold, nullable: true, description: 'The legal hold keeping it from anonymisation (null: none); full and restricted views' })
  legalHold?: CaseLegalHold | null;
}

/** `POST /intake` and `POST /cases/:id/events`. */
export class CaseResponse {
  @ApiProperty({ type: () => CaseView }) case!: CaseView;
}

/** `POST /intake`: the case, and the registry records that may be the same child (a system client decides). */
export class IntakeResponse extends CaseResponse {
  @ApiProperty({ type: () => [ChildMatch], description: 'Likely registry records of the reported child besides the one linked, best first' })
  candidates!: ChildMatch[];
}

export class TimelineActor {
  @ApiProperty({ ...nullableString('null for the system'), format: 'uuid' }) id!: string | null;
  @ApiProperty({ description: 'A role, or `system`' }) role!: string;
  @ApiProperty(nullableString()) name!: string | null;
}

export class TimelineAgency {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

const TIMELINE_KINDS = [
  'event', 'deadline_started', 'deadline_breached', 'deadline_met', 'deadline_met_late', 'deadline_cancelled', 'handoff_offered',
  'alert_acknowledged',
] as const;

/** An entry of a case's timeline: a case event, a deadline's start, breach or settlement, a handoff offered, an urgent alert acknowledged. */
export class TimelineItem {
  @ApiProperty() at!: Date;
  @ApiProperty({ enum: TIMELINE_KINDS, enumName: 'TimelineKind' }) kind!: (typeof TIMELINE_KINDS)[number];
  @ApiPropertyOptional({ type: 'integer', description: 'event: the case version it produced' }) seq?: number;
  @ApiPropertyOptional({ description: 'event: its type' }) type?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'event: its data' }) data?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'event' }) fromState?: string;
  @ApiPropertyOptional({ description: 'event' }) toState?: string;
  @ApiPropertyOptional({ type: () => TimelineActor, description: 'event; alert_acknowledged: who acknowledged it' }) actor?: TimelineActor;
  @ApiPropertyOptional({ description: 'alert_acknowledged: the notification template of the urgent alert' }) template?: string;
  @ApiPropertyOptional({ description: 'deadline_*: its key' }) deadline?: string;
  @ApiPropertyOptional({ ...nullableString('deadline_* and handoff_offered'), format: 'uuid' }) handoffId?: string | null;
  @ApiPropertyOptional({ description: 'deadline_*' }) titleVi?: string;
  @ApiPropertyOptional({ description: 'deadline_*' }) titleEn?: string;
  @ApiPropertyOptional({ description: 'deadline_*' }) dueAt?: Date;
  @ApiPropertyOptional({ enum: HANDOFF_KINDS, enumName: 'HandoffKind', description: 'handoff_offered' }) handoffKind?: string;
  @ApiPropertyOptional({ type: () => TimelineAgency, description: 'handoff_offered' }) agency?: TimelineAgency;
  @ApiPropertyOptional({ enum: ['urgent', 'normal'], enumName: 'HandoffUrgency', description: 'handoff_offered' }) urgency?: string;
}

export class CaseTimeline {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: () => [TimelineItem], description: 'Oldest first' }) items!: TimelineItem[];
}
