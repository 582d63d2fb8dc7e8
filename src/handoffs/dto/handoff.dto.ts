import { IsInstant } from '../../common/dto/is-instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { HANDOFF_WORKFLOW, statesOf } from '../../../workflows';
import { PageQuery } from '../../common/pagination';
import { HANDOFF_KINDS } from '../../../workflows/vocabulary';

export class CreateHandoffDto {
  @ApiProperty({ enum: HANDOFF_KINDS }) @IsIn(HANDOFF_KINDS) kind!: string;
  @ApiProperty() @IsUUID() agencyId!: string;
  @ApiProperty() @IsString() @Length(1, 2000) instructions!: string;
  @ApiProperty({ enum: ['urgent', 'normal'] }) @IsIn(['urgent', 'normal']) urgency!: 'urgent' | 'normal';
  @ApiPropertyOptional({ description: 'When the work must be done (default: 1 day urgent, 7 days normal)' })
  @IsOptional() @IsInstant() dueAt?: string;
}

/** Every state of every handoff workflow version, from the machines. */
export const HANDOFF_STATES = statesOf('handoff', HANDOFF_WORKFLOW);

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: [...HANDOFF_STATES, 'open', 'all'], description: '`open`: not yet finished; `all` (or none): every state' }) @IsOptional() @IsIn([...HANDOFF_STATES, 'open', 'all']) status?: string;
}
