import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { HANDOFF_KINDS } from '../../cases/vocabulary';

export class CreateHandoffDto {
  @ApiProperty({ enum: HANDOFF_KINDS }) @IsIn(HANDOFF_KINDS) kind!: string;
  @ApiProperty() @IsUUID() agencyId!: string;
  @ApiProperty() @IsString() @Length(1, 2000) instructions!: string;
  @ApiProperty({ enum: ['urgent', 'normal'] }) @IsIn(['urgent', 'normal']) urgency!: 'urgent' | 'normal';
  @ApiPropertyOptional({ description: 'When the work must be done (default: 1 day urgent, 7 days normal)' })
  @IsOptional() @IsISO8601({ strict: true }) dueAt?: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class OutcomeDto {
  @ApiProperty() @IsString() @Length(1, 10_000) outcome!: string;
}

export const HANDOFF_STATES = ['offered', 'accepted', 'in_progress', 'completed', 'declined', 'cancelled'] as const;

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: [...HANDOFF_STATES, 'open'] }) @IsOptional() @IsIn([...HANDOFF_STATES, 'open']) status?: string;
}
