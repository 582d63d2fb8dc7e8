import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min,
  ValidateNested,
} from 'class-validator';
import { RISK_LEVELS } from '../../../workflows/abuse-intervention/v1/machine';
import { CASE_EVENT_ROLES } from '../../identity/policy';
import { HANDOFF_KINDS, PARTNER_AGENCY_TYPES } from '../vocabulary';

export const CLIENT_EVENTS = Object.keys(CASE_EVENT_ROLES);

export class CaseEventDto {
  @ApiProperty({ enum: CLIENT_EVENTS }) @IsIn(CLIENT_EVENTS) type!: string;
  @ApiPropertyOptional({ description: 'The event’s fields (see the workflow definition)' }) @IsOptional() @IsObject() data?: Record<string, unknown>;
  @ApiProperty({ description: 'The case version you last saw (409 if it changed)' }) @IsInt() @Min(1) expectedVersion!: number;
}


class AssignData { @IsUUID() assigneeId!: string; }
class EmptyData {}
class InitialAssessmentData {
  @IsIn(RISK_LEVELS) riskLevel!: string;
  @IsBoolean() substantiated!: boolean;
  @IsString() @Length(1, 10_000) summary!: string;
}
class EmergencyData {
  @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 500, { each: true }) measures!: string[];
}
class AssessmentData {
  @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 500, { each: true }) needs!: string[];
  @IsString() @Length(1, 10_000) summary!: string;
}
export class PlanActionData {
  @IsIn(HANDOFF_KINDS) kind!: string;
  @IsIn(PARTNER_AGENCY_TYPES) agencyType!: string;
  @IsInt() @Min(1) @Max(365) dueInDays!: number;
  @IsOptional() @IsString() @Length(1, 2000) instructions?: string;
}
class PlanData {
  @IsString() @Length(1, 10_000) goals!: string;
  @IsDefined() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => PlanActionData) actions!: PlanActionData[];
}
class ReasonData { @IsString() @Length(1, 2000) reason!: string; }
class ReviewData {
  @IsString() @Length(1, 10_000) summary!: string;
  @IsBoolean() childSafe!: boolean;
}
class DuplicateData { @IsUUID() ofCaseId!: string; }
class NoteData {
  @IsString() @Length(1, 10_000) text!: string;
  @IsOptional() @IsIn(['note', 'supervision']) kind?: 'note' | 'supervision';
}

/** The data class of each client event: `data` is validated against it (unknown fields refused). */
export const EVENT_DATA: Record<string, new () => object> = {
  ASSIGN: AssignData,
  START_VERIFICATION: EmptyData,
  RECORD_INITIAL_ASSESSMENT: InitialAssessmentData,
  APPLY_EMERGENCY_MEASURES: EmergencyData,
  RECORD_ASSESSMENT: AssessmentData,
  SUBMIT_PLAN: PlanData,
  APPROVE_PLAN: EmptyData,
  REJECT_PLAN: ReasonData,
  RECORD_REVIEW: ReviewData,
  PROPOSE_CLOSURE: ReasonData,
  APPROVE_CLOSURE: EmptyData,
  REJECT_CLOSURE: ReasonData,
  CLOSE_UNFOUNDED: ReasonData,
  MARK_DUPLICATE: DuplicateData,
  REOPEN: ReasonData,
  ADD_NOTE: NoteData,
};
