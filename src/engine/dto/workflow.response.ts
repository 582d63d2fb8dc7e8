import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import type { EventContract, FieldKind } from '../../../workflows/contract';
import type { Audience, DeadlineAnchor } from '../../../workflows/types';
import { ListOf } from '../../common/dto/page.response';

const AUDIENCES = [
  'assignee', 'commune_workers', 'supervisors', 'chair', 'receiving_agency', 'receiving_agency_head',
] as const satisfies readonly Audience[];
const ANCHORS = ['receipt', 'transition'] as const satisfies readonly DeadlineAnchor[];

export class WorkflowSummary {
  @ApiProperty() name!: string;
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

const FIELD_KINDS = ['text', 'lines', 'boolean', 'integer', 'date', 'choice', 'assignee', 'caseRef', 'records'] as const satisfies readonly FieldKind[];

/** A heading of an official form (NĐ 56/2017 Phụ lục) that fields are grouped under. */
export class FieldSectionView {
  @ApiProperty() vi!: string;
  @ApiProperty() en!: string;
}

/** One field of an event's data (workflows/contract.ts `FieldSpec`): which properties apply depends on `kind`. */
export class EventFieldView {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: FIELD_KINDS, enumName: 'FieldKind' }) kind!: FieldKind;
  @ApiProperty() labelVi!: string;
  @ApiProperty() labelEn!: string;
  @ApiPropertyOptional() hintVi?: string;
  @ApiPropertyOptional() hintEn?: string;
  @ApiPropertyOptional({ description: 'Absent: required' }) optional?: boolean;
  @ApiPropertyOptional({ type: 'integer', description: 'text, lines: characters at most' }) maxLength?: number;
  @ApiPropertyOptional({ description: 'text: free text over several lines' }) multiline?: boolean;
  @ApiPropertyOptional({ type: 'integer', description: 'lines, records' }) maxItems?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'lines' }) minItems?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'integer' }) min?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'integer' }) max?: number;
  @ApiPropertyOptional({ type: [String], description: 'choice: the values' }) options?: string[];
  @ApiPropertyOptional({ description: 'choice: the vocabulary its values belong to (for their names)' }) vocabulary?: string;
  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } },
    description: 'choice: values only these roles may pick',
  }) optionRoles?: Record<string, string[]>;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'integer' }], description: 'choice, integer: the value offered first' }) default?: string | number;
  @ApiPropertyOptional({ type: () => [EventFieldView], description: 'records: the fields of each record' }) fields?: EventFieldView[];
  @ApiPropertyOptional({ description: 'records: the sub-field naming an agency type that must serve the case’s commune' }) agencyTypeField?: string;
  @ApiPropertyOptional({
    type: 'object', additionalProperties: { type: 'string' },
    description: 'records: the agency type each kind of work goes to by default (workflow version’s own mapping)',
  }) agencyDefaults?: Record<string, string>;
  @ApiPropertyOptional({ type: [String], description: 'records: the kinds of work that must go to their default agency type' }) agencyFixed?: string[];
  @ApiPropertyOptional({ type: () => FieldSectionView, description: 'The official form’s section this field is grouped under' }) section?: FieldSectionView;
}

/** A client event's contract (workflows/contract.ts `EventContract`). */
export class EventContractView {
  @ApiProperty({ type: [String], description: 'Roles that may send it' }) roles!: string[];
  @ApiProperty() labelVi!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ type: () => [EventFieldView] }) fields!: EventFieldView[];
  @ApiPropertyOptional({ description: 'It decides something: the console shows what is decided and asks to confirm' }) decision?: boolean;
  @ApiPropertyOptional({ enum: ['receiving_agency', 'receiving_commune', 'lead_commune'], description: 'Only members of the receiving agency may send it' }) membership?: EventContract['membership'];
}

/** A workflow version: its states, transitions, deadline table, event contracts and a Mermaid state diagram. */
@ApiExtraModels(EventContractView)
export class WorkflowDetail extends WorkflowSummary {
  @ApiProperty() initial!: string;
  @ApiProperty({ type: [String] }) states!: string[];
  @ApiProperty({ type: () => [WorkflowTransition] }) transitions!: WorkflowTransition[];
  @ApiProperty({ type: [String], description: 'Events only the engine sends' }) systemEvents!: string[];
  @ApiProperty({ type: () => [WorkflowDeadline] }) deadlines!: WorkflowDeadline[];
  @ApiProperty({ description: 'A Mermaid `stateDiagram-v2`' }) mermaid!: string;
  @ApiProperty({
    type: 'object', additionalProperties: { $ref: getSchemaPath(EventContractView) },
    description: 'Each client event’s contract, by event type: the one source of the console’s forms',
  }) events!: Record<string, EventContractView>;
}
