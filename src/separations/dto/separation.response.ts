import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../common/dto/page.response';
import { eventsOf, SEPARATION_WORKFLOW, statesOf } from '../../../workflows';
import { PLACEMENT_KINDS, SEPARATED_FROM } from '../../../workflows/vocabulary';

export class SeparationPlacementView {
  @ApiProperty({ enum: PLACEMENT_KINDS, enumName: 'PlacementKind' }) kind!: string;
  @ApiProperty() carerName!: string;
  @ApiProperty() address!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) relation!: string | null;
}

export class SeparationConsentView {
  @ApiProperty({ type: Boolean, nullable: true, description: 'null: the child is under 7, no consent asked' }) given!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) method!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class SeparationVisitView {
  @ApiProperty({ example: '2026-12-03' }) visitedOn!: string;
  @ApiProperty() observations!: string;
  @ApiProperty() childCondition!: string;
  @ApiProperty() carerCare!: string;
  @ApiProperty({ format: 'uuid' }) byId!: string;
}

export class SeparationDeadlineView {
  @ApiProperty({ example: 'monitoring_visit' }) key!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty() dueAt!: Date;
  @ApiProperty({ enum: ['pending', 'met', 'met_late', 'breached', 'cancelled'] }) status!: string;
  @ApiProperty() legalBasis!: string;
}

/** A temporary separation of the child (workflow `temporary-separation`): the proposal, the decision's dates, the visits. */
export class SeparationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'VS-2026-000123' }) caseCode!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The child’s full name as the case records it' }) childName!: string | null;
  @ApiProperty({ enum: statesOf('handoff', SEPARATION_WORKFLOW), enumName: 'SeparationState' }) state!: string;
  @ApiProperty({ type: 'integer', description: 'Send it back as `expectedVersion`' }) version!: number;
  @ApiProperty({ example: 'temporary-separation' }) workflow!: string;
  @ApiProperty({ type: 'integer' }) workflowVersion!: number;
  @ApiProperty({ enum: SEPARATED_FROM, enumName: 'SeparatedFrom' }) separatedFrom!: string;
  @ApiProperty({ type: String, nullable: true }) separatedFromName!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: () => SeparationPlacementView }) placement!: SeparationPlacementView;
  @ApiProperty({ type: () => SeparationConsentView }) consent!: SeparationConsentView;
  @ApiProperty({ type: 'integer' }) plannedDays!: number;
  @ApiProperty({ format: 'uuid', type: String, nullable: true }) proposedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) proposedByName!: string | null;
  @ApiProperty() proposedAt!: Date;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Minutes the proposal has waited for the chair (proposed only)' })
  waitingMinutes!: number | null;
  @ApiProperty({ description: 'When the chair must decide (12 hours)' }) decisionDueAt!: Date;
  @ApiProperty({ description: 'A deadline of the separation is breached' }) overdue!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-01' }) startOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-15', description: 'The last day (included)' }) endOn!: string | null;
  @ApiProperty({ type: Date, nullable: true }) endsAt!: Date | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Whole days left until it ends (in effect only)' }) daysLeft!: number | null;
  @ApiProperty({ type: Date, nullable: true }) nextVisitAt!: Date | null;
  @ApiProperty({ type: () => [SeparationVisitView] }) visits!: SeparationVisitView[];
  @ApiProperty({ type: 'integer' }) extensions!: number;
  @ApiProperty({ enum: ['expired', 'revoked', 'rejected', 'cancelled'], nullable: true, type: String }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcomeReason!: string | null;
  @ApiProperty({ type: () => [SeparationDeadlineView] }) deadlines!: SeparationDeadlineView[];
  @ApiProperty({ enum: eventsOf(SEPARATION_WORKFLOW), enumName: 'SeparationAction', isArray: true, description: 'What the caller may do to it now' })
  allowedActions!: string[];
}

export class SeparationResponse {
  @ApiProperty({ type: () => SeparationView }) separation!: SeparationView;
}

export class SeparationList {
  @ApiProperty({ type: () => [SeparationView] }) items!: SeparationView[];
}

export class SeparationPage extends PageOf(SeparationView) {}
