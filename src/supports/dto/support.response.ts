import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/dto/page.response';
import { SPECIAL_CIRCUMSTANCES, SUPPORT_SERVICE_KINDS, SUPPORT_STATUSES } from '../../../workflows/vocabulary';
import { SUPPORT_EVENTS } from './support.dto';

const nullableText = (description?: string) => ({ type: String, nullable: true, ...(description ? { description } : {}) });

export class SupportChild {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(nullableText()) fullName!: string | null;
  @ApiProperty({ enum: ['female', 'male', 'unknown'] }) sex!: string;
  @ApiProperty(nullableText('YYYY-MM-DD')) dateOfBirth!: string | null;
}

export class SupportServiceView {
  @ApiProperty({ type: 'integer', description: 'The service’s number (END_SERVICE names it)' }) seq!: number;
  @ApiProperty({ enum: SUPPORT_SERVICE_KINDS, enumName: 'SupportServiceKind' }) kind!: string;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: 'YYYY-MM-DD' }) grantedOn!: string;
  @ApiProperty(nullableText('YYYY-MM-DD')) endedOn!: string | null;
  @ApiProperty(nullableText()) endReason!: string | null;
}

export class SupportAssessmentView {
  @ApiProperty() needs!: string;
  @ApiProperty(nullableText()) circumstances!: string | null;
  @ApiProperty() assessedOn!: string;
}

export class SupportReviewView {
  @ApiProperty() reviewedOn!: string;
  @ApiProperty() findings!: string;
}

export class SupportExitView {
  @ApiProperty() reason!: string;
  @ApiProperty(nullableText()) note!: string | null;
  @ApiProperty() exitedOn!: string;
}

export class SupportDeadline {
  @ApiProperty({ enum: ['support_assessment', 'support_plan', 'support_review'] }) key!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['pending', 'breached'] }) status!: string;
  @ApiProperty({ type: 'integer' }) escalationLevel!: number;
}

export class SupportTimelineEvent {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty(nullableText()) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty(nullableText()) actorName!: string | null;
  @ApiProperty() actorRole!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
}

/** A child's entry on the register, as the commune's staff see it. */
export class SupportView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The code notifications name' }) code!: string;
  @ApiProperty({ type: () => SupportChild }) child!: SupportChild;
  @ApiProperty() communeCode!: string;
  @ApiProperty() communeName!: string;
  @ApiProperty({ enum: SUPPORT_STATUSES, enumName: 'SupportStatus' }) status!: string;
  @ApiProperty({ enum: SPECIAL_CIRCUMSTANCES, enumName: 'SpecialCircumstance', isArray: true }) groups!: string[];
  @ApiProperty(nullableText()) note!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() workflow!: string;
  @ApiProperty({ type: 'integer' }) workflowVersion!: number;
  @ApiProperty({ description: 'A deadline is breached and not yet met' }) overdue!: boolean;
  @ApiProperty({ type: () => SupportAssessmentView, nullable: true }) assessment!: SupportAssessmentView | null;
  @ApiProperty(nullableText('The plan’s goals and measures')) planGoals!: string | null;
  @ApiProperty({ type: () => [SupportServiceView] }) services!: SupportServiceView[];
  @ApiProperty({ type: () => [SupportReviewView] }) reviews!: SupportReviewView[];
  @ApiProperty({ type: () => SupportExitView, nullable: true }) exit!: SupportExitView | null;
  @ApiProperty(nullableText()) registeredByName!: string | null;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: () => [SupportDeadline], description: 'Deadlines still open' }) deadlines!: SupportDeadline[];
  @ApiProperty({ enum: SUPPORT_EVENTS, isArray: true, description: 'The events you may send now' }) allowedActions!: string[];
}

export class SupportDetail extends SupportView {
  @ApiProperty({ type: () => [SupportTimelineEvent] }) timeline!: SupportTimelineEvent[];
}

export class SupportPage extends PageOf(SupportView) {}

export class SupportResponse {
  @ApiProperty({ type: () => SupportDetail }) support!: SupportDetail;
}

export class SupportCommuneCounts {
  @ApiProperty() communeCode!: string;
  @ApiProperty() communeName!: string;
  @ApiProperty({ type: 'integer', description: 'Children on the register (not exited)' }) registered!: number;
  @ApiProperty({ type: 'integer', description: 'Of those, children a support plan grants services' }) supported!: number;
}

export class SupportSummary {
  @ApiProperty({ type: () => [SupportCommuneCounts] }) items!: SupportCommuneCounts[];
  @ApiProperty({ type: 'integer' }) registered!: number;
  @ApiProperty({ type: 'integer' }) supported!: number;
}
