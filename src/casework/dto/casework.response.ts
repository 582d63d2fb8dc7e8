import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ListOf } from '../../common/dto/page.response';
import { CASE_STATES } from '../../cases/dto/list-cases.dto';
import { FLAG_REASONS, ROLES, SUPPORT_STATUSES } from '../../../workflows/vocabulary';

export class StageCount {
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' }) state!: string;
  @ApiProperty({ type: 'integer' }) count!: number;
}

/** Open cases of one assignee (or of nobody), the figures the caseload shows. */
export class CaseloadCounts {
  @ApiProperty({ type: 'integer', description: 'Open cases' }) open!: number;
  @ApiProperty({ type: [StageCount], description: 'Open cases per stage, in the workflow’s order' }) byStage!: StageCount[];
  @ApiProperty({ type: 'integer', description: 'Escalated for a missed deadline (the case list’s overdue=true)' }) overdue!: number;
  @ApiProperty({ type: 'integer', description: 'With a case deadline pending before the end of this week (Sunday, Vietnam time)' }) dueThisWeek!: number;
  @ApiProperty({ type: 'integer', description: 'Assessed high risk or immediate danger, or reported in immediate danger' }) highRisk!: number;
}

export class WorkerCaseload extends CaseloadCounts {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' }) role!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty({ description: 'false: the account is disabled (its cases need another worker)' }) active!: boolean;
}

export class Caseload {
  @ApiProperty({ type: String, nullable: true, description: 'The commune asked for, or null for every commune in scope' }) communeCode!: string | null;
  @ApiProperty() asOf!: Date;
  @ApiProperty({ format: 'date', description: 'The last day of this week (Sunday, Vietnam time)' }) weekEnds!: string;
  @ApiProperty({ type: [WorkerCaseload], description: 'The social workers of the communes (those without cases too), and anyone else holding open cases' })
  workers!: WorkerCaseload[];
  @ApiProperty({ type: CaseloadCounts, description: 'Open cases nobody is assigned' }) unassigned!: CaseloadCounts;
}

export class OwedBy {
  @ApiProperty({ enum: ['worker', 'chair'] }) type!: 'worker' | 'chair';
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export const AGENDA_WHEN = ['overdue', 'today', 'this_week'] as const;

export class AgendaItem {
  @ApiProperty({ format: 'uuid' }) deadlineId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' }) stage!: string;
  @ApiProperty({ description: 'The deadline’s key: the step it settles' }) deadline!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: AGENDA_WHEN, description: 'overdue: due before now; today: later today; this_week: before the end of Sunday (Vietnam time)' })
  when!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until due (negative: late by that much)' }) secondsLeft!: number;
  @ApiProperty({ type: 'integer', description: 'Working days left after today until the day it is due (holidays counted out); 0 when due today or late' })
  workingDaysLeft!: number;
  @ApiProperty({ type: OwedBy, description: 'Who owes the step: the case’s worker (null id: nobody is assigned), or the chair for a decision' }) owedBy!: OwedBy;
}

export class SupportAgendaOwner {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class SupportAgendaItem {
  @ApiProperty({ format: 'uuid' }) deadlineId!: string;
  @ApiProperty({ format: 'uuid', description: 'The entry of the special-circumstances register (GET /supports/:id)' }) supportId!: string;
  @ApiProperty({ example: 'HCĐB-1a2b3c4d' }) supportCode!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty({ enum: SUPPORT_STATUSES, enumName: 'SupportStatus' }) status!: string;
  @ApiProperty({ description: 'The deadline’s key: support_assessment, support_plan or support_review' }) deadline!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: AGENDA_WHEN }) when!: string;
  @ApiProperty({ type: 'integer', description: 'Seconds until due (negative: late by that much)' }) secondsLeft!: number;
  @ApiProperty({ type: 'integer', description: 'Working days left after today until the day it is due; 0 when due today or late' }) workingDaysLeft!: number;
  @ApiProperty({ type: SupportAgendaOwner, description: 'Who owes the step: the worker who registered the child' }) owedBy!: SupportAgendaOwner;
}

export class Agenda {
  @ApiProperty({ enum: ['mine', 'commune'] }) scope!: string;
  @ApiProperty({ format: 'date', description: 'Today (Vietnam time)' }) today!: string;
  @ApiProperty({ format: 'date', description: 'The last day of this week (Sunday)' }) weekEnds!: string;
  @ApiProperty({ type: [AgendaItem], description: 'Overdue first, then by due time (at most 500)' }) items!: AgendaItem[];
  @ApiProperty({
    type: [SupportAgendaItem],
    description: 'The special-circumstances supports’ deadlines of the caller’s commune, by due time (at most 500); `mine`: the entries the caller registered (none for the chair)',
  })
  supports!: SupportAgendaItem[];
}

export class ReassignResult {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: 'integer', description: '200 reassigned; otherwise the status this case alone would have had (400, 403, 404, 409)' }) status!: number;
  @ApiPropertyOptional({ description: 'The case code (when reassigned)' }) code?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Its new version (when reassigned)' }) version?: number;
  @ApiPropertyOptional({ description: 'Why not (Vietnamese / English)' }) message?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Field errors or the versions in conflict' }) details?: Record<string, unknown>;
}

export class BulkReassignResult {
  @ApiProperty({ format: 'uuid' }) assigneeId!: string;
  @ApiProperty({ type: 'integer' }) reassigned!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: [ReassignResult], description: 'One per case asked, in the order asked' }) results!: ReassignResult[];
}

export class PersonRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class CaseFlag {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: FLAG_REASONS, enumName: 'FlagReason' }) reason!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: PersonRef }) flaggedBy!: PersonRef;
  @ApiProperty() flaggedAt!: Date;
  @ApiProperty({ description: 'Still open (not cleared)' }) open!: boolean;
  @ApiProperty({ type: PersonRef, nullable: true }) clearedBy!: PersonRef | null;
  @ApiProperty({ type: Date, nullable: true }) clearedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) clearNote!: string | null;
}

export class CaseFlagList extends ListOf(CaseFlag) {}

export class CaseFlagResponse {
  @ApiProperty({ type: CaseFlag }) flag!: CaseFlag;
}
