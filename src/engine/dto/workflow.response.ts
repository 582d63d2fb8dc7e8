import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Audience, DeadlineAnchor } from '../../../workflows/types';
import { ListOf } from '../../common/dto/page.response';

const AUDIENCES = [
  'assignee', 'commune_workers', 'supervisors', 'chair', 'receiving_agency', 'receiving_agency_head',
] as const satisfies readonly Audience[];
const ANCHORS = ['receipt', 'transition'] as const satisfies readonly DeadlineAnchor[];

export class WorkflowSummary {
  @ApiProperty({ example: 'abuse-intervention' }) name!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
}

export class WorkflowList extends ListOf(WorkflowSummary) {}

export class WorkflowTransition {
  @ApiProperty({ description: 'A state, or `*` for a transition accepted in every state' }) from!: string;
  @ApiProperty() event!: string;
  @ApiProperty({ description: 'A state, or `*` (stays where it is)' }) to!: string;
  @ApiProperty({ type: String, nullable: true }) guard!: string | null;
}

/** How long a deadline runs: exactly one of the three is present. */
export class DeadlineRuleView {
  @ApiPropertyOptional({ type: 'integer' }) hours?: number;
  @ApiPropertyOptional({ type: 'integer' }) calendarDays?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'Business calendar: weekends and public holidays skipped' }) workingDays?: number;
}

export class EscalationStepView {
  @ApiProperty({ type: 'integer', description: '1 = first breach notice, 2 = next level up, …' }) level!: number;
  @ApiProperty({ type: Number, description: 'Hours after the breach' }) afterHours!: number;
  @ApiProperty({ enum: AUDIENCES, isArray: true }) audience!: Audience[];
}

export class WorkflowDeadline {
  @ApiProperty() key!: string;
  @ApiProperty({ type: () => DeadlineRuleView }) rule!: DeadlineRuleView;
  @ApiProperty({ enum: ANCHORS, description: 'Counted from the report’s receipt or from the transition that schedules it' })
  anchor!: DeadlineAnchor;
  @ApiProperty() legalBasis!: string;
  @ApiProperty() titleVi!: string;
  @ApiProperty() titleEn!: string;
  @ApiProperty({ type: () => [EscalationStepView] }) escalation!: EscalationStepView[];
}

/** A workflow version: its states, transitions, deadline table and a Mermaid state diagram. */
export class WorkflowDetail extends WorkflowSummary {
  @ApiProperty() initial!: string;
  @ApiProperty({ type: [String] }) states!: string[];
  @ApiProperty({ type: () => [WorkflowTransition] }) transitions!: WorkflowTransition[];
  @ApiProperty({ type: [String], description: 'Events only the engine sends' }) systemEvents!: string[];
  @ApiProperty({ type: () => [WorkflowDeadline] }) deadlines!: WorkflowDeadline[];
  @ApiProperty({ description: 'A Mermaid `stateDiagram-v2`' }) mermaid!: string;
}
