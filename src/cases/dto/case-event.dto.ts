import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, Min } from 'class-validator';
import { listWorkflows } from '../../../workflows';

/** Every client event of every case workflow version; `data` is checked against the case's own version. */
export const CLIENT_EVENTS = [...new Set(listWorkflows().filter((d) => d.subject === 'case').flatMap((d) => Object.keys(d.events)))];

export class CaseEventDto {
  @ApiProperty({ enum: CLIENT_EVENTS }) @IsIn(CLIENT_EVENTS) type!: string;
  @ApiPropertyOptional({ description: 'The event’s fields (see the workflow definition’s `events`)' }) @IsOptional() @IsObject() data?: Record<string, unknown>;
  @ApiProperty({ description: 'The case version you last saw (409 if it changed)' }) @IsInt() @Min(1) expectedVersion!: number;
}
