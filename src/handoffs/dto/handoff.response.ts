import { ApiProperty } from '@nestjs/swagger';
import { CASE_STATES } from '../../cases/dto/list-cases.dto';
import { DeadlineView, HANDOFF_ACTIONS, HandoffFields } from '../../cases/dto/case.response';
import { ABUSE_TYPES, SEXES } from '../../../workflows/vocabulary';
import { PageOf } from '../../common/dto/page.response';

export class HandoffChild {
  @ApiProperty({ type: String, nullable: true, description: 'The given name only' }) firstName!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) ageYears!: number | null;
  @ApiProperty({ enum: SEXES, enumName: 'Sex' }) sex!: string;
}

/** The need-to-know view of a handoff's case: no names beyond the child's given name, never the reporter. */
export class HandoffCase {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' }) state!: string;
  @ApiProperty() communeCode!: string;
  @ApiProperty() communeName!: string;
  @ApiProperty({ type: () => HandoffChild }) child!: HandoffChild;
  @ApiProperty({ enum: ABUSE_TYPES, enumName: 'AbuseType', isArray: true }) incidentTypes!: string[];
}

/** A handoff with its case (need-to-know view) and its own deadlines: the inbox's lines and `GET /handoffs/:id`. */
export class HandoffDetail extends HandoffFields {
  @ApiProperty({ enum: HANDOFF_ACTIONS, enumName: 'HandoffAction', isArray: true, description: 'What the caller may do to it now' })
  allowedActions!: Array<(typeof HANDOFF_ACTIONS)[number]>;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ type: () => HandoffCase }) case!: HandoffCase;
  @ApiProperty({ type: () => [DeadlineView] }) deadlines!: DeadlineView[];
}

export class HandoffPage extends PageOf(HandoffDetail) {}

/** A handoff created or acted on. */
export class HandoffResponse {
  @ApiProperty({ type: () => HandoffDetail }) handoff!: HandoffDetail;
}
